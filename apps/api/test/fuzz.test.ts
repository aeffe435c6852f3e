import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
} from "graphql";
import { ActivateFlowDocument, CreateFlowDocument } from "@latchkey/sdk";
import { createCredential, createTestDatabase, databaseEnv, runScriptJson, startApi, startFakeApp, type FakeApp, type TestApi, type TestDatabase } from "./harness";
import { servedSchema } from "./support/served-schema";

/**
 * Thousands of generated requests against the real API: documents of valid shape built from the
 * schema with hostile values (huge, unicode, NUL, wrong types, ids of the wrong shape, deep
 * nesting), and broken requests. Nothing may answer 5xx, the API must stay up, the marker secret
 * stored first may appear in no answer and no log line, and the database must be consistent
 * afterwards. Fixed seed; LATCHKEY_FUZZ_RUNS and LATCHKEY_FUZZ_SEED change the count and seed.
 */
const RUNS = Number(process.env.LATCHKEY_FUZZ_RUNS ?? 2000);
const SEED = Number(process.env.LATCHKEY_FUZZ_SEED ?? 20_261_121);
const MARKER = `mk_live_${randomBytes(16).toString("hex")}`;
const schema = servedSchema();

let api: TestApi;
let database: TestDatabase;
let app: FakeApp;
let dataDir: string;
let markerId: string;
/** Ids the fuzzer may aim at: decoys (never the marker's credential or flow) and foreign shapes. */
const ids: string[] = ["00000000-0000-4000-8000-000000000000", "not-an-id", "' or 1=1 --", "", "1", "ffffffff-ffff-ffff-ffff-ffffffffffff"];

beforeAll(async () => {
  // Every component's verification goes to this app: it accepts the marker or the decoys' key.
  app = await startFakeApp((req, res) => {
    const presented = JSON.stringify(req.headers);
    const ok = presented.includes(MARKER) || presented.includes("decoy-key");
    res.writeHead(ok ? 200 : 401, { "content-type": "application/json" }).end("{}");
  });
  database = await createTestDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-fuzz-"));
  const overrides = ["petstore", "github", "stripe", "slack", "salesforce", "shopify", "http-basic"].map((k) => `${k}=${app.url}`).join(",");
  api = await startApi({
    databaseUrl: database.url,
    dataDir,
    env: { LATCHKEY_BASE_URL_OVERRIDES: overrides, LATCHKEY_VERIFY_TIMEOUT_MS: "300", LATCHKEY_LOG_LEVEL: "info" },
  });

  markerId = (await createCredential(api.client, { componentKey: "petstore", authType: "API_KEY", name: "Marker", values: { apiKey: MARKER } })).id;
  const flow = await api.client.request(CreateFlowDocument, {
    input: { name: "Marker flow", steps: [{ name: "Uses the marker", componentKey: "petstore", credentialId: markerId }] },
  });
  if (flow.createFlow.__typename !== "FlowSaved") throw new Error(flow.createFlow.__typename);
  await api.client.request(ActivateFlowDocument, { input: { id: flow.createFlow.flow.id } });

  for (let i = 0; i < 3; i++) {
    const decoy = await createCredential(api.client, { componentKey: "petstore", authType: "API_KEY", name: `Decoy ${i}`, values: { apiKey: `decoy-key-${i}` } });
    ids.push(decoy.id);
    const decoyFlow = await api.client.request(CreateFlowDocument, {
      input: { name: `Decoy flow ${i}`, steps: [{ name: "Step", componentKey: "petstore", credentialId: decoy.id }] },
    });
    if (decoyFlow.createFlow.__typename === "FlowSaved") ids.push(decoyFlow.createFlow.flow.id, decoyFlow.createFlow.flow.steps[0]!.id);
  }
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await app?.close();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

// ------------------------------------------------------------------------------------------------
// Hostile values

const HUGE = "Ω".repeat(300_000);
const deepObject = (depth: number): unknown => {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.string({ unit: "binary", maxLength: 50 }),
  fc.constantFrom(HUGE, "a\u0000b", "\u0000", "\ud800", "‮evil‬", "<script>alert(1)</script>", "'; drop table credentials; --", "%", "_", "\\", "{{values.apiKey}}", "{{server.url}}", "http://169.254.169.254/latest/meta-data", "file:///etc/passwd", " ", ""),
  fc.constantFrom(...["petstore", "github", "http-basic", "stripe", "nope"]),
);

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(deepObject(40), deepObject(2_000), { __proto__: { polluted: true } }, { constructor: { prototype: { x: 1 } } }),
  fc.dictionary(hostileString, fc.oneof(hostileString, fc.integer(), fc.boolean(), fc.constant(null))),
);

const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 2 ** 31, 1e308),
  anyJson,
);

