// Answers to hostile or malformed requests: security headers on every response, no schema hints
// while introspection is off, coded errors (never INTERNAL_SERVER_ERROR) for text PostgreSQL
// cannot store and for persisted queries.
import { createHash } from "node:crypto";
import { CreateCredentialDocument, RegisterComponentDocument } from "@latchkey/sdk";
import { apiKeyDescriptor, createTestDatabase, startApis, type TestApi, type TestDatabase } from "./harness";

let production: TestApi;
let development: TestApi;
let databases: TestDatabase[] = [];

beforeAll(async () => {
  databases = await Promise.all([createTestDatabase(), createTestDatabase()]);
  // One run on graphql-js, then compiled: a request sent twice takes both execution paths.
  const env = { LATCHKEY_COMPILE_AFTER_RUNS: "1" };
  // Two API processes start at once: give them time on a loaded machine.
  const startTimeoutMs = 150_000;
  [production, development] = await startApis(
    { databaseUrl: databases[0]!.url, env: { ...env, NODE_ENV: "production" }, startTimeoutMs },
    { databaseUrl: databases[1]!.url, env, startTimeoutMs },
  );
}, 180_000);
afterAll(async () => {
  await Promise.all([production?.stop(), development?.stop()]);
  await Promise.all(databases.map((database) => database.drop()));
});

const graphql = (api: TestApi, query: string, variables?: Record<string, unknown>) => api.post(JSON.stringify({ query, variables }));
const codes = (response: { json: any }) => (response.json?.errors ?? []).map((e: any) => e.extensions?.code);

describe("security headers", () => {
  test("every API response forbids framing and sniffing and sends no Referer: GraphQL, errors, health, 404", async () => {
    const api = production;
    const responses = await Promise.all([
      api.fetch("/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ components { edges { node { key } } } }" }) }),
      api.fetch("/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" }),
      // Refused by Apollo's CSRF prevention (no preflight header): an error page of another kind.
      api.fetch("/graphql?query=%7B__typename%7D"),
      api.fetch("/healthz"),
      api.fetch("/no/such/path"),
      api.fetch("/oauth2/callback?state=unknown&code=x", { redirect: "manual" }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 400, 400, 200, 404, 303]);
    for (const response of responses) {
      expect({
        frame: response.headers.get("x-frame-options"),
        csp: response.headers.get("content-security-policy"),
        sniff: response.headers.get("x-content-type-options"),
        referrer: response.headers.get("referrer-policy"),
      }).toEqual({ frame: "DENY", csp: "frame-ancestors 'none'", sniff: "nosniff", referrer: "no-referrer" });
    }
  });
});

describe("schema suggestions", () => {
  const statusQuery = "query Status($status: CredentialStatus) { credentials(filter: { status: $status }) { totalCount } }";
  const kinds: [string, string, Record<string, unknown> | undefined, string][] = [
    ["an unknown field", "{ credentails { totalCount } }", undefined, "GRAPHQL_VALIDATION_FAILED"],
    ["a wrong enum literal", "{ credentials(filter: { status: VALIDD }) { totalCount } }", undefined, "GRAPHQL_VALIDATION_FAILED"],
    ["a wrong enum value in a variable", statusQuery, { status: "VALIDD" }, "BAD_USER_INPUT"],
    ["an unknown argument", "{ credentials(firts: 1) { totalCount } }", undefined, "GRAPHQL_VALIDATION_FAILED"],
    ["an unknown type", "query Typo($status: CredentialStatu) { credentials(filter: { status: $status }) { totalCount } }", undefined, "GRAPHQL_VALIDATION_FAILED"],
  ];

  test.each(kinds)("%s: no 'Did you mean' while introspection is off (both execution paths)", async (_kind, query, variables, code) => {
    for (let run = 0; run < 2; run++) {
      const response = await graphql(production, query, variables);
      expect(response.status).toBe(400);
      expect(codes(response)).toEqual([code]);
      expect(response.text).not.toMatch(/did you mean/i);
    }
  });

  test.each(kinds)("%s: the suggestion is given while introspection is on", async (_kind, query, variables, code) => {
    const response = await graphql(development, query, variables);
    expect(response.status).toBe(400);
    expect(codes(response)).toEqual([code]);
    expect(response.json.errors[0].message).toMatch(/Did you mean .*"(credentials|VALID|first|CredentialStatus)"/);
  });
});

describe("text PostgreSQL cannot store", () => {
  const credentialInput = (name: string, values: Record<string, unknown> = { apiKey: "wrong" }) => ({
    componentKey: "petstore",
    authType: "API_KEY",
    name,
    values,
  });
  const descriptor = (name: string) => apiKeyDescriptor({ key: "surrogates", name, baseUrl: "http://127.0.0.1:9", header: "x-api-key" });

  test.each([
    ["a credential's name", CreateCredentialDocument, { input: credentialInput("before \ud800 after") }, 'at "input.name"'],
    ["a key inside a JSONObject value", CreateCredentialDocument, { input: credentialInput("fine", { ["\udc00"]: "x", apiKey: "wrong" }) }, 'at "input.values.'],
    ["a descriptor's name", RegisterComponentDocument, { input: { descriptor: descriptor("\ud83d broken") } }, 'at "input.descriptor.name"'],
  ])("a lone UTF-16 surrogate in %s is BAD_USER_INPUT naming where, on both execution paths, and nothing is stored", async (_where, document, variables, at) => {
    const before = await graphql(production, "{ credentials { totalCount } }");
    for (let run = 0; run < 2; run++) {
      const response = await graphql(production, String(document), variables);
      expect([response.status, codes(response)]).toEqual([400, ["BAD_USER_INPUT"]]);
      expect(response.json.errors[0].message).toContain(at);
      expect(response.json.errors[0].message).toMatch(/lone UTF-16 surrogate/);
    }
    const stored = await graphql(production, "{ credentials { totalCount } components { edges { node { key } } } }");
    expect(stored.json.data.credentials.totalCount).toBe(before.json.data.credentials.totalCount);
    expect(stored.json.data.components.edges.map((e: { node: { key: string } }) => e.node.key)).not.toContain("surrogates");
  });

  test("a well-formed pair (an emoji) is stored as it is", async () => {
    const response = await graphql(production, String(CreateCredentialDocument), { input: credentialInput("emoji \ud83d\udd11", { apiKey: "secret" }) });
    expect(response.json.errors).toBeUndefined();
    expect(response.json.data.createCredential.credential.name).toBe("emoji \ud83d\udd11");
  });

  test("a lone surrogate in a string literal of the document is a parse error", async () => {
    const response = await graphql(production, '{ credentials(filter: { search: "\\ud800" }) { totalCount } }');
    expect([response.status, codes(response)]).toEqual([400, ["GRAPHQL_PARSE_FAILED"]]);
  });
});

describe("persisted queries", () => {
  const query = "{ components { edges { node { key } } } }";
  const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

  test.each([
    ["a wrong hash with the query", { query, extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } }],
    ["the right hash with the query", { query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } }],
    ["a hash without a query", { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } }],
    ["another version", { query, extensions: { persistedQuery: { version: 2, sha256Hash: "x" } } }],
  ])("%s: PERSISTED_QUERY_NOT_SUPPORTED with HTTP 400", async (_case, body) => {
    const response = await production.post(JSON.stringify(body));
    expect([response.status, codes(response)]).toEqual([400, ["PERSISTED_QUERY_NOT_SUPPORTED"]]);
  });
});
