/**
 * The API's conventions: every object with an id is a `Node` that `node(id:)` / `nodes(ids:)` find
 * again, scoped to the caller's workspace and held to its type's read rule; every mutation takes one
 * `input:` object and answers a result union; and the first contract's forms (positional arguments,
 * bare return types) still work, deprecated.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  parse,
  validate,
  type GraphQLInputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from "graphql";
import { AuditLogDocument, CreateFlowDocument, CreateInvitationDocument, ViewerDocument } from "@latchkey/sdk";
import { createCredential, useApi, type TestCaller } from "./harness";

const api = useApi();
const contract = buildSchema(readFileSync(path.join(__dirname, "api-contract.graphql"), "utf8"));
const petstore = JSON.parse(readFileSync(path.resolve(__dirname, "../../../packages/catalog/components/petstore.json"), "utf8")) as Record<string, unknown>;
const tag = randomBytes(3).toString("hex");

let served: GraphQLSchema;

beforeAll(async () => {
  const response = await api().post(JSON.stringify({ query: getIntrospectionQuery({ inputValueDeprecation: true }) }));
  served = buildClientSchema(response.json.data as IntrospectionQuery);
});

async function gql(caller: TestCaller, query: string, variables: Record<string, unknown> = {}) {
  const response = await caller.post(JSON.stringify({ query, variables }));
  expect(response.status).toBeLessThan(500);
  return response.json as { data?: Record<string, any> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** The data of an answer that must have no errors. */
async function data(caller: TestCaller, query: string, variables: Record<string, unknown> = {}) {
  const answer = await gql(caller, query, variables);
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}

// ---------------------------------------------------------------------------------------------

