import Link from "next/link";

import { hrefWith } from "@/lib/paging";

interface PagerProps {
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** The page's search parameters, kept in the links. */
  search: Record<string, string | string[] | undefined>;
  /** Names the list when a page has several (`?<prefix>after=`). */
  prefix?: string;
  /** What the list is, for screen readers (e.g. "Flows"). */
  label: string;
}

/** "Previous" and "Next" links through a connection, by its cursors; nothing when everything fits on one page. */
export function Pager({ pageInfo, search, prefix = "", label }: PagerProps) {
  const { hasNextPage, hasPreviousPage, startCursor, endCursor } = pageInfo;
  if (!hasNextPage && !hasPreviousPage) return null;
  const after = `${prefix}after`;
  const before = `${prefix}before`;
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      {hasPreviousPage && startCursor ? (
        <Link className="button button--secondary" rel="prev" href={hrefWith(search, { [after]: null, [before]: startCursor })}>
          Previous
        </Link>
      ) : null}
      {hasNextPage && endCursor ? (
        <Link className="button button--secondary" rel="next" href={hrefWith(search, { [before]: null, [after]: endCursor })}>
          Next
        </Link>
      ) : null}
    </nav>
  );
}
