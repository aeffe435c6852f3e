import { mkdirSync, readFileSync } from "node:fs";
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
import { classifyDatabaseError } from "./database-errors";
import { maintainPglite, type MaintenanceReport } from "./pglite-maintenance";
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
  /**
   * Called when the database becomes unreachable (a connection error: once per outage) and when it
   * answers again. PostgreSQL only: the embedded database cannot go away.
   */
  onAvailabilityChange(listener: (available: boolean, error?: unknown) => void): void;
  /** Undefined when the database answers and every committed migration is applied; else why not (one line). */
  checkReady(): Promise<string | undefined>;
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
  countStatements?: boolean | (() => boolean);
  /** PGlite: the data folder's lock, already taken (else openDatabase takes it); released on close. */
  lock?: DataFolderLock;
  /** PGlite: who takes the lock, as another process's refusal names it (e.g. "npm run keys:rotate"). */
  holderName?: string;
  /** PostgreSQL: how long to wait for a new connection (ms). */
  connectTimeoutMs?: number;
  /** PostgreSQL: a statement running longer is cancelled (SQLSTATE 57014); 0 means no limit. */
  statementTimeoutMs?: number;
  /** PostgreSQL: a session idle inside an open transaction this long is ended by the server; 0 means no limit. */
  idleInTransactionTimeoutMs?: number;
  /**
   * PGlite: how often the tables that changed are analyzed or vacuumed (pglite-maintenance.ts, what
   * autovacuum does on PostgreSQL); they are also checked once when the database opens. 0: only then.
   */
  maintenanceIntervalMs?: number;
  /** PGlite: told what each maintenance round did (tables analyzed or vacuumed), or why it failed. */
  onMaintenance?: (outcome: { report: MaintenanceReport } | { error: unknown }) => void;
}

/** PostgreSQL's autovacuum_naptime. */
const DEFAULT_MAINTENANCE_INTERVAL_MS = 60_000;

export type PostgresTimeouts = Required<Pick<OpenDatabaseOptions, "connectTimeoutMs" | "statementTimeoutMs" | "idleInTransactionTimeoutMs">>;
export const DEFAULT_POSTGRES_TIMEOUTS: PostgresTimeouts = { connectTimeoutMs: 5_000, statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 60_000 };

/**
 * drizzle's logger hook, used only to count; the statements and parameters are never kept. A
 * function counts only the statements sent while it answers true (the API: while serving a request).
 */
function statementCounter(enabled: boolean | (() => boolean) | undefined) {
  let count = 0;
  const counts = typeof enabled === "function" ? enabled : () => true;
  return {
    logger: enabled ? { logQuery: () => void (counts() && count++) } : undefined,
    statementCount: () => count,
  };
}

