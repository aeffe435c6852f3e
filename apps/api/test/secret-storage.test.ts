import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CreateInvitationDocument, CredentialsDocument } from "@latchkey/sdk";
import { createTestDatabase, databaseEnv, runScript, startApi, type TestDatabase } from "./harness";

let dataDir: string;
let database: TestDatabase;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-storage-"));
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

test("API tokens, sessions, invitation tokens and passwords are stored only as digests or argon2id hashes", async () => {
  const api = await startApi({ dataDir, databaseUrl: database.url });
  const values: Record<string, string> = {};
  try {
    const token = await api.createToken(["READ"]);
    await token.client.request(CredentialsDocument, {});
    const person = await api.createPerson("MEMBER");
    const { createInvitation } = await api.client.request(CreateInvitationDocument, { input: { role: "VIEWER" } });
    if (createInvitation.__typename !== "InvitationCreated") throw new Error(createInvitation.__typename);
    Object.assign(values, {
      apiToken: token.token,
      ownerSession: api.owner.session,
      personSession: person.session,
      invitation: createInvitation.token,
      ownerPassword: api.owner.password,
      personPassword: person.password,
    });
  } finally {
    await api.stop();
  }
  const dump = await runScript(path.join(__dirname, "support/dump-database.ts"), databaseEnv(dataDir, database.url));
  expect(dump).toContain('"table":"api_tokens"');
  for (const [name, value] of Object.entries(values)) {
    expect({ name, stored: dump.includes(value) }).toEqual({ name, stored: false });
  }
  for (const name of ["apiToken", "ownerSession", "personSession", "invitation"]) {
    expect({ name, digestStored: dump.includes(sha256(values[name]!)) }).toEqual({ name, digestStored: true });
  }
  expect(dump.match(/\$argon2id\$v=19\$/g)).toHaveLength(2);
}, 120_000);
