/**
 * Webhook delivery (bench case 9): events per second delivered to a local receiver (which
 * verifies every signature with `standardwebhooks`), and the delay from a credential's status
 * change (the event's timestamp: the changing transaction's time) to its delivery, p50/p99.
 * Settings: BENCH_WEBHOOK_EVENTS (1000), BENCH_WEBHOOK_CHANGES (100), BENCH_WEBHOOK_POLL_MS (the API's
 * default, 1000).
 */
import { randomBytes } from "node:crypto";
import { CreateWebhookEndpointDocument, ReverifyCredentialDocument, SendTestWebhookDocument } from "@latchkey/sdk";
import { createCredential, createTestDatabase, registerApiKeyComponent, startApi, startFakeApp } from "../apps/api/test/harness";
import { startWebhookReceiver } from "../apps/api/test/support/webhook-receiver";

export interface WebhookBenchResult {
  events: number;
  /** Test events queued per second through sendTestWebhook (10 at a time). */
  queuedPerSecond: number;
  /** Events delivered per second, from the first queued to the last delivered. */
  deliveredPerSecond: number;
  statusChanges: number;
  delayP50Ms: number;
  delayP99Ms: number;
  pollMs: number | "API default";
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function benchWebhooks(serverUrl: string | undefined): Promise<WebhookBenchResult> {
  const events = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 1000);
  const changes = Number(process.env.BENCH_WEBHOOK_CHANGES ?? 100);
  const pollMs = process.env.BENCH_WEBHOOK_POLL_MS;
  const database = await createTestDatabase(serverUrl);
  const receiver = await startWebhookReceiver();
  const key = `bench_${randomBytes(8).toString("hex")}`;
  let accepted = true;
  const app = await startFakeApp((req, res) => {
    res.writeHead(accepted && req.headers["x-api-key"] === key ? 200 : 401, { "content-type": "application/json" }).end("{}");
  });
  const api = await startApi({
    databaseUrl: database.url,
    env: { LATCHKEY_LOG_LEVEL: "warn", LATCHKEY_COMPILE_AFTER_RUNS: "2", ...(pollMs ? { LATCHKEY_WEBHOOK_POLL_MS: pollMs } : {}) },
    startTimeoutMs: 120_000,
  });
  try {
    const { createWebhookEndpoint } = await api.client.request(CreateWebhookEndpointDocument, { input: { url: receiver.url } });
    if (createWebhookEndpoint.__typename !== "WebhookEndpointCreated") throw new Error(createWebhookEndpoint.__typename);
    receiver.secrets = [createWebhookEndpoint.secret];
    const endpointId = createWebhookEndpoint.endpoint.id;

    // Throughput: `events` test events queued 10 at a time, delivered as the dispatcher goes.
    const started = performance.now();
    for (let sent = 0; sent < events; sent += 10) {
      await Promise.all(Array.from({ length: Math.min(10, events - sent) }, () => api.client.request(SendTestWebhookDocument, { input: { id: endpointId } })));
    }
    const queuedMs = performance.now() - started;
    await until(() => receiver.events("webhook.test").length >= events, 300_000);
    const deliveredMs = performance.now() - started;

    // Delay: a credential flipped VALID ↔ INVALID `changes` times by reverifyCredential, one change at a time.
    await registerApiKeyComponent(api.client, { key: "bench-hooks", name: "Bench hooks", baseUrl: app.url, header: "X-Api-Key" });
    const credential = await createCredential(api.client, { componentKey: "bench-hooks", authType: "API_KEY", values: { apiKey: key } });
    const delays: number[] = [];
    for (let i = 0; i < changes; i++) {
      accepted = !accepted;
      const before = receiver.received.length;
      await api.client.request(ReverifyCredentialDocument, { input: { id: credential.id } });
      await until(() => receiver.received.length > before, 60_000);
      const arrived = Date.now();
      const event = receiver.received.at(-1)!.event!;
      delays.push(arrived - Date.parse(event.timestamp));
    }
    delays.sort((a, b) => a - b);
    return {
      events,
      queuedPerSecond: Math.round(events / (queuedMs / 1000)),
      deliveredPerSecond: Math.round(events / (deliveredMs / 1000)),
      statusChanges: changes,
      delayP50Ms: percentile(delays, 50),
      delayP99Ms: percentile(delays, 99),
      pollMs: pollMs ? Number(pollMs) : "API default",
    };
  } finally {
    await api.stop();
    await receiver.close();
    await app.close();
    await database.drop();
  }
}

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
