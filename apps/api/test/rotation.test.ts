import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { keyIdOf } from "@latchkey/core";
import { CredentialDocument, CredentialsDocument, ReverifyCredentialDocument, UpdateCredentialDocument } from "@latchkey/sdk";
import {
  createCredential,
  createTestDatabase,
  databaseEnv,
  eventually,
  postgresOrSkip,
  requiredPostgresUrl,
  runApiUntilExit,
  runKeysRotate,
  runScriptJson,
  startApi,
  startFakeApp,
  type FakeApp,
  type TestApi,
  type TestDatabase,
} from "./harness";

/**
 * Encryption key rotation (issue 5), on PGlite or PostgreSQL (DATABASE_URL): `npm run keys:rotate`
 * while a client reads, verifies and updates in a loop; the database afterwards; an interrupted
 * rotation run again; a start with only the old key.
 */
const CREDENTIALS = 24;
const sealedState = path.join(__dirname, "support/sealed-state.ts");
const newKeyText = () => randomBytes(32).toString("base64");

let dataDir: string;
let database: TestDatabase;
let fake: FakeApp;
/** The api_key header of every verification the fake application received, in order. */
let seenKeys: string[];

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-rotation-"));
  database = await createTestDatabase();
  seenKeys = [];
  fake = await startFakeApp((req, res) => {
    const key = String(req.headers.api_key ?? "");
    seenKeys.push(key);
    res.writeHead(key.startsWith("k-") ? 200 : 401, { "content-type": "application/json" }).end("{}");
  });
});

afterEach(async () => {
  await fake.close();
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { ...databaseEnv(dataDir, database.url), LATCHKEY_BASE_URL_OVERRIDES: `petstore=${fake.url}`, ...extra };
}

const start = (extra: Record<string, string> = {}, killable = false) => startApi({ env: env(extra), dataDir, databaseUrl: database.url, killable });

async function createCredentials(api: TestApi, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push((await createCredential(api.client, { componentKey: "petstore", authType: "API_KEY", name: `cred ${i}`, values: { apiKey: `k-${i}-0` } })).id);
  }
  return ids;
}

/** Credentials sealed under `key`, by an API started for it and stopped again. */
async function createCredentialsUnder(key: string, n: number): Promise<string[]> {
  const api = await start({ LATCHKEY_ENCRYPTION_KEY: key });
  try {
    return await createCredentials(api, n);
  } finally {
    await api.stop();
  }
}

