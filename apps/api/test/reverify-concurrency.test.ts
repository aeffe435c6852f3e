import { randomBytes } from "node:crypto";
import pg from "pg";
import { CreateCredentialDocument } from "@latchkey/sdk";
import {
  createTestDatabase,
  eventually,
  postgresOrSkip,
  registerApiKeyComponent,
  requiredPostgresUrl,
  startApis,
  startFakeApp,
  type FakeApp,
  type TestApi,
  type TestDatabase,
} from "./harness";

/**
 * Scheduled re-verification shared by two API processes on one PostgreSQL: 500 credentials fall
 * due at the same moment, both processes claim batches (leases with FOR UPDATE SKIP LOCKED), and
 * the application, which counts requests per key, sees every key exactly once in the round.
 */
const CREDENTIALS = Number(process.env.LATCHKEY_REVERIFY_CREDENTIALS ?? 500);
const serverUrl = requiredPostgresUrl();
// Long enough that a whole round ends well within it (polling every interval / 10 = 2 s).
const INTERVAL = "20s";

let available = false;
let database: TestDatabase | undefined;
let a: TestApi | undefined;
let b: TestApi | undefined;
let app: FakeApp;
const requestsPerKey = new Map<string, number>();
/** Slows the application down during the round, so both processes are at work at once. */
let answerDelayMs = 0;

beforeAll(async () => {
  available = await postgresOrSkip(serverUrl, "the re-verification concurrency test");
  if (!available) return;
  app = await startFakeApp((req, res) => {
    const key = String(req.headers["x-count-key"] ?? "");
    requestsPerKey.set(key, (requestsPerKey.get(key) ?? 0) + 1);
    setTimeout(() => res.writeHead(key.startsWith("ck_") ? 200 : 401).end("{}"), answerDelayMs);
  });
  database = await createTestDatabase(serverUrl);
  const env = {
    LATCHKEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    LATCHKEY_REVERIFY_INTERVAL: INTERVAL,
    LATCHKEY_VERIFY_CONCURRENCY: "16",
    LATCHKEY_LOG_LEVEL: "debug",
  };
  [a, b] = await startApis({ env, databaseUrl: database.url }, { env, databaseUrl: database.url });
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.drop();
  await app?.close();
});

/** How many credentials each process re-verified, from its own log lines. */
function verifiedBy(api: TestApi): number {
  return [...api.logs().matchAll(/"verified":(\d+),"message":"Scheduled re-verification done"/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}

it(`verifies each of ${CREDENTIALS} due credentials exactly once per round across two processes`, async () => {
  if (!available) return;
  const registerComponent = await registerApiKeyComponent(a!.client, { key: "counted", name: "Counted API", baseUrl: app.url, header: "X-Count-Key" });
  expect(registerComponent.__typename).toBe("ComponentRegistered");

  const keys = Array.from({ length: CREDENTIALS }, (_, i) => `ck_${i}_${randomBytes(6).toString("hex")}`);
  for (let i = 0; i < keys.length; i += 25) {
    await Promise.all(
      keys.slice(i, i + 25).map(async (apiKey, j) => {
        const client = (i + j) % 2 === 0 ? a! : b!;
        const { createCredential } = await client.client.request(CreateCredentialDocument, {
          input: { componentKey: "counted", authType: "API_KEY", values: { apiKey } },
        });
        expect(createCredential.__typename).toBe("CredentialCreated");
      }),
    );
  }

  // Every credential falls due at once: verified a day ago as far as the database knows.
  const admin = new pg.Client({ connectionString: database!.url });
  await admin.connect();
  try {
    requestsPerKey.clear();
    answerDelayMs = 50;
    const verifiedBefore = { a: verifiedBy(a!), b: verifiedBy(b!) };
    // Creating 500 credentials on a busy machine can outlast the interval, so the first ones may
    // have had a scheduled check already: the round is measured from here.
    const resultsBefore = (await admin.query<{ n: number }>("select count(*)::int as n from verification_results")).rows[0]!.n;
    await admin.query("update credentials set verified_at = now() - interval '1 day'");
    const dueAt = Date.now();

    await eventually(
      "every credential is verified again",
      async () => (keys.every((key) => requestsPerKey.has(key)) ? true : undefined),
      60_000,
      50,
    );
    const roundMs = Date.now() - dueAt;
    // Let both processes poll a few more times: nothing is due any more, nothing may run twice.
    await new Promise((resolve) => setTimeout(resolve, 6_000));

    const counts = keys.map((key) => requestsPerKey.get(key) ?? 0);
    expect({ once: counts.filter((n) => n === 1).length, twice: counts.filter((n) => n > 1).length }).toEqual({ once: CREDENTIALS, twice: 0 });
    const shares = { a: verifiedBy(a!) - verifiedBefore.a, b: verifiedBy(b!) - verifiedBefore.b };
    expect(shares.a + shares.b).toBe(CREDENTIALS);
    expect(shares.a).toBeGreaterThan(0);
    expect(shares.b).toBeGreaterThan(0);

    const { rows } = await admin.query<{ results: number; credentials: number; leased: number; valid: number }>(`
      select (select count(*)::int from verification_results) as results,
             (select count(*)::int from credentials) as credentials,
             (select count(*)::int from credentials where verify_lease_until is not null) as leased,
             (select count(*)::int from credentials where status = 'VALID' and verified_at > now() - interval '1 minute') as valid`);
    // One result per credential from the round; no lease left behind.
    expect(rows[0]).toEqual({ results: resultsBefore + CREDENTIALS, credentials: CREDENTIALS, leased: 0, valid: CREDENTIALS });
    console.log(
      `Re-verification round of ${CREDENTIALS} credentials (application answering in ${answerDelayMs} ms): ` +
        `all verified ${roundMs} ms after falling due (polling every 2 s); process A ${shares.a}, process B ${shares.b}.`,
    );
  } finally {
    await admin.end();
  }
}, 240_000);
