/**
 * Walks every root field of the served schema: a caller of workspace A, using the ids of workspace
 * B, gets NotFound, null or FORBIDDEN and none of B's data; and each role and token scope is
 * allowed exactly the operations the issue gives it. A root field without a case here fails the
 * test, so a new operation cannot be forgotten.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from "graphql";
import {
  CreateFlowDocument,
  CreateInvitationDocument,
  CreateWebhookEndpointDocument,
  RegisterComponentDocument,
  SendTestWebhookDocument,
  WebhookEndpointsDocument,
  type CreateFlowMutationVariables,
} from "@latchkey/sdk";
import { createCredential, eventually, nodes, useApi, type TestCaller, type TestPerson } from "./harness";

const api = useApi();

const tag = randomBytes(4).toString("hex");
const petstore = JSON.parse(readFileSync(path.resolve(__dirname, "../../../packages/catalog/components/petstore.json"), "utf8")) as Record<string, unknown>;

/** Everything of workspace B the test knows; none of its names or secrets may reach A's callers. */
const b = {
  workspaceId: "",
  name: `Workspace B ${tag}`,
  componentKey: `b-only-${tag}`,
  componentName: `B only component ${tag}`,
  credentialId: "",
  credentialName: `B credential ${tag}`,
  flowId: "",
  flowName: `B flow ${tag}`,
  stepId: "",
  tokenId: "",
  tokenName: `B token ${tag}`,
  token: "",
  invitationId: "",
  invitationToken: "",
  personId: "",
  personEmail: "",
  webhookEndpointId: "",
  webhookUrl: `http://127.0.0.1:9/b-hooks-${tag}`,
  webhookDeliveryId: "",
};
const a = { flowId: "", stepId: "", credentialId: "" };

type Outcome = "NotFound" | "null" | "FORBIDDEN" | "clean";
interface Call {
  query: string;
  variables?: Record<string, unknown>;
}
interface Case {
  calls: () => Call[];
  /** What a person of A (an admin) gets, and what an API token of A with every scope gets. */
  person: Outcome;
  token: Outcome;
  /** Ends the caller's session: a person makes its calls with a fresh session of their own. */
  endsSession?: true;
}

const newPerson = { name: "Intruder", email: `intruder-${tag}@latchkey.test`, password: "long enough password" };
const credentialInput = () => ({ componentKey: b.componentKey, authType: "API_KEY", values: { apiKey: "secret" } });

/** B's ids of every type that `node(id:)` finds. */
const bIds = () => [b.workspaceId, b.credentialId, b.flowId, b.stepId, b.tokenId, b.invitationId, b.personId];
/** Every name a node of B could show. */
const NODE_NAMES = "... on Workspace { name } ... on Credential { name } ... on Flow { name } ... on FlowStep { name } ... on ApiToken { name } ... on Person { email name }";

