/**
 * `npm run bench`: seeds a workspace at two scales (its first owner and API token included), starts
 * the API in production mode in its own process, loads it with autocannon from this process,
 * prints one table and writes bench/results.json. PostgreSQL when DATABASE_URL is set (a fresh
 * database per scale on that server), else PGlite. Settings: BENCH_DURATION (s per case, 10), BENCH_CONNECTIONS (10),
 * BENCH_SCALES ("1000,100000"), BENCH_ROUNDS (5), BENCH_WARMUP (s, 2), BENCH_CASES (all),
 * BENCH_VERIFY_CONCURRENCY (the API's default), BENCH_NODE_ARGS (none), BENCH_KEEP (0),
 * BENCH_LIST_SIZES ("200:10000,20000:1000000": flows and audit rows of the list cases 7 and 8; "" skips them),
 * BENCH_API_LOG (unset: a file the scale cases' API output is written to, e.g. with BENCH_NODE_ARGS=--trace-gc),
 * BENCH_FLOWS (20000 flows per scale), BENCH_REVERIFY (1000 credentials re-verified by case 6), BENCH_RESULTS (bench/results.json).
 * Case 9 (webhook delivery, bench/webhooks.ts) runs once, on a database of its own; BENCH_CASES=9 runs it alone.
 * The hot-path and start-up cases 10–13 (runHotPaths): BENCH_HOT (1; 0 skips them), BENCH_RESTART_WORKSPACES (5000),
 * BENCH_NPM_START (1; 0 skips the npm start timing; BENCH_CASES picks them as "12" and "13"), BENCH_RESTART_PORT (4390), BENCH_START_PORT (4391, web +1).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import {
  AuditLogDocument,
  CreateCredentialDocument,
  CredentialDocument,
  CredentialsDocument,
  DeleteCredentialDocument,
  FlowsDocument,
  ResolveCredentialDocument,
} from "@latchkey/sdk";
import { openDatabase, sql } from "@latchkey/db";
// @ts-expect-error: a plain .mjs script without declarations
import { apiBundle, ensureApiBuild } from "../scripts/ensure-api-build.mjs";
// @ts-expect-error: a plain .mjs script without declarations
import { ensureWebBuild } from "../scripts/ensure-web-build.mjs";
import { createTestDatabase, startApiProcess, startFakeApp } from "../apps/api/test/harness";
import { BENCH_API_KEY, seed, type Seeded } from "./seed";
import { benchWebhooks } from "./webhooks";

const root = path.resolve(__dirname, "..");
const env = process.env;
const DURATION = Number(env.BENCH_DURATION ?? 10);
const WARMUP = Number(env.BENCH_WARMUP ?? 2);
/** Rounds the cases' load is interleaved in (each case gets DURATION / ROUNDS seconds per round). */
const ROUNDS = Math.max(1, Number(env.BENCH_ROUNDS ?? 5));
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 10);
const SCALES = (env.BENCH_SCALES ?? "1000,100000").split(",").map(Number).filter((n) => n > 0);
/** Sets the API's LATCHKEY_VERIFY_CONCURRENCY for case 6; unset: the API's default is measured. */
const VERIFY_CONCURRENCY = env.BENCH_VERIFY_CONCURRENCY ? Number(env.BENCH_VERIFY_CONCURRENCY) : undefined;
const PAGE = 50;
/** BENCH_KEEP=1 keeps each scale's database and data folder (and prints where) instead of dropping them. */
const KEEP = env.BENCH_KEEP === "1";
/** Only the cases whose names start with one of these (e.g. "1a,5a"); all when unset. */
const CASES = env.BENCH_CASES?.split(",").filter(Boolean);
const serverUrl = env.DATABASE_URL || undefined;
/** Flows of each scale's workspace, and the credentials case 6 re-verifies (at most the scale's). */
const SCALE_FLOWS = Number(env.BENCH_FLOWS ?? 20_000);
const REVERIFY = Number(env.BENCH_REVERIFY ?? 1_000);
/** Where the results go. */
const RESULTS_FILE = env.BENCH_RESULTS ?? path.join(__dirname, "results.json");

/** The API token of the scale being measured (every request to the API must be authenticated). */
let apiToken: string | undefined;

/** Headers every request to the API carries: the bench's API token, once the seed made it. */
function authHeaders(): Record<string, string> {
  return apiToken ? { authorization: `Bearer ${apiToken}` } : {};
}

interface CaseResult {
  case: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  non2xx: number;
  statementsPerRequest: number;
  /** The API process's CPU time (user + system) per request: unlike req/s, barely moved by other load on the machine. */
  apiCpuMsPerRequest: number;
  /** Throughput in each round, in order (ratios of two cases are also taken round by round: pairedRatio). */
  roundRequestsPerSecond: number[];
}

interface ScaleResult {
  credentials: number;
  seedMs: Record<string, number>;
  cases: CaseResult[];
  statementsPerRequestByPageSize: Record<string, number>;
  /** Case 6; null when BENCH_CASES leaves it out. */
  reverify: { credentials: number; concurrency: number; ms: number; apiCpuMsPerVerification: number; allValid: boolean; path: string } | null;
}

// ------------------------------------------------------------------------------------------------
// The API process and the endpoint case 6 verifies against

/**
 * The API in production mode, compiled as `npm start` runs it, started by the tests' harness
 * (apps/api/test/harness.ts) but with the production defaults the tests change: compiled plans after LATCHKEY_COMPILE_AFTER_RUNS=2 runs (the
 * tests compile at once), and a verification rate limit case 6 cannot reach.
 */
