/**
 * Database faults, shutdown and operator logs, against the real API process on a real PostgreSQL
 * (its own fresh database on the tests' server; only that database is ever touched): terminated
 * backends under load, a database that refuses connections, cancelled queries, SIGTERM with
 * requests in flight, the probes, request ids, and no secret in the logs.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { CreateCredentialDocument, CredentialDocument, CredentialsDocument } from "@latchkey/sdk";
import {
  createTestDatabase,
  eventually,
  postgresOrSkip,
  registerApiKeyComponent,
  requiredPostgresUrl,
  startApi,
  startFakeApp,
  type FakeApp,
  type TestApi,
  type TestDatabase,
} from "./harness";

jest.setTimeout(180_000);

const serverUrl = requiredPostgresUrl();
let available = false;
let database: TestDatabase | undefined;
let api: TestApi | undefined;
let app: FakeApp | undefined;
let admin: pg.Client | undefined;
/** Every secret value sent to the API: none may appear in its logs. */
const secrets: string[] = [];
// The fake application accepts keys that start with "lk-"; a key with "slow" in it is answered after
// slowMs, one with "mid" after 2 s, any other at once.
let slowMs = 1_500;

const databaseName = () => new URL(database!.url!).pathname.slice(1);

beforeAll(async () => {
  available = await postgresOrSkip(serverUrl, "the fault tests");
  if (!available) return;
  app = await startFakeApp((req, res) => {
    const key = String(req.headers["x-api-key"] ?? "");
    const answer = () => res.writeHead(key.startsWith("lk-") ? 200 : 401, { "content-type": "application/json" }).end("{}");
    const delay = key.includes("slow") ? slowMs : key.includes("mid") ? 2_000 : 0;
    if (delay > 0) setTimeout(answer, delay).unref();
    else answer();
  });
  database = await createTestDatabase(serverUrl);
  admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  api = await startApi({
    databaseUrl: database.url,
    env: { LATCHKEY_LOG_LEVEL: "debug", DATABASE_CONNECT_TIMEOUT_MS: "2000", LATCHKEY_REVERIFY_INTERVAL: "0" },
  });
  const registered = await registerApiKeyComponent(api.client, { key: "faulty", name: "Faulty", baseUrl: app.url, header: "X-Api-Key" });
  expect(registered.__typename).toBe("ComponentRegistered");
}, 120_000);

afterAll(async () => {
  await api?.stop();
  if (database?.url) await admin?.query(`alter database ${databaseName()} allow_connections true`).catch(() => undefined);
  await admin?.end();
  await database?.drop();
  await app?.close();
});

function skipUnlessPostgres(): boolean {
  return !available;
}

/** Ends every connection to the API's database (what a restart, a failover or a proxy does). */
async function terminateBackends(): Promise<number> {
  const { rowCount } = await admin!.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [
    databaseName(),
  ]);
  return rowCount ?? 0;
}

interface Answer {
  status: number;
  data: any;
  errors: { message: string; extensions?: { code?: string; retryAfterSeconds?: number; requestId?: string } }[] | undefined;
  requestId: string | null;
}

async function send(document: unknown, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(api!.graphqlUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...api!.owner.headers, ...headers },
    body: JSON.stringify({ query: String(document), variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: Answer["errors"] };
  return { status: response.status, data: body.data, errors: body.errors, requestId: response.headers.get("x-request-id") };
}

const codesOf = (answer: Answer) => (answer.errors ?? []).map((e) => e.extensions?.code);

/** A retryable failure, as a client must be able to recognise it. */
function expectRetryable(answer: Answer): void {
  expect(codesOf(answer).length).toBeGreaterThan(0);
  expect(codesOf(answer).every((code) => code === "SERVICE_UNAVAILABLE")).toBe(true);
  for (const error of answer.errors ?? []) expect(error.extensions?.retryAfterSeconds).toBeGreaterThan(0);
}

const newKey = (tag = "") => {
  const key = `lk-${tag}${randomBytes(12).toString("hex")}`;
  secrets.push(key);
  return key;
};

function createInput(name: string, apiKey: string) {
  return { input: { componentKey: "faulty", authType: "API_KEY" as const, name, values: { apiKey } } };
}

async function servesAgain(): Promise<void> {
  await eventually(
    "the API serves again",
    async () => {
      const answer = await send(CredentialsDocument, { first: 1 });
      return answer.status === 200 && !answer.errors ? true : undefined;
    },
    10_000,
    100,
  );
}

test("every backend terminated during a load of reads and creates, three times: the API stays up, answers retryable codes, serves again, loses no acknowledged create", async () => {
  if (skipUnlessPostgres()) return;
  const acknowledged: { id: string; name: string }[] = [];
  const failures: Answer[] = [];
  let stop = false;
  let sent = 0;
  const worker = async (n: number) => {
    for (let i = 0; !stop; i++) {
      sent++;
      const answer =
        i % 2 === 0
          ? await send(CredentialsDocument, { first: 20 })
          : await send(CreateCredentialDocument, createInput(`load ${n}-${i}`, newKey()));
      if (answer.errors) failures.push(answer);
      const created = answer.data?.createCredential;
      if (created?.__typename === "CredentialCreated") acknowledged.push({ id: created.credential.id, name: created.credential.name });
    }
  };
  const workers = Array.from({ length: 6 }, (_, n) => worker(n));
  for (let round = 0; round < 3; round++) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await terminateBackends()).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await servesAgain();
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  stop = true;
  await Promise.all(workers);

  expect(api!.exitCode()).toBeNull();
  expect(sent).toBeGreaterThan(30);
  for (const failure of failures) expectRetryable(failure);
  expect(acknowledged.length).toBeGreaterThan(10);
  // Every create the API acknowledged is there, whole.
  for (const { id, name } of acknowledged) {
    const { credential } = await api!.client.request(CredentialDocument, { id });
    expect(credential).toMatchObject({ id, name, status: "VALID" });
  }
  expect(api!.logs()).not.toMatch(/INTERNAL_SERVER_ERROR|Unexpected error|Unhandled/);
});

