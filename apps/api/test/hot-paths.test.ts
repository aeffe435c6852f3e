// Hot paths near the database's floor: resolveCredential's statements, concurrent default names,
// and a start-up catalog sync that touches nothing when nothing changed (issue 18).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { catalogDescriptors } from "@latchkey/catalog";
import { AuditLogDocument, ComponentsDocument, CreateCredentialDocument, CredentialVerificationsDocument, ResolveCredentialDocument } from "@latchkey/sdk";
import { createCredential, createTestDatabase, databaseEnv, registerApiKeyComponent, runScriptJson, startApi, startFakeApp, useApi, type FakeApp, type TestApi, type TestDatabase } from "./harness";

/** SQL statements the API has sent so far (bench mode's /bench/stats), asked as the caller of `headers`. */
async function statementsSent(api: TestApi, headers: Record<string, string>): Promise<number> {
  const response = await fetch(`${api.url}/bench/stats`, { headers });
  return ((await response.json()) as { statements: number }).statements;
}

/** The statements the API sent while `work` ran, with what it answered. */
async function statementsDuring<T>(api: TestApi, headers: Record<string, string>, work: () => Promise<T>): Promise<{ sent: number; result: T }> {
  const before = await statementsSent(api, headers);
  const result = await work();
  return { sent: (await statementsSent(api, headers)) - before, result };
}

describe("resolveCredential", () => {
  // Token look-ups cached longer than the test takes, so every statement counted is resolveCredential's own.
  const api = useApi({ env: { LATCHKEY_BENCH: "true", LATCHKEY_TOKEN_CACHE_MS: "60000" } });

  const statements = (headers: Record<string, string>) => statementsSent(api(), headers);

  test("runs at most two SQL statements per request (the read and the audit row), and audits every answer", async () => {
    const { id } = await createCredential(api().client, { componentKey: "petstore", authType: "API_KEY", name: "Hot", values: { apiKey: "secret" } });
    const runtime = await api().createToken(["CREDENTIALS_USE"]);
    // The first use looks the token up (then cached) and writes its lastUsedAt.
    const first = await runtime.client.request(ResolveCredentialDocument, { input: { id } });
    expect(first.resolveCredential).toMatchObject({ __typename: "ResolvedCredential", credential: { id, component: { key: "petstore" } }, secrets: { apiKey: "secret" } });

    const before = await statements(runtime.headers);
    const REQUESTS = 5;
    for (let i = 0; i < REQUESTS; i++) {
      const { resolveCredential } = await runtime.client.request(ResolveCredentialDocument, { input: { id } });
      expect(resolveCredential).toMatchObject({ __typename: "ResolvedCredential", credential: { component: { key: "petstore" } } });
    }
    const sent = (await statements(runtime.headers)) - before;
    expect(sent).toBeLessThanOrEqual(2 * REQUESTS);

    // Concurrent resolves share audit inserts (group commit), and each is still recorded.
    const CONCURRENT = 12;
    const beforeConcurrent = await statements(runtime.headers);
    const answers = await Promise.all(Array.from({ length: CONCURRENT }, () => runtime.client.request(ResolveCredentialDocument, { input: { id } })));
    expect(answers.every((a) => a.resolveCredential.__typename === "ResolvedCredential")).toBe(true);
    expect((await statements(runtime.headers)) - beforeConcurrent).toBeLessThanOrEqual(2 * CONCURRENT);

    const { auditLog } = await api().client.request(AuditLogDocument, { filter: { objectType: "credential", objectId: id }, first: 50 });
    const resolves = auditLog.edges.filter((e) => e.node.action === "credential.resolve");
    expect(resolves).toHaveLength(REQUESTS + 1 + CONCURRENT);
    expect(resolves.every((e) => e.node.actorType === "API_TOKEN" && e.node.actorId === runtime.id && e.node.details?.outcome === "resolved")).toBe(true);
  });
});

