import { startWebhookReceiver, type WebhookReceiver } from "../../apps/api/test/support/webhook-receiver";
import { expect, skipWithoutChromium, test } from "../fixtures";

skipWithoutChromium();

let receiver: WebhookReceiver;

test.beforeAll(async () => {
  receiver = await startWebhookReceiver();
});

test.afterAll(async () => {
  await receiver?.close();
});

test("Settings → Webhooks: add an endpoint (secret shown once), send a test event, see the delivery, resend it, disable and enable", async ({ page, webhooksPage }) => {
  await webhooksPage.goto();
  // Listed in the Settings menu (SETTINGS_NAV).
  await expect(page.locator('a[href="/settings/webhooks"]')).toBeAttached();
  receiver.secrets = [await webhooksPage.add(receiver.url, "E2E receiver", ["credential.status_changed"])];

  // Shown once: not after a reload.
  await page.reload();
  await expect(webhooksPage.secret).toHaveCount(0);
  const endpoint = webhooksPage.endpoint(receiver.url);
  await expect(endpoint).toContainText("E2E receiver");
  await expect(endpoint).toContainText("Events: credential.status_changed");
  await expect(endpoint.getByRole("status")).toHaveText("Enabled");

  // A test event reaches the receiver, which verifies its signature with standardwebhooks.
  await endpoint.getByRole("button", { name: "Send test event" }).click();
  await expect.poll(() => receiver.events("webhook.test").length, { timeout: 15_000 }).toBe(1);
  const webhookId = receiver.received[0]!.id;
  const delivery = webhooksPage.delivery(receiver.url, "webhook.test");
  await expect
    .poll(
      async () => {
        await page.reload();
        return delivery.count();
      },
      { timeout: 15_000 },
    )
    .toBe(1);
  await expect(delivery).toContainText("Delivered (204)");
  await expect(delivery).toContainText(webhookId);

  // Resend: the same event again, with the same webhook-id.
  await delivery.getByRole("button", { name: "Resend" }).click();
  await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(2);
  expect(receiver.received.map((r) => r.id)).toEqual([webhookId, webhookId]);

  // Disable and enable.
  await endpoint.getByRole("button", { name: "Disable" }).click();
  await expect(endpoint.getByRole("status")).toHaveText("Disabled");
  await endpoint.getByRole("button", { name: "Enable" }).click();
  await expect(endpoint.getByRole("status")).toHaveText("Enabled");

  await endpoint.getByRole("button", { name: "Delete endpoint" }).click();
  await expect(endpoint).toHaveCount(0);
});
