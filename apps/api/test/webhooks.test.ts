import {
  ActivateFlowDocument,
  AuditLogDocument,
  CreateFlowDocument,
  CreateWebhookEndpointDocument,
  DeactivateFlowDocument,
  DeleteCredentialDocument,
  DeleteFlowDocument,
  DeleteWebhookEndpointDocument,
  ResendWebhookDeliveryDocument,
  RotateWebhookSecretDocument,
  SendTestWebhookDocument,
  UpdateWebhookEndpointDocument,
  WebhookEndpointsDocument,
  type LatchkeyClient,
} from "@latchkey/sdk";
import { createCredential, eventually, expectNoSecretsIn, registerApiKeyComponent, startFakeApp, useApi, type FakeApp } from "./harness";
import { startWebhookReceiver } from "./support/webhook-receiver";

/**
 * Signed webhooks, on the database of the run (PGlite by default: the dispatcher runs in the API
 * process there too): a real receiver on loopback verifies every delivery with the
 * `standardwebhooks` package. The scheduled re-verification runs every 2 s; retries are 100 times
 * quicker than in production (LATCHKEY_WEBHOOK_BACKOFF_SCALE).
 */
const api = useApi({
  env: {
    LATCHKEY_REVERIFY_INTERVAL: "2s",
    LATCHKEY_VERIFY_TIMEOUT_MS: "2000",
    LATCHKEY_WEBHOOK_POLL_MS: "100",
    LATCHKEY_WEBHOOK_BACKOFF_SCALE: "0.01",
    LATCHKEY_WEBHOOK_TIMEOUT_MS: "2000",
  },
});

const KEY = "wh_live_5c2e8f1a9b7d3e6f";
const accepted = new Set<string>();
let app: FakeApp;
const secrets: string[] = [];

beforeAll(async () => {
  app = await startFakeApp((req, res) => {
    res.writeHead(accepted.has(String(req.headers["x-api-key"] ?? "")) ? 200 : 401, { "content-type": "application/json" }).end("{}");
  });
  const registered = await registerApiKeyComponent(api().client, { key: "hooked", name: "Hooked API", baseUrl: app.url, header: "X-Api-Key" });
  expect(registered.__typename).toBe("ComponentRegistered");
});

afterAll(async () => {
  await app?.close();
  expect(api().logs()).not.toContain(KEY);
  for (const secret of secrets) expect(api().logs()).not.toContain(secret);
});

async function addEndpoint(client: LatchkeyClient, url: string, events?: string[]) {
  const { createWebhookEndpoint: created } = await client.request(CreateWebhookEndpointDocument, { input: { url, events } });
  if (created.__typename !== "WebhookEndpointCreated") throw new Error(`${created.__typename}: ${JSON.stringify(created)}`);
  secrets.push(created.secret);
  return created;
}

async function deliveries(endpointId: string) {
  const { webhookEndpoints } = await api().client.request(WebhookEndpointsDocument, { deliveries: 50 });
  const endpoint = webhookEndpoints.edges.find((edge) => edge.node.id === endpointId)?.node;
  if (!endpoint) throw new Error("endpoint missing");
  return endpoint;
}

