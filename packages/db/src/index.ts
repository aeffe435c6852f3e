export * from "./schema";
export * from "./open-database";
export * from "./database-errors";
export * from "./workspaces";
export * from "./api-instances";
export { and, asc, count, desc, eq, getTableColumns, gt, ilike, inArray, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
export type { SQL } from "drizzle-orm";
export type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
