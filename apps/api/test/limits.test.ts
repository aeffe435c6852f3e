import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { costLimitRule } from "@escape.tech/graphql-armor-cost-limit";
import { Kind, parse, validate, type DocumentNode } from "graphql";
import { randomBytes } from "node:crypto";
import { CreateCredentialDocument, LatchkeyRequestError, VerifyCredentialValuesDocument } from "@latchkey/sdk";
import { LIMIT_CODES, QUERY_LIMITS, queryProtection, VerificationRateLimiter } from "../src/limits";
import { createTestDatabase, postgresOrSkip, requiredPostgresUrl, startApis, useApi, verifyValues, type TestApi } from "./harness";
import { servedSchema } from "./support/served-schema";

const schema = servedSchema();
const operationsDir = path.join(__dirname, "../../../packages/sdk/src/operations");
const sdkSource = readdirSync(operationsDir).map((f) => readFileSync(path.join(operationsDir, f), "utf8")).join("\n");

/** Every SDK operation as its own document with the fragments it needs. */
function sdkOperations(): [string, DocumentNode][] {
  const all = parse(sdkSource);
  const fragments = all.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  return all.definitions
    .filter((d) => d.kind === Kind.OPERATION_DEFINITION)
    .map((op) => [op.name!.value, { kind: Kind.DOCUMENT, definitions: [op, ...fragments] }]);
}

describe("the limits, in-process", () => {
  test("every SDK operation is within every limit, with room to spare", () => {
    const costs: Record<string, number> = {};
    for (const [name, document] of sdkOperations()) {
      // Unused fragments are an error of their own; only the limit rules matter here.
      const errors = validate(schema, document, queryProtection().validationRules);
      expect({ name, errors: errors.map((e) => e.message) }).toEqual({ name, errors: [] });
      let cost = 0;
      validate(schema, document, [
        costLimitRule({ maxCost: Number.MAX_SAFE_INTEGER, propagateOnRejection: false, onAccept: [(_, details: { n: number }) => void (cost = details.n)] }),
      ]);
      costs[name] = cost;
    }
    console.info(`armor cost of the SDK operations: ${JSON.stringify(costs)}`);
    expect(Math.max(...Object.values(costs))).toBeLessThan(QUERY_LIMITS.cost / 2);
  });

  test("the rate limiter allows a burst of its size, then refuses with when to retry, then refills", async () => {
    let now = 1_000_000;
    const limiter = new VerificationRateLimiter(6, () => now);
    for (let i = 0; i < 6; i++) await limiter.take("w1");
    await expect(limiter.take("w1")).rejects.toThrow(expect.objectContaining({ extensions: { code: "RATE_LIMITED", retryAfterSeconds: 10 } }));
    await limiter.take("w2"); // another workspace has its own bucket
    now += 10_000;
    await limiter.take("w1");
    await expect(limiter.take("w1")).rejects.toThrow(/at most 6 per minute/);
  });
});

describe("the limits, against the real API", () => {
  const api = useApi();
  const graphql = (query: string, variables?: Record<string, unknown>) => api().post(JSON.stringify({ query, variables }));
  const codes = (response: { json: any }): string[] => (response.json?.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code);

  test.each([
    ["depth", `{ flows { edges { node { ${"steps { credential { usage { edges { node { flow { ".repeat(4)}id${" } } } } } }".repeat(4)} } } } }`, LIMIT_CODES.depth],
    // Within the depth and alias limits, but wide and deep: the cost adds up.
    ["cost", `{ ${Array.from({ length: 10 }, (_, i) => `f${i}: flows { edges { node { steps { credential { usage { edges { node { flow { steps { credential { id name status } } } } } } } } } } }`).join(" ")} }`, LIMIT_CODES.cost],
    ["aliases", `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: components { edges { node { key } } }`).join(" ")} }`, LIMIT_CODES.aliases],
    ["directives", `{ components { totalCount ${"@include(if: true) ".repeat(51)} } }`, LIMIT_CODES.directives],
    ["tokens", `{ components { ${"totalCount ".repeat(5_001)} } }`, LIMIT_CODES.tokens],
  ])("a document over the %s limit is a 400 with its own code, and nothing runs", async (_limit, query, code) => {
    const response = await graphql(query);
    expect(response.status).toBe(400);
    expect(codes(response)).toContain(code);
    expect(response.json.data).toBeUndefined();
  });

  test("a batch of operations is refused with a coded error", async () => {
    const response = await api().post(JSON.stringify([{ query: "{ components { edges { node { key } } } }" }, { query: "{ components { edges { node { key } } } }" }]));
    expect([response.status, codes(response)]).toEqual([400, ["BAD_REQUEST"]]);
    expect(response.json.errors[0].message).toMatch(/batching disabled/i);
  });

  test("a body over 1 MiB is refused with a coded 413", async () => {
    const response = await graphql(`{ components { edges { node { key } } } } # ${"x".repeat(1024 * 1024)}`);
    expect([response.status, codes(response)]).toEqual([413, ["PAYLOAD_TOO_LARGE"]]);
  });
});