it("announces a revoked key once per change: credential.status_changed and flow.needs_attention, then back and flow.recovered", async () => {
  const receiver = await startWebhookReceiver();
  try {
    const created = await addEndpoint(api().client, receiver.url);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(created.secret.slice(6), "base64")).toHaveLength(32);
    receiver.secrets = [created.secret];

    accepted.add(KEY);
    const credential = await createCredential(api().client, { componentKey: "hooked", authType: "API_KEY", name: "Hooked prod", values: { apiKey: KEY } });
    const { createFlow } = await api().client.request(CreateFlowDocument, { input: { name: "Hooked sync", steps: [{ componentKey: "hooked", credentialId: credential.id }] } });
    if (createFlow.__typename !== "FlowSaved") throw new Error(createFlow.__typename);
    const { activateFlow } = await api().client.request(ActivateFlowDocument, { input: { id: createFlow.flow.id } });
    expect(activateFlow.__typename).toBe("FlowSaved");

    // Revoked at the application: the scheduled job notices, and the receiver hears it.
    accepted.delete(KEY);
    await eventually("flow.needs_attention arrives", async () => (receiver.events("flow.needs_attention").length > 0 ? true : undefined));
    // Several more rounds find it INVALID again: no new event for a status that did not change.
    const seen = app.requests.length;
    await eventually("three more checks", async () => (app.requests.length >= seen + 3 ? true : undefined), 30_000);
    await api().client.request(SendTestWebhookDocument, { input: { id: created.endpoint.id } });
    await eventually("the test event (sent after those checks) arrives", async () => (receiver.events("webhook.test").length > 0 ? true : undefined));

    const changed = receiver.events("credential.status_changed");
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({
      type: "credential.status_changed",
      data: {
        credential: { id: credential.id, name: "Hooked prod", componentKey: "hooked" },
        previousStatus: "VALID",
        status: "INVALID",
        reasonCode: "UNAUTHORIZED",
        trigger: "scheduled",
      },
    });
    expect(Date.parse(changed[0]!.timestamp)).not.toBeNaN();
    const attention = receiver.events("flow.needs_attention");
    expect(attention).toHaveLength(1);
    expect(attention[0]!.data).toMatchObject({
      flow: { id: createFlow.flow.id, name: "Hooked sync" },
      steps: [{ position: 0, credentialId: credential.id, credentialStatus: "INVALID" }],
    });

    // Accepted again: back to VALID, and the flow recovered.
    accepted.add(KEY);
    await eventually("flow.recovered arrives", async () => (receiver.events("flow.recovered").length > 0 ? true : undefined));
    const after = receiver.events("credential.status_changed");
    expect(after.map((e) => [e.data.previousStatus, e.data.status])).toEqual([
      ["VALID", "INVALID"],
      ["INVALID", "VALID"],
    ]);
    expect(receiver.events("flow.needs_attention")).toHaveLength(1);
    expect(receiver.events("flow.recovered")).toHaveLength(1);
    // Every delivery verified with the endpoint's secret, and each event of the credential in order.
    expect(receiver.received.every((r) => r.event && r.status === 204)).toBe(true);
    const order = receiver.received.filter((r) => r.event?.type.startsWith("credential.")).map((r) => r.event!.data.status);
    expect(order).toEqual(["INVALID", "VALID"]);

    // Deleting the credential (the flow deactivated first) is announced too.
    await api().client.request(UpdateWebhookEndpointDocument, { input: { id: created.endpoint.id, events: ["credential.deleted"] } });
    await api().client.request(DeactivateFlowDocument, { input: { id: createFlow.flow.id } });
    const { deleteFlow } = await api().client.request(DeleteFlowDocument, { input: { id: createFlow.flow.id } });
    expect(deleteFlow.__typename).toBe("FlowDeleted");
    const { deleteCredential } = await api().client.request(DeleteCredentialDocument, { input: { id: credential.id } });
    expect(deleteCredential.__typename).toBe("CredentialDeleted");
    const deleted = await eventually("credential.deleted arrives", async () => receiver.events("credential.deleted")[0]);
    expect(deleted.data).toMatchObject({ credential: { id: credential.id, name: "Hooked prod", componentKey: "hooked" }, status: "VALID" });

    // The payloads never carry the key, nor the secret.
    for (const r of receiver.received) expect(r.body).not.toContain(KEY);
    await api().client.request(DeleteWebhookEndpointDocument, { input: { id: created.endpoint.id } });
  } finally {
    await receiver.close();
  }
}, 90_000);

