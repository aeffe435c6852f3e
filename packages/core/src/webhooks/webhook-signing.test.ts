import { Webhook } from "standardwebhooks";
import { nextBackoffMs, WEBHOOK_BACKOFF_MS } from "./webhook-delivery";
import { newWebhookSecret, webhookHeaders } from "./webhook-signing";

describe("webhook signatures", () => {
  it("are verified by the standardwebhooks package, with each of several secrets", () => {
    const current = newWebhookSecret();
    const previous = newWebhookSecret();
    expect(current).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({ type: "webhook.test", timestamp: new Date().toISOString(), data: { é: "ü" } });
    const headers = webhookHeaders([current, previous], "msg_0123456789abcdef0123456789abcdef", Math.floor(Date.now() / 1000), body);
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(new Webhook(current).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(previous).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(current).verify(`${body} `, headers)).toThrow();
  });
});

describe("webhook backoff", () => {
  it("waits 5 s, 30 s, 2 min, 10 min, 1 h, 6 h, 12 h (±20 %), scaled, then gives up", () => {
    expect(WEBHOOK_BACKOFF_MS).toEqual([5_000, 30_000, 120_000, 600_000, 3_600_000, 21_600_000, 43_200_000]);
    WEBHOOK_BACKOFF_MS.forEach((base, i) => {
      expect(nextBackoffMs(i + 1, 1, () => 0)).toBe(base * 0.8);
      expect(nextBackoffMs(i + 1, 1, () => 1)).toBe(base * 1.2);
      expect(nextBackoffMs(i + 1, 0.01, () => 0.5)).toBe(Math.round(base * 0.01));
    });
    expect(nextBackoffMs(WEBHOOK_BACKOFF_MS.length + 1, 1)).toBeUndefined();
  });
});