describe("the schema's conventions", () => {
  test("every mutation takes one `input:` (its other arguments deprecated) and answers a union, unless it is deprecated itself", () => {
    const problems: string[] = [];
    for (const field of Object.values(served.getMutationType()!.getFields())) {
      const current = field.args.filter((a) => !a.deprecationReason);
      if (current.length > 1 || (current.length === 1 && current[0]!.name !== "input")) problems.push(`${field.name} takes ${current.map((a) => a.name).join(", ")}`);
      for (const arg of field.args.filter((a) => a.deprecationReason)) {
        if (!/Use `input: \{/.test(arg.deprecationReason!)) problems.push(`${field.name}(${arg.name}:) does not name its replacement`);
      }
      if (field.deprecationReason) {
        if (!/^Use `\w+`/.test(field.deprecationReason)) problems.push(`${field.name} does not name its replacement`);
        continue;
      }
      if (!isUnionType(getNamedType(field.type))) problems.push(`${field.name} answers ${String(field.type)}, not a union`);
    }
    expect(problems).toEqual([]);
    // The replacements of the three fields whose answer changed.
    const mutations = served.getMutationType()!.getFields();
    expect(mutations.signOut!.deprecationReason).toMatch(/endSession/);
    expect(mutations.verifyCredential!.deprecationReason).toMatch(/verifyCredentialValues/);
    expect(mutations.startOAuth2Authorization!.deprecationReason).toMatch(/beginOAuth2Authorization/);
    const union = (name: string) => {
      const type = served.getType(name);
      return isUnionType(type) ? type.getTypes().map((t) => t.name).sort() : [];
    };
    expect(union("BeginOAuth2AuthorizationResult")).toEqual(["InvalidInput", "NotFound", "OAuth2AuthorizationStarted"]);
    expect(union("VerifyCredentialValuesResult")).toEqual(["CredentialValuesVerified", "InvalidInput", "NotFound", "VerificationFailed"]);
  });

  test("every object type with an id implements Node", () => {
    const missing = Object.values(served.getTypeMap()).filter(
      (type) =>
        isObjectType(type) &&
        !type.name.startsWith("__") &&
        String(type.getFields().id?.type) === "ID!" &&
        !type.getInterfaces().some((i) => i.name === "Node"),
    );
    // The ids of deleted objects are not objects to find again.
    expect(missing.map((t) => t.name).sort()).toEqual(["CredentialDeleted", "FlowDeleted", "WebhookEndpointDeleted"]);
  });
});

// ---------------------------------------------------------------------------------------------

const NODE_FIELDS = `__typename id
  ... on Workspace { name } ... on Person { email } ... on Invitation { role } ... on ApiToken { name }
  ... on AuditEvent { action } ... on Component { key } ... on Credential { name } ... on Flow { name } ... on FlowStep { position }`;

describe("node and nodes", () => {
  const ids: Record<string, string> = {};
  const other: Record<string, string> = {};

  beforeAll(async () => {
    const viewer = (await api().client.request(ViewerDocument)).viewer!;
    ids.Workspace = viewer.workspace!.id;
    ids.Person = viewer.person!.id;
    const credential = await createCredential(api().client, { componentKey: "petstore", authType: "API_KEY", name: `Node ${tag}`, values: { apiKey: "secret" } });
    ids.Credential = credential.id;
    const { createFlow } = await api().client.request(CreateFlowDocument, { input: { name: `Node flow ${tag}`, steps: [{ componentKey: "petstore", credentialId: credential.id }] } });
    if (createFlow.__typename !== "FlowSaved") throw new Error(createFlow.__typename);
    ids.Flow = createFlow.flow.id;
    ids.FlowStep = createFlow.flow.steps[0]!.id;
    ids.Component = (await data(api(), '{ component(key: "petstore") { id } }')).component.id;
    const { createInvitation } = await api().client.request(CreateInvitationDocument, { input: { role: "VIEWER" } });
    if (createInvitation.__typename !== "InvitationCreated") throw new Error(createInvitation.__typename);
    ids.Invitation = createInvitation.invitation.id;
    ids.ApiToken = (await api().createToken(["READ"], { name: `Node token ${tag}` })).id;
    ids.AuditEvent = (await api().client.request(AuditLogDocument, { first: 1 })).auditLog.edges[0]!.node.id;

    // Another workspace with one of everything the owner can make there.
    other.Workspace = await api().createWorkspace(`Other ${tag}`);
    const there = api().as({ session: api().owner.session, workspaceId: other.Workspace });
    other.Credential = (await createCredential(there.client, { componentKey: "petstore", authType: "API_KEY", values: { apiKey: "secret" } })).id;
    const flow = await there.client.request(CreateFlowDocument, { input: { name: "Other flow", steps: [{ componentKey: "petstore" }] } });
    if (flow.createFlow.__typename !== "FlowSaved") throw new Error(flow.createFlow.__typename);
    other.Flow = flow.createFlow.flow.id;
    other.FlowStep = flow.createFlow.flow.steps[0]!.id;
    other.Component = (await data(there, '{ component(key: "petstore") { id } }')).component.id;
    other.ApiToken = (await api().createToken(["READ"], { workspaceId: other.Workspace })).id;
    other.Person = (await api().createPerson("MEMBER", { workspaceId: other.Workspace })).personId;
    other.AuditEvent = (await there.client.request(AuditLogDocument, { first: 1 })).auditLog.edges[0]!.node.id;
  }, 60_000);

  test("node finds every type by its id, as the type it is", async () => {
    for (const [type, id] of Object.entries(ids)) {
      const { node } = await data(api(), `query($id: ID!) { node(id: $id) { ${NODE_FIELDS} } }`, { id });
      expect({ type, node }).toMatchObject({ type, node: { __typename: type, id } });
    }
    const { node } = await data(api(), `query($id: ID!) { node(id: $id) { ... on Credential { name component { key } } } }`, { id: ids.Credential });
    expect(node).toEqual({ name: `Node ${tag}`, component: { key: "petstore" } });
  });

  test("another workspace's ids, unknown ids and ids that are no id are null", async () => {
    for (const [type, id] of Object.entries(other)) {
      const { node } = await data(api(), `query($id: ID!) { node(id: $id) { ${NODE_FIELDS} } }`, { id });
      expect({ type, node }).toEqual({ type, node: null });
    }
    for (const id of ["00000000-0000-4000-8000-000000000000", "x", "1; drop table flows", "99999999", "0"]) {
      expect((await data(api(), "query($id: ID!) { node(id: $id) { id } }", { id })).node).toBeNull();
    }
  });

  test("nodes answers in the order asked, null in place of what is not found", async () => {
    const asked = [ids.Flow!, other.Credential!, ids.Credential!, "nope", ids.Credential!, ids.AuditEvent!, other.AuditEvent!];
    const { nodes } = await data(api(), "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }", { ids: asked });
    expect(nodes).toEqual([
      { __typename: "Flow", id: ids.Flow },
      null,
      { __typename: "Credential", id: ids.Credential },
      null,
      { __typename: "Credential", id: ids.Credential },
      { __typename: "AuditEvent", id: ids.AuditEvent },
      null,
    ]);
    expect((await data(api(), "{ nodes(ids: []) { id } }")).nodes).toEqual([]);
  });

  test("nodes takes at most 200 ids", async () => {
    const many = Array.from({ length: 200 }, () => ids.Credential!);
    expect((await data(api(), "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", { ids: many })).nodes).toHaveLength(200);
    const tooMany = await gql(api(), "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", { ids: [...many, ids.Flow] });
    expect(tooMany.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", fieldErrors: [{ field: "ids" }] } });
  });

  test("each type is held to its list's rule: viewers and tokens find no admin's objects and no other person", async () => {
    const viewer = await api().createPerson("VIEWER");
    const token = await api().createToken(["READ"]);
    const adminOnly = ["Invitation", "ApiToken", "AuditEvent"];
    const everyId = Object.values(ids);
    const found = async (caller: TestCaller) =>
      ((await data(caller, "query($ids: [ID!]!) { nodes(ids: $ids) { __typename } }", { ids: everyId })).nodes as ({ __typename: string } | null)[]).map(
        (n) => n?.__typename ?? null,
      );
    const readable = Object.keys(ids).filter((t) => !adminOnly.includes(t) && t !== "Person");
    expect(await found(viewer)).toEqual(Object.keys(ids).map((t) => (readable.includes(t) ? t : null)));
    expect(await found(token)).toEqual(Object.keys(ids).map((t) => (readable.includes(t) ? t : null)));
    // A person finds themselves.
    expect((await data(viewer, "query($id: ID!) { node(id: $id) { ... on Person { email } } }", { id: viewer.personId })).node).toEqual({ email: viewer.email });
    // A token without `read` may not ask at all.
    const writeOnly = await api().createToken(["WRITE"]);
    expect((await gql(writeOnly, "query($id: ID!) { node(id: $id) { id } }", { id: ids.Credential })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await gql(api().as({}), "query($id: ID!) { node(id: $id) { id } }", { id: ids.Credential })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

// ---------------------------------------------------------------------------------------------

/** A value of the given input type that parses (required input fields filled, optional ones left out). */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [];
  if (isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).filter((f) => isNonNullType(f.type)).map((f) => [f.name, sample(f.type)]));
  }
  if (isEnumType(type)) return type.getValues()[type.getValues().length - 1]!.value;
  switch (type.name) {
    case "ID":
      return "00000000-0000-4000-8000-000000000000";
    case "JSONObject":
      return {};
    case "Int":
      return 1;
    case "Boolean":
      return false;
    default:
      return "x";
  }
}

describe("input: and the deprecated arguments", () => {
  /** Every mutation with both forms: its name, `input`'s type and its deprecated arguments. */
  const bothForms = () =>
    Object.values(served.getMutationType()!.getFields())
      .filter((f) => f.args.some((a) => a.name === "input") && f.args.some((a) => a.deprecationReason))
      .map((f) => ({ name: f.name, input: f.args.find((a) => a.name === "input")!, old: f.args.filter((a) => a.deprecationReason) }));

  test("both forms together, or neither, is InvalidInput for every mutation (nothing is changed)", async () => {
    const fields = bothForms();
    expect(fields.map((f) => f.name)).toEqual(expect.arrayContaining(["renameCredential", "setStepCredential", "registerComponent", "signIn", "acceptInvitation"]));
    const token = await api().createToken(["CREDENTIALS_USE"]);
    const problems: string[] = [];
    for (const field of fields) {
      const caller = field.name === "resolveCredential" ? token : api();
      const select = "{ __typename ... on InvalidInput { message fieldErrors { field } } }";
      const neither = await gql(caller, `mutation { ${field.name} ${select} }`);
      if (neither.data?.[field.name]?.__typename !== "InvalidInput") problems.push(`${field.name} without arguments: ${JSON.stringify(neither)}`);
      const variables = Object.fromEntries([field.input, ...field.old].map((a) => [a.name, sample(a.type)]));
      const definitions = [field.input, ...field.old].map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
      const args = [field.input, ...field.old].map((a) => `${a.name}: $${a.name}`).join(", ");
      const both = await gql(caller, `mutation(${definitions}) { ${field.name}(${args}) ${select} }`, variables);
      const answer = both.data?.[field.name];
      if (answer?.__typename !== "InvalidInput" || !/not both/.test(answer.message)) problems.push(`${field.name} with both forms: ${JSON.stringify(both)}`);
      // Every old argument that was given is named (except a defaulted one, which is always there).
      const named = new Set((answer?.fieldErrors ?? []).map((e: { field: string }) => e.field));
      for (const arg of field.old.filter((a) => a.defaultValue === undefined)) {
        if (!named.has(arg.name)) problems.push(`${field.name} with both forms does not name ${arg.name}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("the first contract's documents still run, deprecated, with the answers they always had", async () => {
    const owner = api();
    const run = async (query: string, variables: Record<string, unknown> = {}) => {
      // A document of the first contract (when it uses only what that contract had).
      const document = parse(query);
      if (!/resolveCredential|startOAuth2Authorization/.test(query)) expect(validate(contract, document)).toEqual([]);
      return data(owner, query, variables);
    };
    const key = `old-${tag}`;
    const registered = await run(
      "mutation($d: JSONObject!, $k: String) { registerComponent(descriptor: $d, key: $k) { __typename ... on ComponentRegistered { component { key } } } }",
      { d: { ...petstore, key }, k: key },
    );
    expect(registered.registerComponent).toEqual({ __typename: "ComponentRegistered", component: { key } });
    const verified = await run('mutation { verifyCredential(input: { componentKey: "petstore", authType: API_KEY, values: { apiKey: "secret" } }) { ok code } }');
    expect(verified.verifyCredential).toEqual({ ok: true, code: "OK" });
    const created = await run('mutation { createCredential(input: { componentKey: "petstore", authType: API_KEY, values: { apiKey: "secret" } }) { ... on CredentialCreated { credential { id } } } }');
    const id = created.createCredential.credential.id as string;
    const variables = { id };
    expect((await run('mutation($id: ID!) { updateCredential(id: $id, values: { apiKey: "secret" }) { __typename } }', variables)).updateCredential).toEqual({ __typename: "CredentialUpdated" });
    expect((await run('mutation($id: ID!) { renameCredential(id: $id, name: "Old form") { ... on CredentialRenamed { credential { name } } } }', variables)).renameCredential).toEqual({
      credential: { name: "Old form" },
    });
    expect((await run("mutation($id: ID!) { reverifyCredential(id: $id) { __typename } }", variables)).reverifyCredential).toEqual({ __typename: "CredentialVerified" });
    const flow = await run('mutation { createFlow(input: { name: "Old flow", steps: [{ componentKey: "petstore" }] }) { ... on FlowSaved { flow { id steps { id } } } } }');
    const flowId = flow.createFlow.flow.id as string;
    const stepId = flow.createFlow.flow.steps[0].id as string;
    expect((await run('mutation($f: ID!) { renameFlow(id: $f, name: "Old flow 2") { ... on FlowSaved { flow { name } } } }', { f: flowId })).renameFlow).toEqual({ flow: { name: "Old flow 2" } });
    const set = await run("mutation($s: ID!, $c: ID) { setStepCredential(stepId: $s, credentialId: $c) { ... on FlowSaved { flow { steps { credential { id } } } } } }", { s: stepId, c: id });
    expect(set.setStepCredential).toEqual({ flow: { steps: [{ credential: { id } }] } });
    expect((await run("mutation($f: ID!) { activateFlow(id: $f) { ... on FlowSaved { flow { status } } } }", { f: flowId })).activateFlow).toEqual({ flow: { status: "ACTIVE" } });
    expect((await run("mutation($id: ID!) { deleteCredential(id: $id) { __typename } }", variables)).deleteCredential).toEqual({ __typename: "CredentialInUse" });
    expect((await run("mutation($f: ID!) { deactivateFlow(id: $f) { ... on FlowSaved { flow { status } } } }", { f: flowId })).deactivateFlow).toEqual({ flow: { status: "INACTIVE" } });
    expect((await run("mutation($f: ID!) { deleteFlow(id: $f) { __typename } }", { f: flowId })).deleteFlow).toEqual({ __typename: "FlowDeleted" });
    expect((await run("mutation($id: ID!) { deleteCredential(id: $id) { __typename } }", variables)).deleteCredential).toEqual({ __typename: "CredentialDeleted" });
    // startOAuth2Authorization still reports bad input as an error, as it always did.
    const started = await gql(owner, 'mutation { startOAuth2Authorization(input: { componentKey: "no-such", authType: OAUTH2, values: {} }) { authorizationUrl } }');
    expect(started.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  test("the first access forms still run: signIn, switchWorkspace, invitations, members, tokens, settings, signOut", async () => {
    const owner = api();
    const person = await api().createPerson("MEMBER");
    const signedIn = await owner.as({}).post(
      JSON.stringify({ query: "mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { __typename } }", variables: { e: person.email, p: person.password } }),
    );
    expect(signedIn.json.data.signIn).toEqual({ __typename: "SignedIn" });
    const workspace = await data(owner, `mutation { createWorkspace(name: "Old ${tag}") { ... on WorkspaceCreated { workspace { id } } } }`);
    const workspaceId = workspace.createWorkspace.workspace.id as string;
    const switched = await data(owner, "mutation($id: ID!) { switchWorkspace(id: $id) { __typename } }", { id: workspaceId });
    expect(switched.switchWorkspace).toEqual({ __typename: "WorkspaceSwitched" });
    await data(owner, "mutation($id: ID!) { switchWorkspace(id: $id) { __typename } }", { id: owner.owner.workspaceId });
    const invited = await data(owner, "mutation { createInvitation(role: VIEWER) { ... on InvitationCreated { invitation { id } token } } }");
    const revoked = await data(owner, "mutation($id: ID!) { revokeInvitation(id: $id) { __typename } }", { id: invited.createInvitation.invitation.id });
    expect(revoked.revokeInvitation).toEqual({ __typename: "InvitationRevoked" });
    const second = await data(owner, "mutation { createInvitation(role: VIEWER) { ... on InvitationCreated { token } } }");
    const accepted = await owner.as({}).post(
      JSON.stringify({
        query: "mutation($t: String!, $p: NewPersonInput) { acceptInvitation(token: $t, newPerson: $p) { __typename ... on InvitationAccepted { person { id } } } }",
        variables: { t: second.createInvitation.token, p: { name: "Old form", email: `old-${tag}@latchkey.test`, password: "long enough password" } },
      }),
    );
    const newcomer = accepted.json.data.acceptInvitation.person.id as string;
    expect((await data(owner, "mutation($p: ID!) { changeMemberRole(personId: $p, role: MEMBER) { ... on MemberUpdated { member { role } } } }", { p: newcomer })).changeMemberRole).toEqual({
      member: { role: "MEMBER" },
    });
    expect((await data(owner, "mutation($p: ID!) { removeMember(personId: $p) { __typename } }", { p: newcomer })).removeMember).toEqual({ __typename: "MemberRemoved" });
    const token = await api().createToken(["READ"]);
    expect((await data(owner, "mutation($id: ID!) { revokeApiToken(id: $id) { __typename } }", { id: token.id })).revokeApiToken).toEqual({ __typename: "ApiTokenRevoked" });
    const settings = await data(owner, 'mutation { setComponentSettings(componentKey: "no-such", settings: []) { __typename } }');
    expect(settings.setComponentSettings).toEqual({ __typename: "NotFound" });
    const user = await api().createToken(["CREDENTIALS_USE"]);
    const resolved = await data(user, "mutation($id: ID!) { resolveCredential(id: $id) { __typename } }", { id: "00000000-0000-4000-8000-000000000000" });
    expect(resolved.resolveCredential).toEqual({ __typename: "NotFound" });
    expect(await data(person, "mutation { signOut }")).toEqual({ signOut: true });
    expect((await gql(person, "{ credentials { totalCount } }")).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
