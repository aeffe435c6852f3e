import { attemptWebhook, claimWebhooks, pruneWebhooks, recordWebhookAttempt, releaseWebhooks, type ClaimedWebhook, type Keyring, type NetworkPolicy } from "@latchkey/core";
import { classifyDatabaseError, type Database } from "@latchkey/db";
import { describeError, startLeasedPoller, type LeasedPoller, type PollerState } from "./leased-poller";
import type { Logger } from "./logger";

/** runNow answers how many delivery attempts the round made. */
export type WebhookDispatcher = LeasedPoller;

export interface WebhookDispatcherOptions {
  db: Database;
  keyring: Keyring;
  policy: NetworkPolicy;
  logger: Logger;
  pollMs: number;
  /** Attempts in flight at once in this process. */
  concurrency: number;
  timeoutMs: number;
  backoffScale: number;
  disableAfterMs: number;
}

// Old delivered and given-up events are deleted this often (by every process; the deletes are idempotent).
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * Delivers the webhook outbox (webhook_messages, written by triggers in the transactions of the
 * changes). Every API process runs one, on PGlite too: claims are leases in the database (the
 * re-verification job's pattern), so several replicas share the work and none attempts a message
 * another one holds; a process that dies mid-attempt leaves a lease that runs out (twice the
 * attempt timeout plus 5 s), and the message is attempted again, with the same webhook-id.
 */
export function startWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const { db, keyring, policy, logger, pollMs, concurrency, timeoutMs } = options;
  const leaseMs = 2 * timeoutMs + 5_000;
  const delivery = { timeoutMs, backoffScale: options.backoffScale, disableAfterMs: options.disableAfterMs };
  const deliver = async (message: ClaimedWebhook, unfinished: Set<string>) => {
    const outcome = await attemptWebhook(message, { keyring, policy, timeoutMs });
    await recordWebhookAttempt(db, message, outcome, delivery);
    unfinished.delete(message.id);
    if (!outcome.ok) logger.debug("Webhook attempt failed", { webhookId: message.id, endpointId: message.endpointId, error: outcome.error, statusCode: outcome.statusCode });
  };

  let prunedAt = Date.now();
  const round = async (state: PollerState): Promise<number> => {
    const { unfinished } = state;
    let attempted = 0;
    if (Date.now() - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = Date.now();
      const pruned = await pruneWebhooks(db);
      if (pruned > 0) logger.info("Old webhook events deleted", { pruned });
    }
    // Claim, deliver the batch, claim again: until nothing is due (a message of a key becomes due once its predecessor is delivered).
    while (!state.stopped) {
      const claimed = await claimWebhooks(db, { limit: concurrency, leaseMs });
      if (claimed.length === 0) break;
      for (const message of claimed) unfinished.add(message.id);
      await Promise.all(
        claimed.map((message) =>
          deliver(message, unfinished).catch((error: unknown) => {
            // Its lease runs out and a later round tries it again.
            unfinished.delete(message.id);
            if (!state.stopped && !classifyDatabaseError(error)) logger.error("Webhook delivery failed", { webhookId: message.id, ...describeError(error) });
          }),
        ),
      );
      attempted += claimed.length;
    }
    return attempted;
  };

  return startLeasedPoller({
    logger,
    pollMs,
    round,
    release: (ids) => releaseWebhooks(db, ids),
    messages: { roundFailed: "Webhook dispatch failed", releaseFailed: "Could not release the webhook leases at stop" },
  });
}
