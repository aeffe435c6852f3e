import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isRequiredArgument,
  isRequiredInputField,
  isScalarType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLNamedType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from "graphql";
import { CreateCredentialDocument, CreateFlowDocument, FlowDocument, RenameCredentialDocument } from "@latchkey/sdk";
import { expectNoSecretsIn, useApi } from "./harness";

const api = useApi();

/** A secret-looking value sent in the wrong places: it must never come back. */
const SECRET = `sk_live_${randomBytes(12).toString("hex")}`;

const contractSdl = readFileSync(path.join(__dirname, "api-contract.graphql"), "utf8");
const contract = buildSchema(contractSdl);
const contractTypeNames = Object.keys(contract.getTypeMap()).filter(
  (name) => !name.startsWith("__") && !isSpecifiedScalarType(contract.getType(name)!),
);

let served: GraphQLSchema;

beforeAll(async () => {
  const response = await api().post(JSON.stringify({ query: getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }) }));
  expect(response.status).toBe(200);
  served = buildClientSchema(response.json.data as IntrospectionQuery);
});

afterAll(() => {
  expectNoSecretsIn(api().responses, [SECRET]);
});

// ---------------------------------------------------------------------------------------------
// (a) the served schema against the contract

function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return "object type";
  if (isInterfaceType(type)) return "interface";
  if (isUnionType(type)) return "union";
  if (isEnumType(type)) return "enum";
  if (isInputObjectType(type)) return "input type";
  if (isScalarType(type)) return "scalar";
  return "unknown";
}

function compareArguments(at: string, wanted: readonly GraphQLArgument[], actual: readonly GraphQLArgument[]): string[] {
  const problems: string[] = [];
  for (const arg of wanted) {
    const found = actual.find((a) => a.name === arg.name);
    if (!found) problems.push(`${at}(${arg.name}:) is missing`);
    // A required argument may become optional (a deprecated form beside `input:`): the contract's documents still hold.
    else if (String(found.type) !== String(arg.type) && `${String(found.type)}!` !== String(arg.type)) {
      problems.push(`${at}(${arg.name}:) is ${String(found.type)}, the contract says ${String(arg.type)}`);
    }
    else if (JSON.stringify(found.defaultValue) !== JSON.stringify(arg.defaultValue)) {
      problems.push(`${at}(${arg.name}:) defaults to ${JSON.stringify(found.defaultValue)}, the contract says ${JSON.stringify(arg.defaultValue)}`);
    }
  }
  for (const extra of actual.filter((a) => !wanted.some((w) => w.name === a.name))) {
    if (isRequiredArgument(extra)) problems.push(`${at}(${extra.name}:) is an extra required argument`);
  }
  return problems;
}