/** One case per root field: the same calls probe isolation and the role matrix. */
const CASES: Record<"Query" | "Mutation", Record<string, Case>> = {
  Query: {
    setupStatus: { calls: () => [{ query: "{ setupStatus { needsSetup } }" }], person: "clean", token: "clean" },
    viewer: { calls: () => [{ query: "{ viewer { person { id email } workspace { id name } apiToken { id name } } }" }], person: "clean", token: "clean" },
    invitation: { calls: () => [{ query: "query($t: String!) { invitation(token: $t) { workspaceName role } }", variables: { t: b.invitationId } }], person: "null", token: "null" },
    workspaces: { calls: () => [{ query: "{ workspaces { id name } }" }], person: "clean", token: "FORBIDDEN" },
    components: { calls: () => [{ query: "{ components { totalCount edges { node { id key name } } } }" }], person: "clean", token: "clean" },
    component: { calls: () => [{ query: "query($k: String!) { component(key: $k) { id name } }", variables: { k: b.componentKey } }], person: "null", token: "null" },
    previewComponent: {
      // Nothing is read or stored: B's key previews A's text only.
      calls: () => [
        {
          query: "query($t: String!, $k: String) { previewComponent(descriptorText: $t, format: LATCHKEY, key: $k) { __typename ... on ComponentPreview { key name warnings } } }",
          variables: { t: JSON.stringify({ ...petstore, key: b.componentKey, name: "A's own component" }), k: b.componentKey },
        },
      ],
      person: "clean",
      token: "clean",
    },
    credentials: {
      calls: () => [{ query: "{ credentials(first: 200) { totalCount edges { node { id name config } } } }" }],
      person: "clean",
      token: "clean",
    },
    credential: { calls: () => [{ query: "query($id: ID!) { credential(id: $id) { id name } }", variables: { id: b.credentialId } }], person: "null", token: "null" },
    flows: {
      calls: () => [
        { query: "{ flows { totalCount edges { node { id name steps { id credential { id name } } } } } }" },
        // The attention filter decides over the caller's workspace only (B's flows are neither counted nor listed).
        ...[true, false].map((needsAttention) => ({
          query: "query($f: FlowFilter) { flows(filter: $f) { totalCount edges { node { id name stepsNeedingAttention { id credential { id name } } } } } }",
          variables: { f: { needsAttention } },
        })),
      ],
      person: "clean",
      token: "clean",
    },
    flow: { calls: () => [{ query: "query($id: ID!) { flow(id: $id) { id name } }", variables: { id: b.flowId } }], person: "null", token: "null" },
    node: {
      calls: () => bIds().map((id) => ({ query: `query($id: ID!) { node(id: $id) { __typename id ${NODE_NAMES} } }`, variables: { id } })),
      person: "null",
      token: "null",
    },
    nodes: {
      // The answer is a list (of nulls): "clean", and none of B's names or unsent ids in it.
      calls: () => [{ query: `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ${NODE_NAMES} } }`, variables: { ids: bIds() } }],
      person: "clean",
      token: "clean",
    },
    members: { calls: () => [{ query: "{ members { totalCount edges { node { person { id email name } role } } } }" }], person: "clean", token: "FORBIDDEN" },
    invitations: { calls: () => [{ query: "{ invitations { totalCount edges { node { id role } } } }" }], person: "clean", token: "FORBIDDEN" },
    apiTokens: { calls: () => [{ query: "{ apiTokens { totalCount edges { node { id name tokenStart } } } }" }], person: "clean", token: "FORBIDDEN" },
    auditLog: {
      calls: () => [
        { query: "query($id: ID!) { auditLog(filter: { objectId: $id }) { edges { node { id action objectId details } } } }", variables: { id: b.credentialId } },
        // `first` as a variable, as the SDK sends it: written into the document, armor's cost rule
        // multiplies by it (200 × these fields is over the cost limit, README "Limits").
        { query: "query($n: Int) { auditLog(first: $n) { edges { node { id action objectId actorName details } } } }", variables: { n: 200 } },
      ],
      person: "clean",
      token: "FORBIDDEN",
    },
    webhookEndpoints: {
      calls: () => [{ query: "{ webhookEndpoints { edges { node { id url deliveries { edges { node { id } } } } } } }" }],
      person: "clean",
      token: "FORBIDDEN",
    },
  },
  Mutation: {
    setupFirstOwner: {
      calls: () => [{ query: "mutation($i: SetupInput!) { setupFirstOwner(input: $i) { __typename } }", variables: { i: newPerson } }],
      person: "FORBIDDEN",
      token: "FORBIDDEN",
    },
    signIn: {
      calls: () => [{ query: "mutation($i: SignInInput!) { signIn(input: $i) { __typename } }", variables: { i: { email: b.personEmail, password: "wrong password" } } }],
      person: "clean",
      token: "clean",
    },
    signOut: { calls: () => [{ query: "mutation { signOut }" }], person: "clean", token: "FORBIDDEN", endsSession: true },
    endSession: { calls: () => [{ query: "mutation { endSession { __typename } }" }], person: "clean", token: "FORBIDDEN", endsSession: true },
    switchWorkspace: { calls: () => [{ query: "mutation($id: ID!) { switchWorkspace(input: { id: $id }) { __typename } }", variables: { id: b.workspaceId } }], person: "NotFound", token: "FORBIDDEN" },
    createWorkspace: { calls: () => [{ query: 'mutation { createWorkspace(input: { name: "Probe" }) { __typename } }' }], person: "clean", token: "FORBIDDEN" },
    verifyCredential: {
      calls: () => [{ query: "mutation($i: CredentialInput!) { verifyCredential(input: $i) { ok message } }", variables: { i: credentialInput() } }],
      person: "NotFound",
      token: "NotFound",
    },
    verifyCredentialValues: {
      calls: () => [{ query: "mutation($i: CredentialInput!) { verifyCredentialValues(input: $i) { __typename } }", variables: { i: credentialInput() } }],
      person: "NotFound",
      token: "NotFound",
    },
    createCredential: {
      calls: () => [{ query: "mutation($i: CredentialInput!) { createCredential(input: $i) { __typename } }", variables: { i: credentialInput() } }],
      person: "NotFound",
      token: "NotFound",
    },
    updateCredential: {
      calls: () => [{ query: 'mutation($id: ID!) { updateCredential(input: { id: $id, values: { apiKey: "secret" } }) { __typename } }', variables: { id: b.credentialId } }],
      person: "NotFound",
      token: "NotFound",
    },
    renameCredential: {
      calls: () => [{ query: 'mutation($id: ID!) { renameCredential(input: { id: $id, name: "Taken over" }) { __typename } }', variables: { id: b.credentialId } }],
      person: "NotFound",
      token: "NotFound",
    },
    deleteCredential: { calls: () => [{ query: "mutation($id: ID!) { deleteCredential(input: { id: $id }) { __typename } }", variables: { id: b.credentialId } }], person: "NotFound", token: "NotFound" },
    reverifyCredential: { calls: () => [{ query: "mutation($id: ID!) { reverifyCredential(input: { id: $id }) { __typename } }", variables: { id: b.credentialId } }], person: "NotFound", token: "NotFound" },
    resolveCredential: {
      calls: () => [{ query: "mutation($id: ID!) { resolveCredential(input: { id: $id }) { __typename ... on ResolvedCredential { secrets } } }", variables: { id: b.credentialId } }],
      person: "FORBIDDEN",
      token: "NotFound",
    },
    startOAuth2Authorization: {
      calls: () => [
        {
          query: "mutation($i: CredentialInput!) { startOAuth2Authorization(input: $i) { authorizationUrl } }",
          variables: { i: { ...credentialInput(), authType: "OAUTH2", values: { clientId: "x", clientSecret: "y" } } },
        },
      ],
      person: "NotFound",
      token: "NotFound",
    },
    beginOAuth2Authorization: {
      calls: () => [
        {
          query: "mutation($i: CredentialInput!) { beginOAuth2Authorization(input: $i) { __typename ... on OAuth2AuthorizationStarted { authorization { authorizationUrl } } } }",
          variables: { i: { ...credentialInput(), authType: "OAUTH2", values: { clientId: "x", clientSecret: "y" } } },
        },
      ],
      person: "NotFound",
      token: "NotFound",
    },
    reconnectOAuth2Credential: {
      calls: () => [
        { query: "mutation($i: ReconnectOAuth2CredentialInput!) { reconnectOAuth2Credential(input: $i) { __typename } }", variables: { i: { id: b.credentialId } } },
      ],
      person: "NotFound",
      token: "NotFound",
    },
    createFlow: {
      calls: () => [
        {
          query: "mutation($i: CreateFlowInput!) { createFlow(input: $i) { __typename } }",
          variables: { i: { name: "Probe", steps: [{ componentKey: "petstore", credentialId: b.credentialId }] } },
        },
      ],
      person: "NotFound",
      token: "NotFound",
    },
    renameFlow: { calls: () => [{ query: 'mutation($id: ID!) { renameFlow(input: { id: $id, name: "Taken" }) { __typename } }', variables: { id: b.flowId } }], person: "NotFound", token: "NotFound" },
    setStepCredential: {
      calls: () => [
        { query: "mutation($s: ID!, $c: ID) { setStepCredential(input: { stepId: $s, credentialId: $c }) { __typename } }", variables: { s: b.stepId, c: null } },
        { query: "mutation($s: ID!, $c: ID) { setStepCredential(input: { stepId: $s, credentialId: $c }) { __typename } }", variables: { s: a.stepId, c: b.credentialId } },
      ],
      person: "NotFound",
      token: "NotFound",
    },
    activateFlow: { calls: () => [{ query: "mutation($id: ID!) { activateFlow(input: { id: $id }) { __typename } }", variables: { id: b.flowId } }], person: "NotFound", token: "NotFound" },
    deactivateFlow: { calls: () => [{ query: "mutation($id: ID!) { deactivateFlow(input: { id: $id }) { __typename } }", variables: { id: b.flowId } }], person: "NotFound", token: "NotFound" },
    deleteFlow: { calls: () => [{ query: "mutation($id: ID!) { deleteFlow(input: { id: $id }) { __typename } }", variables: { id: b.flowId } }], person: "NotFound", token: "NotFound" },
    registerComponent: {
      // Registering B's key in A makes A's own component; B's stays as it is (checked at the end).
      calls: () => [
        {
          query: "mutation($d: JSONObject!) { registerComponent(input: { descriptor: $d }) { __typename } }",
          variables: { d: { ...petstore, key: b.componentKey, name: "A's own component" } },
        },
      ],
      person: "clean",
      token: "clean",
    },
    setComponentSettings: {
      calls: () => [
        {
          query: "mutation($k: String!) { setComponentSettings(input: { componentKey: $k, settings: [{ name: \"X\", value: \"y\" }] }) { __typename } }",
          variables: { k: b.componentKey },
        },
      ],
      person: "NotFound",
      token: "NotFound",
    },
    createInvitation: { calls: () => [{ query: "mutation { createInvitation(input: { role: VIEWER }) { __typename } }" }], person: "clean", token: "FORBIDDEN" },
    revokeInvitation: { calls: () => [{ query: "mutation($id: ID!) { revokeInvitation(input: { id: $id }) { __typename } }", variables: { id: b.invitationId } }], person: "NotFound", token: "FORBIDDEN" },
    acceptInvitation: {
      calls: () => [
        { query: "mutation($t: String!, $p: NewPersonInput) { acceptInvitation(input: { token: $t, newPerson: $p }) { __typename } }", variables: { t: b.invitationId, p: newPerson } },
      ],
      person: "NotFound",
      token: "NotFound",
    },
    changeMemberRole: {
      calls: () => [{ query: "mutation($p: ID!) { changeMemberRole(input: { personId: $p, role: VIEWER }) { __typename } }", variables: { p: b.personId } }],
      person: "NotFound",
      token: "FORBIDDEN",
    },
    removeMember: { calls: () => [{ query: "mutation($p: ID!) { removeMember(input: { personId: $p }) { __typename } }", variables: { p: b.personId } }], person: "NotFound", token: "FORBIDDEN" },
    createApiToken: { calls: () => [{ query: 'mutation { createApiToken(input: { name: "Probe", scopes: [READ] }) { __typename } }' }], person: "clean", token: "FORBIDDEN" },
    revokeApiToken: { calls: () => [{ query: "mutation($id: ID!) { revokeApiToken(input: { id: $id }) { __typename } }", variables: { id: b.tokenId } }], person: "NotFound", token: "FORBIDDEN" },
    createWebhookEndpoint: {
      calls: () => [{ query: 'mutation { createWebhookEndpoint(input: { url: "https://probe.example.com/hooks" }) { __typename } }' }],
      person: "clean",
      token: "FORBIDDEN",
    },
    ...Object.fromEntries(
      ["updateWebhookEndpoint", "deleteWebhookEndpoint", "sendTestWebhook", "rotateWebhookSecret"].map((field) => [
        field,
        {
          calls: () => [{ query: `mutation($id: ID!) { ${field}(input: { id: $id }) { __typename } }`, variables: { id: b.webhookEndpointId } }],
          person: "NotFound",
          token: "FORBIDDEN",
        },
      ]),
    ),
    resendWebhookDelivery: {
      calls: () => [{ query: "mutation($id: ID!) { resendWebhookDelivery(input: { deliveryId: $id }) { __typename } }", variables: { id: b.webhookDeliveryId } }],
      person: "NotFound",
      token: "FORBIDDEN",
    },
  },
};

