import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { catalogDescriptors } from "@latchkey/catalog";
import {
  assertKeyringCovers,
  createNetworkPolicy,
  countSealedByKeyId,
  createServices,
  loadKeyring,
  bindLegacyDestinations,
  parseCatalog,
  storedKeyIds,
  syncCatalogEverywhere,
  withAuditActor,
  type LoadedKeyring,
} from "@latchkey/core";
import { and, auditEvents, credentials, eq, inArray, lockDataFolder, openDatabase, sql, type DatabaseHandle } from "@latchkey/db";
import { createRequestContext, type RequestContext } from "./context";
import { seedDemoData } from "./demo-data";
import type { ApiConfig } from "./env";
import { compiledExecution } from "./compiled-execution";
import { createErrorFormatter, describeForLog, errorResponsePlugin, persistedQueriesRefused } from "./graphql-errors";
import { createHttpServer } from "./http-server";
import { startKeyringRuntime } from "./keys/runtime";
import { queryProtection, SharedVerificationRateLimiter, VerificationRateLimiter } from "./limits";
import { requestScope, type Logger } from "./logger";
import { startReverifyJob, type ReverifyJob } from "./reverify-job";
import { startWebhookDispatcher } from "./webhook-dispatcher";
import { buildSchema } from "./schema";

// /readyz answers within this long: a probe must not hang on a database that does not answer.
const READY_TIMEOUT_MS = 2_000;

export interface RunningApi {
  /** Where the API listens, e.g. http://localhost:4000 */
  url: string;
  close(): Promise<void>;
}