describe("credential pages", () => {
  const api = useApi({ env: { LATCHKEY_BENCH: "true", LATCHKEY_TOKEN_CACHE_MS: "60000" } });
  let app: FakeApp;
  beforeAll(async () => {
    app = await startFakeApp((_req, res) => res.writeHead(200).end("{}"));
  });
  afterAll(() => app.close());

  /** The statements one request of the owner sends, with its answer. */
  async function measured(query: string, variables: Record<string, unknown>): Promise<{ sent: number; data: any }> {
    const { sent, result: answer } = await statementsDuring(api(), api().owner.headers, () => api().owner.post(JSON.stringify({ query, variables })));
    expect(answer.json.errors).toBeUndefined();
    return { sent, data: answer.json.data };
  }

  test("send as many statements for 12 credentials as for 2, and none more for every node's component", async () => {
    const keys = ["c-one", "c-two", "c-three"];
    for (const key of keys) expect((await registerApiKeyComponent(api().client, { key, name: key, baseUrl: app.url, header: "x-key" })).__typename).toBe("ComponentRegistered");
    for (let i = 0; i < 12; i++) await createCredential(api().client, { componentKey: keys[i % 3]!, authType: "API_KEY", name: `Page ${String(i).padStart(2, "0")}`, values: { apiKey: "k" } });

    const list = "query($n: Int) { credentials(first: $n, filter: { search: \"Page\" }) { totalCount edges { node { name component { key name } } } } }";
    await measured(list, { n: 1 });
    const small = await measured(list, { n: 2 });
    const large = await measured(list, { n: 12 });
    expect(large.data.credentials.edges.map((e: any) => [e.node.name, e.node.component.key])).toEqual(
      Array.from({ length: 12 }, (_, i) => [`Page ${String(i).padStart(2, "0")}`, keys[i % 3]]),
    );
    expect(large.sent).toBe(small.sent);

    // One component's credentials: their component is that component, not read again.
    const ofComponent = (fields: string) => `query($key: String!, $n: Int) { component(key: $key) { key credentials(first: $n) { edges { node { ${fields} } } } } }`;
    const names = await measured(ofComponent("name"), { key: "c-one", n: 4 });
    const withComponents = await measured(ofComponent("name component { key name }"), { key: "c-one", n: 4 });
    expect(withComponents.data.component.credentials.edges.map((e: any) => e.node.component.key)).toEqual(["c-one", "c-one", "c-one", "c-one"]);
    expect(withComponents.sent).toBe(names.sent);
  });
});

describe("resolveCredential's component descriptors", () => {
  const api = useApi();
  let app: FakeApp;
  beforeAll(async () => {
    app = await startFakeApp((req, res) => res.writeHead(req.headers["x-key"] === "right" ? 200 : 401).end("{}"));
  });
  afterAll(() => app.close());

  test("a descriptor changed after a resolve is what the next resolve uses (the held copy is never stale)", async () => {
    const component = { key: "hot-cache", name: "Hot cache", baseUrl: app.url, header: "x-key" };
    expect((await registerApiKeyComponent(api().client, component)).__typename).toBe("ComponentRegistered");
    const { id } = await createCredential(api().client, { componentKey: "hot-cache", authType: "API_KEY", values: { apiKey: "right" } });
    const runtime = await api().createToken(["CREDENTIALS_USE"]);
    const resolve = async () => (await runtime.client.request(ResolveCredentialDocument, { input: { id } })).resolveCredential;
    expect(await resolve()).toMatchObject({ __typename: "ResolvedCredential", credential: { component: { name: "Hot cache" } } });

    // Moved elsewhere: the secret is not handed out for the new destination.
    await registerApiKeyComponent(api().client, { ...component, baseUrl: "http://127.0.0.1:9/elsewhere" });
    expect(await resolve()).toMatchObject({ __typename: "VerificationFailed", verification: { code: "DESTINATION_CHANGED" } });
    // Renamed only (same destination): resolves again, under the new name.
    await registerApiKeyComponent(api().client, { ...component, name: "Hot cache, renamed" });
    expect(await resolve()).toMatchObject({ __typename: "ResolvedCredential", credential: { component: { name: "Hot cache, renamed" } }, secrets: { apiKey: "right" } });
  });
});

