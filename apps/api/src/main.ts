import { ConfigError, loadConfig } from "./env";
import { createLogger } from "./logger";
import { startApi } from "./app";
import { ConfigurationError } from "@latchkey/core";

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
  const logger = createLogger(config.logLevel);
  let api;
  try {
    api = await startApi(config, logger);
  } catch (error) {
    // Known start-up problems are one line; anything else is a bug worth its stack.
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(1);
    }
    if (error instanceof Error && "code" in error && error.code === "EADDRINUSE") {
      console.error(`Port ${config.port} is already in use: set PORT to a free port.`);
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
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

void main();