/** What the issue gives each role and scope, written out independently of the API's own rule table. */
type Need = "public" | "person" | "VIEWER" | "MEMBER" | "ADMIN" | "token-only";
type Scope = "read" | "write" | "components:write" | "credentials:use";
const API_SCOPES = { read: "READ", write: "WRITE", "components:write": "COMPONENTS_WRITE", "credentials:use": "CREDENTIALS_USE" } as const;
const NEEDS: Record<string, { role: Need; scope: Scope | "none" | "public" }> = {
  setupStatus: { role: "public", scope: "public" },
  viewer: { role: "public", scope: "public" },
  invitation: { role: "public", scope: "public" },
  signIn: { role: "public", scope: "public" },
  acceptInvitation: { role: "public", scope: "public" },
  setupFirstOwner: { role: "public", scope: "public" },
  workspaces: { role: "person", scope: "none" },
  signOut: { role: "person", scope: "none" },
  endSession: { role: "person", scope: "none" },
  switchWorkspace: { role: "person", scope: "none" },
  createWorkspace: { role: "person", scope: "none" },
  ...Object.fromEntries(["components", "component", "credentials", "credential", "flows", "flow", "node", "nodes"].map((f) => [f, { role: "VIEWER", scope: "read" }])),
  ...Object.fromEntries(
    [
      "verifyCredential",
      "verifyCredentialValues",
      "createCredential",
      "updateCredential",
      "renameCredential",
      "deleteCredential",
      "reverifyCredential",
      "startOAuth2Authorization",
      "beginOAuth2Authorization",
      "reconnectOAuth2Credential",
      "createFlow",
      "renameFlow",
      "setStepCredential",
      "activateFlow",
      "deactivateFlow",
      "deleteFlow",
    ].map((f) => [f, { role: "MEMBER", scope: "write" }]),
  ),
  // Not `write`: a component decides where its credentials' secrets are sent.
  registerComponent: { role: "ADMIN", scope: "components:write" },
  previewComponent: { role: "ADMIN", scope: "components:write" },
  setComponentSettings: { role: "ADMIN", scope: "components:write" },
  resolveCredential: { role: "token-only", scope: "credentials:use" },
  ...Object.fromEntries(
    [
      "members",
      "invitations",
      "apiTokens",
      "auditLog",
      "createInvitation",
      "revokeInvitation",
      "changeMemberRole",
      "removeMember",
      "createApiToken",
      "revokeApiToken",
      "webhookEndpoints",
      "createWebhookEndpoint",
      "updateWebhookEndpoint",
      "deleteWebhookEndpoint",
      "sendTestWebhook",
      "rotateWebhookSecret",
      "resendWebhookDelivery",
    ].map(
      (f) => [f, { role: "ADMIN", scope: "none" }],
    ),
  ),
} as Record<string, { role: Need; scope: Scope | "none" | "public" }>;