describe("createCredential on one component", () => {
  const api = useApi({ env: { LATCHKEY_BENCH: "true", LATCHKEY_TOKEN_CACHE_MS: "60000" } });

  test("writes the credential, its verification, its audit event and the count in one statement (four in all), and answers with the new count", async () => {
    const countOf = async () => (await api().client.request(ComponentsDocument, { first: 200 })).components.edges.find((e) => e.node.key === "petstore")!.node.credentialCount;
    const before = await countOf();
    // An API token (looked up once, then cached), so that every statement counted is the create's own.
    const writer = await api().createToken(["READ", "WRITE"]);
    const create = (name?: string) =>
      writer.post(
        JSON.stringify({
          query: "mutation($input: CredentialInput!) { createCredential(input: $input) { __typename ... on CredentialCreated { credential { id name component { key credentialCount } } } } }",
          variables: { input: { componentKey: "petstore", authType: "API_KEY", values: { apiKey: "secret" }, ...(name ? { name } : {}) } },
        }),
      );
    await create("Warm-up");
    const sent = (work: () => ReturnType<typeof create>) => statementsDuring(api(), writer.headers, work);
    // The component, the verification rate limit, the default name's number, and the one insert.
    const byDefault = await sent(() => create());
    const created = byDefault.result.json.data.createCredential;
    expect(created).toMatchObject({ __typename: "CredentialCreated", credential: { name: expect.stringMatching(/^Petstore API account \d+$/), component: { key: "petstore", credentialCount: before + 2 } } });
    expect(byDefault.sent).toBeLessThanOrEqual(4);
    // A given name: the name check instead of the number.
    const named = await sent(() => create("Named once"));
    expect(named.result.json.data.createCredential).toMatchObject({ __typename: "CredentialCreated", credential: { name: "Named once", component: { credentialCount: before + 3 } } });
    expect(named.sent).toBeLessThanOrEqual(4);

    // What the one statement wrote is all there.
    expect(await countOf()).toBe(before + 3);
    const { credential } = await api().client.request(CredentialVerificationsDocument, { id: created.credential.id, first: 10 });
    expect(credential?.verifications).toMatchObject({ totalCount: 1, edges: [{ node: { ok: true, code: "OK" } }] });
    const audited = async (name: string) =>
      (await api().client.request(AuditLogDocument, { filter: { objectType: "credential" }, first: 200 })).auditLog.edges.filter(
        (e) => e.node.action === "credential.create" && e.node.details?.name === name,
      );
    expect((await audited(created.credential.name)).map((e) => e.node.objectId)).toEqual([created.credential.id]);

    // One name asked for by 5 at once: all pass the early check, one insert wins, and the others
    // fail whole (no credential, no count, no audit event, no verification row left behind).
    const raced = await Promise.all(Array.from({ length: 5 }, () => create("Raced")));
    const kinds = raced.map((r) => r.json.data.createCredential.__typename).sort();
    expect(kinds).toEqual(["CredentialCreated", "InvalidInput", "InvalidInput", "InvalidInput", "InvalidInput"]);
    expect(await countOf()).toBe(before + 4);
    expect(await audited("Raced")).toHaveLength(1);
  });

  test("20 concurrent creates with default names get distinct names, and the count follows", async () => {
    const countOf = async () => (await api().client.request(ComponentsDocument, { first: 200 })).components.edges.find((e) => e.node.key === "petstore")!.node.credentialCount;
    const before = await countOf();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        api().client.request(CreateCredentialDocument, { input: { componentKey: "petstore", authType: "API_KEY", values: { apiKey: "secret" } } }),
      ),
    );
    const names = results.map((r) => (r.createCredential.__typename === "CredentialCreated" ? r.createCredential.credential.name : r.createCredential.__typename));
    expect(names.every((n) => /^Petstore API account \d+$/.test(n))).toBe(true);
    expect(new Set(names).size).toBe(20);
    expect(await countOf()).toBe(before + 20);
  });
});

describe("the start-up catalog sync", () => {
  let database: TestDatabase;
  let dataDir: string;
  let api: TestApi | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-catalog-"));
  });
  afterAll(async () => {
    await api?.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Every component row's version by "workspace/key" (support/catalog-sync.ts), after syncing a changed descriptor when asked. */
  const inspect = (changeKey?: string) =>
    runScriptJson<{ synced: boolean[]; versions: Record<string, string> }>(path.join(__dirname, "support/catalog-sync.ts"), {
      ...databaseEnv(dataDir, database.url),
      ...(changeKey ? { CHANGE_KEY: changeKey } : {}),
    });

  test("a restart with the same catalog writes no component row; a changed descriptor rewrites only its rows, in every workspace", async () => {
    api = await startApi({ databaseUrl: database.url, dataDir });
    await api.createWorkspace("Second");
    await api.stop();
    api = undefined;
    const before = (await inspect()).versions;
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(2 * catalogDescriptors.length);

    api = await startApi({ databaseUrl: database.url, dataDir });
    await api.stop();
    api = undefined;
    expect((await inspect()).versions).toEqual(before);

    const { synced, versions } = await inspect("petstore");
    expect(synced).toEqual([true, false]);
    const rewritten = Object.keys(versions).filter((k) => before[k] !== versions[k]);
    expect(rewritten.map((k) => k.split("/")[1])).toEqual(["petstore", "petstore"]);
  }, 240_000);
});