test("a database that refuses connections: SERVICE_UNAVAILABLE (HTTP 503, Retry-After) and /readyz 503 meanwhile, then serving again without a restart", async () => {
  if (skipUnlessPostgres()) return;
  const outagesBefore = (api!.logs().match(/The database is unavailable/g) ?? []).length;
  await admin!.query(`alter database ${databaseName()} allow_connections false`);
  try {
    await terminateBackends();
    for (let i = 0; i < 5; i++) {
      const read = await send(CredentialsDocument, { first: 5 });
      expect(read.status).toBe(503);
      expect(codesOf(read)).toEqual(["SERVICE_UNAVAILABLE"]);
      expect(read.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
      const create = await send(CreateCredentialDocument, createInput(`refused ${i}`, newKey()));
      expect(create.status).toBe(503);
      expectRetryable(create);
    }
    const response = await fetch(`${api!.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...api!.owner.headers },
      body: JSON.stringify({ query: String(CredentialsDocument), variables: { first: 1 } }),
    });
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    const ready = await fetch(`${api!.url}/readyz`);
    expect(ready.status).toBe(503);
    expect((await ready.json()) as unknown).toMatchObject({ status: "unavailable", reason: expect.stringMatching(/database/) });
    // Alive all the same: a liveness probe must not restart a process that waits for its database.
    expect((await fetch(`${api!.url}/healthz`)).status).toBe(200);
  } finally {
    await admin!.query(`alter database ${databaseName()} allow_connections true`);
  }
  await eventually("/readyz is 200 again", async () => ((await fetch(`${api!.url}/readyz`)).status === 200 ? true : undefined), 10_000, 100);
  await servesAgain();
  expect(api!.exitCode()).toBeNull();
  // Nothing of the refused creates was written.
  const { credentials } = await api!.client.request(CredentialsDocument, { first: 200, filter: { search: "refused" } });
  expect(credentials.totalCount).toBe(0);
  // The outage is logged once (and its end once), not once per request.
  const logs = api!.logs();
  const outages = (logs.match(/The database is unavailable/g) ?? []).length - outagesBefore;
  expect(outages).toBeGreaterThanOrEqual(1);
  expect(outages).toBeLessThanOrEqual(2);
  expect(logs).toContain("The database answers again");
});

describe("a cancelled query (pg_cancel_backend)", () => {
  /** Holds an exclusive lock on the credentials table, so the API's read of it waits; `cancel` cancels the waiting statement. */
  async function withBlockedRead(cancels: number): Promise<Answer> {
    const locker = new pg.Client({ connectionString: database!.url });
    await locker.connect();
    try {
      await locker.query("begin");
      await locker.query("lock table credentials in access exclusive mode");
      const pending = send(CredentialsDocument, { first: 5 });
      // A statement is known by its backend and start: one already cancelled may still show as waiting for a moment.
      const cancelled = new Set<string>();
      for (let i = 0; i < cancels; i++) {
        await eventually(
          "the API's read waits for the lock",
          async () => {
            const { rows } = await admin!.query<{ pid: number; started: string }>(
              "select pid, query_start::text as started from pg_stat_activity where datname = $1 and wait_event_type = 'Lock' and pid <> $2",
              [databaseName(), (locker as unknown as { processID: number }).processID],
            );
            const fresh = rows.filter((row) => !cancelled.has(`${row.pid}@${row.started}`));
            for (const row of fresh) {
              await admin!.query("select pg_cancel_backend($1)", [row.pid]);
              cancelled.add(`${row.pid}@${row.started}`);
            }
            return fresh.length > 0 ? true : undefined;
          },
          10_000,
          50,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      await locker.query("rollback");
      return await pending;
    } finally {
      await locker.end();
    }
  }

  test("once: the read is retried and succeeds", async () => {
    if (skipUnlessPostgres()) return;
    const answer = await withBlockedRead(1);
    expect(answer.errors).toBeUndefined();
    expect(answer.status).toBe(200);
    expect(answer.data.credentials.totalCount).toBeGreaterThan(0);
  });

  test("twice: SERVICE_UNAVAILABLE with retryAfterSeconds, never INTERNAL_SERVER_ERROR", async () => {
    if (skipUnlessPostgres()) return;
    const answer = await withBlockedRead(2);
    expect(codesOf(answer)).toEqual(["SERVICE_UNAVAILABLE"]);
    expect(answer.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(answer.status).toBe(503);
  });
});

test("probes: /healthz is alive, /readyz ready; X-Request-Id is echoed and names the request in errors", async () => {
  if (skipUnlessPostgres()) return;
  const health = await fetch(`${api!.url}/healthz`);
  expect([health.status, await health.json()]).toEqual([200, { status: "ok" }]);
  const ready = await fetch(`${api!.url}/readyz`);
  expect([ready.status, await ready.json()]).toEqual([200, { status: "ok" }]);

  const given = await send(CredentialsDocument, { first: 1 }, { "x-request-id": "trace-0123456789abcdef" });
  expect(given.requestId).toBe("trace-0123456789abcdef");
  const generated = await send(CredentialsDocument, { first: 1 }, { "x-request-id": "not a sane id \u00e9" });
  expect(generated.requestId).toMatch(/^[0-9a-f-]{36}$/);
  const failed = await send(CredentialsDocument, { first: 100_000 }, { "x-request-id": "req-bad-input" });
  expect(failed.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", requestId: "req-bad-input" });
  expect(api!.logs()).toMatch(/"requestId":"trace-0123456789abcdef"/);
});

test("no secret value, session or token appears in the logs of all of the above", async () => {
  if (skipUnlessPostgres()) return;
  expect(secrets.length).toBeGreaterThan(10);
  const logs = api!.logs();
  const leaked = [...secrets, api!.owner.session].filter((secret) => logs.includes(secret));
  expect(leaked).toEqual([]);
  // The logs are JSON lines with levels.
  const lines = logs.split("\n").filter((line) => line.startsWith("{"));
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(JSON.parse(line)).toMatchObject({ level: expect.any(String), time: expect.any(String) });
});

test("SIGTERM with requests in flight: each finishes, the re-verification leases are released, exit code 0", async () => {
  if (skipUnlessPostgres()) return;
  const own = await createTestDatabase(serverUrl);
  const reverifying = await startApi({ databaseUrl: own.url, env: { LATCHKEY_REVERIFY_INTERVAL: "1s", LATCHKEY_LOG_LEVEL: "info" } });
  const db = new pg.Client({ connectionString: own.url });
  await db.connect();
  try {
    await registerApiKeyComponent(reverifying.client, { key: "faulty", name: "Faulty", baseUrl: app!.url, header: "X-Api-Key" });
    slowMs = 1;
    for (let i = 0; i < 4; i++) {
      const { createCredential } = await reverifying.client.request(CreateCredentialDocument, createInput(`due ${i}`, newKey("slow-")));
      expect(createCredential.__typename).toBe("CredentialCreated");
    }
    // From now on the application hangs (beyond the job's stop grace): the job's verifications will be in flight at the stop.
    slowMs = 60_000;
    const leased = async () => (await db.query("select count(*)::int as n from credentials where verify_lease_until > now()")).rows[0].n as number;
    await eventually("the job has claimed due credentials", async () => ((await leased()) > 0 ? true : undefined));
    // Two creates in flight, answered by the application 2 s after they reach it.
    const quick = new Set<string>();
    const inFlight = [0, 1].map(async (i) => {
      const key = newKey("mid-");
      quick.add(key);
      const response = await fetch(reverifying.graphqlUrl, {
        method: "POST",
        headers: { "content-type": "application/json", ...reverifying.owner.headers },
        body: JSON.stringify({ query: String(CreateCredentialDocument), variables: createInput(`in flight ${i}`, key) }),
      });
      return { status: response.status, body: (await response.json()) as { data?: any; errors?: unknown[] } };
    });
    await eventually("both creates reached the application", async () => {
      const seen = app!.requests.filter((r) => quick.has(String(r.headers["x-api-key"]))).length;
      return seen === 2 ? true : undefined;
    });
    expect(await leased()).toBeGreaterThan(0);
    const stopped = reverifying.stop();
    const answers = await Promise.all(inFlight);
    await stopped;
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.data?.createCredential?.__typename).toBe("CredentialCreated");
    }
    expect(reverifying.exitCode()).toBe(0);
    const { rows } = await db.query("select count(*)::int as n from credentials where verify_lease_until is not null");
    expect(rows[0].n).toBe(0);
    expect(reverifying.logs()).toContain('"message":"Stopped"');
  } finally {
    await db.end();
    await reverifying.stop();
    await own.drop();
  }
});
