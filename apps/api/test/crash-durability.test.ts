// kill -9 in the middle of a burst of createCredential calls, then a restart on the same data: every
// credential the API acknowledged exists and opens, and the stored counts match the rows. On PGlite
// (the data folder) and on PostgreSQL (its database).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ComponentsDocument, ResolveCredentialDocument } from "@latchkey/sdk";
import { createCredential, createTestDatabase, databaseEnv, postgresOrSkip, requiredPostgresUrl, runScriptJson, startApi, type TestDatabase, nodes } from "./harness";

const BURST = 12; // requests in flight at once, until the kill
const KILL_AFTER = 20; // acknowledged creates before the kill

async function crashDuringCreates(databaseUrl: string | undefined): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-crash-"));
  // The key file in the data folder: the restart and the consistency check read the same one.
  try {
    const api = await startApi({ dataDir, databaseUrl, killable: true });
    const token = await api.createToken(["WRITE", "CREDENTIALS_USE", "READ"]);

    // Acknowledged: the API answered CredentialCreated. Each carries its own secret.
    const acknowledged = new Map<string, string>();
    let killed = false;
    /** A create failed before the kill: the wait below ends, so the API is killed and the failure reported. */
    let failed = false;
    let sent = 0;
    const worker = async () => {
      while (!killed) {
        const apiKey = `key-${sent++}-${randomBytes(6).toString("hex")}`;
        try {
          // The demo Petstore only accepts "secret": the unique value goes into a non-verified place, the name.
          const created = await createCredential(token.client, { componentKey: "petstore", authType: "API_KEY", name: apiKey, values: { apiKey: "secret" } });
          acknowledged.set(created.id, apiKey);
        } catch {
          if (!killed) {
            failed = true;
            throw new Error("a create failed before the kill");
          }
          return; // In flight at the kill: not acknowledged, may or may not exist.
        }
      }
    };
    const workers = Array.from({ length: BURST }, worker);
    while (acknowledged.size < KILL_AFTER && !failed) await new Promise((resolve) => setTimeout(resolve, 5));
    killed = true;
    await api.kill();
    await Promise.all(workers);
    const acked = new Map(acknowledged);
    expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER);

    // The restart takes over the lock kill -9 left behind (PGlite) and opens the same data.
    const again = await startApi({ dataDir, databaseUrl });
    try {
      const runtime = again.as({ token: token.token });
      for (const [id, name] of acked) {
        const { resolveCredential } = await runtime.client.request(ResolveCredentialDocument, { input: { id } });
        expect(resolveCredential).toMatchObject({ __typename: "ResolvedCredential", secrets: { apiKey: "secret" } });
        expect(resolveCredential.__typename === "ResolvedCredential" && resolveCredential.credential.name).toBe(name);
      }
      const components = nodes((await runtime.client.request(ComponentsDocument, { first: 200 })).components);
      const petstore = components.find((c) => c.key === "petstore")!;
      // Acknowledged ones all there; at most the ones in flight at the kill besides.
      expect(petstore.credentialCount).toBeGreaterThanOrEqual(acked.size);
      expect(petstore.credentialCount).toBeLessThanOrEqual(acked.size + BURST);
    } finally {
      await again.stop();
    }
    // Stopped: the stored counts against the rows, and every stored secret opens.
    const check = await runScriptJson(path.join(__dirname, "support/check-consistency.ts"), databaseEnv(dataDir, databaseUrl));
    expect(check).toMatchObject({ unreadable: [], countMismatches: [] });
    expect(check.credentials).toBeGreaterThanOrEqual(acked.size);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

test("PGlite: kill -9 during a burst of creates loses no acknowledged credential", () => crashDuringCreates(undefined), 240_000);

describe("PostgreSQL", () => {
  const serverUrl = requiredPostgresUrl();
  let database: TestDatabase | undefined;
  afterAll(async () => database?.drop());

  test("kill -9 during a burst of creates loses no acknowledged credential", async () => {
    if (!(await postgresOrSkip(serverUrl, "the PostgreSQL crash test"))) return;
    database = await createTestDatabase(serverUrl);
    await crashDuringCreates(database.url);
  }, 240_000);
});