/** Opens the database (migrating it), checks the encryption key, syncs the catalog, and serves. */
export async function startApi(config: ApiConfig, logger: Logger): Promise<RunningApi> {
  // PGlite: the data folder is this process's before anything in it is read or written (a key file generated).
  const lock = config.databaseUrl ? undefined : await lockDataFolder(config.dataDir, "the Latchkey API");
  let keys: LoadedKeyring;
  let database: DatabaseHandle;
  try {
    keys = loadKeyring({ envKey: config.encryptionKey, envDecryptionKeys: config.decryptionKeys, dataDir: config.dataDir });
    database = await openDatabase({
      url: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.databasePoolSize,
      // Bench mode: the statements sent while serving a request (not the background jobs' polls).
      countStatements: config.bench && (() => requestScope.getStore() !== undefined),
      lock,
      ...config.databaseTimeouts,
      // PGlite has no autovacuum: the db package analyzes and vacuums changed tables itself.
      onMaintenance: (outcome) => {
        if ("error" in outcome) logger.warn("Analyzing the embedded database's tables failed", describeForLog(outcome.error));
        else if (outcome.report.analyzed.length + outcome.report.vacuumed.length > 0) logger.debug("Embedded database maintained", { ...outcome.report });
      },
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  // Logged once per outage and once when it is over, never per request (the requests get SERVICE_UNAVAILABLE).
  database.onAvailabilityChange((available, error) => {
    if (available) logger.info("The database answers again");
    else logger.error("The database is unavailable; requests get SERVICE_UNAVAILABLE until it answers again", describeForLog(error));
  });
  try {
    return await serve(config, logger, database, keys);
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** /bench/floor: a primary-key select and an audit insert, both prepared (what resolveCredential cannot beat). */
function benchFloor(db: DatabaseHandle["db"]): (workspaceId: string, id: string) => Promise<boolean> {
  const read = db.select({ id: credentials.id }).from(credentials).where(eq(credentials.id, sql.placeholder("id"))).prepare("latchkey_bench_floor_read");
  const write = db
    .insert(auditEvents)
    .values({ workspaceId: sql.placeholder("workspaceId"), actorType: "system", action: "bench.floor", objectType: "credential", objectId: sql.placeholder("id") })
    .prepare("latchkey_bench_floor_write");
  return async (workspaceId, id) => {
    const [found] = await read.execute({ id });
    if (!found) return false;
    await write.execute({ workspaceId, id });
    return true;
  };
}

async function serve(
  config: ApiConfig,
  logger: Logger,
  database: DatabaseHandle,
  { keyring, keyFile, source: keySource }: LoadedKeyring,
): Promise<RunningApi> {
  const { db } = database;
  // Every key id that sealed something stored must be one this process holds (active or decrypt-only).
  const sealedCounts = await countSealedByKeyId(db);
  assertKeyringCovers(keyring, storedKeyIds(sealedCounts), keyFile);

  const catalog = parseCatalog(catalogDescriptors);
  // Skipped (one read) unless the built-in catalog changed since the last start.
  if (await syncCatalogEverywhere(db, catalog)) logger.info("Built-in catalog synced into every workspace");

  const networkPolicy = createNetworkPolicy({ blockPrivateNetworks: config.blockPrivateNetworks, allowedHosts: config.allowedHosts });
  const verifier = {
    timeoutMs: config.verifyTimeoutMs,
    serverUrl: config.publicUrl ?? "",
    baseUrlOverrides: config.baseUrlOverrides,
    networkPolicy,
  };
  // Rows from before destination binding get the destination their descriptor gives now (once).
  const bound = await bindLegacyDestinations(db, verifier);
  if (bound > 0) logger.info("Bound stored secrets to their destinations", { bound });
  const services = createServices({ db, keyring, verifier, catalog, oauth2: config.oauth2, tokenCacheMs: config.tokenCacheMs });
  const keys = await startKeyringRuntime({ config, logger, database, keyring, keyFile, watchKeyFile: keySource !== "env", counts: sealedCounts });

  // Bounds on what one document may ask for (depth, cost, aliases, directives, tokens).
  const protection = queryProtection();
  const apollo = new ApolloServer<RequestContext>({
    // The schema, executed through compiled plans for the documents that come back (compiled-execution.ts).
    gateway: compiledExecution(buildSchema(), {
      compileAfterRuns: config.compileAfterRuns,
      onCompiled: (operation) => logger.debug("GraphQL document compiled", { operation: operation ?? null }),
    }),
    introspection: config.introspection,
    // The SDK and the web app send whole documents; a persisted query is refused (400), never looked up.
    persistedQueries: false,
    validationRules: protection.validationRules,
    parseOptions: protection.parseOptions,
    includeStacktraceInErrorResponses: false,
    // Apollo pretty-prints responses by default (two-space indents): a third more bytes to write.
    stringifyResult: (result) => JSON.stringify(result),
    // "Did you mean …?" names parts of the schema: hidden wherever introspection is off.
    formatError: createErrorFormatter(logger, { hideSuggestions: !config.introspection }),
    // main.ts owns shutdown (close() below): stop accepting, drain, stop jobs, close the database.
    stopOnTerminationSignals: false,
    plugins: [
      ...protection.plugins,
      persistedQueriesRefused(),
      errorResponsePlugin(),
      // No cache hints are used: without this Apollo wraps every field's resolver to collect them.
      ApolloServerPluginCacheControlDisabled(),
      // The landing page shows the schema: off wherever introspection is off (production by default).
      ...(config.introspection ? [] : [ApolloServerPluginLandingPageDisabled()]),
    ],
    logger: { debug: () => {}, info: () => {}, warn: (m) => logger.warn(String(m)), error: (m) => logger.error(String(m)) },
  });
  await apollo.start();

  // Started once the server listens ({{server.url}} needs its port); the bench endpoint reaches it.
  const jobs: { reverify?: ReverifyJob } = {};
  // PostgreSQL: one bucket per workspace in the database, shared by every replica; PGlite: in this process.
  const limiter =
    database.kind === "postgres"
      ? new SharedVerificationRateLimiter(db, config.verifyRateLimitPerMinute)
      : new VerificationRateLimiter(config.verifyRateLimitPerMinute);
  const contextFor = (req: IncomingMessage, requestId = requestScope.getStore()?.requestId ?? "") =>
    createRequestContext(req, {
      services,
      trustedProxies: config.trustedProxies,
      limiter,
      // The first owner's new workspace gets the demo data, so a fresh `npm start` has something to show.
      onWorkspaceSetUp: async (workspaceId) => {
        if (!config.demoData) return;
        await withAuditActor({ type: "system", id: null, name: "Demo data", remoteAddress: null }, () => seedDemoData(services, workspaceId, logger));
      },
    }, requestId);
  let draining = false;
  const server = createHttpServer({
    apollo,
    logger,
    webUrl: config.webUrl,
    completeOAuth2Authorization: (params) => services.credentials.completeOAuth2Authorization(params),
    createContext: contextFor,
    // The baseline acts in the workspace of whoever asks, authenticated as GraphQL requests are.
    bench: config.bench
      ? {
          services,
          statementCount: database.statementCount,
          workspaceOf: async (req) => (await contextFor(req)).viewer?.workspace?.id ?? null,
          floor: benchFloor(db),
          reverifyNow: async (workspaceId, ids) => {
            if (config.reverifyIntervalMs <= 0) return null;
            await db
              .update(credentials)
              .set({ verifiedAt: sql`now() - ${config.reverifyIntervalMs + 60_000} * interval '1 millisecond'` })
              .where(and(eq(credentials.workspaceId, workspaceId), inArray(credentials.id, ids)));
            return jobs.reverify ? { verified: await jobs.reverify.runNow(), concurrency: config.verifyConcurrency } : null;
          },
        }
      : undefined,
    draining: () => draining,
    // The keyring was loaded and checked before the server listened; what can change is the database.
    checkReady: async () => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`the database did not answer within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS)));
      const check = database.checkReady().catch((error: unknown) => {
        const { code, error: kind } = describeForLog(error);
        return `the database cannot be used (${String(code ?? kind)})`;
      });
      try {
        return await Promise.race([check, late]);
      } finally {
        clearTimeout(timer);
      }
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  // Without a configured public URL, {{server.url}} is this process itself (PORT may have been 0).
  verifier.serverUrl ||= `http://127.0.0.1:${port}`;
  const reverifyJob = (jobs.reverify = startReverifyJob({
    services,
    logger,
    intervalMs: config.reverifyIntervalMs,
    concurrency: config.verifyConcurrency,
    verifyTimeoutMs: config.verifyTimeoutMs,
  }));
  // The webhook outbox is delivered by every process (PGlite too), sharing the work through leases.
  const webhookDispatcher = startWebhookDispatcher({ db, keyring, policy: networkPolicy, logger, ...config.webhooks });
  logger.info("Latchkey API started", { port, database: database.kind, keySource, keyIds: keyring.ids() });

  let closing: Promise<void> | undefined;
  return {
    url: `http://localhost:${port}`,
    close: () =>
      (closing ??= (async () => {
        // Stop accepting; requests in flight finish (up to the shutdown timeout), later ones on open
        // connections get SERVICE_UNAVAILABLE; meanwhile the job stops claiming and releases its leases.
        draining = true;
        const drained = new Promise<void>((resolve) => server.close(() => resolve()));
        const idle = setInterval(() => server.closeIdleConnections(), 50);
        server.closeIdleConnections();
        let deadline: NodeJS.Timeout | undefined;
        const timedOut = new Promise<boolean>((resolve) => (deadline = setTimeout(() => resolve(true), config.shutdownTimeoutMs)));
        const [late] = await Promise.all([Promise.race([drained.then(() => false), timedOut]), reverifyJob.stop(), webhookDispatcher.stop()]);
        clearTimeout(deadline);
        clearInterval(idle);
        if (late) {
          logger.warn("Requests still running at the end of the shutdown timeout were cut off", { timeoutMs: config.shutdownTimeoutMs });
          server.closeAllConnections();
          await drained;
        }
        await apollo.stop();
        // Closing the agent waits for its requests: a verification abandoned above must not hold up the exit.
        await Promise.race([networkPolicy.close(), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
        await keys.close();
        await database.close();
      })()),
  };
}