/** A value for an input type: mostly of the right shape (with hostile contents), sometimes not. */
function valueFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const right = rightValueFor(type, depth);
  return fc.oneof({ weight: 6, arbitrary: right }, { weight: 1, arbitrary: wrongType }, { weight: 1, arbitrary: fc.constant(undefined) });
}

function rightValueFor(type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
  const inner = getNullableType(type);
  if (isListType(inner)) return fc.array(valueFor(inner.ofType as GraphQLInputType, depth + 1), { maxLength: depth > 2 ? 0 : 4 });
  if (isEnumType(inner)) return fc.oneof(fc.constantFrom(...inner.getValues().map((v) => v.value as string)), hostileString);
  if (isInputObjectType(inner)) {
    if (depth > 3) return fc.constant({});
    const fields = Object.values(inner.getFields());
    return fc.record(Object.fromEntries(fields.map((f) => [f.name, valueFor(f.type, depth + 1)])), { requiredKeys: [] });
  }
  switch (inner.name) {
    case "ID":
      return fc.oneof(fc.constantFrom(...ids), hostileString);
    case "Int":
      return fc.oneof(fc.integer({ min: -5, max: 300 }), fc.constantFrom(0, -1, 2 ** 31 - 1, -(2 ** 31)));
    case "Float":
      return fc.double();
    case "Boolean":
      return fc.boolean();
    case "DateTime":
      return fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), hostileString);
    case "JSONObject":
      return anyJson;
    default:
      return hostileString;
  }
}

// ------------------------------------------------------------------------------------------------
// Documents of valid shape, from the schema

/** A selection set for a type, choosing fields with `pick` (a seeded source of numbers). */
function selectionFor(type: GraphQLOutputType, depth: number, pick: () => number): string {
  const named = getNamedType(type) as GraphQLNamedType;
  if (isLeafType(named)) return "";
  if (isUnionType(named) || isInterfaceType(named)) {
    const members = isUnionType(named) ? named.getTypes() : schema.getPossibleTypes(named);
    const chosen = members.filter(() => pick() % 2 === 0).slice(0, 3);
    return `{ __typename ${chosen.map((m) => `... on ${m.name} ${selectionFor(m, depth, pick)}`).join(" ")} }`;
  }
  if (!isObjectType(named)) return "";
  const fields = Object.values(named.getFields()).filter((f) => f.args.every((a) => !isNonNullType(a.type)));
  const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
  const candidates = depth >= 4 ? leaves : fields;
  const count = 1 + (pick() % 3);
  const chosen = new Set<GraphQLField<unknown, unknown>>();
  for (let i = 0; i < count && candidates.length > 0; i++) chosen.add(candidates[pick() % candidates.length]!);
  const parts = [...chosen].map((f) => `${f.name} ${selectionFor(f.type, depth + 1, pick)}`);
  return `{ __typename ${parts.join(" ")} }`;
}

interface Request {
  body: string;
  label: string;
}

// signOut and endSession take no input (nothing hostile to send) and would end the session every
// other request of the run is made with, leaving the rest of the run to be answered UNAUTHENTICATED.
const rootFields = [
  ...Object.values(schema.getQueryType()!.getFields()).map((f) => ["query", f] as const),
  ...Object.values(schema.getMutationType()!.getFields())
    .filter((f) => f.name !== "signOut" && f.name !== "endSession")
    .map((f) => ["mutation", f] as const),
];

/** An operation on one root field, its arguments as variables, with generated values. */
const validShape: fc.Arbitrary<Request> = fc
  .tuple(fc.nat(rootFields.length - 1), fc.array(fc.nat(1_000), { minLength: 64, maxLength: 64 }), fc.boolean())
  .chain(([index, numbers, inline]) => {
    const [kind, field] = rootFields[index]!;
    let at = 0;
    const pick = () => numbers[at++ % numbers.length]!;
    const selection = selectionFor(field.type, 1, pick);
    return fc.record(Object.fromEntries(field.args.map((a) => [a.name, valueFor(a.type)])), { requiredKeys: [] }).map((values) => {
      const used = field.args.filter((a) => values[a.name] !== undefined || isNonNullType(a.type));
      if (inline) {
        // Arguments as literals: strings and numbers only (objects go through variables).
        const literalOf = (v: unknown) => (typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? JSON.stringify(v) : "null");
        const literal = used.map((a) => `${a.name}: ${literalOf(values[a.name])}`);
        const args = literal.length ? `(${literal.join(", ")})` : "";
        return { label: `${kind} ${field.name} (inline)`, body: JSON.stringify({ query: `${kind} { ${field.name}${args} ${selection} }` }) };
      }
      const definitions = used.map((a) => `$${a.name}: ${String(a.type)}`);
      const args = used.map((a) => `${a.name}: $${a.name}`);
      const query = `${kind}${definitions.length ? `(${definitions.join(", ")})` : ""} { ${field.name}${args.length ? `(${args.join(", ")})` : ""} ${selection} }`;
      return { label: `${kind} ${field.name}`, body: JSON.stringify({ query, variables: values }) };
    });
  });