const RANK = { VIEWER: 0, MEMBER: 1, ADMIN: 2, OWNER: 3 } as const;

async function gql(caller: TestCaller, call: Call) {
  const response = await caller.post(JSON.stringify(call));
  return { status: response.status, text: response.text, json: response.json as { data?: Record<string, any> | null; errors?: { message: string; extensions?: { code?: string } }[] } };
}

function outcomeOf(field: string, answer: Awaited<ReturnType<typeof gql>>): string {
  const code = answer.json.errors?.[0]?.extensions?.code;
  if (code === "FORBIDDEN" || code === "UNAUTHENTICATED") return code;
  // Fields without a result union report a missing object as BAD_USER_INPUT.
  if (code === "BAD_USER_INPUT" && /not found|No component/i.test(answer.json.errors![0]!.message)) return "NotFound";
  if (code) return `error ${code}: ${answer.json.errors![0]!.message}`;
  const value = answer.json.data?.[field];
  if (value === null) return "null";
  if (value && typeof value === "object" && "__typename" in value && value.__typename === "NotFound") return "NotFound";
  return "clean";
}

/** B's names and secret values, and B's ids that the request itself did not send. */
function leaksOf(text: string, call: Call): string[] {
  const sent = JSON.stringify(call.variables ?? {});
  const names = [b.name, b.componentName, b.credentialName, b.flowName, b.tokenName, b.personEmail, b.token, b.invitationToken, b.webhookUrl];
  const ids = [b.workspaceId, b.credentialId, b.flowId, b.stepId, b.tokenId, b.invitationId, b.personId, b.webhookEndpointId, b.webhookDeliveryId].filter((id) => !sent.includes(id));
  return [...names, ...ids].filter((value) => value && text.includes(value));
}

