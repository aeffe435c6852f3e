// PGlite planner statistics (pglite-statistics.test.ts): a workspace gets thousands of credentials
// by plain inserts (as the API adds them: nothing analyzes), most of one component and named alike;
// the page statements the credential service sends are EXPLAINed on the same PGlite database before
// any statistics, after a reopen (the API's restart), and after a maintenance round that follows
// many updates. One JSON line.
import { PGlite } from "@electric-sql/pglite";
import { createNetworkPolicy, type PageArgs, type Services } from "@latchkey/core";
import { maintainPglite, openDatabase, sql, type DatabaseHandle } from "@latchkey/db";
import { offlineServices, randomKeyring, walkPlan, type PlanNode } from "./in-process";

const ROWS = Number(process.env.ROWS ?? 5_000);
const dataDir = process.env.LATCHKEY_DATA_DIR!;
const networkPolicy = createNetworkPolicy();
const keyring = randomKeyring();
let handle!: DatabaseHandle;
let services!: Services;

// The statements sent to PGlite while `captured` is set, with the client that ran them (for EXPLAIN).
let captured: { client: PGlite; text: string; params: unknown[] }[] | null = null;
const pgliteQuery = PGlite.prototype.query;
PGlite.prototype.query = function (this: PGlite, text: string, params?: unknown[], options?: unknown) {
  captured?.push({ client: this, text, params: params ?? [] });
  return (pgliteQuery as (...a: unknown[]) => ReturnType<PGlite["query"]>).call(this, text, params, options);
} as PGlite["query"];

async function open(): Promise<void> {
  // No interval: rounds run only when the database opens and when this script calls maintainPglite.
  handle = await openDatabase({ dataDir, maintenanceIntervalMs: 0 });
  services = offlineServices(handle.db, networkPolicy, keyring);
}

const rows = async <T>(query: ReturnType<typeof sql>) => ((await handle.db.execute(query)) as unknown as { rows: T[] }).rows;

/** The plan of the page statement (ORDER BY … LIMIT) that `read` sends, as "Type on relation using index" lines. */
async function pagePlan(read: () => Promise<unknown>): Promise<string[]> {
  const statements: NonNullable<typeof captured> = [];
  captured = statements;
  try {
    const page = await read();
    if (page && typeof page === "object" && "__typename" in page) throw new Error(String(page.__typename));
  } finally {
    captured = null;
  }
  const page = statements.find((s) => /order by/i.test(s.text) && /limit/i.test(s.text));
  if (!page) throw new Error("no page statement was sent");
  const explained = await pgliteQuery.call(page.client, `explain (format json) ${page.text}`, page.params);
  const plan = (explained.rows[0] as { "QUERY PLAN": { Plan: PlanNode }[] })["QUERY PLAN"][0]!.Plan;
  return [...walkPlan(plan)].map((n) => `${n["Node Type"]}${n["Relation Name"] ? ` on ${n["Relation Name"]}` : ""}${n["Index Name"] ? ` using ${n["Index Name"]}` : ""}`);
}

/** The credentials lists' first page and the page after it, each as its plan. */
async function credentialPlans(workspaceId: string, componentKey: string): Promise<Record<string, string[]>> {
  const plans: Record<string, string[]> = {};
  const lists: [string, (args: PageArgs) => ReturnType<Services["credentials"]["list"]>][] = [
    ["credentials", (args) => services.credentials.list(workspaceId, args)],
    ["credentials(componentKey:)", (args) => services.credentials.list(workspaceId, { ...args, filter: { componentKey } })],
  ];
  for (const [name, read] of lists) {
    const first = await read({ first: 50 });
    if ("__typename" in first) throw new Error(first.__typename);
    plans[`${name} first`] = await pagePlan(() => read({ first: 50 }));
    plans[`${name} after`] = await pagePlan(() => read({ first: 50, after: first.cursors.at(-1)! }));
  }
  return plans;
}

const statisticsRows = async () => (await rows<{ n: number }>(sql`select count(*)::int as n from pg_statistic where starelid = 'credentials'::regclass`))[0]!.n;

await open();
try {
  const setup = await services.access.setupFirstOwner({ name: "Stats Owner", email: "stats@latchkey.test", password: "long enough password" });
  if (setup.__typename !== "SignedIn" || !setup.workspace) throw new Error(setup.__typename);
  const workspaceId = setup.workspace.id;
  const componentKey = (await rows<{ key: string }>(sql`select key from components where workspace_id = ${workspaceId} order by key limit 1`))[0]!.key;
  // Nine in ten credentials in one component, all "Production key …"; the rest spread over the catalog.
  await handle.db.execute(sql`
    insert into credentials (id, workspace_id, component_id, name, auth_type, config, secrets, secret_hints, status)
    select gen_random_uuid(), ${workspaceId},
           case when g % 10 = 0 then c.ids[1 + g % array_length(c.ids, 1)] else c.ids[1] end,
           'Production key ' || lpad(g::text, 6, '0'), 'API_KEY', '{}', 'not sealed', '[]', 'VALID'
    from generate_series(1, ${ROWS}) g,
         (select array_agg(id order by key) as ids from components where workspace_id = ${workspaceId}) c`);
  await handle.db.execute(sql`
    update components set credential_count = (select count(*) from credentials where component_id = components.id)
    where workspace_id = ${workspaceId}`);

  // Nothing has analyzed the inserted rows: what every PGlite database had before.
  const before = { statisticsRows: await statisticsRows(), plans: await credentialPlans(workspaceId, componentKey) };

  await handle.close();
  await open();
  const afterReopen = {
    statisticsRows: await statisticsRows(),
    plans: await credentialPlans(workspaceId, componentKey),
    nextRound: await maintainPglite(handle.db),
  };

  // Half of the rows updated in this process: dead rows past the vacuum threshold.
  await handle.db.execute(sql`update credentials set status = 'INVALID' where workspace_id = ${workspaceId} and name <= ${`Production key ${String(ROWS / 2).padStart(6, "0")}`}`);
  const afterUpdates = {
    round: await maintainPglite(handle.db),
    nextRound: await maintainPglite(handle.db),
    plans: await credentialPlans(workspaceId, componentKey),
  };
  console.log(JSON.stringify({ before, afterReopen, afterUpdates }));
} finally {
  PGlite.prototype.query = pgliteQuery;
  await handle.close();
  await networkPolicy.close();
}
