import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { ATTENTION_SET_LIMIT, createNetworkPolicy, type PageArgs, type Services } from "@latchkey/core";
import { openDatabase, type DatabaseHandle } from "@latchkey/db";
import { createTestDatabase, postgresOrSkip, requiredPostgresUrl, type TestDatabase } from "./harness";
import { offlineServices, walkPlan, type PlanNode } from "./support/in-process";

/**
 * Every paged list's page query, EXPLAINed on PostgreSQL over a workspace of thousands of rows per
 * table (seeded set-based, in SQL): no sequential scan of the big table, no sort of the whole
 * list. A page must cost its own size, not the workspace's. The statements are the ones the
 * services send, captured at the pg pool.
 */
const ROWS = 3_000;
const serverUrl = requiredPostgresUrl();

let available = false;
let database: TestDatabase | undefined;
let handle: DatabaseHandle | undefined;
let services: Services;
let admin: pg.Client | undefined;
const networkPolicy = createNetworkPolicy();
const ids = { workspace: "", person: "", credential: "", component: undefined as unknown as Parameters<Services["credentials"]["listOfComponent"]>[1] };

// Every statement sent through a pg pool of this process, while `capturing`.
let captured: { text: string; values: unknown[] }[] | null = null;
const poolQuery = pg.Pool.prototype.query;
pg.Pool.prototype.query = function (this: pg.Pool, ...args: unknown[]) {
  const [config, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
  if (captured) captured.push(typeof config === "string" ? { text: config, values: values ?? [] } : { text: config.text, values: config.values ?? values ?? [] });
  return (poolQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Pool.prototype.query;

beforeAll(async () => {
  available = await postgresOrSkip(serverUrl, "the list query plan test");
  if (!available) return;
  database = await createTestDatabase(serverUrl);
  handle = await openDatabase({ url: database.url, dataDir: mkdtempSync(path.join(tmpdir(), "latchkey-plans-")) });
  services = offlineServices(handle.db, networkPolicy);
  const setup = await services.access.setupFirstOwner({ name: "Plan Owner", email: "plans@latchkey.test", password: "long enough password" });
  if (setup.__typename !== "SignedIn" || !setup.workspace) throw new Error(setup.__typename);
  ids.workspace = setup.workspace.id;
  ids.person = setup.person.id;
  admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  await seed(admin, ids.workspace, ids.person);
  const [credential] = (await admin.query("select id from credentials where workspace_id = $1 order by name limit 1", [ids.workspace])).rows;
  ids.credential = credential.id;
  ids.component = (await services.components.findByKey(ids.workspace, "plan-component"))!;
}, 300_000);

afterAll(async () => {
  pg.Pool.prototype.query = poolQuery;
  await admin?.end();
  await handle?.close();
  await networkPolicy.close();
  await database?.drop();
});

/** Thousands of rows in every listed table, one statement per table. */
async function seed(client: pg.Client, workspace: string, person: string) {
  const w = [workspace];
  await client.query(
    `insert into components (id, workspace_id, key, name, descriptor, source)
     select gen_random_uuid(), $1, case when g = 0 then 'plan-component' else 'plan-' || g end, 'Plan ' || lpad(g::text, 5, '0'), descriptor, 'registered'
     from components, generate_series(0, ${ROWS}) g where workspace_id = $1 and key = 'petstore'`,
    w,
  );
  await client.query(
    `insert into credentials (id, workspace_id, component_id, name, auth_type, config, secrets, secret_hints, status, created_at)
     select gen_random_uuid(), $1, (select id from components where workspace_id = $1 and key = 'plan-component'),
            'Account ' || lpad(g::text, 6, '0'), 'API_KEY', '{}', 'not sealed', '[]',
            case when g % 3 = 0 then 'INVALID' when g % 7 = 0 then 'UNREACHABLE' else 'VALID' end, now() - (g % 997) * interval '1 minute'
     from generate_series(1, ${ROWS}) g`,
    w,
  );
  await client.query(`update components set credential_count = ${ROWS} where workspace_id = $1 and key = 'plan-component'`, w);
  await client.query(
    `insert into flows (id, workspace_id, name, status) select gen_random_uuid(), $1, 'Flow ' || lpad(g::text, 6, '0'), case when g % 10 = 0 then 'ACTIVE' else 'INACTIVE' end
     from generate_series(1, ${ROWS}) g`,
    w,
  );
  // Every flow's one step uses the first credential: its usage is as long as the flows list.
  await client.query(
    `insert into flow_steps (id, workspace_id, flow_id, position, name, component_id, credential_id)
     select gen_random_uuid(), $1, f.id, 0, 'Fetch', c.component_id, c.id
     from flows f, (select id, component_id from credentials where workspace_id = $1 order by name limit 1) c where f.workspace_id = $1`,
    w,
  );
  // Every seventh flow also has a step without a credential: it needs attention.
  await client.query(
    `insert into flow_steps (id, workspace_id, flow_id, position, name, component_id, credential_id)
     select gen_random_uuid(), $1, f.id, 1, 'Store', s.component_id, null
     from flows f join flow_steps s on s.flow_id = f.id and s.position = 0 where f.workspace_id = $1 and right(f.name, 6)::int % 7 = 0`,
    w,
  );
  await client.query(
    `insert into verification_results (id, workspace_id, credential_id, ok, code, status, message, checked_at, duration_ms, trigger)
     select gen_random_uuid(), $1, c.id, true, 'OK', 'VALID', 'Verified.', now() - g * interval '1 minute', 42, 'SCHEDULED'
     from (select id from credentials where workspace_id = $1 order by name limit 1) c, generate_series(1, ${ROWS}) g`,
    w,
  );
  await client.query(
    `insert into api_tokens (id, workspace_id, name, token_hash, token_start, scopes, created_by, created_at)
     select gen_random_uuid(), $1, 'Token ' || g, 'hash-' || g, 'lkt_' || g, '["read"]', $2, now() - g * interval '1 second' from generate_series(1, ${ROWS}) g`,
    [workspace, person],
  );
  await client.query(
    `insert into invitations (id, workspace_id, role, token_hash, created_by, created_at, expires_at)
     select gen_random_uuid(), $1, 'MEMBER', 'invitation-' || g, $2, now() - g * interval '1 second', now() + interval '7 days' from generate_series(1, ${ROWS}) g`,
    [workspace, person],
  );
  // Members: their names come from people, copied into memberships by the trigger of migration 0015.
  await client.query(
    `insert into people (id, email, name, password_hash) select gen_random_uuid(), 'member-' || g || '@plans.test', 'Member ' || lpad(g::text, 6, '0'), 'not a hash'
     from generate_series(1, ${ROWS}) g`,
  );
  await client.query(`insert into memberships (workspace_id, person_id, role) select $1, id, 'MEMBER' from people where email like 'member-%@plans.test'`, w);
  await client.query(
    `insert into audit_events (workspace_id, actor_type, actor_id, action, object_type, object_id)
     select $1, 'person', $2, 'credential.update', 'credential', (select id::text from credentials where workspace_id = $1 order by name limit 1)
     from generate_series(1, ${ROWS * 10}) g`,
    [workspace, person],
  );
  await client.query("analyze");
}

/** Runs `read`, EXPLAINs its page statement (the one with ORDER BY … LIMIT), and lists what is wrong with the plan. */
async function planProblems(table: string, read: () => Promise<unknown>, options: { boundedSort?: boolean } = {}): Promise<string[]> {
  const statements: { text: string; values: unknown[] }[] = [];
  captured = statements;
  try {
    expect(await read()).not.toHaveProperty("__typename");
  } finally {
    captured = null;
  }
  const page = statements.find((s) => /order by/i.test(s.text) && /limit/i.test(s.text));
  if (!page) return [`no paged statement was sent for ${table}`];
  const explained = await admin!.query(`explain (format json) ${page.text}`, page.values);
  const plan = explained.rows[0]["QUERY PLAN"][0].Plan as PlanNode;
  const problems: string[] = [];
  for (const node of walkPlan(plan)) {
    if (node["Node Type"] === "Seq Scan" && node["Relation Name"] === table) problems.push(`Seq Scan on ${table}`);
    if ((node["Node Type"] === "Sort" || node["Node Type"] === "Incremental Sort") && !options.boundedSort) problems.push(`${node["Node Type"]} of ${node["Plan Rows"]} rows`);
  }
  return problems;
}

const forward: PageArgs = { first: 50 };
const backward: PageArgs = { last: 50 };

test("every paged list is served by an index: no sequential scan of its table, no sort of the whole list", async () => {
  if (!available) return;
  const w = () => ids.workspace;
  const cases: [string, string, (args: PageArgs) => Promise<unknown>, { boundedSort?: boolean }?][] = [
    ["flows", "flows", (args) => services.flows.list(w(), args)],
    ["flows(status:)", "flows", (args) => services.flows.list(w(), { ...args, status: "ACTIVE" })],
    // Up to ATTENTION_SET_LIMIT flows needing attention, the page is those flows (found by primary
    // key from the broken side) sorted: a sort of at most that many rows, never of the whole list.
    ["flows(filter: { needsAttention })", "flows", (args) => services.flows.list(w(), { ...args, filter: { needsAttention: true } }), { boundedSort: true }],
    ["flows(status:, filter: { needsAttention })", "flows", (args) => services.flows.list(w(), { ...args, status: "ACTIVE", filter: { needsAttention: true } }), { boundedSort: true }],
    ["flows(filter: { needsAttention: false })", "flows", (args) => services.flows.list(w(), { ...args, filter: { needsAttention: false } })],
    ["components", "components", (args) => services.components.list(w(), args)],
    ["credentials", "credentials", (args) => services.credentials.list(w(), args)],
    ["credentials(status:)", "credentials", (args) => services.credentials.list(w(), { ...args, filter: { status: "INVALID" } })],
    ["credentials(componentKey:)", "credentials", (args) => services.credentials.list(w(), { ...args, filter: { componentKey: "plan-component" } })],
    ["Component.credentials", "credentials", (args) => services.credentials.listOfComponent(w(), ids.component, args)],
    // Each order of the credential lists (CredentialOrder), alone and with each filter that has an index.
    ...(["NEWEST", "STATUS"] as const).flatMap((orderBy): [string, string, (args: PageArgs) => Promise<unknown>][] => [
      [`credentials(orderBy: ${orderBy})`, "credentials", (args) => services.credentials.list(w(), { ...args, orderBy })],
      [`credentials(status:, orderBy: ${orderBy})`, "credentials", (args) => services.credentials.list(w(), { ...args, orderBy, filter: { status: "INVALID" } })],
      [`credentials(componentKey:, orderBy: ${orderBy})`, "credentials", (args) => services.credentials.list(w(), { ...args, orderBy, filter: { componentKey: "plan-component" } })],
      [`Component.credentials(orderBy: ${orderBy})`, "credentials", (args) => services.credentials.listOfComponent(w(), ids.component, { ...args, orderBy })],
    ]),
    ["Credential.usage", "flow_steps", (args) => services.flows.usageOf(w(), ids.credential, args)],
    ["Credential.verifications", "verification_results", (args) => services.credentials.history(w(), ids.credential, args)],
    ["members", "memberships", (args) => services.access.listMembers(w(), args)],
    ["apiTokens", "api_tokens", (args) => services.access.listApiTokens(w(), args)],
    ["invitations", "invitations", (args) => services.access.listInvitations(w(), args)],
    ["auditLog", "audit_events", (args) => services.access.listAuditLog(w(), args)],
    ["auditLog(objectId:)", "audit_events", (args) => services.access.listAuditLog(w(), { ...args, objectType: "credential", objectId: ids.credential })],
    ["auditLog(actorId:)", "audit_events", (args) => services.access.listAuditLog(w(), { ...args, actorId: ids.person })],
  ];
  const problems: string[] = [];
  for (const [name, table, read, options] of cases) {
    for (const [direction, args] of [
      ["first", forward],
      ["last", backward],
    ] as const) {
      // The first page, then the one after (or before) its cursor: a row comparison against the cursor.
      const page = (await read(args)) as { cursors: string[] };
      const cursor = direction === "first" ? { ...args, after: page.cursors.at(-1)! } : { ...args, before: page.cursors[0]! };
      for (const pageArgs of [args, cursor]) {
        for (const problem of await planProblems(table, () => read(pageArgs), options)) problems.push(`${name} ${JSON.stringify(pageArgs).slice(0, 40)}: ${problem}`);
      }
    }
  }
  expect(problems).toEqual([]);
}, 300_000);

test("past ATTENTION_SET_LIMIT flows needing attention, the page walks the flows in order instead: no sort", async () => {
  if (!available) return;
  // Every flow's one step uses this credential: once it is not VALID, every flow needs attention.
  await admin!.query("update credentials set status = 'INVALID' where id = $1", [ids.credential]);
  try {
    const flowCount = Number((await admin!.query("select count(*) from flows where workspace_id = $1", [ids.workspace])).rows[0].count);
    expect(flowCount).toBeGreaterThan(ATTENTION_SET_LIMIT);
    const read = (args: PageArgs) => services.flows.list(ids.workspace, { ...args, filter: { needsAttention: true } });
    const page = await read({ first: 50 });
    if ("__typename" in page) throw new Error(page.__typename);
    expect(page.totalCount).toBe(flowCount);
    expect(await planProblems("flows", () => read({ first: 50 }))).toEqual([]);
    expect(await planProblems("flows", () => read({ first: 50, after: page.cursors.at(-1)! }))).toEqual([]);
  } finally {
    await admin!.query("update credentials set status = 'VALID' where id = $1", [ids.credential]);
  }
}, 120_000);