let rootFields: { Query: string[]; Mutation: string[] };

beforeAll(async () => {
  const introspection = await api().post(JSON.stringify({ query: getIntrospectionQuery() }));
  const schema = buildClientSchema(introspection.json.data as IntrospectionQuery);
  rootFields = { Query: Object.keys(schema.getQueryType()!.getFields()), Mutation: Object.keys(schema.getMutationType()!.getFields()) };

  // Workspace B, with one of everything, made by the owner (a member of both).
  b.workspaceId = await api().createWorkspace(b.name);
  const inB = api().as({ session: api().owner.session, workspaceId: b.workspaceId });
  const { registerComponent } = await inB.client.request(RegisterComponentDocument, { input: { descriptor: { ...petstore, key: b.componentKey, name: b.componentName } } });
  if (registerComponent.__typename !== "ComponentRegistered") throw new Error(JSON.stringify(registerComponent));
  b.credentialId = (await createCredential(inB.client, { componentKey: "petstore", authType: "API_KEY", name: b.credentialName, values: { apiKey: "secret" } })).id;
  const flow = await createFlow(inB, { name: b.flowName, steps: [{ componentKey: "petstore", credentialId: b.credentialId }] });
  b.flowId = flow.id;
  b.stepId = flow.steps[0]!.id;
  const token = await api().createToken(["READ"], { workspaceId: b.workspaceId, name: b.tokenName });
  b.tokenId = token.id;
  b.token = token.token;
  const person = await api().createPerson("MEMBER", { workspaceId: b.workspaceId });
  b.personId = person.personId;
  b.personEmail = person.email;
  const { createInvitation } = await inB.client.request(CreateInvitationDocument, { input: { role: "VIEWER" } });
  if (createInvitation.__typename !== "InvitationCreated") throw new Error(JSON.stringify(createInvitation));
  b.invitationId = createInvitation.invitation.id;
  b.invitationToken = createInvitation.token;
  // A webhook endpoint that refuses connections: its test event leaves a failed delivery attempt.
  const { createWebhookEndpoint } = await inB.client.request(CreateWebhookEndpointDocument, { input: { url: b.webhookUrl } });
  if (createWebhookEndpoint.__typename !== "WebhookEndpointCreated") throw new Error(JSON.stringify(createWebhookEndpoint));
  b.webhookEndpointId = createWebhookEndpoint.endpoint.id;
  await inB.client.request(SendTestWebhookDocument, { input: { id: b.webhookEndpointId } });
  b.webhookDeliveryId = await eventually("B's test event is attempted", async () => {
    const { webhookEndpoints } = await inB.client.request(WebhookEndpointsDocument, {});
    return webhookEndpoints.edges[0]?.node.deliveries.edges[0]?.node.id;
  });

  // Workspace A (the owner's first): a flow with a step, for setStepCredential.
  const aFlow = await createFlow(api(), { name: "A flow", steps: [{ componentKey: "petstore" }] });
  a.flowId = aFlow.id;
  a.stepId = aFlow.steps[0]!.id;
}, 120_000);

