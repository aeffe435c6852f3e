import { setTimeout as sleep } from "node:timers/promises";
import { and, asc, count, gt, ne, sql, type Database, type SQL } from "@latchkey/db";
import { SecretDecryptionError } from "./errors";
import type { Keyring } from "./keyring";
import { SEALED_COLUMNS, type SealedColumn } from "./sealed-columns";
import { openSecrets, sealSecrets } from "./secret-box";

/** How many rows each sealed column holds under each key id. */
export type SealedKeyCounts = Record<string, Record<string, number>>;

const keyIdOfColumn = (column: SealedColumn): SQL<string> => sql<string>`split_part(${column.sealed}, '.', 2)`;

export async function countSealedByKeyId(db: Database, columns: readonly SealedColumn[] = SEALED_COLUMNS): Promise<SealedKeyCounts> {
  const counts: SealedKeyCounts = {};
  for (const column of columns) {
    const keyId = keyIdOfColumn(column);
    const rows = await db
      .select({ keyId, n: count() })
      .from(column.table)
      .where(sql`${column.sealed} is not null`)
      .groupBy(keyId);
    counts[column.name] = Object.fromEntries(rows.map((r) => [r.keyId, Number(r.n)]));
  }
  return counts;
}

/** Every key id that sealed something, in any sealed column. */
export function storedKeyIds(counts: SealedKeyCounts): string[] {
  return [...new Set(Object.values(counts).flatMap((byKey) => Object.keys(byKey)))];
}

/** Rows sealed under any key id other than `keyId`, per key id, over all sealed columns. */
export function rowsNotUnder(counts: SealedKeyCounts, keyId: string): Record<string, number> {
  const other: Record<string, number> = {};
  for (const byKey of Object.values(counts)) {
    for (const [id, n] of Object.entries(byKey)) if (id !== keyId) other[id] = (other[id] ?? 0) + n;
  }
  return other;
}

export interface ResealOptions {
  /** Rows read per batch (each row is still written in its own statement). */
  batchSize?: number;
  /** Stop after this many batches (an operator's throttle, and how tests interrupt a rotation). */
  maxBatches?: number;
  /** Pause between batches, to spread the load. */
  pauseMs?: number;
  signal?: AbortSignal;
  onBatch?: (progress: ResealProgress) => void;
  /** Test hook: runs between reading a row and writing it back (where a concurrent update can land). */
  beforeWrite?: (row: { column: string; id: string }) => Promise<void>;
}

export interface ResealProgress {
  batches: number;
  /** Rows now sealed under the active key by this run. */
  resealed: number;
  /** Rows changed by someone else between read and write: left as they were (read again next pass). */
  conflicts: number;
  /** Rows that cannot be opened with any key held (their ids; never their content). */
  failed: { column: string; id: string; reason: string }[];
}

export interface ResealResult extends ResealProgress {
  /** Stopped by maxBatches or the signal before every row was visited. */
  stopped: boolean;
  /** What is left sealed under other key ids, per key id. */
  remaining: Record<string, number>;
  /** Rows per key id per sealed column, counted once the run ended (`remaining` is drawn from it). */
  counts: SealedKeyCounts;
}

const MAX_PASSES = 5;

/**
 * Re-seals every sealed column under the keyring's active key, while the API keeps serving:
 * batches of rows not under the active key, each row opened with the key that sealed it, sealed
 * again, and written back by one short statement that only applies if the stored ciphertext is
 * still the one that was read (compare-and-set), so a concurrent update is never overwritten.
 * Safe to interrupt and to run again: a row is always whole under one key or the other.
 */
export async function resealSecrets(db: Database, keyring: Keyring, options: ResealOptions = {}): Promise<ResealResult> {
  const batchSize = options.batchSize ?? 100;
  const progress: ResealProgress = { batches: 0, resealed: 0, conflicts: 0, failed: [] };
  const activeId = keyring.active.id;
  let stopped = false;

  passes: for (let pass = 0; pass < MAX_PASSES; pass++) {
    const conflictsBefore = progress.conflicts;
    for (const column of SEALED_COLUMNS) {
      const failedHere = new Set(progress.failed.filter((f) => f.column === column.name).map((f) => f.id));
      let after: string | undefined;
      for (;;) {
        if (options.signal?.aborted || (options.maxBatches !== undefined && progress.batches >= options.maxBatches)) {
          stopped = true;
          break passes;
        }
        const rows = await db
          .select({ id: sql<string>`${column.id}`, workspaceId: sql<string>`${column.workspaceId}`, sealed: sql<string>`${column.sealed}` })
          .from(column.table)
          .where(and(ne(keyIdOfColumn(column), activeId), after === undefined ? undefined : gt(column.id, after)))
          .orderBy(asc(column.id))
          .limit(batchSize);
        if (rows.length === 0) break;
        for (const row of rows) {
          if (failedHere.has(row.id)) continue;
          const outcome = await resealRow(db, keyring, column, row, options.beforeWrite);
          if (outcome === "resealed") progress.resealed++;
          else if (outcome === "conflict") progress.conflicts++;
          else progress.failed.push({ column: column.name, id: row.id, reason: outcome.reason });
        }
        after = rows[rows.length - 1]!.id;
        progress.batches++;
        options.onBatch?.({ ...progress, failed: [...progress.failed] });
        if (options.pauseMs) await sleep(options.pauseMs);
      }
    }
    // A conflict means a row was rewritten meanwhile, usually already under the active key;
    // another pass picks up any that a process still sealing with an older key wrote.
    if (progress.conflicts === conflictsBefore) break;
  }
  const counts = await countSealedByKeyId(db);
  return { ...progress, stopped, remaining: rowsNotUnder(counts, activeId), counts };
}

async function resealRow(
  db: Database,
  keyring: Keyring,
  column: SealedColumn,
  row: { id: string; workspaceId: string; sealed: string },
  beforeWrite: ResealOptions["beforeWrite"],
): Promise<"resealed" | "conflict" | SecretDecryptionError> {
  const binding = column.binding(row);
  let next: string;
  try {
    next = sealSecrets(keyring, openSecrets(keyring, row.sealed, binding), binding);
  } catch (error) {
    if (error instanceof SecretDecryptionError) return error;
    throw error;
  }
  await beforeWrite?.({ column: column.name, id: row.id });
  const result = await db.execute(sql`
    update ${column.table} set ${sql.identifier(column.sealed.name)} = ${next}
    where ${column.id} = ${row.id} and ${column.sealed} = ${row.sealed}
    returning 1 as ok`);
  return (result as unknown as { rows: unknown[] }).rows.length === 1 ? "resealed" : "conflict";
}