const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));
// Any constant works; it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK_ID = 72_317_001;
const migrationCount = (JSON.parse(readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;

/** The readiness check: the database answers, and has every migration this code was built with. */
async function checkMigrations(db: Database): Promise<string | undefined> {
  const result = await db.execute(sql`select count(*)::int as applied from drizzle.__drizzle_migrations`);
  const applied = Number((result as unknown as { rows: { applied: number }[] }).rows[0]?.applied ?? 0);
  return applied < migrationCount ? `${migrationCount - applied} database migration(s) not applied` : undefined;
}

/** Opens the database, applies the committed migrations, and hands back a closable handle. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const counter = statementCounter(options.countStatements);
  if (options.url) {
    const timeouts: PostgresTimeouts = {
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_POSTGRES_TIMEOUTS.connectTimeoutMs,
      statementTimeoutMs: options.statementTimeoutMs ?? DEFAULT_POSTGRES_TIMEOUTS.statementTimeoutMs,
      idleInTransactionTimeoutMs: options.idleInTransactionTimeoutMs ?? DEFAULT_POSTGRES_TIMEOUTS.idleInTransactionTimeoutMs,
    };
    return openPostgres(options.url, options.poolSize ?? 10, timeouts, counter);
  }
  // Only one process may open the folder (data-folder-lock.ts): the lock comes before PGlite touches it.
  const lock = options.lock ?? (await lockDataFolder(options.dataDir, options.holderName));
  try {
    const handle = await openPglite(options, counter);
    return { ...handle, close: () => handle.close().finally(lock.release) };
  } catch (error) {
    lock.release();
    throw asFolderError(error, path.join(options.dataDir, "db"));
  }
}

type Counter = ReturnType<typeof statementCounter>;

async function openPglite(options: OpenDatabaseOptions, { logger, statementCount }: Counter): Promise<DatabaseHandle> {
  const folder = path.join(options.dataDir, "db");
  mkdirSync(folder, { recursive: true });
  const client = await PGlite.create(folder);
  try {
    // Without the statement counter: migrations and maintenance are not requests' statements.
    const uncounted = drizzlePglite({ client, casing: "snake_case" });
    await migratePglite(uncounted, { migrationsFolder });
    const db = drizzlePglite({ client, schema, casing: "snake_case", logger });
    // No autovacuum in PGlite: tables that grew or changed since their statistics are analyzed now,
    // before the first request is planned, and then every interval (pglite-maintenance.ts).
    const maintenance = maintainPgliteEvery(uncounted as unknown as Database, options);
    await maintenance.first;
    return {
      db: db as unknown as Database,
      kind: "pglite",
      statementCount,
      onAvailabilityChange: () => {},
      checkReady: () => checkMigrations(db as unknown as Database),
      close: () => maintenance.stop().then(() => client.close()),
    };
  } catch (error) {
    await client.close();
    throw error;
  }
}

/** One maintenance round now, then one every interval (never two at once) until stopped. */
function maintainPgliteEvery(db: Database, options: OpenDatabaseOptions): { first: Promise<void>; stop: () => Promise<void> } {
  const intervalMs = options.maintenanceIntervalMs ?? DEFAULT_MAINTENANCE_INTERVAL_MS;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const round = (): Promise<void> =>
    (running = maintainPglite(db).then(
      (report) => options.onMaintenance?.({ report }),
      (error: unknown) => options.onMaintenance?.({ error }),
    ));
  const schedule = () => {
    if (stopped || intervalMs <= 0) return;
    timer = setTimeout(() => void round().finally(schedule), intervalMs);
    timer.unref();
  };
  const first = round().finally(schedule);
  return {
    first,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

// A connection error within this long of the database answering again belongs to the same outage
// (the pool's other connections report their end one by one, after a new one has connected).
const SETTLE_MS = 1_000;

/** Whether the database is reachable, as last seen; listeners hear once per outage, and once when it is over. */
function availabilityTracker() {
  let available = true;
  let reported = true;
  let settling: NodeJS.Timeout | undefined;
  const listeners: ((available: boolean, error?: unknown) => void)[] = [];
  const tell = (now: boolean, error?: unknown) => {
    if (reported === now) return;
    reported = now;
    for (const listener of listeners) listener(now, error);
  };
  return {
    lost: (error: unknown) => {
      available = false;
      clearTimeout(settling);
      settling = undefined;
      tell(false, error);
    },
    answered: () => {
      if (available) return;
      available = true;
      settling = setTimeout(() => tell(true), SETTLE_MS);
      settling.unref();
    },
    listen: (listener: (available: boolean, error?: unknown) => void) => void listeners.push(listener),
  };
}

const readsOnly = (text: string) => /^\s*select\b/i.test(text) && !/\bfor\s+(update|share|no\s+key\s+update|key\s+share)\b/i.test(text);

/**
 * The pool, made to survive faults: a listener for errors of idle and checked-out connections (a
 * connection the server ended would otherwise throw an unhandled 'error' and end the process),
 * the timeouts, and one retry of a statement outside a transaction when repeating it is safe: it
 * was refused and rolled back (classifyDatabaseError: "transient"), or it only reads and its
 * connection was lost. The pool replaces lost connections by itself once the server is back.
 */
function createPool(url: string, poolSize: number, timeouts: PostgresTimeouts, availability: ReturnType<typeof availabilityTracker>): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: timeouts.connectTimeoutMs,
    statement_timeout: timeouts.statementTimeoutMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionTimeoutMs,
    keepAlive: true,
  });
  // An idle connection that failed: the pool has dropped it already.
  pool.on("error", (error) => availability.lost(error));
  pool.on("connect", (client) => {
    // A checked-out connection that failed between statements: its next statement fails, and the
    // pool drops it when it comes back.
    client.on("error", (error) => availability.lost(error));
    availability.answered();
  });
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  const run = async (args: unknown[], again: boolean): Promise<unknown> => {
    try {
      const result = await query(...args);
      availability.answered();
      return result;
    } catch (error) {
      const fault = classifyDatabaseError(error);
      if (fault === "unavailable") availability.lost(error);
      const text = typeof args[0] === "string" ? args[0] : ((args[0] as { text?: string } | undefined)?.text ?? "");
      if (again && (fault === "transient" || (fault === "unavailable" && readsOnly(text)))) return run(args, false);
      throw error;
    }
  };
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) =>
    // The callback form is pg-pool's own; drizzle uses the promise form.
    args.some((arg) => typeof arg === "function") ? query(...args) : run(args, true);
  return pool;
}

/**
 * Transactions are run again once, from their start, when repeating them is safe: the database
 * refused and rolled back the whole transaction (deadlock, serialization failure, cancelled
 * statement), or the connection failed before the transaction's work began (a dead pooled
 * connection at `begin`). A connection lost later (the commit's outcome unknown) is not repeated.
 */
function retryTransactions(db: Database, availability: ReturnType<typeof availabilityTracker>): void {
  const transaction = db.transaction.bind(db);
  const retrying = async <T>(work: (tx: Transaction) => Promise<T>, config?: Parameters<Database["transaction"]>[1]): Promise<T> => {
    let entered = false;
    const attempt = () => {
      entered = false;
      return transaction((tx) => {
        entered = true;
        return work(tx);
      }, config);
    };
    try {
      return await attempt();
    } catch (error) {
      const fault = classifyDatabaseError(error);
      if (fault === "unavailable") availability.lost(error);
      if (fault === "transient" || (fault === "unavailable" && !entered)) return attempt();
      throw error;
    }
  };
  db.transaction = retrying as Database["transaction"];
}

async function openPostgres(url: string, poolSize: number, timeouts: PostgresTimeouts, { logger, statementCount }: Counter): Promise<DatabaseHandle> {
  const availability = availabilityTracker();
  const pool = createPool(url, poolSize, timeouts, availability);
  try {
    // Several API replicas may start at once: one migrates, the others wait for it.
    const client = await pool.connect();
    try {
      // Waiting for another replica's migration, and a migration itself, may take longer than a statement may.
      await client.query("set statement_timeout = 0");
      await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
      try {
        await migratePg(drizzlePg({ client, casing: "snake_case" }), { migrationsFolder });
      } finally {
        await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]);
        await client.query("reset statement_timeout");
      }
    } finally {
      client.release();
    }
    const db = drizzlePg({ client: pool, schema, casing: "snake_case", logger }) as unknown as Database;
    retryTransactions(db, availability);
    await db.execute(sql`select 1`);
    return {
      db,
      kind: "postgres",
      statementCount,
      onAvailabilityChange: availability.listen,
      checkReady: () => checkMigrations(db),
      close: () => pool.end(),
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
