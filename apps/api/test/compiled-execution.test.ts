import {
  ApiTokensDocument,
  AuditLogDocument,
  ComponentCatalogDocument,
  ComponentDocument,
  ComponentsDocument,
  CreateFlowDocument,
  CredentialDocument,
  CredentialsDocument,
  CredentialVerificationsDocument,
  DeleteCredentialDocument,
  FlowDocument,
  FlowsDocument,
  InvitationsDocument,
  MembersDocument,
  ResolveCredentialDocument,
  SetupStatusDocument,
  ViewerDocument,
  WorkspacesDocument,
} from "@latchkey/sdk";
import { createCredential, useApi } from "./harness";

// graphql-js runs each document once, then its compiled plan answers: every request below is sent
// twice and both answers must be the same, byte for byte.
const api = useApi({ env: { LATCHKEY_COMPILE_AFTER_RUNS: "1", LATCHKEY_LOG_LEVEL: "debug" } });

const UNKNOWN_ID = "00000000-0000-4000-8000-00000000c0de";
let credentialId: string;
let flowId: string;

beforeAll(async () => {
  credentialId = (await createCredential(api().client, { componentKey: "petstore", authType: "API_KEY", name: "Compiled", values: { apiKey: "secret" } })).id;
  // One step with the credential, one without (stepsNeedingAttention, a null credential).
  const flow = await api().client.request(CreateFlowDocument, {
    input: {
      name: "Compiled flow",
      steps: [
        { name: "Fetch", componentKey: "petstore", credentialId },
        { name: "Store", componentKey: "petstore" },
      ],
    },
  });
  if (flow.createFlow.__typename !== "FlowSaved") throw new Error(flow.createFlow.__typename);
  flowId = flow.createFlow.flow.id;
});

const compiledLines = () => api().logs().split("\n").filter((line) => line.includes('"GraphQL document compiled"'));

/** Every query of the SDK, with variables that find something, plus answers with errors in them. */
const requests = (): [string, { toString(): string }, Record<string, unknown>][] => [
  ["SetupStatus", SetupStatusDocument, {}],
  ["Viewer", ViewerDocument, {}],
  ["Workspaces", WorkspacesDocument, {}],
  ["Members", MembersDocument, {}],
  ["Invitations", InvitationsDocument, {}],
  ["ApiTokens", ApiTokensDocument, {}],
  ["AuditLog", AuditLogDocument, { first: 20 }],
  ["ComponentCatalog", ComponentCatalogDocument, {}],
  ["Components", ComponentsDocument, {}],
  ["Component", ComponentDocument, { key: "petstore" }],
  ["Component, unknown key (null)", ComponentDocument, { key: "no-such-component" }],
  ["Flows", FlowsDocument, {}],
  ["Flow", FlowDocument, { id: flowId }],
  ["Credentials", CredentialsDocument, { first: 50 }],
  ["Credentials, bad page size (error, no data)", CredentialsDocument, { first: -1 }],
  ["Credentials, bad cursor (error)", CredentialsDocument, { first: 5, after: "not-a-cursor" }],
  ["Credential", CredentialDocument, { id: credentialId }],
  ["Credential, unknown id (null)", CredentialDocument, { id: UNKNOWN_ID }],
  ["CredentialVerifications", CredentialVerificationsDocument, { id: credentialId, first: 5 }],
  ["CredentialVerifications, bad first (error in a field)", CredentialVerificationsDocument, { id: credentialId, first: 0 }],
  ["Credential, variable of the wrong type (400)", CredentialDocument, { id: { not: "an id" } }],
  ["DeleteCredential, unknown id (a mutation)", DeleteCredentialDocument, { input: { id: UNKNOWN_ID } }],
  // The runtime's hot path: a mutation whose answer is the same each time (its audit rows aside).
  ["ResolveCredential", ResolveCredentialDocument, { input: { id: credentialId } }],
];

test("a compiled plan answers exactly as graphql-js does, errors included", async () => {
  const before = compiledLines().length;
  const list = requests();
  for (const [index, [label, document, variables]] of list.entries()) {
    const body = JSON.stringify({ query: String(document), variables });
    // The same request id on both, so the answers may be compared byte for byte (errors carry it).
    const headers = { "content-type": "application/json", "x-request-id": `compare-${index}` };
    const first = await api().post(body, headers);
    const second = await api().post(body, headers);
    expect({ label, status: second.status, text: second.text }).toEqual({ label, status: first.status, text: first.text });
    expect({ label, status: first.status < 500 }).toEqual({ label, status: true });
  }
  // Each distinct document was compiled once (after its first run), so the second answers came from plans.
  const distinct = new Set(list.map(([, document]) => String(document))).size;
  expect(compiledLines().length - before).toBe(distinct);
  // The checks above compared real answers: the page holds the credential, the flow its two steps.
  const page = await api().client.request(CredentialsDocument, { first: 50 });
  expect(page.credentials.edges.map((e) => e.node.id)).toContain(credentialId);
  const flow = await api().client.request(FlowDocument, { id: flowId });
  expect(flow.flow?.steps.map((s) => s.credential?.id ?? null)).toEqual([credentialId, null]);
});

test("a document is compiled once, not per request", async () => {
  const body = JSON.stringify({ query: "query Twice { components { edges { node { key credentialCount } } } }" });
  const before = compiledLines().length;
  const answers = new Set<string>();
  for (let i = 0; i < 5; i++) answers.add((await api().post(body)).text);
  expect(answers.size).toBe(1);
  expect(compiledLines().length - before).toBe(1);
});
