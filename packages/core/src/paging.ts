import { asc, desc, sql, type AnyPgColumn, type SQL } from "@latchkey/db";
import { invalidInput, type InvalidInput } from "./results";
import { isId } from "./validation";

/**
 * Keyset (cursor) paging for every list of the API: `first`/`after` pages forward, `last`/`before`
 * backward. A list is ordered by sort keys whose last one is unique (an id), so a cursor — the
 * keys of one item, opaque to callers — names one position that stays valid when rows are
 * inserted or deleted. A page is one `WHERE (keys) > (cursor) ORDER BY keys LIMIT n + 1` (an index
 * on the keys seeks straight to the cursor), plus one `LIMIT 1` look on the other side of the
 * cursor for the other PageInfo flag, plus the list's count.
 */

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** One page of a list: the items in list order, each item's cursor, and where the page sits. */
export interface Page<T> {
  items: T[];
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Over all pages; null when the list does not count (the audit log). */
  totalCount: number | null;
}

/** A sort key: a column (or expression) and the SQL type its cursor value is read back as. */
export interface SortKey {
  column: AnyPgColumn | SQL;
  type: "text" | "uuid" | "timestamptz" | "integer" | "bigint";
}

export interface KeysetList<Row> {
  /** Names the list inside its cursors, so a cursor of another list is refused. */
  kind: string;
  /** The sort keys, the last one unique; all ascending, or all descending with `descending`. */
  keys: SortKey[];
  descending?: boolean;
  /**
   * Reads rows: the list's own conditions AND `where`, in `orderBy`, at most `limit`, with the
   * `cursorKeys` columns selected too (spread them into the select).
   */
  fetch: (q: { where: SQL | undefined; orderBy: SQL[]; limit: number; cursorKeys: Record<string, SQL<string>> }) => Promise<Row[]>;
  /** How many items the whole list has; left out for lists that are not counted. */
  count?: () => Promise<number>;
}

type WithKeys = Record<string, unknown>;

const VALID_VALUE: Record<SortKey["type"], (v: string) => boolean> = {
  text: () => true,
  uuid: isId,
  timestamptz: (v) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d(:\d\d){0,2}$/.test(v),
  integer: (v) => /^-?\d{1,9}$/.test(v),
  bigint: (v) => /^-?\d{1,15}$/.test(v),
};

interface ParsedArgs {
  size: number;
  backward: boolean;
  cursor: string[] | null;
}

/** Checks the paging arguments: page size 1 to 200 (default 50), one direction, a cursor of this list. */
export function parsePageArgs(args: PageArgs, list: Pick<KeysetList<unknown>, "kind" | "keys">): ParsedArgs | InvalidInput {
  const backward = args.last != null || args.before != null;
  if (backward && (args.first != null || args.after != null)) {
    return invalidInput([{ field: "last", message: "Page forward (first, after) or backward (last, before), not both." }]);
  }
  const sizeField = backward ? "last" : "first";
  const size = (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    return invalidInput([{ field: sizeField, message: `Must be between 1 and ${MAX_PAGE_SIZE}.` }]);
  }
  const cursorField = backward ? "before" : "after";
  const raw = backward ? args.before : args.after;
  if (raw == null) return { size, backward, cursor: null };
  const cursor = decodeCursor(raw, list);
  if (!cursor) return invalidInput([{ field: cursorField, message: "Not a cursor of this list returned by this API." }]);
  return { size, backward, cursor };
}

/** Reads one page of a list (see the module comment). Bad arguments are InvalidInput. */
export async function keysetPage<Row extends WithKeys>(args: PageArgs, list: KeysetList<Row>): Promise<Page<Row> | InvalidInput> {
  const parsed = parsePageArgs(args, list);
  if ("__typename" in parsed) return parsed;
  const { size, backward, cursor } = parsed;
  const cursorKeys = Object.fromEntries(list.keys.map((k, i) => [`_pageKey${i}`, sql<string>`(${k.column})::text`]));
  // Reading backward reverses the list's order; "ahead" is the direction the page is read in.
  const ascending = list.descending ? backward : !backward;
  const columns = sql.join(
    list.keys.map((k) => sql`${k.column}`),
    sql`, `,
  );
  const compare = (op: ">" | "<" | ">=" | "<=", values: string[]) =>
    sql`(${columns}) ${sql.raw(op)} (${sql.join(
      values.map((v, i) => sql`${v}::${sql.raw(list.keys[i]!.type)}`),
      sql`, `,
    )})`;
  const orderBy = list.keys.map((k) => (ascending ? asc(k.column as AnyPgColumn) : desc(k.column as AnyPgColumn)));
  const [rows, behind, total] = await Promise.all([
    list.fetch({ where: cursor ? compare(ascending ? ">" : "<", cursor) : undefined, orderBy, limit: size + 1, cursorKeys }),
    // Whether anything lies on the other side of the cursor (the cursor's own item included).
    cursor ? list.fetch({ where: compare(ascending ? "<=" : ">=", cursor), orderBy, limit: 1, cursorKeys }) : Promise.resolve([]),
    list.count ? list.count() : Promise.resolve(null),
  ]);
  const more = rows.length > size;
  const page = rows.slice(0, size);
  if (backward) page.reverse();
  return {
    items: page,
    cursors: page.map((row) => encodeCursor(list.kind, list.keys.map((_, i) => String(row[`_pageKey${i}`])))),
    hasNextPage: backward ? behind.length > 0 : more,
    hasPreviousPage: backward ? more : behind.length > 0,
    totalCount: total,
  };
}

/** The GraphQL connection of a page: edges, complete PageInfo, totalCount. */
export function toConnection<Row, Node = Row>(page: Page<Row>, node: (row: Row) => Node = (row) => row as unknown as Node) {
  return {
    edges: page.items.map((row, i) => ({ node: node(row), cursor: page.cursors[i]! })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.cursors[0] ?? null,
      endCursor: page.cursors.at(-1) ?? null,
    },
    totalCount: page.totalCount ?? 0,
  };
}

/** The `n` of a `select({ n: count() })`, as a number. */
/** A page (or the InvalidInput of its arguments) with each row turned into its record. */
export function mapPage<Row, T>(page: Page<Row> | InvalidInput, record: (row: Row) => T): Page<T> | InvalidInput {
  return "__typename" in page ? page : { ...page, items: page.items.map(record) };
}

export async function countOf(query: PromiseLike<{ n: number }[]>): Promise<number> {
  const [row] = await query;
  return Number(row?.n ?? 0);
}

export function encodeCursor(kind: string, values: string[]): string {
  return Buffer.from(JSON.stringify([kind, ...values])).toString("base64url");
}

function decodeCursor(cursor: string, list: Pick<KeysetList<unknown>, "kind" | "keys">): string[] | undefined {
  if (cursor.length > 2048) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== list.keys.length + 1 || value[0] !== list.kind) return undefined;
    const keys = value.slice(1);
    if (keys.every((v, i) => typeof v === "string" && VALID_VALUE[list.keys[i]!.type](v))) return keys as string[];
  } catch {
    // fall through: not a cursor of ours
  }
  return undefined;
}