/** The key ids in the key file, first (sealing) key first, and the keys themselves. */
function keyFileKeys(): string[] {
  return readFileSync(path.join(dataDir, "encryption.key"), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
}

/**
 * Straight from the database `onDatabase` names (this test's by default; the API must be stopped on
 * PGlite): key ids stored, rows that do not open with `keys`.
 */
function readSealedState(keys: string[], onDatabase: Record<string, string> = env()) {
  return runScriptJson<{ counts: Record<string, Record<string, number>>; opened: number; unopenable: number }>(sealedState, { ...onDatabase, KEYS: keys.join(",") });
}

const keyIdsStored = (state: { counts: Record<string, Record<string, number>> }) => Object.keys(state.counts["credentials.secrets"] ?? {});

/**
 * Reads (list, one credential, reverify: which decrypts) and updates in a loop until stopped.
 * Every failure is recorded; `latest` is the last value each updated credential was given.
 */
function clientLoop(api: TestApi, ids: string[], updated: string[]) {
  const failures: string[] = [];
  const latest = new Map<string, string>();
  let reads = 0;
  let updates = 0;
  let running = true;
  const reader = async () => {
    for (let i = 0; running; i++) {
      const id = ids[i % ids.length]!;
      try {
        const { credentials } = await api.client.request(CredentialsDocument, { first: 50 });
        if (credentials.totalCount !== ids.length) failures.push(`list: ${credentials.totalCount} credentials`);
        const { credential } = await api.client.request(CredentialDocument, { id });
        if (!credential) failures.push(`credential ${id} missing`);
        const { reverifyCredential } = await api.client.request(ReverifyCredentialDocument, { input: { id } });
        if (reverifyCredential.__typename !== "CredentialVerified" || !reverifyCredential.verification.ok) {
          failures.push(`reverify ${id}: ${JSON.stringify(reverifyCredential)}`);
        }
        reads++;
      } catch (error) {
        failures.push(`read ${id}: ${String(error)}`);
      }
    }
  };
  const updater = async () => {
    for (let n = 1; running; n++) {
      for (const id of updated) {
        if (!running) break;
        const value = `k-${ids.indexOf(id)}-${n}`;
        try {
          const { updateCredential } = await api.client.request(UpdateCredentialDocument, { input: { id, values: { apiKey: value } } });
          if (updateCredential.__typename !== "CredentialUpdated") failures.push(`update ${id}: ${updateCredential.__typename}`);
          else latest.set(id, value);
          updates++;
        } catch (error) {
          failures.push(`update ${id}: ${String(error)}`);
        }
      }
    }
  };
  const done = Promise.all([reader(), reader(), updater()]);
  return {
    failures,
    latest,
    counts: () => ({ reads, updates }),
    stop: async () => {
      running = false;
      await done;
    },
  };
}

/** Reverifies each credential and returns the api_key the verifier received for it. */
async function keysUsedByVerification(api: TestApi, ids: string[]): Promise<string[]> {
  const used: string[] = [];
  for (const id of ids) {
    const before = seenKeys.length;
    const { reverifyCredential } = await api.client.request(ReverifyCredentialDocument, { input: { id } });
    expect(reverifyCredential).toMatchObject({ __typename: "CredentialVerified", verification: { ok: true } });
    used.push(seenKeys.slice(before).pop()!);
  }
  return used;
}

test("a rotation while a client reads, reverifies and updates in a loop: no failed read, no lost update, nothing left under the old key", async () => {
  // Small batches with pauses, so the rotation spans many reads and updates.
  const api = await start({ LATCHKEY_RESEAL_BATCH_SIZE: "3", LATCHKEY_RESEAL_PAUSE_MS: "40" });
  let oldKeys: string[] = [];
  let newKeys: string[] = [];
  let ids: string[] = [];
  try {
    ids = await createCredentials(api, CREDENTIALS);
    oldKeys = keyFileKeys();
    expect(oldKeys).toHaveLength(1);
    const updated = ids.slice(0, 6);
    const loop = clientLoop(api, ids, updated);
    await new Promise((r) => setTimeout(r, 300));
    const run = await runKeysRotate(["--batch-size", "3", "--pause-ms", "40"], env());
    const during = loop.counts();
    await new Promise((r) => setTimeout(r, 300));
    await loop.stop();

    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/no longer needed and were removed/);
    expect(loop.failures).toEqual([]);
    expect(during.reads).toBeGreaterThan(5);
    expect(during.updates).toBeGreaterThan(5);

    newKeys = keyFileKeys();
    expect(newKeys).toHaveLength(1);
    expect(newKeys[0]).not.toBe(oldKeys[0]);
    for (const text of [...oldKeys, ...newKeys]) {
      expect(run.stdout).not.toContain(text);
      expect(api.logs()).not.toContain(text);
    }

    // Each updated credential verifies with the last value it was given: no re-seal overwrote an update.
    const used = await keysUsedByVerification(api, ids);
    expect(used).toEqual(ids.map((id, i) => loop.latest.get(id) ?? `k-${i}-0`));

    const check = await runKeysRotate(["--check"], env());
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/Every secret is sealed under key id [0-9a-f]{16}: no other key is needed/);
  } finally {
    await api.stop();
  }

  const state = await readSealedState(newKeys);
  expect(state.unopenable).toBe(0);
  expect(state.opened).toBe(CREDENTIALS);
  const [newId] = keyIdsStored(state);
  expect(keyIdsStored(state)).toHaveLength(1);
  expect((await readSealedState(oldKeys)).unopenable).toBe(CREDENTIALS);

  // The old key alone no longer starts the API, and the refusal names the key that is needed.
  writeFileSync(path.join(dataDir, "encryption.key"), `${oldKeys[0]}\n`, { mode: 0o600 });
  for (const run of [await runApiUntilExit(env()), await runApiUntilExit(env({ LATCHKEY_ENCRYPTION_KEY: oldKeys[0]! }))]) {
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split("\n").filter((l) => !l.startsWith("npm warn"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`does not match the key that encrypted the stored credentials (key id ${newId}`);
    expect(lines[0]).toContain("after a key rotation: the new key");
    expect(run.stderr).not.toContain(oldKeys[0]);
  }
}, 240_000);

