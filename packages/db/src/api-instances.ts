import { hostname } from "node:os";
import { eq, gt, sql } from "drizzle-orm";
import type { Executor } from "./open-database";
import { apiInstances } from "./schema";

export type ApiInstance = typeof apiInstances.$inferSelect;

/** How often a running API refreshes its row, and after how long without it a row counts as gone. */
export const API_INSTANCE_HEARTBEAT_MS = 5_000;
export const API_INSTANCE_STALE_MS = 20_000;

/** Inserts or refreshes this process's row: the keys it holds, and "still alive". */
export async function publishApiInstance(
  db: Executor,
  instance: { id: string; activeKeyId: string; keyIds: string[] },
): Promise<void> {
  const values = { ...instance, host: hostname(), pid: process.pid, seenAt: sql`now()` };
  await db
    .insert(apiInstances)
    .values(values)
    .onConflictDoUpdate({ target: apiInstances.id, set: { activeKeyId: values.activeKeyId, keyIds: values.keyIds, seenAt: values.seenAt } });
}

export async function removeApiInstance(db: Executor, id: string): Promise<void> {
  await db.delete(apiInstances).where(eq(apiInstances.id, id));
}

/** The API processes that refreshed their row recently. */
export async function listLiveApiInstances(db: Executor): Promise<ApiInstance[]> {
  return db
    .select()
    .from(apiInstances)
    .where(gt(apiInstances.seenAt, sql`now() - make_interval(secs => ${API_INSTANCE_STALE_MS / 1000})`))
    .orderBy(apiInstances.startedAt);
}