/** Every way the served type differs from the contract's type of the same name. */
function compareType(name: string, wantedSchema: GraphQLSchema, actualSchema: GraphQLSchema): string[] {
  const wanted = wantedSchema.getType(name)!;
  const actual = actualSchema.getType(name);
  if (!actual) return [`${name} is missing`];
  if (kindOf(actual) !== kindOf(wanted)) return [`${name} is a ${kindOf(actual)}, the contract says ${kindOf(wanted)}`];
  const problems: string[] = [];
  if ((isObjectType(wanted) || isInterfaceType(wanted)) && (isObjectType(actual) || isInterfaceType(actual))) {
    const fields = actual.getFields();
    for (const field of Object.values(wanted.getFields())) {
      const found = fields[field.name];
      if (!found) {
        problems.push(`${name}.${field.name} is missing`);
        continue;
      }
      if (String(found.type) !== String(field.type)) problems.push(`${name}.${field.name} is ${String(found.type)}, the contract says ${String(field.type)}`);
      problems.push(...compareArguments(`${name}.${field.name}`, field.args, found.args));
    }
    for (const iface of wanted.getInterfaces()) {
      if (!actual.getInterfaces().some((i) => i.name === iface.name)) problems.push(`${name} does not implement ${iface.name}`);
    }
  }
  if (isInputObjectType(wanted) && isInputObjectType(actual)) {
    const fields = actual.getFields();
    for (const field of Object.values(wanted.getFields())) {
      const found = fields[field.name];
      if (!found) problems.push(`${name}.${field.name} is missing`);
      else if (String(found.type) !== String(field.type)) problems.push(`${name}.${field.name} is ${String(found.type)}, the contract says ${String(field.type)}`);
      else if (JSON.stringify(found.defaultValue) !== JSON.stringify(field.defaultValue)) problems.push(`${name}.${field.name} has another default`);
    }
    for (const extra of Object.values(fields).filter((f) => !wanted.getFields()[f.name])) {
      if (isRequiredInputField(extra)) problems.push(`${name}.${extra.name} is an extra required input field`);
    }
  }
  if (isEnumType(wanted) && isEnumType(actual)) {
    for (const value of wanted.getValues()) {
      if (!actual.getValue(value.name)) problems.push(`${name}.${value.name} is missing`);
    }
  }
  if (isUnionType(wanted) && isUnionType(actual)) {
    // The served union may have more members (InvalidInput beside the `input:` form): never fewer.
    const members = (t: typeof wanted) => t.getTypes().map((m) => m.name).sort();
    if (!members(wanted).every((m) => members(actual).includes(m))) {
      problems.push(`${name} = ${members(actual).join(" | ")}, the contract says ${members(wanted).join(" | ")}`);
    }
  }
  return problems;
}

function compareSchemas(wantedSchema: GraphQLSchema, actualSchema: GraphQLSchema): string[] {
  const names = Object.keys(wantedSchema.getTypeMap()).filter((n) => !n.startsWith("__") && !isSpecifiedScalarType(wantedSchema.getType(n)!));
  const problems = names.flatMap((name) => compareType(name, wantedSchema, actualSchema));
  if (actualSchema.getQueryType()?.name !== wantedSchema.getQueryType()?.name) problems.push("the query root type differs");
  if (actualSchema.getMutationType()?.name !== wantedSchema.getMutationType()?.name) problems.push("the mutation root type differs");
  return problems;
}

describe("the served schema holds the contract", () => {
  test("the contract parses and holds the operations it promises", () => {
    expect(Object.keys(contract.getMutationType()!.getFields())).toEqual(expect.arrayContaining(["createCredential", "deleteFlow", "registerComponent"]));
    expect(contractTypeNames.length).toBeGreaterThan(40);
    // The "Later stages" part is comments only: not part of this stage's contract.
    expect(contract.getType("ResolvedCredential")).toBeUndefined();
  });

  test("the comparison notices every kind of difference", () => {
    const mutated = (from: string, to: string) => {
      expect(contractSdl).toContain(from);
      return buildSchema(contractSdl.replace(from, to));
    };
    const cases: [GraphQLSchema, RegExp][] = [
      [mutated("  credentialCount: Int!\n", ""), /^Component\.credentialCount is missing$/],
      [mutated("type FlowStep {\n  id: ID!\n  position: Int!", "type FlowStep {\n  id: ID!\n  position: String!"), /^FlowStep\.position is String!/],
      [mutated("flows(status: FlowStatus, first", "flows(status: FlowStatus!, first"), /^Query\.flows\(status:\) is FlowStatus!/],
      [mutated("credentials(filter: CredentialFilter, first: Int,", "credentials(filter: CredentialFilter, first: Int = 20,"), /^Query\.credentials\(first:\) defaults to 20/],
      [mutated("deleteFlow(id: ID!)", "deleteFlow(id: ID!, force: Boolean!)"), /deleteFlow\(force:\) is an extra required argument/],
      [mutated("enum FlowStatus { ACTIVE INACTIVE }", "enum FlowStatus { ACTIVE }"), /^FlowStatus\.INACTIVE is missing$/],
      [mutated("union DeleteFlowResult = FlowDeleted | InvalidInput | NotFound", "union DeleteFlowResult = FlowDeleted | NotFound"), /^DeleteFlowResult = /],
      [mutated("type NotFound implements Problem {", "type NotFound {"), /^NotFound does not implement Problem$/],
      [mutated("input FlowStepInput { name: String componentKey: String! credentialId: ID }", "input FlowStepInput { name: String componentKey: String credentialId: ID }"), /^FlowStepInput\.componentKey is String,/],
      [mutated("type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }", "scalar PageInfo"), /^PageInfo is a scalar/],
    ];
    for (const [actual, expected] of cases) {
      const problems = compareSchemas(contract, actual);
      expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
    }
    expect(compareSchemas(contract, contract)).toEqual([]);
  });

  test.each(contractTypeNames)("%s is served as the contract defines it", (name) => {
    expect(compareType(name, contract, served)).toEqual([]);
  });

  test("the root types are Query and Mutation", () => {
    expect(served.getQueryType()?.name).toBe("Query");
    expect(served.getMutationType()?.name).toBe("Mutation");
  });
});

