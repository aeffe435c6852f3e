import { PageSkeleton } from "@/components/page-skeleton";

/** The settings lists while they load (a component's settings page has none: see app/(lists)/loading.tsx). */
export default function Loading() {
  return <PageSkeleton shape="rows" />;
}
