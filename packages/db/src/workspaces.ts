import { sql } from "drizzle-orm";
import type { Executor } from "./open-database";
import { credentials, workspaces } from "./schema";

export async function listWorkspaceIds(db: Executor): Promise<string[]> {
  const rows = await db.select({ id: workspaces.id }).from(workspaces);
  return rows.map((r) => r.id);
}

/**
 * Sets every component's credential_count from the credentials themselves: at start (a database
 * from before the column, data loaded by other means). Adding or deleting a credential updates its
 * component's row first and the credentials second, and this takes its locks in the same order, so
 * no add or delete slips between the count and the update, and none deadlocks with it.
 */
export async function recountCredentials(db: Executor): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`lock table components in exclusive mode`);
    await tx.execute(sql`lock table ${credentials} in share mode`);
    await tx.execute(sql`
      update components set credential_count = counted.n
      from (
        select c.id, (select count(*) from credentials cr where cr.workspace_id = c.workspace_id and cr.component_id = c.id)::int as n
        from components c
      ) as counted
      where components.id = counted.id and components.credential_count <> counted.n`);
  });
}
