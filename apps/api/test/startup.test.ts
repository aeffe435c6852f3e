import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ReverifyCredentialDocument, LatchkeyRequestError } from "@latchkey/sdk";
import { createCredential, createTestDatabase, databaseEnv, runApiUntilExit, runScript, startApi, type TestDatabase } from "./harness";

const KEY_A = randomBytes(32).toString("base64");
const KEY_B = randomBytes(32).toString("base64");

let dataDir: string;
let database: TestDatabase;

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-startup-"));
  database = await createTestDatabase();
});

afterEach(async () => {
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function createPetstoreCredential(env: Record<string, string>): Promise<string> {
  const api = await startApi({ env, dataDir, databaseUrl: database.url });
  try {
    return (await createCredential(api.client, { componentKey: "petstore", authType: "API_KEY", values: { apiKey: "secret" } })).id;
  } finally {
    await api.stop();
  }
}

function baseEnv(): Record<string, string> {
  return databaseEnv(dataDir, database.url);
}

test("a generated key file (mode 0600) is reused: stored secrets stay usable after a restart", async () => {
  const id = await createPetstoreCredential({});
  const keyFile = path.join(dataDir, "encryption.key");
  expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  const api = await startApi({ dataDir, databaseUrl: database.url });
  try {
    const { reverifyCredential } = await api.client.request(ReverifyCredentialDocument, { input: { id } });
    expect(reverifyCredential).toMatchObject({ __typename: "CredentialVerified", verification: { ok: true } });
  } finally {
    await api.stop();
  }
}, 120_000);

test("a key that did not seal the stored data stops the start with one line", async () => {
  await createPetstoreCredential({ LATCHKEY_ENCRYPTION_KEY: KEY_A });
  const run = await runApiUntilExit({ ...baseEnv(), LATCHKEY_ENCRYPTION_KEY: KEY_B });
  expect(run.code).toBe(1);
  const lines = run.stderr.trim().split("\n").filter((l) => !l.startsWith("npm warn"));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/LATCHKEY_ENCRYPTION_KEY does not match/);
  expect(run.stderr).not.toContain(KEY_A);
  expect(run.stderr).not.toContain(KEY_B);
}, 120_000);

test("the variable and a different key file disagreeing with stored data stops the start", async () => {
  await createPetstoreCredential({});
  const run = await runApiUntilExit({ ...baseEnv(), LATCHKEY_ENCRYPTION_KEY: KEY_B });
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/does not match/);
}, 120_000);

test.each([
  ["PORT", "not-a-port"],
  ["LATCHKEY_ENCRYPTION_KEY", "dG9vIHNob3J0"],
  ["DATABASE_URL", "mysql://nope"],
  ["LATCHKEY_VERIFY_TIMEOUT_MS", "-5"],
  ["LATCHKEY_BASE_URL_OVERRIDES", "petstore"],
  ["LATCHKEY_REVERIFY_INTERVAL", "soon"],
  ["LATCHKEY_VERIFY_CONCURRENCY", "0"],
  ["LATCHKEY_COMPILE_AFTER_RUNS", "-1"],
  ["LATCHKEY_BLOCK_PRIVATE_NETWORKS", "yes"],
  ["LATCHKEY_ALLOWED_HOSTS", "db.internal,http://api.example.com"],
])("bad configuration %s stops the start with one line naming it", async (name, value) => {
  const run = await runApiUntilExit({ LATCHKEY_DATA_DIR: dataDir, [name]: value });
  expect(run.code).toBe(1);
  const lines = run.stderr.trim().split("\n").filter((l) => !l.startsWith("npm warn"));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(name);
  if (name === "LATCHKEY_ENCRYPTION_KEY") expect(lines[0]).not.toContain(value);
}, 60_000);

test("tampered stored secrets are refused with a coded error, never used", async () => {
  const id = await createPetstoreCredential({ LATCHKEY_ENCRYPTION_KEY: KEY_A });
  await runScript(path.join(__dirname, "support/tamper-secrets.ts"), { ...baseEnv(), CREDENTIAL_ID: id });
  const api = await startApi({ env: { LATCHKEY_ENCRYPTION_KEY: KEY_A }, dataDir, databaseUrl: database.url });
  try {
    const error = await api.client.request(ReverifyCredentialDocument, { input: { id } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LatchkeyRequestError);
    expect((error as LatchkeyRequestError).code).toBe("SECRETS_UNREADABLE");
    expect((error as LatchkeyRequestError).message).toMatch(/cannot be used/);
    expect(api.responses.join("")).not.toMatch(/"stacktrace"|node_modules/);
  } finally {
    await api.stop();
  }
}, 120_000);