async function startBenchApi(
  target: { dataDir: string; databaseUrl: string | undefined },
  extraEnv: Record<string, string>,
): Promise<{ url: string; stop: () => Promise<void>; output: () => string }> {
  // The compiled API, as `npm start` runs it (tsx's loader costs a few percent on the hot paths).
  await ensureApiBuild();
  const api = await startApiProcess({
    compiledEntry: apiBundle,
    dataDir: target.dataDir,
    databaseUrl: target.databaseUrl,
    env: {
      NODE_ENV: "production",
      LATCHKEY_BENCH: "true",
      LATCHKEY_LOG_LEVEL: "warn",
      LATCHKEY_DEMO_DATA: "false",
      // The production default, measured as it is (the tests' environment sets 0).
      LATCHKEY_COMPILE_AFTER_RUNS: "2",
      // Case 6 re-verifies 1,000 credentials of one workspace on purpose.
      LATCHKEY_VERIFY_RATE_LIMIT: "1000000",
      ...extraEnv,
    },
    // Node flags for the API, e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
    nodeArgs: env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [],
    startTimeoutMs: 120_000,
  });
  // The API names itself localhost; the load goes to the address it listens on.
  return { url: api.url.replace("localhost", "127.0.0.1"), stop: api.stop, output: api.logs };
}

/** A local application that answers every verification after 50 ms (the key must match); it counts what it accepted. */
async function startSlowEndpoint(): Promise<{ url: string; close: () => Promise<void>; accepted: () => number }> {
  let accepted = 0;
  const app = await startFakeApp((req, res) => {
    setTimeout(() => {
      const ok = req.headers.api_key === BENCH_API_KEY;
      if (ok) accepted += 1;
      res.writeHead(ok ? 200 : 401, { "content-type": "application/json" }).end(ok ? '{"username":"bench"}' : "{}");
    }, 50);
  });
  return { url: app.url, close: app.close, accepted: () => accepted };
}

// ------------------------------------------------------------------------------------------------
// Requests

