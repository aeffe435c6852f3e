import type { ClaimedCredential, Services } from "@latchkey/core";
import { classifyDatabaseError } from "@latchkey/db";
import { describeError, startLeasedPoller, type LeasedPoller, type PollerState } from "./leased-poller";
import type { Logger } from "./logger";

/** runNow answers how many credentials the round verified. */
export type ReverifyJob = LeasedPoller;

export interface ReverifyJobOptions {
  services: Services;
  logger: Logger;
  /** Credentials not verified for this long are verified again; 0 turns the job off. */
  intervalMs: number;
  /** Verifications in flight at once in this process (the size of a claimed batch). */
  concurrency: number;
  /** The timeout of one verification; a lease outlives it comfortably. */
  verifyTimeoutMs: number;
}

const MIN_POLL_MS = 1_000;
const MAX_POLL_MS = 60_000;

/**
 * Scheduled re-verification. Every poll, this process verifies every due credential it can claim,
 * in `concurrency` slots that each take the next claimed credential as soon as they are free, so a
 * slow application holds up one slot, not a batch. Claims (leases in PostgreSQL, see
 * CredentialService.claimDue) are made ahead of need. Several API processes share the work; none
 * verifies a credential another one holds.
 */
export function startReverifyJob(options: ReverifyJobOptions): ReverifyJob {
  const { services, logger, intervalMs, concurrency, verifyTimeoutMs } = options;
  if (intervalMs <= 0) return { runNow: async () => 0, stop: async () => {} };
  // A tenth of the interval keeps a credential's age under 1.1 intervals without polling a lot.
  const pollMs = Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, Math.round(intervalMs / 10)));
  // Covers a claimed credential's wait for a slot and its verification (with the driver's close grace), amply.
  const leaseMs = 3 * verifyTimeoutMs + 10_000;

  const round = async (state: PollerState): Promise<number> => {
    // Claimed and not verified yet: released at stop.
    const { unfinished } = state;
    let verified = 0;
    // Claimed credentials waiting for a slot: claims run ahead (up to half a batch is left), so a
    // slot that frees up starts the next verification at once instead of waiting for a claim.
    const queue: ClaimedCredential[] = [];
    let exhausted = false;
    let claimError: unknown;
    let claiming: Promise<void> | undefined;
    const claim = () =>
      (claiming ??= services.credentials
        .claimDue({ intervalMs, limit: concurrency, leaseMs })
        .then((claimed) => {
          queue.push(...claimed);
          for (const { row } of claimed) unfinished.add(row.id);
          // Fewer than asked: nothing else is due (or other processes hold it).
          if (claimed.length < concurrency) exhausted = true;
        })
        .catch((error: unknown) => {
          claimError = error;
          exhausted = true;
        })
        .finally(() => (claiming = undefined)));

    const slot = async () => {
      while (!state.stopped) {
        if (!exhausted && queue.length <= concurrency / 2) void claim();
        const credential = queue.shift();
        if (!credential) {
          if (exhausted && !claiming) return;
          await claim();
          continue;
        }
        try {
          const change = await services.credentials.reverifyClaimed(credential);
          unfinished.delete(credential.row.id);
          verified += 1;
          if (change) logger.info("Credential status changed on re-verification", { ...change });
        } catch (error) {
          // Its lease runs out and a later round tries it again. A lost database is logged once per outage (app.ts).
          unfinished.delete(credential.row.id);
          if (!state.stopped && !classifyDatabaseError(error)) logger.error("Scheduled re-verification of a credential failed", { credentialId: credential.row.id, ...describeError(error) });
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, slot));
    if (claimError) throw claimError;
    if (verified > 0) logger.debug("Scheduled re-verification done", { verified });
    return verified;
  };

  return startLeasedPoller({
    logger,
    pollMs,
    firstPollMs: Math.min(pollMs, MIN_POLL_MS),
    round,
    release: (ids) => services.credentials.releaseClaims(ids),
    messages: { roundFailed: "Scheduled re-verification failed", releaseFailed: "Could not release the re-verification leases at stop" },
  });
}