describe("production mode", () => {
  let production: TestApi;
  let explicit: TestApi;
  beforeAll(async () => {
    [production, explicit] = await startApis(
      { env: { NODE_ENV: "production", LATCHKEY_VERIFY_RATE_LIMIT: "3" } },
      { env: { NODE_ENV: "production", LATCHKEY_INTROSPECTION: "true" } },
    );
  }, 90_000);
  afterAll(async () => {
    await Promise.all([production?.stop(), explicit?.stop()]);
  });

  const introspect = (api: TestApi) => api.post(JSON.stringify({ query: "{ __schema { queryType { name } } }" }));
  const landingPage = (api: TestApi) => api.fetch("/graphql", { headers: { accept: "text/html" } });

  test("introspection, the landing page and field suggestions are off unless LATCHKEY_INTROSPECTION=true", async () => {
    const refused = await introspect(production);
    expect(refused.status).toBe(400);
    expect(refused.json.errors[0].message).toMatch(/introspection/i);
    const page = await landingPage(production);
    expect(page.headers.get("content-type") ?? "").not.toMatch(/text\/html/);
    const typo = await production.post(JSON.stringify({ query: "{ credentails { totalCount } }" }));
    expect(typo.text).not.toMatch(/Did you mean/);

    expect((await introspect(explicit)).json).toEqual({ data: { __schema: { queryType: { name: "Query" } } } });
    expect((await landingPage(explicit)).headers.get("content-type")).toMatch(/text\/html/);
  });

  test("verifying mutations are rate limited per workspace with a coded error saying when to retry", async () => {
    const input = { componentKey: "petstore", authType: "API_KEY" as const, values: { apiKey: "wrong" } };
    for (let i = 0; i < 3; i++) {
      expect((await verifyValues(production.client, input)).ok).toBe(false);
    }
    const limited = await production.post(JSON.stringify({ query: String(CreateCredentialDocument), variables: { input } }));
    expect(limited.status).toBeLessThan(500);
    expect(limited.json.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/at most 3 per minute/), extensions: { code: "RATE_LIMITED", retryAfterSeconds: 20, requestId: expect.any(String) } }),
    ]);
    // Reads are not limited.
    expect((await production.post(JSON.stringify({ query: "{ credentials { totalCount } }" }))).json).toEqual({ data: { credentials: { totalCount: 0 } } });
  });
});

test("on PostgreSQL two API processes share the verification rate limit: together they allow exactly the limit", async () => {
  const serverUrl = requiredPostgresUrl();
  if (!(await postgresOrSkip(serverUrl, "the shared rate limit test"))) return;
  const database = await createTestDatabase(serverUrl);
  const env = { LATCHKEY_VERIFY_RATE_LIMIT: "3", LATCHKEY_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
  let replicas: TestApi[] = [];
  try {
    replicas = await startApis({ env, databaseUrl: database.url }, { env, databaseUrl: database.url });
    const input = { componentKey: "petstore", authType: "API_KEY" as const, values: { apiKey: "wrong" } };
    // 8 at once, 4 to each process: one bucket, refilled at 3 per minute (one per 20 s), so 3 pass.
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        replicas[i % 2]!.client.request(VerifyCredentialValuesDocument, { input }).then(
          () => "verified",
          (error: unknown) => (error instanceof LatchkeyRequestError ? error : Promise.reject(error)),
        ),
      ),
    );
    expect(results.filter((r) => r === "verified")).toHaveLength(3);
    const refused = results.filter((r): r is LatchkeyRequestError => r instanceof LatchkeyRequestError);
    expect(refused).toHaveLength(5);
    for (const error of refused) {
      expect(error.code).toBe("RATE_LIMITED");
      expect(error.message).toMatch(/at most 3 per minute/);
    }
    // Both processes refused some: neither kept a share of its own.
    expect(new Set(results.map((r, i) => (r === "verified" ? null : i % 2)).filter((x) => x !== null)).size).toBe(2);
  } finally {
    await Promise.all(replicas.map((r) => r.stop()));
    await database.drop();
  }
}, 180_000);
