// The flows' counts kept by trigger (migration 0020), straight on the database (test only, no API
// running): after inserts, status changes, deletes, and a whole workspace deleted, each workspace's
// stored counts against a count of its rows. Prints one JSON line.
import { randomUUID } from "node:crypto";
import { sql } from "@latchkey/db";
import { withFirstWorkspace } from "./in-process";

type Rows = { rows: Record<string, unknown>[] };

await withFirstWorkspace("Count Owner", "counts.test", async ({ handle, services, workspaceId }) => {
  const run = async (query: ReturnType<typeof sql>) => ((await handle.db.execute(query)) as unknown as Rows).rows;
  const other = randomUUID();
  await run(sql`insert into workspaces (id, name, slug) values (${other}, 'Other', ${`other-${other}`})`);
  /** Stored counts and counted rows, per workspace. */
  const compare = async () => {
    const stored = await run(sql`select workspace_id as w, total, active from flow_counts order by workspace_id`);
    const counted = await run(sql`select workspace_id as w, count(*)::int as total, (count(*) filter (where status = 'ACTIVE'))::int as active from flows group by workspace_id order by workspace_id`);
    return { stored, counted };
  };
  // 30 flows in one statement, a third of them ACTIVE; 5 in the other workspace.
  await run(sql`insert into flows (id, workspace_id, name, status)
    select gen_random_uuid(), ${workspaceId}, 'Counted ' || g, case when g % 3 = 0 then 'ACTIVE' else 'INACTIVE' end from generate_series(1, 30) g`);
  await run(sql`insert into flows (id, workspace_id, name, status) select gen_random_uuid(), ${other}, 'Other ' || g, 'ACTIVE' from generate_series(1, 5) g`);
  const afterInsert = await compare();
  // Status changes (also one that changes nothing), then deletes of both kinds.
  await run(sql`update flows set status = 'ACTIVE' where workspace_id = ${workspaceId} and name in ('Counted 1', 'Counted 2')`);
  await run(sql`update flows set status = 'INACTIVE' where workspace_id = ${workspaceId} and name = 'Counted 3'`);
  await run(sql`update flows set status = 'INACTIVE' where workspace_id = ${workspaceId} and name = 'Counted 4'`);
  await run(sql`delete from flows where workspace_id = ${workspaceId} and name in ('Counted 6', 'Counted 7')`);
  const afterChanges = await compare();
  // What the list answers: the counts, as the API's totalCount.
  const totals = {} as Record<string, number | null>;
  for (const status of [null, "ACTIVE", "INACTIVE"] as const) {
    const page = await services.flows.list(workspaceId, { first: 1, status });
    if ("__typename" in page) throw new Error(page.__typename);
    totals[String(status)] = page.totalCount;
  }
  // A deleted workspace takes its flows and its counts (cascades in either order).
  await run(sql`delete from workspaces where id = ${other}`);
  const afterWorkspaceDeleted = await compare();
  console.log(JSON.stringify({ afterInsert, afterChanges, totals, afterWorkspaceDeleted, other }));
});
