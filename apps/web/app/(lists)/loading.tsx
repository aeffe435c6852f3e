import { PageSkeleton } from "@/components/page-skeleton";

/**
 * The lists' skeleton while they load. Only list pages sit in this route group: a loading boundary
 * starts the response (status 200) before the page runs, so a page that answers notFound() (a
 * credential, flow or component by id or key) must have none above it to answer 404.
 */
export default function Loading() {
  return <PageSkeleton shape="tiles" />;
}