it("retries a receiver that is down with the same webhook-id, lists the attempts, and resends on request", async () => {
  const receiver = await startWebhookReceiver();
  const created = await addEndpoint(api().client, receiver.url);
  receiver.secrets = [created.secret];
  const endpointId = created.endpoint.id;
  try {
    await receiver.close();
    const { sendTestWebhook } = await api().client.request(SendTestWebhookDocument, { input: { id: endpointId } });
    if (sendTestWebhook.__typename !== "WebhookTestQueued") throw new Error(sendTestWebhook.__typename);
    const webhookId = sendTestWebhook.webhookId;
    expect(webhookId).toMatch(/^msg_[0-9a-f]{32}$/);

    const failed = await eventually("two failed attempts", async () => {
      const attempts = (await deliveries(endpointId)).deliveries.edges.map((e) => e.node);
      return attempts.length >= 2 ? attempts : undefined;
    });
    expect(failed.every((a) => a.webhookId === webhookId && !a.ok && a.error === "CONNECTION_REFUSED" && a.statusCode === null)).toBe(true);
    expect((await deliveries(endpointId)).failingSince).not.toBeNull();

    await receiver.listen();
    const arrived = await eventually("the event arrives once the receiver is up", async () => receiver.received.find((r) => r.status === 204));
    expect(arrived.id).toBe(webhookId);
    expect(arrived.event).toMatchObject({ type: "webhook.test", data: { endpoint: { id: endpointId } } });
    const endpoint = await eventually("the delivery is recorded", async () => {
      const e = await deliveries(endpointId);
      return e.deliveries.edges[0]?.node.ok ? e : undefined;
    });
    expect(endpoint.deliveries.edges[0]!.node).toMatchObject({ webhookId, ok: true, statusCode: 204, error: null, eventType: "webhook.test" });
    expect(endpoint.failingSince).toBeNull();

    // Resend: the same event again, the same webhook-id.
    const { resendWebhookDelivery } = await api().client.request(ResendWebhookDeliveryDocument, { input: { deliveryId: endpoint.deliveries.edges[0]!.node.id } });
    expect(resendWebhookDelivery).toEqual({ __typename: "WebhookDeliveryQueued", webhookId });
    await eventually("the resent event arrives", async () => (receiver.received.filter((r) => r.status === 204).length >= 2 ? true : undefined));
    expect(new Set(receiver.received.map((r) => r.id))).toEqual(new Set([webhookId]));
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
  } finally {
    await receiver.close().catch(() => {});
    await api().client.request(DeleteWebhookEndpointDocument, { input: { id: endpointId } });
  }
}, 60_000);

it("signs with both secrets for a day after a rotation", async () => {
  const receiver = await startWebhookReceiver();
  try {
    const created = await addEndpoint(api().client, receiver.url);
    const { rotateWebhookSecret } = await api().client.request(RotateWebhookSecretDocument, { input: { id: created.endpoint.id } });
    if (rotateWebhookSecret.__typename !== "WebhookSecretRotated") throw new Error(rotateWebhookSecret.__typename);
    secrets.push(rotateWebhookSecret.secret);
    expect(rotateWebhookSecret.secret).not.toBe(created.secret);
    const expires = Date.parse(rotateWebhookSecret.endpoint.previousSecretExpiresAt!);
    expect(expires - Date.now()).toBeGreaterThan(23 * 3_600_000);
    receiver.secrets = [created.secret, rotateWebhookSecret.secret];
    await api().client.request(SendTestWebhookDocument, { input: { id: created.endpoint.id } });
    const received = await eventually("the test event arrives", async () => receiver.received[0]);
    expect(received.signature.split(" ")).toHaveLength(2);
    expect(received.verifiedWith).toEqual([created.secret, rotateWebhookSecret.secret]);
    await api().client.request(DeleteWebhookEndpointDocument, { input: { id: created.endpoint.id } });
  } finally {
    await receiver.close();
  }
});

