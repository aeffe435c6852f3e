import { classifyDatabaseError } from "@latchkey/db";
import type { Logger } from "./logger";

/** A background job of this process that works on leases claimed in the database. */
export interface LeasedPoller {
  /** Runs a round now (after the one in progress, if any) and answers how much it did. */
  runNow(): Promise<number>;
  /** Stops polling, waits (boundedly) for the work in flight, and releases the leases of what was not finished. */
  stop(): Promise<void>;
}

/** What a round sees: whether stop was asked, and the ids it claimed and has not finished (released at stop). */
export interface PollerState {
  readonly stopped: boolean;
  readonly unfinished: Set<string>;
}

export interface LeasedPollerOptions {
  logger: Logger;
  pollMs: number;
  /** Delay of the first round; `pollMs` when left out. */
  firstPollMs?: number;
  /** One round: claims what is due and works on it, keeping `state.unfinished` up to date; answers how much it did. */
  round(state: PollerState): Promise<number>;
  /** Gives back the leases of the ids claimed and not finished, so other processes need not wait for them to run out. */
  release(ids: string[]): Promise<unknown>;
  /** Log messages: a round that failed, and leases that could not be released at stop. */
  messages: { roundFailed: string; releaseFailed: string };
}

// Shutdown waits this long for the work in flight; the leases of the unfinished are then released, for other processes to claim.
const STOP_GRACE_MS = 5_000;

/**
 * The polling, one-round-at-a-time and stopping of a lease-based job (scheduled re-verification,
 * webhook delivery): every `pollMs` a round runs unless one is running; a round that fails for want
 * of the database is not logged (the outage is logged once, by app.ts) and the next poll tries again.
 */
export function startLeasedPoller(options: LeasedPollerOptions): LeasedPoller {
  const { logger, pollMs, messages } = options;
  const state = { stopped: false, unfinished: new Set<string>() };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  const runRound = (): Promise<number> => (running ??= options.round(state).finally(() => (running = undefined)));
  const tick = () => {
    runRound()
      .catch((error: unknown) => {
        if (!state.stopped && !classifyDatabaseError(error)) logger.error(messages.roundFailed, describeError(error));
      })
      .finally(() => {
        if (!state.stopped) timer = setTimeout(tick, pollMs);
      });
  };
  timer = setTimeout(tick, options.firstPollMs ?? pollMs);

  return {
    runNow: async () => {
      await running?.catch(() => {});
      return runRound();
    },
    stop: async () => {
      state.stopped = true;
      clearTimeout(timer);
      if (running) {
        let grace: NodeJS.Timeout | undefined;
        await Promise.race([running.catch(() => {}), new Promise<void>((resolve) => (grace = setTimeout(resolve, STOP_GRACE_MS)))]);
        clearTimeout(grace);
      }
      const ids = [...state.unfinished];
      state.unfinished.clear();
      // Unreleased leases end by themselves (their length) and are claimed again then.
      await options.release(ids).catch((error: unknown) => {
        logger.warn(messages.releaseFailed, { leases: ids.length, ...describeError(error) });
      });
    },
  };
}

/** Name and code only: an error's message may quote a query. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: "unknown" };
  const code = (error as { code?: unknown }).code;
  return { error: error.name, ...(typeof code === "string" ? { code } : {}) };
}
