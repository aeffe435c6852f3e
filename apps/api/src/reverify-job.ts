import type { Services } from "@latchkey/core";
import type { Logger } from "./logger";

export interface ReverifyJob {
  /** Stops polling and waits (boundedly) for the batch in flight. */
  stop(): Promise<void>;
}

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
// Shutdown waits this long for the verifications in flight; unfinished ones keep their lease and are claimed again once it ends.
const STOP_GRACE_MS = 5_000;

/**
 * Scheduled re-verification. Every poll, this process claims due credentials in batches (leases
 * in PostgreSQL, see CredentialService.reverifyDue) until none are left, so several API processes
 * share the work and none verifies a credential another one holds.
 */
export function startReverifyJob(options: ReverifyJobOptions): ReverifyJob {
  const { services, logger, intervalMs, concurrency, verifyTimeoutMs } = options;
  if (intervalMs <= 0) return { stop: async () => {} };
  // A tenth of the interval keeps a credential's age under 1.1 intervals without polling a lot.
  const pollMs = Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, Math.round(intervalMs / 10)));
  // Covers a whole batch (its verifications run in parallel) plus the driver's close grace.
  const leaseMs = 3 * verifyTimeoutMs + 10_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const round = async () => {
    let verified = 0;
    while (!stopped) {
      const batch = await services.credentials.reverifyDue({ intervalMs, limit: concurrency, leaseMs });
      verified += batch.claimed;
      for (const change of batch.changes) logger.info("Credential status changed on re-verification", change);
      if (batch.claimed < concurrency) break;
    }
    if (verified > 0) logger.debug("Scheduled re-verification done", { verified });
  };

  const tick = () => {
    running = round()
      .catch((error: unknown) => {
        if (!stopped) logger.error("Scheduled re-verification failed", describeError(error));
      })
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, pollMs);
      });
  };
  timer = setTimeout(tick, Math.min(pollMs, MIN_POLL_MS));

  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      if (!running) return;
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([running, new Promise<void>((resolve) => (grace = setTimeout(resolve, STOP_GRACE_MS)))]);
      clearTimeout(grace);
    },
  };
}

/** Name and code only: an error's message may quote a query. */
function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: "unknown" };
  const code = (error as { code?: unknown }).code;
  return { error: error.name, ...(typeof code === "string" ? { code } : {}) };
}