async function graphql(api: string, document: { toString(): string }, variables: Record<string, unknown>) {
  const response = await fetch(`${api}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...authHeaders() },
    body: JSON.stringify({ query: String(document), variables }),
  });
  const json = (await response.json()) as { data?: any; errors?: unknown[] };
  if (response.status !== 200 || json.errors) throw new Error(`GraphQL request failed (${response.status}): ${JSON.stringify(json).slice(0, 500)}`);
  return json.data;
}

async function apiStats(api: string): Promise<{ statements: number; cpuMicros: number }> {
  const response = await fetch(`${api}/bench/stats`, { headers: authHeaders() });
  if (response.status !== 200) throw new Error(`/bench/stats answered ${response.status}`);
  return (await response.json()) as { statements: number; cpuMicros: number };
}

async function statements(api: string): Promise<number> {
  return (await apiStats(api)).statements;
}

interface LoadCase {
  name: string;
  request: { path: string; method: "GET" | "POST"; body?: string };
  /** When set, the requests' bodies take turns through these (request.body is the probe's). */
  bodies?: string[];
  /** Checks one response before the load, so that a broken case is not measured. */
  check: (json: any) => boolean;
  /** Instead of the bench's API token (e.g. a person's session, for the audit log). */
  headers?: Record<string, string>;
}

function graphqlCase(name: string, document: { toString(): string }, variables: Record<string, unknown>, check: (data: any) => boolean): LoadCase {
  return {
    name,
    request: { path: "/graphql", method: "POST", body: JSON.stringify({ query: String(document), variables }) },
    check: (json) => !json.errors && check(json.data),
  };
}

/** One stretch of load on a case: autocannon at CONNECTIONS, every response's latency kept. */
async function load(api: string, c: LoadCase, seconds: number) {
  const headers = { "content-type": "application/json", ...(c.headers ?? authHeaders()) };
  const latencies: number[] = [];
  let turn = 0;
  const bodies = c.bodies;
  const options = {
    url: `${api}${c.request.path}`,
    method: c.request.method,
    headers,
    body: c.request.body,
    connections: CONNECTIONS,
    duration: seconds,
    ...(bodies ? { requests: [{ setupRequest: (request: any) => ({ ...request, body: bodies[turn++ % bodies.length] }) }] } : {}),
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  return { requests: result.requests.total, seconds: result.duration, latencies, errors: result.errors, non2xx: result.non2xx };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
}

/**
 * Measures the cases interleaved: after a warm-up of each, ROUNDS rounds each give every case
 * DURATION / ROUNDS seconds, so a drift of the machine over the run (other processes, the
 * database's background work) falls on every case alike instead of on whichever ran then.
 * Throughput is all requests over all seconds; p50/p99 over every response's latency.
 */
async function runCases(api: string, cases: LoadCase[]): Promise<CaseResult[]> {
  const headers = { "content-type": "application/json", ...authHeaders() };
  for (const c of cases) {
    const probe = await fetch(`${api}${c.request.path}`, { method: c.request.method, headers: c.headers ? { "content-type": "application/json", ...c.headers } : headers, body: c.request.body });
    const probeJson = await probe.json();
    if (probe.status !== 200 || !c.check(probeJson)) throw new Error(`${c.name}: unexpected answer ${JSON.stringify(probeJson).slice(0, 500)}`);
    if (WARMUP > 0) await load(api, c, WARMUP);
  }
  const totals = cases.map(() => ({ requests: 0, seconds: 0, latencies: [] as number[], errors: 0, non2xx: 0, statements: 0, cpuMicros: 0, rounds: [] as number[] }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, c] of cases.entries()) {
      const before = await apiStats(api);
      const stretch = await load(api, c, DURATION / ROUNDS);
      const after = await apiStats(api);
      const total = totals[i]!;
      total.statements += after.statements - before.statements;
      total.cpuMicros += after.cpuMicros - before.cpuMicros;
      total.requests += stretch.requests;
      total.seconds += stretch.seconds;
      total.rounds.push(Math.round(stretch.requests / stretch.seconds));
      total.errors += stretch.errors;
      total.non2xx += stretch.non2xx;
      for (const latency of stretch.latencies) total.latencies.push(latency);
    }
  }
  return cases.map((c, i) => {
    const t = totals[i]!;
    const sorted = t.latencies.sort((a, b) => a - b);
    const result: CaseResult = {
      case: c.name,
      requestsPerSecond: Math.round(t.requests / t.seconds),
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      requests: t.requests,
      errors: t.errors,
      non2xx: t.non2xx,
      statementsPerRequest: t.requests ? Math.round((t.statements / t.requests) * 100) / 100 : 0,
      apiCpuMsPerRequest: t.requests ? Math.round((t.cpuMicros / t.requests / 1000) * 1000) / 1000 : 0,
      roundRequestsPerSecond: t.rounds,
    };
    console.log(
      `  ${c.name.padEnd(36)} ${String(result.requestsPerSecond).padStart(6)} req/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms  ${result.statementsPerRequest} stmt/req  ${result.apiCpuMsPerRequest} API CPU ms/req`,
    );
    return result;
  });
}

/** Statements per request of the case-1 query at several page sizes (sequential, exact). */
async function statementsByPageSize(api: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const first of [10, 50, 200]) {
    const before = await statements(api);
    for (let i = 0; i < 20; i++) await graphql(api, CredentialsDocument, { first });
    out[`first: ${first}`] = ((await statements(api)) - before) / 20;
  }
  return out;
}

/**
 * Case 6: the scheduled re-verification job, as the API runs it (its default concurrency unless
 * BENCH_VERIFY_CONCURRENCY sets LATCHKEY_VERIFY_CONCURRENCY): /bench/reverify makes the
 * credentials due and runs a round now. Timed from the request to the answer; the slow endpoint
 * must have accepted one request per credential.
 */
async function reverifyAll(api: string, ids: string[], slow: SlowEndpoint): Promise<{ ms: number; allValid: boolean; concurrency: number; apiCpuMsPerVerification: number }> {
  const acceptedBefore = slow.accepted();
  const statsBefore = await apiStats(api);
  const started = performance.now();
  const response = await fetch(`${api}/bench/reverify`, {
    method: "POST",
    headers: { "content-type": "application/json", ...authHeaders() },
    body: JSON.stringify({ credentialIds: ids }),
  });
  const ms = Math.round(performance.now() - started);
  const body = (await response.json()) as { verified?: number; concurrency?: number; error?: string };
  if (response.status !== 200) throw new Error(`/bench/reverify answered ${response.status}: ${body.error}`);
  const accepted = slow.accepted() - acceptedBefore;
  const apiCpuMsPerVerification = Math.round(((await apiStats(api)).cpuMicros - statsBefore.cpuMicros) / ids.length) / 1000;
  return { ms, allValid: body.verified === ids.length && accepted === ids.length, concurrency: body.concurrency ?? 0, apiCpuMsPerVerification };
}

// ------------------------------------------------------------------------------------------------
// One scale

type SlowEndpoint = Awaited<ReturnType<typeof startSlowEndpoint>>;

async function runScale(credentialCount: number, slow: SlowEndpoint): Promise<ScaleResult> {
  // A fresh database on the DATABASE_URL server, the way the integration tests make theirs.
  const database = await createTestDatabase(serverUrl);
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-bench-"));
  const encryptionKey = randomBytes(32).toString("base64");
  try {
    process.stdout.write(`\n${credentialCount.toLocaleString("en")} credentials: seeding… `);
    const started = performance.now();
    // Before the API starts: PGlite is one process's.
    const seeded: Seeded = await seed(
      { url: database.url, dataDir, encryptionKey },
      { credentials: credentialCount, components: 200, flows: SCALE_FLOWS, hotUsage: 50, reverify: Math.min(REVERIFY, credentialCount) },
    );
    const seedMs = { ...seeded.timings, total: Math.round(performance.now() - started) };
    console.log(`${(seedMs.total / 1000).toFixed(1)} s (${JSON.stringify(seeded.timings)})`);
    apiToken = seeded.token;

    const api = await startBenchApi({ dataDir, databaseUrl: database.url }, {
      LATCHKEY_ENCRYPTION_KEY: encryptionKey,
      LATCHKEY_BASE_URL_OVERRIDES: seeded.benchComponentKeys.map((k) => `${k}=${slow.url}/v2`).join(","),
      ...(VERIFY_CONCURRENCY ? { LATCHKEY_VERIFY_CONCURRENCY: String(VERIFY_CONCURRENCY) } : {}),
    });
    try {
      const found = await graphql(api.url, CredentialsDocument, { first: 1, filter: { search: seeded.deepName } });
      const deepCursor: string = found.credentials.edges[0].cursor;
      const page = (data: any) => data.credentials.edges.length === PAGE;
      const jsonPage = (json: any) => json.data.credentials.edges.length === PAGE;
      const cases: LoadCase[] = [
        // Each GraphQL page right before its JSON baseline (5a, 5b), so that both meet the same
        // moment of the machine in every round (see pairedRatio).
        graphqlCase("1a credentials, first page", CredentialsDocument, { first: PAGE }, page),
        { name: "5a JSON baseline, first page", request: { path: `/bench/credentials?first=${PAGE}`, method: "GET" }, check: jsonPage },
        graphqlCase("1b credentials, deep page", CredentialsDocument, { first: PAGE, after: deepCursor }, page),
        {
          name: "5b JSON baseline, deep page",
          request: { path: `/bench/credentials?first=${PAGE}&after=${encodeURIComponent(deepCursor)}`, method: "GET" },
          check: jsonPage,
        },
        {
          name: "2 components { credentialCount }",
          request: {
            path: "/graphql",
            method: "POST",
            body: JSON.stringify({ query: "query($n: Int) { components(first: $n) { totalCount edges { node { id key name credentialCount } } } }", variables: { n: 200 } }),
          },
          check: (json) => !json.errors && json.data.components.edges.length === 200,
        },
        graphqlCase("3 credential { usage } (50 flows)", CredentialDocument, { id: seeded.hotCredentialId }, (d) => d.credential.usage.totalCount === 50 && d.credential.usage.edges.length === 50),
        graphqlCase("4 deleteCredential, in use", DeleteCredentialDocument, { input: { id: seeded.inUseCredentialId } }, (d) => d.deleteCredential.__typename === "CredentialInUse"),
      ];
      const results = await runCases(api.url, cases.filter((x) => !CASES || CASES.some((p) => x.name.startsWith(p))));
      const byPageSize = await statementsByPageSize(api.url);
      const reverify = CASES && !CASES.includes("6") ? null : await reverifyAll(api.url, seeded.reverifyIds, slow);
      if (reverify) console.log(`  6 re-verify ${seeded.reverifyIds.length} credentials: ${reverify.ms} ms (scheduled job, concurrency ${reverify.concurrency}; API CPU ${reverify.apiCpuMsPerVerification} ms per verification)${reverify.allValid ? "" : " NOT ALL VERIFIED"}`);
      const problems = api.output().split("\n").filter((l) => /"level":"error"/.test(l));
      if (problems.length > 0) console.warn(`  the API logged ${problems.length} errors, e.g. ${problems[0]}`);
      return {
        credentials: credentialCount,
        seedMs,
        cases: results,
        statementsPerRequestByPageSize: byPageSize,
        reverify: reverify && {
          credentials: seeded.reverifyIds.length,
          concurrency: reverify.concurrency,
          ms: reverify.ms,
          apiCpuMsPerVerification: reverify.apiCpuMsPerVerification,
          allValid: reverify.allValid,
          path: "scheduled re-verification job (one round via /bench/reverify)",
        },
      };
    } finally {
      await api.stop();
      if (env.BENCH_API_LOG) writeFileSync(env.BENCH_API_LOG, api.output());
    }
  } finally {
    if (KEEP) {
      console.log(`  kept for inspection: ${database.url ?? "PGlite"} (data folder ${dataDir})`);
    } else {
      rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    }
  }
}

// ------------------------------------------------------------------------------------------------
// Lists at scale (cases 7 and 8): flows(first: 50) at 20k flows against 200 (and the API's resident
// memory before and after its load), one credential's audit history at 1M audit rows against 10k.
// Each size has its own database: the seed, its audit rows (set-based SQL), then the API.

const LIST_SIZES = (env.BENCH_LIST_SIZES ?? "200:10000,20000:1000000")
  .split(",")
  .filter(Boolean)
  .map((pair) => {
    const [flows, auditRows] = pair.split(":").map(Number);
    return { flows: flows!, auditRows: auditRows! };
  });
/** Audit events of the measured credential, spread over the whole log (the rest are other objects'). */
const HISTORY_EVENTS = 200;

interface ListScaleResult {
  flows: number;
  auditRows: number;
  seedMs: number;
  flowsCase: CaseResult;
  auditCase: CaseResult;
  rssBeforeMiB: number;
  rssAfterMiB: number;
}

async function rssMiB(api: string): Promise<number> {
  const response = await fetch(`${api}/bench/stats`, { headers: authHeaders() });
  return Math.round(((await response.json()) as { rssBytes: number }).rssBytes / 1024 / 1024);
}

/** The owner's session cookie (the audit log is for people), by the signIn mutation. */
async function signInCookie(api: string, owner: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${api}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { __typename } }", variables: { e: owner.email, p: owner.password } }),
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`signIn gave no session: ${await response.text()}`);
  return cookie;
}

/** `rows` audit events in the workspace, every (rows / HISTORY_EVENTS)th about the measured credential; 100k per statement. */
async function seedAuditRows(target: { url?: string; dataDir: string }, workspaceId: string, credentialId: string, rows: number): Promise<void> {
  const handle = await openDatabase({ url: target.url, dataDir: target.dataDir });
  try {
    const stride = Math.max(1, Math.floor(rows / HISTORY_EVENTS));
    for (let start = 1; start <= rows; start += 100_000) {
      const end = Math.min(rows, start + 99_999);
      await handle.db.execute(sql`
        insert into audit_events (workspace_id, actor_type, action, object_type, object_id, details)
        select ${workspaceId}::uuid, 'system', 'credential.update', 'credential',
               case when g % ${stride} = 0 then ${credentialId} else 'other-' || (g % 5000) end, '{"name":"bench"}'::jsonb
        from generate_series(${start}::int, ${end}::int) g`);
    }
    await handle.db.execute(sql`analyze audit_events`);
  } finally {
    await handle.close();
  }
}

async function runListScale(size: { flows: number; auditRows: number }, slow: SlowEndpoint): Promise<ListScaleResult> {
  const database = await createTestDatabase(serverUrl);
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-bench-lists-"));
  const encryptionKey = randomBytes(32).toString("base64");
  try {
    process.stdout.write(`\n${size.flows.toLocaleString("en")} flows, ${size.auditRows.toLocaleString("en")} audit rows: seeding… `);
    const started = performance.now();
    const seeded = await seed({ url: database.url, dataDir, encryptionKey }, { credentials: 1_000, components: 20, flows: size.flows, hotUsage: 50, reverify: 1 });
    await seedAuditRows({ url: database.url, dataDir }, seeded.workspaceId, seeded.hotCredentialId, size.auditRows);
    const seedMs = Math.round(performance.now() - started);
    console.log(`${(seedMs / 1000).toFixed(1)} s`);
    apiToken = seeded.token;
    const api = await startBenchApi({ dataDir, databaseUrl: database.url }, {
      LATCHKEY_ENCRYPTION_KEY: encryptionKey,
      LATCHKEY_BASE_URL_OVERRIDES: seeded.benchComponentKeys.map((k) => `${k}=${slow.url}/v2`).join(","),
    });
    try {
      const cookie = await signInCookie(api.url, seeded.owner);
      const flowsCase = graphqlCase("7 flows(first: 50)", FlowsDocument, { first: PAGE, status: null }, (d) => d.flows.edges.length === PAGE && d.flows.totalCount === size.flows);
      const auditCase: LoadCase = {
        ...graphqlCase("8 audit history, one credential", AuditLogDocument, { filter: { objectType: "credential", objectId: seeded.hotCredentialId }, first: PAGE }, (d) => d.auditLog.edges.length === PAGE),
        headers: { cookie },
      };
      const rssBeforeMiB = await rssMiB(api.url);
      const [flowsResult] = await runCases(api.url, [flowsCase]);
      const rssAfterMiB = await rssMiB(api.url);
      const [auditResult] = await runCases(api.url, [auditCase]);
      console.log(`  API resident memory around case 7: ${rssBeforeMiB} MiB → ${rssAfterMiB} MiB`);
      return { flows: size.flows, auditRows: size.auditRows, seedMs, flowsCase: flowsResult!, auditCase: auditResult!, rssBeforeMiB, rssAfterMiB };
    } finally {
      await api.stop();
    }
  } finally {
    if (KEEP) console.log(`  kept for inspection: ${database.url ?? "PGlite"} (data folder ${dataDir})`);
    else {
      rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    }
  }
}

/** The list cases at every size, and their ratios (the largest size over the smallest); none when filtered out. */
async function runListCases(slow: SlowEndpoint) {
  if (LIST_SIZES.length === 0 || (CASES && !CASES.some((p) => p.startsWith("7") || p.startsWith("8")))) return undefined;
  const sizes: ListScaleResult[] = [];
  for (const size of LIST_SIZES) sizes.push(await runListScale(size, slow));
  const small = sizes[0]!;
  const large = sizes.at(-1)!;
  return {
    sizes,
    summary: {
      flowsP99LargeOverSmall: ratio(large.flowsCase.p99Ms, small.flowsCase.p99Ms),
      auditP99LargeOverSmall: ratio(large.auditCase.p99Ms, small.auditCase.p99Ms),
      rssGrowthMiBAtLargest: large.rssAfterMiB - large.rssBeforeMiB,
    },
  };
}

function printListTable(lists: NonNullable<Awaited<ReturnType<typeof runListCases>>>) {
  console.log("\nLists at scale (targets: p99 ratio flows ≤ 1.5×, audit history ≤ 2×; RSS growth ≤ 100 MiB)");
  for (const s of lists.sizes) {
    console.log(
      `  ${s.flows.toLocaleString("en")} flows: 7 flows(first: 50) ${s.flowsCase.requestsPerSecond} req/s, p99 ${s.flowsCase.p99Ms} ms, RSS ${s.rssBeforeMiB} → ${s.rssAfterMiB} MiB` +
        ` | ${s.auditRows.toLocaleString("en")} audit rows: 8 audit history ${s.auditCase.requestsPerSecond} req/s, p99 ${s.auditCase.p99Ms} ms`,
    );
  }
  const { flowsP99LargeOverSmall, auditP99LargeOverSmall, rssGrowthMiBAtLargest } = lists.summary;
  console.log(`  p99 ratio flows ${flowsP99LargeOverSmall}×, audit history ${auditP99LargeOverSmall}×; RSS growth at the largest size ${rssGrowthMiBAtLargest} MiB`);
}

// Hot paths and start-up (issue 18): resolveCredential against its floor, createCredential on one
// component against spread over 100, restart with 1 vs 5,000 workspaces, cold and warm `npm start`.

interface HotPathResult {
  cases: CaseResult[];
  /** resolveCredential's throughput over the floor's (target ≥ 0.5). */
  resolveOverFloor: number | null;
  /** The same as the median of the rounds' ratios (pairedRatio). */
  resolveOverFloorPaired: number | null;
  /** The same from the API's CPU time per request (floor's over resolveCredential's): what the ratio is when the API's CPU is the limit, whatever else loads the machine. */
  resolveOverFloorByApiCpu: number | null;
  /** createCredential on one component over spread over 100 (target ≥ 0.9). */
  oneComponentOverSpread: number | null;
  /** The same as the median of the rounds' ratios (pairedRatio). */
  oneComponentOverSpreadPaired: number | null;
  /** Start of the compiled API to its first GraphQL answer, ms, and the ratio (target ≤ 1.3). */
  restart: { oneWorkspaceMs: number; manyWorkspacesMs: number; workspaces: number; ratio: number | null } | null;
  /** `npm start` to the API's first GraphQL answer, ms: cold (no API build, fresh data folder) and warm (targets ≤ 10 s, ≤ 4 s). */
  npmStart: { coldMs: number; warmMs: number } | null;
}

const RESTART_WORKSPACES = Number(env.BENCH_RESTART_WORKSPACES ?? 5_000);

async function runHotPaths(): Promise<HotPathResult> {
  const database = await createTestDatabase(serverUrl);
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-bench-hot-"));
  const encryptionKey = randomBytes(32).toString("base64");
  // Verifications answered at once, so createCredential measures Latchkey, not the endpoint.
  const instant = await startFakeApp((req, res) => {
    const ok = req.headers.api_key === BENCH_API_KEY;
    res.writeHead(ok ? 200 : 401, { "content-type": "application/json" }).end(ok ? '{"username":"bench"}' : "{}");
  });
  try {
    process.stdout.write("\nHot paths: seeding… ");
    const seeded = await seed({ url: database.url, dataDir, encryptionKey }, { credentials: 1_000, components: 110, flows: 10, hotUsage: 2, reverify: 10 });
    console.log("done");
    apiToken = seeded.token;
    const apiEnv = {
      LATCHKEY_ENCRYPTION_KEY: encryptionKey,
      LATCHKEY_BASE_URL_OVERRIDES: seeded.benchComponentKeys.map((k) => `${k}=${instant.url}/v2`).join(","),
    };
    let cases: CaseResult[] = [];
    const api = await startBenchApi({ dataDir, databaseUrl: database.url }, apiEnv);
    try {
      const id = seeded.reverifyIds[1]!;
      const create = (componentKey: string) =>
        JSON.stringify({ query: String(CreateCredentialDocument), variables: { input: { componentKey, authType: "API_KEY", values: { apiKey: BENCH_API_KEY } } } });
      const created = (json: any) => !json.errors && json.data.createCredential.__typename === "CredentialCreated";
      const spread = seeded.benchComponentKeys.slice(0, 100).map(create);
      const hotCases: LoadCase[] = [
        graphqlCase("10a resolveCredential", ResolveCredentialDocument, { input: { id } }, (d) => d.resolveCredential.__typename === "ResolvedCredential"),
        { name: "10b floor: PK select + insert", request: { path: `/bench/floor?id=${id}`, method: "GET" }, check: (json) => json.data?.id === id },
        // What the GraphQL layer alone costs (the same token, no resolver, no statement): how much of 10a is not resolveCredential's own work.
        graphqlCase("10c GraphQL alone: { __typename }", "query Typename { __typename }", {}, (d) => d.__typename === "Query"),
        { name: "11a createCredential, 1 component", request: { path: "/graphql", method: "POST", body: spread[0] }, check: created },
        { name: "11b createCredential, 100 components", request: { path: "/graphql", method: "POST", body: spread[0] }, bodies: spread, check: created },
      ];
      cases = await runCases(api.url, hotCases.filter((x) => !CASES || CASES.some((p) => x.name.startsWith(p))));
    } finally {
      await api.stop();
    }
    const wanted = (prefix: string) => !CASES || CASES.includes(prefix);
    const restart = wanted("12") ? await measureRestart({ dataDir, databaseUrl: database.url }, { ...apiEnv, LATCHKEY_BENCH: "true" }) : null;
    const npmStart = wanted("13") && env.BENCH_NPM_START !== "0" ? await measureNpmStart() : null;
    const found = (prefix: string) => cases.find((c) => c.case.startsWith(prefix));
    const rps = (prefix: string) => found(prefix)?.requestsPerSecond;
    const cpu = (prefix: string) => found(prefix)?.apiCpuMsPerRequest;
    return {
      cases,
      resolveOverFloor: ratio(rps("10a"), rps("10b")),
      resolveOverFloorPaired: pairedRatio(found("10a"), found("10b")),
      resolveOverFloorByApiCpu: ratio(cpu("10b"), cpu("10a")),
      oneComponentOverSpread: ratio(rps("11a"), rps("11b")),
      oneComponentOverSpreadPaired: pairedRatio(found("11a"), found("11b")),
      restart,
      npmStart,
    };
  } finally {
    await instant.close();
    rmSync(dataDir, { recursive: true, force: true });
    await database.drop();
  }
}

/** Runs the compiled API (as `npm start` does) until its first GraphQL answer; answers the time from spawn, then stops it. */
async function timeToFirstAnswer(command: string, args: string[], childEnv: NodeJS.ProcessEnv, apiUrl: string): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: root, env: childEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(" ")} exited (${child.exitCode}):\n${output.slice(-2000)}`);
      if (performance.now() - started > 600_000) throw new Error(`no GraphQL answer within 10 minutes:\n${output.slice(-2000)}`);
      const answered = await fetch(`${apiUrl}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __typename }" }),
      }).then(
        (r) => r.ok,
        () => false,
      );
      if (answered) return Math.round(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    // The whole process group (npm start runs the API and the web app as children).
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid!, "SIGINT");
      await exited;
    }
  }
}

/**
 * Restart time of the compiled API with the seeded workspace alone, then with RESTART_WORKSPACES
 * workspaces (each with the built-in catalog, as a new workspace gets it), written straight into
 * the database while no API runs.
 */
async function measureRestart(target: { dataDir: string; databaseUrl: string | undefined }, apiEnv: Record<string, string>) {
  await ensureApiBuild();
  const port = String(Number(env.BENCH_RESTART_PORT ?? 4390));
  const childEnv = {
    PATH: env.PATH,
    HOME: env.HOME,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: port,
    LATCHKEY_LOG_LEVEL: "warn",
    LATCHKEY_DEMO_DATA: "false",
    LATCHKEY_DATA_DIR: target.dataDir,
    ...(target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : {}),
    ...apiEnv,
  };
  const start = () => timeToFirstAnswer(process.execPath, ["--enable-source-maps", apiBundle], childEnv, `http://127.0.0.1:${port}`);
  await start(); // the first start after the seed may migrate or sync; restarts are what is compared
  const oneWorkspaceMs = Math.min(await start(), await start());
  const handle = await openDatabase({ url: target.databaseUrl, dataDir: target.dataDir });
  try {
    await handle.db.execute(sql`
      with added as (
        insert into workspaces (id, name, slug)
        select gen_random_uuid(), 'Restart ' || n, 'restart-' || n from generate_series(2, ${RESTART_WORKSPACES}) as n
        returning id
      )
      insert into components (id, workspace_id, key, name, description, descriptor, source)
      select gen_random_uuid(), added.id, c.key, c.name, c.description, c.descriptor, 'catalog'
      from added cross join (select key, name, description, descriptor from components where source = 'catalog' and workspace_id = (select id from workspaces order by created_at limit 1)) c`);
  } finally {
    await handle.close();
  }
  await start();
  const manyWorkspacesMs = Math.min(await start(), await start());
  console.log(`  restart (compiled API, to its first answer): 1 workspace ${oneWorkspaceMs} ms, ${RESTART_WORKSPACES.toLocaleString("en")} workspaces ${manyWorkspacesMs} ms`);
  return { oneWorkspaceMs, manyWorkspacesMs, workspaces: RESTART_WORKSPACES, ratio: ratio(manyWorkspacesMs, oneWorkspaceMs) };
}

/**
 * `npm start` (scripts/start.mjs) to the API's first GraphQL answer, on PGlite in a fresh data
 * folder: cold without a compiled API (it is compiled first), warm right after. The web app's
 * build is made (not timed) before, when stale: it takes minutes and is not the API's start.
 */
async function measureNpmStart(): Promise<{ coldMs: number; warmMs: number }> {
  await ensureWebBuild();
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-bench-start-"));
  const port = String(Number(env.BENCH_START_PORT ?? 4391));
  const childEnv = { PATH: env.PATH, HOME: env.HOME, PORT: port, WEB_PORT: String(Number(port) + 1), LATCHKEY_DATA_DIR: dataDir, LATCHKEY_LOG_LEVEL: "warn" };
  try {
    rmSync(apiBundle, { force: true });
    const coldMs = await timeToFirstAnswer(process.execPath, ["scripts/start.mjs"], childEnv, `http://127.0.0.1:${port}`);
    const warmMs = await timeToFirstAnswer(process.execPath, ["scripts/start.mjs"], childEnv, `http://127.0.0.1:${port}`);
    console.log(`  npm start to the first GraphQL answer: cold ${coldMs} ms, warm ${warmMs} ms`);
    return { coldMs, warmMs };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------------------------------------

function ratio(a: number | undefined, b: number | undefined): number | null {
  return a && b ? Math.round((a / b) * 100) / 100 : null;
}

/**
 * The median, over the rounds, of a's throughput over b's in the same round. Two cases measured
 * one after the other in each round meet the same moment of the machine; a burst of other load
 * (a shared VM's neighbours, the database's background work) then moves one round's ratio, not
 * the whole run's, as it moves a ratio of totals.
 */
function pairedRatio(a: CaseResult | undefined, b: CaseResult | undefined): number | null {
  if (!a || !b || a.roundRequestsPerSecond.length !== b.roundRequestsPerSecond.length) return null;
  const ratios = a.roundRequestsPerSecond.map((x, i) => x / b.roundRequestsPerSecond[i]!).sort((x, y) => x - y);
  const mid = ratios.length / 2;
  const median = ratios.length % 2 ? ratios[Math.floor(mid)]! : (ratios[mid - 1]! + ratios[mid]!) / 2;
  return Number.isFinite(median) ? Math.round(median * 100) / 100 : null;
}

async function main() {
  const slow = await startSlowEndpoint();
  const loadBefore = loadavg();
  const scales: ScaleResult[] = [];
  let lists: Awaited<ReturnType<typeof runListCases>> = undefined;
  let hot: HotPathResult | undefined;
  try {
    // BENCH_CASES=9: webhook delivery alone, no seeded scales.
    if (!CASES?.every((c) => c === "9")) {
      for (const n of SCALES) scales.push(await runScale(n, slow));
      lists = await runListCases(slow);
      if (env.BENCH_HOT !== "0") hot = await runHotPaths();
    }
  } finally {
    await slow.close();
  }
  const webhooks = !CASES || CASES.includes("9") ? await benchWebhooks(serverUrl) : undefined;
  const find = (s: ScaleResult | undefined, prefix: string) => s?.cases.find((c) => c.case.startsWith(prefix));
  const small = scales[0];
  const large = scales.at(-1);
  const summary = {
    case1OverCase5: Object.fromEntries(
      scales.map((s) => [
        s.credentials,
        {
          firstPage: ratio(find(s, "1a")?.requestsPerSecond, find(s, "5a")?.requestsPerSecond),
          deepPage: ratio(find(s, "1b")?.requestsPerSecond, find(s, "5b")?.requestsPerSecond),
          firstPagePaired: pairedRatio(find(s, "1a"), find(s, "5a")),
          deepPagePaired: pairedRatio(find(s, "1b"), find(s, "5b")),
          firstPageByApiCpu: ratio(find(s, "5a")?.apiCpuMsPerRequest, find(s, "1a")?.apiCpuMsPerRequest),
          deepPageByApiCpu: ratio(find(s, "5b")?.apiCpuMsPerRequest, find(s, "1b")?.apiCpuMsPerRequest),
        },
      ]),
    ),
    p99LargeOverSmall:
      scales.length > 1
        ? Object.fromEntries(["1a", "1b", "2", "3", "4", "5a", "5b"].map((p) => [p, ratio(find(large, p)?.p99Ms, find(small, p)?.p99Ms)]))
        : {},
    reverifyMs: Object.fromEntries(scales.map((s) => [s.credentials, s.reverify?.ms ?? null])),
  };
  const results = {
    date: new Date().toISOString(),
    database: serverUrl ? "postgres" : "pglite",
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, loadAverageBefore: loadBefore, loadAverageAfter: loadavg(), node: process.version },
    settings: { durationSeconds: DURATION, warmupSeconds: WARMUP, connections: CONNECTIONS, pageSize: PAGE, rounds: ROUNDS, verifyConcurrency: VERIFY_CONCURRENCY ?? "API default" },
    scales,
    summary,
    webhooks,
    lists,
    hotPaths: hot ?? null,
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  if (scales.length > 0) printTable(results);
  if (lists) printListTable(lists);
  if (hot) printHotPaths(hot);
  if (webhooks) {
    console.log(
      `9 webhooks: ${webhooks.deliveredPerSecond} events/s delivered (${webhooks.events} events, queued at ${webhooks.queuedPerSecond}/s); ` +
        `status change → delivery p50 ${webhooks.delayP50Ms} ms, p99 ${webhooks.delayP99Ms} ms (${webhooks.statusChanges} changes, poll ${webhooks.pollMs})`,
    );
  }
}

function printHotPaths(hot: HotPathResult) {
  console.log("\nHot paths and start-up");
  for (const c of hot.cases)
    console.log(`  ${c.case.padEnd(36)} ${String(c.requestsPerSecond).padStart(6)} req/s  p50 ${c.p50Ms} ms  p99 ${c.p99Ms} ms  ${c.statementsPerRequest} stmt/req  ${c.apiCpuMsPerRequest} API CPU ms/req`);
  console.log(
    `  resolveCredential / floor: ${hot.resolveOverFloor} (target ≥ 0.5; median of paired rounds ${hot.resolveOverFloorPaired}); by the API's CPU time per request: ${hot.resolveOverFloorByApiCpu}`,
  );
  console.log(`  createCredential 1 component / 100 components: ${hot.oneComponentOverSpread} (target ≥ 0.9; median of paired rounds ${hot.oneComponentOverSpreadPaired})`);
  if (hot.restart) console.log(`  12 restart ${hot.restart.workspaces.toLocaleString("en")} / 1 workspaces: ${hot.restart.ratio} (${hot.restart.manyWorkspacesMs} / ${hot.restart.oneWorkspaceMs} ms; target ≤ 1.3)`);
  if (hot.npmStart) console.log(`  13 npm start to the first GraphQL answer: cold ${hot.npmStart.coldMs} ms (target ≤ 10 s), warm ${hot.npmStart.warmMs} ms (target ≤ 4 s)`);
}

function printTable(results: { database: string; settings: { connections: number; durationSeconds: number }; scales: ScaleResult[]; summary: any; machine: any }) {
  const { scales, summary } = results;
  const names = scales[0]?.cases.map((c) => c.case) ?? [];
  const header = ["case", ...scales.flatMap((s) => [`req/s ${s.credentials / 1000}k`, `p50 ${s.credentials / 1000}k`, `p99 ${s.credentials / 1000}k`, `stmt/req`]), "p99 ratio"];
  const rows = names.map((name) => {
    const p = name.split(" ")[0]!;
    return [
      name,
      ...scales.flatMap((s) => {
        const c = s.cases.find((x) => x.case === name)!;
        return [String(c.requestsPerSecond), `${c.p50Ms} ms`, `${c.p99Ms} ms`, String(c.statementsPerRequest)];
      }),
      summary.p99LargeOverSmall[p] == null ? "" : `${summary.p99LargeOverSmall[p]}×`,
    ];
  });
  const reverified = scales.map((s) => s.reverify);
  if (scales.length > 0 && reverified.every((r) => r !== null)) {
    rows.push([`6 re-verify ${reverified[0]!.credentials.toLocaleString("en")} (50 ms each), job at ${reverified[0]!.concurrency}`, ...reverified.flatMap((r) => [`${r!.ms} ms`, "", "", ""]), ""]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(`\nLatchkey bench: ${results.database}, ${results.settings.connections} connections, ${results.settings.durationSeconds} s per case, load ${results.machine.loadAverageBefore.map((l: number) => l.toFixed(2)).join(" ")}`);
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
  for (const s of scales) {
    const r = summary.case1OverCase5[s.credentials];
    console.log(
      `case 1 / case 5 at ${s.credentials}: first page ${r.firstPage} (median of paired rounds ${r.firstPagePaired}, by API CPU ${r.firstPageByApiCpu}), ` +
        `deep page ${r.deepPage} (${r.deepPagePaired}, ${r.deepPageByApiCpu}); statements per request by page size: ${JSON.stringify(s.statementsPerRequestByPageSize)}`,
    );
  }
  console.log(`Full results: ${path.relative(process.cwd(), RESULTS_FILE)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
