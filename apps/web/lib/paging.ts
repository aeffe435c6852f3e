/**
 * Paging through the API's connections from a page's URL: `?after=<cursor>` shows the page after
 * an item, `?before=<cursor>` the page before one (cursors are the API's, opaque). A list that
 * shares its page with another uses a prefix (`?invitations-after=`). Other parameters (search,
 * filters) are kept in the links.
 */
export const PAGE_SIZE = 50;

export interface PageVariables {
  first: number | null;
  after: string | null;
  last: number | null;
  before: string | null;
}

type Search = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined): string | null => (typeof value === "string" && value !== "" ? value : null);

/** The connection arguments a page's URL asks for (the first page without a cursor). */
export function pageVariables(search: Search, prefix = "", size = PAGE_SIZE): PageVariables {
  const before = one(search[`${prefix}before`]);
  if (before) return { first: null, after: null, last: size, before };
  return { first: size, after: one(search[`${prefix}after`]), last: null, before: null };
}

/** A link to the same page with `changes` applied (null removes a parameter), every other parameter kept. */
export function hrefWith(search: Search, changes: Record<string, string | null>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(search)) {
    if (name in changes) continue;
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(name, v);
  }
  for (const [name, value] of Object.entries(changes)) if (value !== null) params.set(name, value);
  const query = params.toString();
  return query ? `?${query}` : "?";
}
