import { randomBytes } from "node:crypto";
import { AuditLogDocument, CreateWebhookEndpointDocument, SendTestWebhookDocument, WebhookEndpointsDocument, type LatchkeyClient } from "@latchkey/sdk";
import { createTestDatabase, eventually, postgresOrSkip, requiredPostgresUrl, startApi, startApis, type TestApi, type TestDatabase } from "./harness";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver";

/**
 * The webhook dispatcher with several API processes on one PostgreSQL: a process killed (-9)
 * mid-delivery leaves the event to another one (same webhook-id), 200 events shared by two
 * processes are each delivered once and never twice at the same time, and an endpoint that fails
 * long enough is disabled (3 days in production, 2 s here).
 */
const serverUrl = requiredPostgresUrl();
const env = {
  LATCHKEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  LATCHKEY_WEBHOOK_POLL_MS: "50",
  LATCHKEY_WEBHOOK_TIMEOUT_MS: "2000",
  LATCHKEY_WEBHOOK_BACKOFF_SCALE: "0.01",
  LATCHKEY_WEBHOOK_DISABLE_AFTER: "2s",
};

let available = false;
let database: TestDatabase | undefined;
const apis: TestApi[] = [];
let receiver: WebhookReceiver | undefined;

beforeAll(async () => {
  available = await postgresOrSkip(serverUrl, "the webhook replicas test");
  if (available) database = await createTestDatabase(serverUrl);
});

afterAll(async () => {
  await receiver?.close().catch(() => {});
  await Promise.all(apis.map((api) => api.stop()));
  await database?.drop();
}, 60_000);

async function addEndpoint(client: LatchkeyClient, url: string): Promise<{ id: string; secret: string }> {
  const { createWebhookEndpoint: created } = await client.request(CreateWebhookEndpointDocument, { input: { url } });
  if (created.__typename !== "WebhookEndpointCreated") throw new Error(created.__typename);
  return { id: created.endpoint.id, secret: created.secret };
}

it("retries on another process the delivery of a process killed mid-delivery, with the same webhook-id", async () => {
  if (!available) return;
  // Not in `apis`: a killed process is not stopped again.
  const first = await startApi({ env, databaseUrl: database!.url, killable: true });
  receiver = await startWebhookReceiver();
  // The first attempt is held open until its sender is gone.
  let release: (() => void) | undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  receiver.respond = async () => {
    if (receiver!.received.length === 1) {
      await held;
      return 500;
    }
    return 204;
  };
  const endpoint = await addEndpoint(first.client, receiver.url);
  receiver.secrets = [endpoint.secret];
  const { sendTestWebhook } = await first.client.request(SendTestWebhookDocument, { input: { id: endpoint.id } });
  if (sendTestWebhook.__typename !== "WebhookTestQueued") throw new Error(sendTestWebhook.__typename);

  await eventually("the first attempt is in flight", async () => (receiver!.received.length === 1 ? true : undefined)).catch(async (error: unknown) => {
    await first.kill();
    throw error;
  });
  await first.kill();
  release!();
  apis.push(...(await startApis({ env, databaseUrl: database!.url }, { env, databaseUrl: database!.url })));
  // Once the dead process's lease runs out (2 × timeout + 5 s), another process attempts it again.
  const retried = await eventually("the event is delivered by another process", async () => receiver!.received.find((r) => r.status === 204), 30_000);
  expect(retried.id).toBe(sendTestWebhook.webhookId);
  expect(retried.event?.type).toBe("webhook.test");
  expect(receiver.received.map((r) => r.id)).toEqual([sendTestWebhook.webhookId, sendTestWebhook.webhookId]);
}, 120_000);

it("shares 200 events between two processes: each delivered once, none twice at the same time", async () => {
  if (!available) return;
  const [b, c] = apis.slice(-2) as [TestApi, TestApi];
  await receiver!.close();
  receiver = await startWebhookReceiver();
  receiver.respond = async () => {
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
    return 204;
  };
  const endpoint = await addEndpoint(b.client, receiver.url);
  receiver.secrets = [endpoint.secret];
  const ids: string[] = [];
  for (let batch = 0; batch < 20; batch++) {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => ((batch * 10 + i) % 2 === 0 ? b : c).client.request(SendTestWebhookDocument, { input: { id: endpoint.id } })),
    );
    for (const { sendTestWebhook } of answers) {
      if (sendTestWebhook.__typename !== "WebhookTestQueued") throw new Error(sendTestWebhook.__typename);
      ids.push(sendTestWebhook.webhookId);
    }
  }
  expect(new Set(ids).size).toBe(200);
  await eventually("all 200 delivered", async () => (new Set(receiver!.received.filter((r) => r.status === 204).map((r) => r.id)).size === 200 ? true : undefined), 60_000);
  expect(receiver.maxConcurrentPerId).toBe(1);
  expect(receiver.received).toHaveLength(200);
  expect(new Set(receiver.received.map((r) => r.id))).toEqual(new Set(ids));
  expect(receiver.received.every((r) => r.verifiedWith.length === 1)).toBe(true);
}, 120_000);

it("disables an endpoint whose deliveries keep failing, and its admins see why", async () => {
  if (!available) return;
  const api = apis.at(-1)!;
  const down = await startWebhookReceiver();
  await down.close();
  const endpoint = await addEndpoint(api.client, down.url);
  await api.client.request(SendTestWebhookDocument, { input: { id: endpoint.id } });
  const disabled = await eventually(
    "the endpoint is disabled",
    async () => {
      const { webhookEndpoints } = await api.client.request(WebhookEndpointsDocument, {});
      const node = webhookEndpoints.edges.find((e) => e.node.id === endpoint.id)?.node;
      return node && !node.enabled ? node : undefined;
    },
    30_000,
  );
  expect(disabled).toMatchObject({ enabled: false, disabledReason: "FAILING" });
  expect(disabled.failingSince).not.toBeNull();
  const { auditLog } = await api.client.request(AuditLogDocument, { filter: { objectType: "webhook_endpoint", objectId: endpoint.id } });
  expect(auditLog.edges[0]!.node).toMatchObject({ action: "webhook_endpoint.disable", actorType: "SYSTEM" });
}, 60_000);
