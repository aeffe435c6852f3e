import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { asFolderError, lockDataFolder, type DataFolderLock } from "./data-folder-lock";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Either the database or an open transaction: what every store function takes. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  kind: "pglite" | "postgres";
  /** SQL statements sent through `db` so far (transaction control included); 0 unless counted. */
  statementCount(): number;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; without it an embedded PGlite database is used. */
  url?: string;
  /** Folder of the embedded database (`<dataDir>/db`). */
  dataDir: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /** Count the statements sent through `db` (the benchmark reports statements per request). */
  countStatements?: boolean;
  /** PGlite: the data folder's lock, already taken (else openDatabase takes it); released on close. */
  lock?: DataFolderLock;
  /** PGlite: who takes the lock, as another process's refusal names it (e.g. "npm run keys:rotate"). */
  holderName?: string;
}

/** drizzle's logger hook, used only to count; the statements and parameters are never kept. */
function statementCounter(enabled: boolean | undefined) {
  let count = 0;
  return {
    logger: enabled ? { logQuery: () => void count++ } : undefined,
    statementCount: () => count,
  };
}

const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));
// Any constant works; it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK_ID = 72_317_001;

/** Opens the database, applies the committed migrations, and hands back a closable handle. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const counter = statementCounter(options.countStatements);
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10, counter);
  // Only one process may open the folder (data-folder-lock.ts): the lock comes before PGlite touches it.
  const lock = options.lock ?? (await lockDataFolder(options.dataDir, options.holderName));
  try {
    const handle = await openPglite(options.dataDir, counter);
    return { ...handle, close: () => handle.close().finally(lock.release) };
  } catch (error) {
    lock.release();
    throw asFolderError(error, path.join(options.dataDir, "db"));
  }
}

type Counter = ReturnType<typeof statementCounter>;

async function openPglite(dataDir: string, { logger, statementCount }: Counter): Promise<DatabaseHandle> {
  const folder = path.join(dataDir, "db");
  mkdirSync(folder, { recursive: true });
  const client = await PGlite.create(folder);
  try {
    await migratePglite(drizzlePglite({ client, casing: "snake_case" }), { migrationsFolder });
    const db = drizzlePglite({ client, schema, casing: "snake_case", logger });
    return { db: db as unknown as Database, kind: "pglite", statementCount, close: () => client.close() };
  } catch (error) {
    await client.close();
    throw error;
  }
}

async function openPostgres(url: string, poolSize: number, { logger, statementCount }: Counter): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  try {
    // Several API replicas may start at once: one migrates, the others wait for it.
    const client = await pool.connect();
    try {
      await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
      try {
        await migratePg(drizzlePg({ client, casing: "snake_case" }), { migrationsFolder });
      } finally {
        await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]);
      }
    } finally {
      client.release();
    }
    const db = drizzlePg({ client: pool, schema, casing: "snake_case", logger });
    await db.execute(sql`select 1`);
    return { db: db as unknown as Database, kind: "postgres", statementCount, close: () => pool.end() };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
