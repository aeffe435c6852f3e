export * from "./schema";
export * from "./open-database";
export * from "./data-folder-lock";
export * from "./workspaces";
export * from "./api-instances";
export * from "./rate-limits";
export { and, asc, count, desc, eq, getTableColumns, gt, ilike, inArray, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
export type { SQL } from "drizzle-orm";
export type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