/** The caller, or for a case that ends the session, the same person signed in again. */
async function callerFor(testCase: Case, caller: TestCaller): Promise<TestCaller> {
  if (!testCase.endsSession || !("password" in caller)) return caller;
  const person = caller as TestPerson;
  const { session } = await api().signIn(person.email, person.password);
  return api().as({ session: session! });
}

async function createFlow(caller: TestCaller, input: CreateFlowMutationVariables["input"]) {
  const { createFlow: result } = await caller.client.request(CreateFlowDocument, { input });
  if (result.__typename !== "FlowSaved") throw new Error(JSON.stringify(result));
  return result.flow;
}

test("every root field of the served schema has an isolation case and a role rule (none forgotten, none stale)", () => {
  for (const root of ["Query", "Mutation"] as const) {
    expect({ root, missing: rootFields[root].filter((f) => !CASES[root][f] || !NEEDS[f]) }).toEqual({ root, missing: [] });
    expect({ root, stale: Object.keys(CASES[root]).filter((f) => !rootFields[root].includes(f)) }).toEqual({ root, stale: [] });
  }
});

/** registerComponent makes A's own component under B's key: it runs last. */
const LAST = ["registerComponent"];
const ordered = (root: "Query" | "Mutation") => Object.entries(CASES[root]).sort(([x], [y]) => LAST.indexOf(x) - LAST.indexOf(y));

