import { sql } from "drizzle-orm";
import type { Executor } from "./open-database";

/**
 * Takes one token from the bucket `key` (capacity `capacity`, refilled at `perMinute` per minute,
 * continuously), in one statement: concurrent takes from any number of processes serialize on the
 * bucket's row, so together they get exactly what one bucket allows. Gives whether a token was
 * taken and the tokens left (below 1 when refused), from which the caller says when to retry.
 */
export async function takeRateLimitToken(db: Executor, key: string, capacity: number, perMinute: number): Promise<{ taken: boolean; tokens: number }> {
  // The bucket refilled up to now (never backwards: a statement that waited on the row lock may have an older now()).
  const refilled = sql`least(${capacity}::float8, b.tokens + greatest(0, extract(epoch from now() - b.updated_at)) * ${perMinute / 60}::float8)`;
  const result = await db.execute(sql`
    insert into rate_limit_buckets as b (key, tokens, taken, updated_at)
    values (${key}, ${capacity - 1}::float8, true, now())
    on conflict (key) do update set
      tokens = case when ${refilled} >= 1 then ${refilled} - 1 else ${refilled} end,
      taken = ${refilled} >= 1,
      updated_at = greatest(b.updated_at, now())
    returning tokens, taken`);
  const row = (result as unknown as { rows: { tokens: number | string; taken: boolean }[] }).rows[0]!;
  return { taken: row.taken, tokens: Number(row.tokens) };
}
