// Credential names are unique per component, ignoring case: createCredential, renameCredential and
// the OAuth2 start answer InvalidInput on `name`; default names skip names given by hand; two
// creates racing for one name end as one credential and one InvalidInput (never a 500).
import { CreateCredentialDocument, RenameCredentialDocument } from "@latchkey/sdk";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

import { createCredential, createTestDatabase, registerApiKeyComponent, startApi, startFakeApp, testOnPostgres, type FakeApp, type TestApi, type TestDatabase } from "./harness";

const KEY = "ak_live_names_5c1e0a9b7d3f";
let database: TestDatabase;
let running: TestApi;
const api = () => running;
let app: FakeApp;

beforeAll(async () => {
  database = await createTestDatabase();
  running = await startApi({ databaseUrl: database.url });
  app = await startFakeApp((req, res) => {
    res.writeHead(req.headers["x-api-key"] === KEY ? 200 : 401).end("{}");
  });
  for (const [key, name] of [
    ["names-a", "Names A"],
    ["names-b", "Names B"],
  ]) {
    const registered = await registerApiKeyComponent(api().client, { key: key!, name: name!, baseUrl: app.url, header: "X-Api-Key" });
    expect(registered.__typename).toBe("ComponentRegistered");
  }
}, 90_000);

afterAll(async () => {
  await app?.close();
  await running?.stop();
  await database?.drop();
});

const input = (componentKey: string, name?: string) => ({
  componentKey,
  authType: "API_KEY" as const,
  values: { apiKey: KEY },
  ...(name === undefined ? {} : { name }),
});

async function create(componentKey: string, name?: string) {
  const { createCredential: result } = await api().client.request(CreateCredentialDocument, { input: input(componentKey, name) });
  return result;
}

test("a name already used by a credential of the component is refused on `name`, ignoring case; other components may use it", async () => {
  await createCredential(api().client, input("names-a", "Production"));
  const again = await create("names-a", "  PRODUCTION ");
  expect(again.__typename).toBe("InvalidInput");
  if (again.__typename !== "InvalidInput") return;
  expect(again.fieldErrors).toEqual([{ field: "name", message: expect.stringContaining("already has a credential named “PRODUCTION”") }]);

  const elsewhere = await create("names-b", "Production");
  expect(elsewhere.__typename).toBe("CredentialCreated");
});

test("renaming to another credential's name is refused; a change of case of its own name is not", async () => {
  const first = await createCredential(api().client, input("names-a", "Staging"));
  const second = await createCredential(api().client, input("names-a", "Sandbox"));
  const { renameCredential: clash } = await api().client.request(RenameCredentialDocument, { input: { id: second.id, name: "staging" } });
  expect(clash.__typename).toBe("InvalidInput");
  if (clash.__typename === "InvalidInput") expect(clash.fieldErrors.map((e) => e.field)).toEqual(["name"]);

  const { renameCredential: own } = await api().client.request(RenameCredentialDocument, { input: { id: first.id, name: "STAGING" } });
  expect(own.__typename).toBe("CredentialRenamed");
});

test("the default name keeps counting past a name someone gave by hand", async () => {
  const first = await createCredential(api().client, input("names-b"));
  const n = Number(first.name.split(" ").at(-1));
  // Someone names a credential the way the next default would be named.
  await createCredential(api().client, input("names-b", `names b ACCOUNT ${n + 1}`));
  const next = await createCredential(api().client, input("names-b"));
  expect(next.name).toBe(`Names B account ${n + 2}`);
});

test("two creates racing for one name: one is created, the other answers InvalidInput", async () => {
  const results = await Promise.all([create("names-a", "Raced"), create("names-a", "raced"), create("names-a", "RACED")]);
  const kinds = results.map((result) => result.__typename).sort();
  expect(kinds).toEqual(["CredentialCreated", "InvalidInput", "InvalidInput"]);
});

// The migration renames duplicates stored before the index existed (PostgreSQL: the test reaches
// into the API's database, which PGlite's one-process folder does not allow).
testOnPostgres("the migration keeps the oldest name and numbers the other duplicates before it adds the index", async () => {
  const older = await createCredential(api().client, input("names-a", "Dup one"));
  const newer = await createCredential(api().client, input("names-a", "Dup two"));
  const third = await createCredential(api().client, input("names-a", "Dup three"));
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query("DROP INDEX credentials_component_name_unique");
    await client.query("UPDATE credentials SET name = 'Dup' WHERE id = $1", [older.id]);
    await client.query("UPDATE credentials SET name = 'DUP' WHERE id = $1", [newer.id]);
    // The name the migration gives the second is held too: one of those two gets a piece of its id.
    await client.query("UPDATE credentials SET name = 'Dup (2)' WHERE id = $1", [third.id]);
    const sqlFile = path.resolve(__dirname, "../../../packages/db/migrations/0014_credential_names_unique.sql");
    // The data part and the index (the column this migration also adds is there already).
    const statements = readFileSync(sqlFile, "utf8").split("--> statement-breakpoint").filter((statement) => !statement.includes("ALTER TABLE"));
    for (const statement of statements) await client.query(statement);
    const { rows } = await client.query<{ id: string; name: string }>("SELECT id, name FROM credentials WHERE id = ANY($1)", [[older.id, newer.id, third.id]]);
    const names = Object.fromEntries(rows.map((row) => [row.id, row.name]));
    expect(names[older.id]).toBe("Dup");
    expect(names[newer.id]).toBe("DUP (2)");
    expect(names[third.id]).toBe(`Dup (2) ${third.id.slice(0, 8)}`);
    await expect(client.query("UPDATE credentials SET name = 'dup (2)' WHERE id = $1", [older.id])).rejects.toThrow(/credentials_component_name_unique/);
  } finally {
    await client.end();
  }
});
