import { ActivateFlowDocument, CreateFlowDocument, CredentialDocument, CredentialVerificationsDocument, FlowDocument } from "@latchkey/sdk";
import { createCredential, eventually, expectNoSecretsIn, registerApiKeyComponent, startFakeApp, TEST_OWNER, useApi, type FakeApp, nodes } from "./harness";

/**
 * Status over time, on the database of the run (PGlite by default): the background job verifies
 * credentials again once they are older than LATCHKEY_REVERIFY_INTERVAL, every result is kept,
 * and a key revoked at the application turns the credential INVALID without anyone clicking.
 */
const api = useApi({ env: { LATCHKEY_REVERIFY_INTERVAL: "2s", LATCHKEY_VERIFY_TIMEOUT_MS: "2000", LATCHKEY_LOG_LEVEL: "info" } });

const KEY = "rk_live_7d1f0a9c3e5b2d4f6a8c";
const accepted = new Set<string>();
/** While set, the application holds every request open until it is called. */
let holdRequests: Promise<void> | undefined;
let app: FakeApp;

beforeAll(async () => {
  app = await startFakeApp((req, res) => {
    const ok = accepted.has(String(req.headers["x-api-key"] ?? ""));
    void (holdRequests ?? Promise.resolve()).then(() => res.writeHead(ok ? 200 : 401, { "content-type": "application/json" }).end("{}"));
  });
  const registerComponent = await registerApiKeyComponent(api().client, { key: "revocable", name: "Revocable API", baseUrl: app.url, header: "X-Api-Key" });
  expect(registerComponent.__typename).toBe("ComponentRegistered");
});

afterAll(async () => {
  expectNoSecretsIn(api().responses, [KEY]);
  expect(api().logs()).not.toContain(KEY);
  await app?.close();
});

async function credentialStatus(id: string) {
  const { credential } = await api().client.request(CredentialDocument, { id });
  return credential?.status;
}

async function flowView(id: string) {
  const { flow } = await api().client.request(FlowDocument, { id });
  if (!flow) throw new Error("flow missing");
  return flow;
}

it("turns a credential whose key was revoked INVALID by itself, keeps the flow ACTIVE and names its step, and back", async () => {
  accepted.add(KEY);
  const { id } = await createCredential(api().client, { componentKey: "revocable", authType: "API_KEY", values: { apiKey: KEY } });
  const { createFlow } = await api().client.request(CreateFlowDocument, {
    input: { name: "Nightly sync", steps: [{ componentKey: "revocable", credentialId: id }, { componentKey: "revocable", credentialId: id }] },
  });
  if (createFlow.__typename !== "FlowSaved") throw new Error(createFlow.__typename);
  const flowId = createFlow.flow.id;
  const { activateFlow } = await api().client.request(ActivateFlowDocument, { input: { id: flowId } });
  expect(activateFlow).toMatchObject({ __typename: "FlowSaved", flow: { status: "ACTIVE", stepsNeedingAttention: [] } });

  // Revoked at the application: nobody calls Latchkey, the scheduled re-verification notices.
  accepted.delete(KEY);
  const requestsBefore = app.requests.length;
  await eventually("the credential turns INVALID", async () => ((await credentialStatus(id)) === "INVALID" ? true : undefined));
  expect(app.requests.length).toBeGreaterThan(requestsBefore);

  const flow = await flowView(flowId);
  expect(flow.status).toBe("ACTIVE");
  expect(flow.stepsNeedingAttention.map((step) => [step.position, step.credential?.status])).toEqual([
    [0, "INVALID"],
    [1, "INVALID"],
  ]);

  const { credential } = await api().client.request(CredentialVerificationsDocument, { id, first: 50 });
  const history = nodes(credential!.verifications);
  // The job's results say so (nobody caused them); the first is the creation's, by the owner.
  expect(history[0]).toMatchObject({ ok: false, code: "UNAUTHORIZED", status: "INVALID", trigger: "SCHEDULED", triggeredBy: null });
  expect(history.at(-1)).toMatchObject({ ok: true, code: "OK", status: "VALID", trigger: "CREATED", triggeredBy: TEST_OWNER.name });
  expect(history.slice(0, -1).map((entry) => entry.trigger)).toEqual(history.slice(0, -1).map(() => "SCHEDULED"));
  const times = history.map((entry) => Date.parse(entry.checkedAt));
  expect(times).toEqual([...times].sort((a, b) => b - a));
  const { credential: current } = await api().client.request(CredentialDocument, { id });
  const { trigger: _trigger, triggeredBy: _by, ...latest } = history[0]!;
  expect(current!.lastVerification).toEqual(latest);

  // Accepted again at the application: the next round finds it VALID, and the flow is clear.
  accepted.add(KEY);
  await eventually("the credential is VALID again", async () => ((await credentialStatus(id)) === "VALID" ? true : undefined));
  expect((await flowView(flowId)).stepsNeedingAttention).toEqual([]);
  expect(api().logs()).toMatch(/"from":"VALID","to":"INVALID".*"message":"Credential status changed on re-verification"/);
}, 60_000);

it("bounds the history a request may ask for", async () => {
  const { id } = await createCredential(api().client, { componentKey: "petstore", authType: "API_KEY", values: { apiKey: "secret" } });
  for (const first of [0, 201]) {
    const { json } = await api().post(
      JSON.stringify({ query: "query($id: ID!, $first: Int) { credential(id: $id) { verifications(first: $first) { edges { node { code } } } } }", variables: { id, first } }),
    );
    expect(json.errors[0]).toMatchObject({ message: "Invalid input: first: Must be between 1 and 200.", extensions: { code: "BAD_USER_INPUT" } });
  }
  const { credential } = await api().client.request(CredentialVerificationsDocument, { id, first: 1 });
  expect(nodes(credential!.verifications)).toHaveLength(1);
});

it("stops cleanly while a scheduled re-verification is in flight", async () => {
  let release!: () => void;
  holdRequests = new Promise((resolve) => (release = resolve));
  const before = app.requests.length;
  await eventually("a re-verification reaches the application", async () => (app.requests.length > before ? true : undefined));
  const stopped = api().stop();
  setTimeout(release, 300);
  await stopped;
  holdRequests = undefined;
  expect(api().exitCode()).toBe(0);
  expect(api().logs()).not.toMatch(/unhandled|"level":"error"/i);
}, 30_000);
