import { ConfigError, loadConfig } from "./env";
import { createLogger } from "./logger";
import { startApi } from "./app";
import { describeStartupError } from "./startup-errors";
import { limitHeapGrowth } from "./heap";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  limitHeapGrowth(config.heapGrowthPercent);
  const logger = createLogger(config.logLevel);
  let api;
  try {
    api = await startApi(config, logger);
  } catch (error) {
    // Problems the operator can fix are one line (startup-errors.ts; the whole error at debug level); anything else is a bug worth its stack.
    const line = describeStartupError(error, config);
    if (line) {
      logger.debug("Start-up failed", { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      console.error(line);
      process.exit(1);
    }
    throw error;
  }
  console.log(`Latchkey API listening on ${api.url}/graphql`);

  // Graceful: stop accepting, let requests in flight finish (LATCHKEY_SHUTDOWN_TIMEOUT_MS), stop the
  // background jobs (leases released), close the database, exit 0. A second signal ends it at once.
  const stop = (signal: string) => {
    logger.info("Stopping", { signal, timeoutMs: config.shutdownTimeoutMs });
    const force = setTimeout(() => {
      logger.error("Shutdown did not finish in time; exiting");
      process.exit(1);
    }, config.shutdownTimeoutMs + 15_000);
    force.unref();
    api.close().then(
      () => {
        logger.info("Stopped");
        process.exit(0);
      },
      (error: unknown) => {
        logger.error("Shutdown failed", { error: error instanceof Error ? error.name : "unknown" });
        process.exit(1);
      },
    );
  };
  // One Ctrl+C reaches this process more than once (the terminal's process group, the tsx wrapper
  // and npm start all pass it on): only a signal well after the first ends the process at once.
  let stoppingSince = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stoppingSince === 0) {
      stoppingSince = Date.now();
      return stop(signal);
    }
    if (Date.now() - stoppingSince < 2_000) return;
    logger.warn("Second signal while stopping: exiting at once", { signal });
    process.exit(1);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

void main();