/** Requests that are broken: bad JSON, bad documents, wrong types for the envelope's members. */
const brokenShape: fc.Arbitrary<Request> = fc.oneof(
  fc.string({ maxLength: 200 }).map((text) => ({ label: "text body", body: text })),
  fc.constantFrom("{", "[]", "null", "1", '"query"', '{"query":null}', '{"query":{}}', '{"query":"{"}', '{"query":"{ a }","variables":"x"}', '{"query":"{ components { edges { node { key } } } }","operationName":7}').map((body) => ({ label: "envelope", body })),
  fc.tuple(hostileString, anyJson).map(([query, variables]) => ({ label: "random query", body: JSON.stringify({ query, variables }) })),
  fc.tuple(validShape, fc.nat()).map(([r, cut]) => ({ label: `truncated ${r.label}`, body: r.body.slice(0, cut % Math.max(1, r.body.length)) })),
  fc.tuple(validShape, fc.nat()).map(([r, cut]) => {
    const { query } = JSON.parse(r.body) as { query: string };
    const at = cut % Math.max(1, query.length);
    return { label: `mangled ${r.label}`, body: JSON.stringify({ query: `${query.slice(0, at)}${"{[(@$!".charAt(cut % 6)}${query.slice(at)}` }) };
  }),
  fc.nat({ max: 3_000 }).map((n) => ({ label: "deep nesting", body: JSON.stringify({ query: `{ ${"flows { steps { credential { usage { flow { ".repeat(n % 60)} id ${"} } } } } ".repeat(n % 60)} }` }) })),
);

// ------------------------------------------------------------------------------------------------

const STACK_FRAME = /\n\s+at |\bat (?:async )?\S+ \(\S+:\d+:\d+\)/;

/** What the answers were: executed (data) or refused, by error code. */
const outcomes = new Map<string, number>();

async function send(request: Request): Promise<void> {
  const response = await api.post(request.body);
  const json = response.json as { data?: unknown; errors?: { extensions?: { code?: string } }[] } | undefined;
  const outcome = json?.data ? "executed" : String(json?.errors?.[0]?.extensions?.code ?? response.status);
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  const problem =
    response.status >= 500
      ? `status ${response.status}`
      : response.text.includes(MARKER)
        ? "the marker secret is in the answer"
        : STACK_FRAME.test(response.text)
          ? "a stack trace is in the answer"
          : response.json === undefined
            ? "the answer is not JSON"
            : undefined;
  if (problem) throw new Error(`${request.label}: ${problem}\nrequest: ${request.body.slice(0, 400)}\nanswer: ${response.text.slice(0, 400)}`);
}

test(`${RUNS} generated requests: no 5xx, no stack trace, no secret`, async () => {
  const request = fc.oneof({ weight: 3, arbitrary: validShape }, { weight: 1, arbitrary: brokenShape });
  await fc.assert(fc.asyncProperty(request, send), { seed: SEED, numRuns: RUNS, endOnFailure: true });
  console.info(`fuzz outcomes (seed ${SEED}): ${JSON.stringify(Object.fromEntries(outcomes))}`);
  // The generator must reach the resolvers, not only the parser and validation.
  expect(outcomes.get("executed") ?? 0).toBeGreaterThan(RUNS * 0.2);
}, 600_000);

test("afterwards the API is alive, has logged no secret, and its database is consistent", async () => {
  const health = await api.fetch("/healthz");
  expect(health.status).toBe(200);
  const listed = await api.post(JSON.stringify({
      // Page sizes as variables: the cost limit counts a literal `first:` as that many items.
      query: "query($n: Int) { credentials(first: $n) { totalCount edges { node { id } } } components(first: $n) { edges { node { credentialCount } } } }",
      variables: { n: 200 },
    }));
  expect(listed.json.errors).toBeUndefined();
  const { credentials, components } = listed.json.data;
  expect(credentials.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(markerId);
  expect(components.edges.reduce((sum: number, e: { node: { credentialCount: number } }) => sum + e.node.credentialCount, 0)).toBe(credentials.totalCount);
  expect(api.logs()).not.toContain(MARKER);
  expect(api.logs()).not.toMatch(/INTERNAL_SERVER_ERROR|Unexpected error/);

  await api.stop();
  const report = await runScriptJson(path.join(__dirname, "support/check-consistency.ts"), { ...databaseEnv(dataDir, database.url), MARKER_ID: markerId, MARKER });
  expect(report).toEqual({ credentials: credentials.totalCount, unreadable: [], countMismatches: [], brokenSteps: [], markerOpens: true });
}, 120_000);