test("a caller of workspace A using B's ids gets NotFound, null or FORBIDDEN, and learns nothing of B", async () => {
  const admin = await api().createPerson("ADMIN");
  const token = await api().createToken(["READ", "WRITE", "COMPONENTS_WRITE", "CREDENTIALS_USE"]);
  const problems: string[] = [];
  for (const root of ["Query", "Mutation"] as const) {
    for (const [field, testCase] of ordered(root)) {
      for (const [kind, caller] of [["token", token], ["person", admin]] as const) {
        for (const call of testCase.calls()) {
          const answer = await gql(await callerFor(testCase, caller), call);
          const outcome = outcomeOf(field, answer);
          if (outcome !== testCase[kind]) problems.push(`${kind} ${root}.${field}: expected ${testCase[kind]}, got ${outcome}`);
          const leaks = leaksOf(answer.text, call);
          if (leaks.length > 0) problems.push(`${kind} ${root}.${field} revealed ${leaks.length} value(s) of workspace B`);
          if (answer.status >= 500) problems.push(`${kind} ${root}.${field} answered ${answer.status}`);
        }
      }
    }
  }
  expect(problems).toEqual([]);

  // Nothing of B changed: its credential, flow, component, token, invitation and member are as they were.
  const inB = api().as({ session: api().owner.session, workspaceId: b.workspaceId });
  const state = await gql(inB, {
    query: `query($c: ID!, $f: ID!, $k: String!) { credential(id: $c) { name status } flow(id: $f) { name status } component(key: $k) { name } members { edges { node { person { id } } } } invitations { edges { node { id } } } apiTokens { edges { node { id revokedAt } } } }`,
    variables: { c: b.credentialId, f: b.flowId, k: b.componentKey },
  });
  expect(state.json.data).toMatchObject({
    credential: { name: b.credentialName, status: "VALID" },
    flow: { name: b.flowName, status: "INACTIVE" },
    component: { name: b.componentName },
  });
  expect(nodes(state.json.data!.members).map((m: any) => m.person.id)).toContain(b.personId);
  expect(nodes(state.json.data!.invitations).map((i: any) => i.id)).toContain(b.invitationId);
  expect(nodes(state.json.data!.apiTokens).find((t: any) => t.id === b.tokenId)).toMatchObject({ revokedAt: null });
}, 120_000);

test("role matrix: each role and each token scope against every operation", async () => {
  const callers: { label: string; caller: TestCaller; allowed: (field: string) => boolean }[] = [];
  for (const role of ["VIEWER", "MEMBER", "ADMIN", "OWNER"] as const) {
    callers.push({
      label: role,
      caller: await api().createPerson(role),
      allowed: (field) => {
        const need = NEEDS[field]!.role;
        if (need === "public" || need === "person") return true;
        if (need === "token-only") return false;
        return RANK[role] >= RANK[need];
      },
    });
  }
  for (const scope of Object.keys(API_SCOPES) as Scope[]) {
    callers.push({
      label: `token ${scope}`,
      caller: await api().createToken([API_SCOPES[scope]]),
      allowed: (field) => NEEDS[field]!.scope === "public" || NEEDS[field]!.scope === scope,
    });
  }
  const problems: string[] = [];
  for (const { label, caller, allowed } of callers) {
    for (const root of ["Query", "Mutation"] as const) {
      for (const [field, testCase] of ordered(root)) {
        // setupFirstOwner is FORBIDDEN to everyone once set up, whatever the role.
        const expectAllowed = field !== "setupFirstOwner" && allowed(field);
        const outcome = outcomeOf(field, await gql(await callerFor(testCase, caller), testCase.calls()[0]!));
        const refused = outcome === "FORBIDDEN" || outcome === "UNAUTHENTICATED";
        if (refused === expectAllowed) problems.push(`${label} ${root}.${field}: expected ${expectAllowed ? "allowed" : "FORBIDDEN"}, got ${outcome}`);
        if (refused && outcome !== "FORBIDDEN") problems.push(`${label} ${root}.${field}: refused with ${outcome}, not FORBIDDEN`);
      }
    }
  }
  expect(problems).toEqual([]);
}, 180_000);