test("keys from the environment: an interrupted rotation, run again, finishes without loss", async () => {
  const [keyA, keyB] = [newKeyText(), newKeyText()];
  const ids = await createCredentialsUnder(keyA, 12);
  const rotated = { LATCHKEY_ENCRYPTION_KEY: keyB, LATCHKEY_DECRYPTION_KEYS: keyA };

  if (database.url) {
    // PostgreSQL: the command re-seals; a limit of batches stops it part-way, as a kill would.
    const api = await start(rotated);
    try {
      const partial = await runKeysRotate(["--batch-size", "2", "--max-batches", "2"], env(rotated));
      expect(partial.code).toBe(2);
      expect(partial.stderr).toMatch(/^Stopped after 2 batches: 8 secrets under key id [0-9a-f]{16} left\. Run the command again to finish\.\n$/);
      const check = await runKeysRotate(["--check"], env(rotated));
      expect(check.code).toBe(2);
      expect(check.stdout).toMatch(/credentials\.secrets: (4 secrets under key id \w+, 8 secrets under key id \w+|8 secrets under key id \w+, 4 secrets under key id \w+)/);
      expect(await keysUsedByVerification(api, ids)).toEqual(ids.map((_, i) => `k-${i}-0`));
      const rest = await runKeysRotate(["--batch-size", "2"], env(rotated));
      expect(rest.code).toBe(0);
      expect(rest.stdout).toMatch(/Re-sealed 8 secrets/);
      expect(rest.stdout).toMatch(/Key ids [0-9a-f]{16} are no longer needed: remove them from LATCHKEY_DECRYPTION_KEYS/);
    } finally {
      await api.stop();
    }
  } else {
    // PGlite: the API re-seals in the background at start; killed part-way, it resumes on the next start.
    const slow = { ...rotated, LATCHKEY_RESEAL_BATCH_SIZE: "1", LATCHKEY_RESEAL_PAUSE_MS: "150" };
    const api = await start(slow, true);
    const statusFile = path.join(dataDir, "keyring-status.json");
    await eventually(
      "the background re-seal has re-sealed 3 secrets (keyring-status.json)",
      async () => (JSON.parse(readFileSync(statusFile, "utf8")).reseal.resealed >= 3 ? true : undefined),
      5_000,
      25,
    );
    await api.kill();
    const mid = await readSealedState([keyB, keyA]);
    expect(mid.unopenable).toBe(0);
    expect(keyIdsStored(mid)).toHaveLength(2);

    const again = await start(rotated);
    try {
      const rest = await runKeysRotate([], env(rotated));
      expect(rest.stderr).toBe("");
      expect(rest.code).toBe(0);
      expect(rest.stdout).toMatch(/Key ids [0-9a-f]{16} are no longer needed/);
      expect(await keysUsedByVerification(again, ids)).toEqual(ids.map((_, i) => `k-${i}-0`));
    } finally {
      await again.stop();
    }
  }
  const state = await readSealedState([keyB]);
  expect(state).toMatchObject({ opened: 12, unopenable: 0 });
  expect(keyIdsStored(state)).toHaveLength(1);
}, 240_000);

