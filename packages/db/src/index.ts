export * from "./schema";
export * from "./open-database";
export * from "./workspaces";
export { and, asc, count, desc, eq, getTableColumns, gt, ilike, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
export type { SQL } from "drizzle-orm";