// ---------------------------------------------------------------------------------------------
// (b) documentation

describe("the served schema is documented", () => {
  test("every type, field, argument, input field and enum value has a description", () => {
    const missing: string[] = [];
    const need = (coordinate: string, description: string | null | undefined) => {
      if (!description?.trim()) missing.push(coordinate);
    };
    for (const type of Object.values(served.getTypeMap())) {
      if (type.name.startsWith("__") || isSpecifiedScalarType(type)) continue;
      need(type.name, type.description);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          need(`${type.name}.${field.name}`, field.description);
          for (const arg of field.args) need(`${type.name}.${field.name}(${arg.name}:)`, arg.description);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) need(`${type.name}.${field.name}`, field.description);
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) need(`${type.name}.${value.name}`, value.description);
      }
    }
    for (const directive of served.getDirectives().filter((d) => !isSpecifiedDirective(d))) {
      need(`@${directive.name}`, directive.description);
      for (const arg of directive.args) need(`@${directive.name}(${arg.name}:)`, arg.description);
    }
    expect(missing).toEqual([]);
    // The check looked at something: every contract type is among the described ones.
    expect(contractTypeNames.every((name) => served.getType(name)?.description)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// (c) hostile and malformed requests

interface RawResponse {
  status: number;
  text: string;
  json: any;
}

/** No server error, no internals: no stack trace, frame, module path or internal message. */
function expectClean(response: RawResponse, label = ""): void {
  expect({ label, status: response.status < 500 }).toEqual({ label, status: true });
  for (const leak of ["stacktrace", "node_modules", "INTERNAL_SERVER_ERROR", "Maximum call stack", "/work/", ".ts:"]) {
    expect({ label, leak, found: response.text.includes(leak) }).toEqual({ label, leak, found: false });
  }
  expect({ label, frames: /\bat (?:async )?\S+ \(?\S+:\d+:\d+\)?/.test(response.text) }).toEqual({ label, frames: false });
  expect({ label, indentedAt: /\n\s+at /.test(response.text) }).toEqual({ label, indentedAt: false });
  for (const error of response.json?.errors ?? []) {
    expect({ label, code: typeof error.extensions?.code }).toEqual({ label, code: "string" });
  }
}

const json = { "content-type": "application/json" };

function graphql(query: string, variables?: Record<string, unknown>) {
  return api().post(JSON.stringify({ query, variables }), json);
}

/** GET as the owner (`headers` win over the owner's), the body recorded with every other answer. */
async function get(pathAndQuery: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const response = await api().fetch(pathAndQuery, { headers });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, text, json: body };
}

const codeOf = (response: RawResponse): string | undefined => response.json?.errors?.[0]?.extensions?.code;

describe("malformed HTTP requests", () => {
  test("a body that is not JSON is 400 BAD_REQUEST", async () => {
    for (const body of ['{"query": ', "not json", '{"query": "{ components { edges { node { key } } } }"']) {
      const response = await api().post(body, json);
      expectClean(response, body);
      expect([response.status, codeOf(response)]).toEqual([400, "BAD_REQUEST"]);
    }
  });

  test("an empty body, an empty object and a batch are 400 BAD_REQUEST", async () => {
    for (const body of ["", "   ", "{}", "[]", JSON.stringify([{ query: "{ components { edges { node { key } } } }" }]), JSON.stringify({ query: 42 })]) {
      const response = await api().post(body, json);
      expectClean(response, body);
      expect([body, response.status, codeOf(response)]).toEqual([body, 400, "BAD_REQUEST"]);
    }
  });

  test("a body over 1 MiB is 413, and the client's next requests still work", async () => {
    for (const size of [1024 * 1024 + 10, 1.5 * 1024 * 1024, 3 * 1024 * 1024]) {
      const response = await api().post(JSON.stringify({ query: "{ components { edges { node { key } } } }", variables: { pad: "p".repeat(size) } }), json);
      expectClean(response);
      expect(response.status).toBe(413);
      for (let i = 0; i < 3; i++) {
        const next = await graphql("{ components { edges { node { key } } } }");
        expect(next.status).toBe(200);
      }
    }
  });

  test("a request without a JSON content type is refused (CSRF), not executed", async () => {
    for (const headers of [{ "content-type": "text/plain" }, {} as Record<string, string>]) {
      const response = await api().post(JSON.stringify({ query: "{ components { edges { node { key } } } }" }), headers);
      expectClean(response);
      expect(response.status).toBe(400);
      expect(response.json?.data).toBeUndefined();
    }
  });
});

describe("malformed GraphQL", () => {
  test("an unknown field is GRAPHQL_VALIDATION_FAILED", async () => {
    const response = await graphql("{ components { totalCount nope } }");
    expectClean(response);
    expect([response.status, codeOf(response)]).toEqual([400, "GRAPHQL_VALIDATION_FAILED"]);
    expect(response.json.errors[0].message).toContain("nope");
  });

  test("a syntax error is GRAPHQL_PARSE_FAILED with its position", async () => {
    for (const query of ["{ components { key ", "mutation { deleteFlow(input: { id: ) }", "}{"]) {
      const response = await graphql(query);
      expectClean(response, query);
      expect([query, response.status, codeOf(response)]).toEqual([query, 400, "GRAPHQL_PARSE_FAILED"]);
      expect(response.json.errors[0].message).toMatch(/^Syntax Error/);
    }
  });

  test("an unknown or ambiguous operation is OPERATION_RESOLUTION_FAILURE", async () => {
    for (const body of [
      { query: "query A { components { edges { node { key } } } }", operationName: "B" },
      { query: "query A { components { edges { node { key } } } } query B { flows { edges { node { id } } } }" },
    ]) {
      const response = await api().post(JSON.stringify(body), json);
      expectClean(response);
      expect([response.status, codeOf(response)]).toEqual([400, "OPERATION_RESOLUTION_FAILURE"]);
    }
  });

  const createCredential = "mutation($i: CredentialInput!) { createCredential(input: $i) { __typename } }";
  const petstore = { componentKey: "petstore", authType: "API_KEY", values: {} };
  const wrongVariables: [string, string, Record<string, unknown>][] = [
    ["values is a string", createCredential, { i: { ...petstore, values: SECRET } }],
    ["values is a list of strings", createCredential, { i: { ...petstore, values: [SECRET] } }],
    ["values is a list of numbers", createCredential, { i: { ...petstore, values: [1] } }],
    ["values is a list with '; '", createCredential, { i: { ...petstore, values: [`; ${SECRET}`] } }],
    ["authType is NOPE", createCredential, { i: { ...petstore, authType: "NOPE" } }],
    ["authType is the secret", createCredential, { i: { ...petstore, authType: SECRET } }],
    ["authType holds '; ' and quotes", createCredential, { i: { ...petstore, authType: `A; Value "${SECRET}` } }],
    ["componentKey is a list", createCredential, { i: { ...petstore, componentKey: [SECRET] } }],
    ["componentKey is missing", createCredential, { i: { authType: "API_KEY", values: { apiKey: SECRET } } }],
    ["first is a string", "query($f: Int) { credentials(first: $f) { totalCount } }", { f: SECRET }],
    ["first is 'x'", "query($f: Int) { credentials(first: $f) { totalCount } }", { f: "x" }],
    ["first holds '; '", "query($f: Int) { credentials(first: $f) { totalCount } }", { f: `x; ${SECRET}` }],
    ["first mimics a message", "query($f: Int) { credentials(first: $f) { totalCount } }", { f: `x at "f"; Int cannot represent non-integer value: "${SECRET}"` }],
    ["first is too big for Int", "query($f: Int) { credentials(first: $f) { totalCount } }", { f: 2 ** 40 }],
    ["a name that is an object", "mutation($n: String!) { renameCredential(input: { id: \"x\", name: $n }) { __typename } }", { n: { key: SECRET } }],
    ["an id that is an object", "query($id: ID!) { flow(id: $id) { id } }", { id: { key: SECRET } }],
    ["an id that is a float", "query($id: ID!) { flow(id: $id) { id } }", { id: 1.5 }],
    ["a status that is not a FlowStatus", "query($s: FlowStatus) { flows(status: $s) { totalCount } }", { s: SECRET }],
    ["a filter that is a string", "query($f: CredentialFilter) { credentials(filter: $f) { totalCount } }", { f: SECRET }],
    ["a descriptor that is a list", "mutation($d: JSONObject!) { registerComponent(input: { descriptor: $d }) { __typename } }", { d: [SECRET] }],
    ["a required variable left out", "mutation($i: DeleteFlowInput!) { deleteFlow(input: $i) { __typename } }", {}],
  ];

  test.each(wrongVariables)("wrong variable types (%s) are BAD_USER_INPUT and do not echo the value", async (_label, query, variables) => {
    const response = await graphql(query, variables);
    expectClean(response);
    expect([response.status, codeOf(response)]).toEqual([400, "BAD_USER_INPUT"]);
    const message: string = response.json.errors[0].message;
    expect(message).toMatch(/^Variable "\$\w+"/);
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain(SECRET.slice(-12));
    expect(response.json.data).toBeUndefined();
  });

  test("wrong literal types in the query are GRAPHQL_VALIDATION_FAILED and do not echo the value", async () => {
    for (const query of [
      `mutation { createCredential(input: { componentKey: "petstore", authType: API_KEY, values: "${SECRET}" }) { __typename } }`,
      `mutation { createCredential(input: { componentKey: "petstore", authType: ${SECRET}, values: {} }) { __typename } }`,
      `{ credentials(first: "${SECRET}") { totalCount } }`,
      `{ flow(id: { key: "${SECRET}" }) { id } }`,
      `{ flows(status: ${SECRET}) { totalCount } }`,
    ]) {
      const response = await graphql(query);
      expectClean(response, query);
      expect([response.status, codeOf(response)]).toEqual([400, "GRAPHQL_VALIDATION_FAILED"]);
      for (const error of response.json.errors) expect(error.message).not.toContain(SECRET);
    }
  });
});

describe("GET /graphql", () => {
  const query = encodeURIComponent("{ components { edges { node { key } } } }");

  test("runs a query when the request is preflighted", async () => {
    const response = await get(`/graphql?query=${query}`, { "apollo-require-preflight": "true" });
    expectClean(response);
    expect(response.status).toBe(200);
    expect(response.json.data.components.edges.map((e: { node: { key: string } }) => e.node.key)).toContain("petstore");
  });

  test("refuses a plain GET (CSRF), a mutation, bad variables and no query, without a server error", async () => {
    const cases: [string, Record<string, string>, number][] = [
      [`/graphql?query=${query}`, {}, 400],
      [`/graphql?query=${encodeURIComponent('mutation { deleteFlow(input: { id: "x" }) { __typename } }')}`, { "apollo-require-preflight": "true" }, 405],
      [`/graphql?query=${query}&variables=%7Bnope`, { "apollo-require-preflight": "true" }, 400],
      ["/graphql", { "apollo-require-preflight": "true" }, 400],
      [`/graphql?query=${encodeURIComponent(`{ component(key: "a\\u0000b") { key } }`)}`, { "apollo-require-preflight": "true" }, 400],
    ];
    for (const [url, headers, status] of cases) {
      const response = await get(url, headers);
      expectClean(response, url);
      expect([url, response.status]).toEqual([url, status]);
      expect(response.json?.data?.deleteFlow).toBeUndefined();
    }
  });
});

describe("hostile values", () => {
  test("a huge name is InvalidInput, not echoed", async () => {
    const name = `${SECRET}${"N".repeat(600_000)}`;
    const flow = await graphql("mutation($n: String!) { createFlow(input: { name: $n, steps: [] }) { __typename ... on InvalidInput { fieldErrors { field } } } }", { n: name });
    expectClean(flow);
    expect(flow.json.data.createFlow).toEqual({ __typename: "InvalidInput", fieldErrors: [{ field: "name" }] });
    const credential = await graphql(
      "mutation($i: CredentialInput!) { createCredential(input: $i) { __typename ... on InvalidInput { fieldErrors { field } } } }",
      { i: { componentKey: "petstore", authType: "API_KEY", name, values: { apiKey: "secret" } } },
    );
    expectClean(credential);
    expect(credential.json.data.createCredential).toEqual({ __typename: "InvalidInput", fieldErrors: [{ field: "name" }] });
    expect(flow.text.length + credential.text.length).toBeLessThan(2_000);
  });

  test("deeply nested JSONObjects are refused with a coded error, never a server error", async () => {
    const deep = (depth: number) => `${'{"a":'.repeat(depth)}{}${"}".repeat(depth)}`;
    const bodies = [
      `{"query":"mutation($i: CredentialInput!) { createCredential(input: $i) { __typename } }","variables":{"i":{"componentKey":"petstore","authType":"API_KEY","values":${deep(50_000)}}}}`,
      `{"query":"mutation($i: CredentialInput!) { verifyCredentialValues(input: $i) { __typename } }","variables":{"i":{"componentKey":"petstore","authType":"API_KEY","values":${deep(50_000)}}}}`,
      `{"query":"mutation($d: JSONObject!) { registerComponent(input: { descriptor: $d }) { __typename } }","variables":{"d":${deep(50_000)}}}`,
      `{"query":"mutation($v: JSONObject!) { updateCredential(input: { id: \\"00000000-0000-4000-8000-000000000000\\", values: $v }) { __typename } }","variables":{"v":${deep(1_000)}}}`,
    ];
    for (const body of bodies) {
      const response = await api().post(body, json);
      expectClean(response, body.slice(0, 60));
      expect([response.status, codeOf(response)]).toEqual([400, "BAD_USER_INPUT"]);
    }
    const literal = await graphql(`mutation { registerComponent(input: { descriptor: ${"{a:".repeat(20_000)}{}${"}".repeat(20_000)} }) { __typename } }`);
    expectClean(literal);
    expect([literal.status, codeOf(literal)]).toEqual([400, "GRAPHQL_PARSE_FAILED"]);

    // Nesting a descriptor might really use is accepted and judged by the services.
    const shallow = await graphql("mutation($d: JSONObject!) { registerComponent(input: { descriptor: $d }) { __typename ... on InvalidInput { fieldErrors { field } } } }", {
      d: JSON.parse(deep(10)),
    });
    expectClean(shallow);
    expect(shallow.json.data.registerComponent.__typename).toBe("InvalidInput");
  });

  test("the NUL character is refused with a coded error wherever it is, never a server error", async () => {
    const cases: [string, Record<string, unknown>?][] = [
      ["mutation($n: String!) { createFlow(input: { name: $n, steps: [] }) { __typename } }", { n: "a\u0000b" }],
      [
        "mutation($i: CredentialInput!) { createCredential(input: $i) { __typename } }",
        { i: { componentKey: "petstore", authType: "API_KEY", name: "x\u0000y", values: { apiKey: "secret" } } },
      ],
      ["mutation($d: JSONObject!) { registerComponent(input: { descriptor: $d }) { __typename } }", { d: { "k\u0000": 1 } }],
      ['{ credentials(filter: { search: "a\\u0000" }) { totalCount } }'],
      ['{ component(key: "a\\u{0}b") { key } }'],
      ['{ flow(id: """a\u0000""") { id } }'],
    ];
    for (const [query, variables] of cases) {
      const response = await graphql(query, variables);
      expectClean(response, query);
      expect([query, response.status, codeOf(response)]).toEqual([query, 400, "BAD_USER_INPUT"]);
    }
    // An escaped backslash is no NUL: the query runs.
    const escaped = await graphql('{ component(key: "a\\\\u0000b") { key } }');
    expect(escaped.json).toEqual({ data: { component: null } });
  });

  test("unicode and emoji names are stored and returned exactly", async () => {
    const names = ["Ünïcødé 🔑 👩‍👩‍👧 日本語 עברית", "‮reversed‬ ‎mark", "Ａｃｃｏｕｎｔ ① 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "'; drop table flows; --"];
    for (const name of names) {
      const { createFlow } = await api().client.request(CreateFlowDocument, { input: { name, steps: [] } });
      expect(createFlow).toMatchObject({ __typename: "FlowSaved", flow: { name } });
      if (createFlow.__typename !== "FlowSaved") continue;
      expect((await api().client.request(FlowDocument, { id: createFlow.flow.id })).flow?.name).toBe(name);
    }
    const { createCredential } = await api().client.request(CreateCredentialDocument, {
      input: { componentKey: "petstore", authType: "API_KEY", name: names[0]!, values: { apiKey: "secret" } },
    });
    expect(createCredential).toMatchObject({ __typename: "CredentialCreated", credential: { name: names[0] } });
    if (createCredential.__typename !== "CredentialCreated") return;
    const { renameCredential } = await api().client.request(RenameCredentialDocument, { input: { id: createCredential.credential.id, name: "🦊 Fuchs" } });
    expect(renameCredential).toMatchObject({ credential: { name: "🦊 Fuchs" } });

    const lone = await graphql("mutation($n: String!) { createFlow(input: { name: $n, steps: [] }) { __typename } }", { n: "x\ud800y" });
    expectClean(lone);
  });

  test("a query nested past the depth limit is refused before it runs", async () => {
    // flow → steps → credential → usage → flow ..., the shape that fans out without bound.
    let selection = "id";
    for (let i = 0; i < 40; i++) selection = `steps { credential { usage { edges { node { flow { ${selection} } } } } } }`;
    const deep = await graphql(`{ flows { edges { node { ${selection} } } } }`);
    expectClean(deep);
    // It is over the cost limit too; both are reported.
    expect(deep.status).toBe(400);
    const depthError = deep.json.errors.find((e: { extensions: { code: string } }) => e.extensions.code === "DEPTH_LIMIT_EXCEEDED");
    expect(depthError.message).toMatch(/depth limit of 12 exceeded/);
    expect(deep.json.data).toBeUndefined();

    const viaFragments = await graphql(
      `{ flows { edges { node { ...F1 } } } }
       fragment F1 on Flow { steps { credential { usage { edges { node { flow { ...F2 } } } } } } }
       fragment F2 on Flow { steps { credential { usage { edges { node { flow { ...F3 } } } } } } }
       fragment F3 on Flow { steps { credential { usage { edges { node { flow { id } } } } } } }`,
    );
    expect(viaFragments.json.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toContain("DEPTH_LIMIT_EXCEEDED");

    const withinLimit = await graphql("{ flows { edges { node { steps { credential { usage { edges { node { flow { steps { id } } } } } } } } } } }");
    expect(withinLimit.json.errors).toBeUndefined();
  });

  test("a document of too many tokens (e.g. thousands of aliases) is refused while parsing", async () => {
    const aliases = Array.from({ length: 3000 }, (_, i) => `a${i}: components { edges { node { key } } }`).join(" ");
    const response = await graphql(`{ ${aliases} }`);
    expectClean(response);
    expect([response.status, codeOf(response)]).toEqual([400, "TOKEN_LIMIT_EXCEEDED"]);
  });

  test("SQL-looking ids find nothing and harm nothing", async () => {
    const { createCredential } = await api().client.request(CreateCredentialDocument, {
      input: { componentKey: "petstore", authType: "API_KEY", name: "Injection target", values: { apiKey: "secret" } },
    });
    expect(createCredential.__typename).toBe("CredentialCreated");
    const ids = ["1; drop table credentials; --", "' or '1'='1", "00000000-0000-4000-8000-000000000000' or 1=1 --", "%", "*", "../../etc/passwd"];
    for (const id of ids) {
      const variables = { id };
      const reads = await graphql("query($id: ID!, $key: String!) { credential(id: $id) { id } flow(id: $id) { id } component(key: $key) { key } }", {
        id,
        key: id,
      });
      expectClean(reads, id);
      expect(reads.json.data).toEqual({ credential: null, flow: null, component: null });
      const mutations = await graphql(
        `mutation($id: ID!) {
          deleteCredential(input: { id: $id }) { __typename }
          renameCredential(input: { id: $id, name: "x" }) { __typename }
          reverifyCredential(input: { id: $id }) { __typename }
          updateCredential(input: { id: $id, values: {} }) { __typename }
          deleteFlow(input: { id: $id }) { __typename }
          renameFlow(input: { id: $id, name: "x" }) { __typename }
          activateFlow(input: { id: $id }) { __typename }
          deactivateFlow(input: { id: $id }) { __typename }
          setStepCredential(input: { stepId: $id, credentialId: $id }) { __typename }
        }`,
        variables,
      );
      expectClean(mutations, id);
      expect(Object.values(mutations.json.data).map((r) => (r as { __typename: string }).__typename)).toEqual(Array(9).fill("NotFound"));
      const search = await graphql("query($s: String) { credentials(filter: { search: $s, componentKey: $s }) { totalCount } }", { s: id });
      expectClean(search, id);
      expect(search.json.data.credentials.totalCount).toBe(0);
    }
    const all = await graphql("{ credentials { totalCount } components { edges { node { key } } } }");
    expect(all.json.data.credentials.totalCount).toBeGreaterThanOrEqual(1);
    expect(all.json.data.components.edges.map((e: { node: { key: string } }) => e.node.key)).toContain("petstore");
  });
});

describe("other routes", () => {
  test("GET /healthz is 200 {status: ok}", async () => {
    const response = await get("/healthz");
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ status: "ok" });
  });

  test("the demo Petstore accepts the key `secret` and nothing else", async () => {
    const me = "/demo/petstore/v2/user/me";
    expect((await get(me, { api_key: "secret" })).status).toBe(200);
    expect((await get(me)).status).toBe(401);
    expect((await get(me, { api_key: "Secret" })).status).toBe(401);
    expect((await get(me, { authorization: "Bearer secret" })).status).toBe(401);
    expect((await get("/demo/petstore/v2/pet/1", { api_key: "secret" })).status).toBe(404);
  });

  test("unknown paths are 404", async () => {
    for (const url of ["/nope", "/graphql/extra", "/healthz/x", "/%E0%A4%A", "/demo/petstore"]) {
      const response = await get(url);
      expectClean(response, url);
      expect([url, response.status]).toEqual([url, 404]);
    }
  });
});