it("refuses SSRF targets and bad input with InvalidInput, shows the secret only once, and audits every change", async () => {
  const client = api().client;
  const refused = async (url: string) => {
    const { createWebhookEndpoint: result } = await client.request(CreateWebhookEndpointDocument, { input: { url } });
    if (result.__typename !== "InvalidInput") throw new Error(`${url} was accepted`);
    return result.fieldErrors;
  };
  // Metadata and reserved addresses, always; in every spelling.
  for (const url of ["http://169.254.169.254/latest/meta-data", "https://169.254.169.254/", "http://[::ffff:169.254.169.254]/", "http://[fe80::1]/", "http://0.0.0.0:8080/"]) {
    expect(await refused(url)).toEqual([{ field: "url", message: expect.stringMatching(/network policy/) }]);
  }
  // Plain http only to a host allowed as private (loopback here): not to a public address.
  expect(await refused("http://93.184.216.34/hooks")).toEqual([{ field: "url", message: expect.stringMatching(/https/) }]);
  expect(await refused("ftp://example.com/")).toEqual([{ field: "url", message: expect.stringMatching(/https/) }]);
  expect(await refused("https://user:pw@example.com/")).toEqual([{ field: "url", message: expect.stringMatching(/user name/) }]);
  expect(await refused("not a url")).toEqual([{ field: "url", message: expect.any(String) }]);
  const { createWebhookEndpoint: badEvents } = await client.request(CreateWebhookEndpointDocument, { input: { url: "https://example.com/", events: ["credential.exploded"] } });
  expect(badEvents).toMatchObject({ __typename: "InvalidInput", fieldErrors: [{ field: "events.0" }] });

  const created = await addEndpoint(client, "https://hooks.example.com/latchkey", ["credential.status_changed"]);
  expect(created.endpoint).toMatchObject({ url: "https://hooks.example.com/latchkey", events: ["credential.status_changed"], enabled: true, disabledReason: null });
  const { updateWebhookEndpoint: moved } = await client.request(UpdateWebhookEndpointDocument, { input: { id: created.endpoint.id, url: "http://169.254.169.254/" } });
  expect(moved.__typename).toBe("InvalidInput");
  const { updateWebhookEndpoint: disabled } = await client.request(UpdateWebhookEndpointDocument, { input: { id: created.endpoint.id, enabled: false } });
  expect(disabled).toMatchObject({ endpoint: { enabled: false, disabledReason: "MANUAL" } });
  const { sendTestWebhook } = await client.request(SendTestWebhookDocument, { input: { id: created.endpoint.id } });
  expect(sendTestWebhook.__typename).toBe("InvalidInput");
  const { updateWebhookEndpoint: enabled } = await client.request(UpdateWebhookEndpointDocument, { input: { id: created.endpoint.id, enabled: true } });
  expect(enabled).toMatchObject({ endpoint: { enabled: true, disabledReason: null } });
  const { updateWebhookEndpoint: missing } = await client.request(UpdateWebhookEndpointDocument, { input: { id: "00000000-0000-4000-8000-000000000000" } });
  expect(missing.__typename).toBe("NotFound");
  const { deleteWebhookEndpoint: notAnId } = await client.request(DeleteWebhookEndpointDocument, { input: { id: "nope" } });
  expect(notAnId.__typename).toBe("NotFound");

  // Admins only: a member is refused.
  const member = await api().createPerson("MEMBER");
  await expect(member.client.request(WebhookEndpointsDocument, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  await expect(member.client.request(CreateWebhookEndpointDocument, { input: { url: "https://example.com/" } })).rejects.toMatchObject({ code: "FORBIDDEN" });

  const { deleteWebhookEndpoint } = await client.request(DeleteWebhookEndpointDocument, { input: { id: created.endpoint.id } });
  expect(deleteWebhookEndpoint.__typename).toBe("WebhookEndpointDeleted");
  const { auditLog } = await client.request(AuditLogDocument, { filter: { objectType: "webhook_endpoint", objectId: created.endpoint.id } });
  expect(auditLog.edges.map((e) => e.node.action).reverse()).toEqual([
    "webhook_endpoint.create",
    "webhook_endpoint.disable",
    "webhook_endpoint.enable",
    "webhook_endpoint.delete",
  ]);
  // Each secret appears once in everything the API answered: in the answer that created it.
  for (const secret of secrets) expect(api().responses.filter((r) => r.includes(secret))).toHaveLength(1);
  expectNoSecretsIn(api().responses, [KEY]);
});