describe("several API processes on one PostgreSQL", () => {
  const serverUrl = requiredPostgresUrl();
  let reachable = false;

  beforeAll(async () => {
    reachable = await postgresOrSkip(serverUrl, "the multi-process rotation test");
  });

  test("nothing is re-sealed under the new key until every live process can open it, and the old key is needed until every process seals with the new one", async () => {
    if (!reachable) return;
    const shared = await createTestDatabase(serverUrl);
    const [keyA, keyB] = [newKeyText(), newKeyText()];
    const idOf = (text: string) => keyIdOf(Buffer.from(text, "base64"));
    const apiEnv = (keys: Record<string, string>) => ({ ...env(), DATABASE_URL: shared.url!, ...keys });
    const startOn = (keys: Record<string, string>) => startApi({ env: apiEnv(keys), databaseUrl: shared.url });
    const storedIds = async () => keyIdsStored(await readSealedState([keyB, keyA], apiEnv({})));
    const rotated = { LATCHKEY_ENCRYPTION_KEY: keyB, LATCHKEY_DECRYPTION_KEYS: keyA };
    let old = await startOn({ LATCHKEY_ENCRYPTION_KEY: keyA });
    const fresh = await startOn(rotated);
    try {
      const ids = await createCredentials(old, 6);

      // One process still holds only the old key: the command waits, then gives up without writing.
      const refused = await runKeysRotate(["--wait-seconds", "1"], apiEnv(rotated));
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(new RegExp(`Gave up waiting for every running API process to hold key id ${idOf(keyB)}: \\S+ pid \\d+ does not hold key id ${idOf(keyB)}`));
      expect(await storedIds()).toEqual([idOf(keyA)]);

      // It learns the new key (decrypt-only): the re-seal runs, but the old key stays needed while it seals with it.
      await old.stop();
      old = await startOn({ LATCHKEY_ENCRYPTION_KEY: keyA, LATCHKEY_DECRYPTION_KEYS: keyB });
      const waiting = await runKeysRotate(["--wait-seconds", "1"], apiEnv(rotated));
      expect(waiting.code).toBe(2);
      expect(waiting.stdout).toMatch(/Re-sealed 6 secrets/);
      expect(waiting.stderr).toMatch(new RegExp(`seals with key id ${idOf(keyA)}`));
      expect(await storedIds()).toEqual([idOf(keyB)]);
      for (const api of [old, fresh]) expect(await keysUsedByVerification(api, ids)).toEqual(ids.map((_, i) => `k-${i}-0`));

      await old.stop();
      old = await startOn(rotated);
      const done = await runKeysRotate([], apiEnv(rotated));
      expect(done.code).toBe(0);
      expect(done.stdout).toContain(`Key ids ${idOf(keyA)} are no longer needed`);
      const check = await runKeysRotate(["--check"], apiEnv(rotated));
      expect(check.code).toBe(0);
      expect(check.stdout.match(/seals with key id (\w+)/g)).toEqual([`seals with key id ${idOf(keyB)}`, `seals with key id ${idOf(keyB)}`]);
    } finally {
      await Promise.all([old.stop(), fresh.stop()]);
      await shared.drop();
    }
  }, 240_000);
});

test("a secret updated between the re-seal's read and its write keeps the update, and is re-sealed on the next pass", async () => {
  const [keyA, keyB] = [newKeyText(), newKeyText()];
  const ids = await createCredentialsUnder(keyA, 5);
  // The concurrent writer seals with the old key, the worst case: its rows need another pass.
  expect(await runScriptJson(path.join(__dirname, "support/reseal-race.ts"), { ...env(), KEYS: `${keyB},${keyA}`, CONCURRENT_KEY: keyA })).toEqual({ resealed: 5, conflicts: 5, remaining: {}, updated: 5 });
  const state = await readSealedState([keyB]);
  expect(state).toMatchObject({ opened: 5, unopenable: 0 });

  const api = await start({ LATCHKEY_ENCRYPTION_KEY: keyB });
  try {
    expect(await keysUsedByVerification(api, ids)).toEqual(ids.map((_, i) => `k-${i}-0-concurrent`));
  } finally {
    await api.stop();
  }
}, 120_000);
