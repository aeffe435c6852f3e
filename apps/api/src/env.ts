import path from "node:path";
import { z } from "zod";
import { parseAllowedHosts, TOKEN_CACHE_TTL_MS } from "@latchkey/core";
import { DEFAULT_POSTGRES_TIMEOUTS } from "@latchkey/db";

const booleanFlag = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1");

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "24h", "15m", "30s", "500ms", "2d", or a bare number of milliseconds; 0 means off. */
const duration = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?(ms|s|m|h|d)?$/, "must be a duration such as 24h, 15m, 30s or a number of milliseconds")
  .transform((text) => {
    const [, amount, unit] = /^([\d.]+)([a-z]*)$/.exec(text)!;
    return Math.round(Number(amount) * DURATION_UNITS_MS[unit || "ms"]!);
  });

/** Every setting of the API, from the environment; nothing else reads process.env. */
const zEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_POSTGRES_TIMEOUTS.connectTimeoutMs),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(86_400_000).default(DEFAULT_POSTGRES_TIMEOUTS.statementTimeoutMs),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).max(86_400_000).default(DEFAULT_POSTGRES_TIMEOUTS.idleInTransactionTimeoutMs),
  LATCHKEY_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  LATCHKEY_TOKEN_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(TOKEN_CACHE_TTL_MS),
  LATCHKEY_DATA_DIR: z.string().min(1).default(".latchkey"),
  LATCHKEY_ENCRYPTION_KEY: z.string().optional(),
  LATCHKEY_DECRYPTION_KEYS: z.string().optional(),
  LATCHKEY_RESEAL_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(100),
  LATCHKEY_RESEAL_PAUSE_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  LATCHKEY_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  LATCHKEY_WEB_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3000"),
  LATCHKEY_OAUTH2_REFRESH_MARGIN_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  LATCHKEY_OAUTH2_AUTHORIZATION_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
  LATCHKEY_VERIFY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  LATCHKEY_BASE_URL_OVERRIDES: z
    .string()
    .default("")
    .transform((text, ctx) => {
      const overrides: Record<string, string> = {};
      for (const pair of text.split(",").map((p) => p.trim()).filter(Boolean)) {
        const at = pair.indexOf("=");
        const url = pair.slice(at + 1);
        if (at < 1 || !/^https?:\/\//.test(url)) {
          ctx.addIssue({ code: "custom", message: "must be a comma-separated list of componentKey=http(s)://url" });
          return z.NEVER;
        }
        overrides[pair.slice(0, at)] = url.replace(/\/+$/, "");
      }
      return overrides;
    }),
  LATCHKEY_BLOCK_PRIVATE_NETWORKS: booleanFlag.default(false),
  LATCHKEY_ALLOWED_HOSTS: z
    .string()
    .default("")
    .transform((text, ctx) => {
      const entries = text.split(",").map((entry) => entry.trim()).filter(Boolean);
      const parsed = parseAllowedHosts(entries);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: `must be a comma-separated list of host names and CIDR ranges; "${parsed.entry}" is neither` });
        return z.NEVER;
      }
      return entries;
    }),
  LATCHKEY_REVERIFY_INTERVAL: duration.default(24 * 3_600_000),
  LATCHKEY_VERIFY_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(64),
  LATCHKEY_VERIFY_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(60),
  LATCHKEY_WEBHOOK_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  LATCHKEY_WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  LATCHKEY_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  LATCHKEY_WEBHOOK_BACKOFF_SCALE: z.coerce.number().min(0.0001).max(1).default(1),
  LATCHKEY_WEBHOOK_DISABLE_AFTER: duration.default(3 * 86_400_000),
  LATCHKEY_COMPILE_AFTER_RUNS: z.coerce.number().int().min(0).max(1_000_000).default(2),
  LATCHKEY_HEAP_GROWTH_PERCENT: z.coerce.number().int().min(0).max(300).default(100),
  LATCHKEY_BENCH: booleanFlag.default(false),
  LATCHKEY_LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  LATCHKEY_INTROSPECTION: booleanFlag.optional(),
  LATCHKEY_DEMO_DATA: booleanFlag.default(true),
  LATCHKEY_TRUSTED_PROXIES: z
    .string()
    .default("127.0.0.1,::1,::ffff:127.0.0.1")
    .transform((text) => new Set(text.split(",").map((a) => a.trim()).filter(Boolean))),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type ApiConfig = ReturnType<typeof toConfig>;

function toConfig(env: z.output<typeof zEnv>) {
  const port = env.PORT;
  return {
    port,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    /** PostgreSQL: connection, statement and idle-in-transaction timeouts (ms; 0: none, but connect). */
    databaseTimeouts: {
      connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
    /** On SIGTERM/SIGINT, how long requests in flight may take to finish before their connections are closed. */
    shutdownTimeoutMs: env.LATCHKEY_SHUTDOWN_TIMEOUT_MS,
    /** How long an API token's look-up is reused; a token revoked through another replica works at most this long there (0: no cache). */
    tokenCacheMs: env.LATCHKEY_TOKEN_CACHE_MS,
    dataDir: path.resolve(env.LATCHKEY_DATA_DIR),
    encryptionKey: env.LATCHKEY_ENCRYPTION_KEY?.trim() || undefined,
    /** Keys that open but never seal (the old key during a rotation); comma-separated base64. */
    decryptionKeys: env.LATCHKEY_DECRYPTION_KEYS?.trim() || undefined,
    /** Re-sealing secrets under a new key (PGlite: in the API; PostgreSQL: `npm run keys:rotate`). */
    reseal: { batchSize: env.LATCHKEY_RESEAL_BATCH_SIZE, pauseMs: env.LATCHKEY_RESEAL_PAUSE_MS },
    /** The API's public URL ({{server.url}}); unset means this process at its listening port. */
    publicUrl: env.LATCHKEY_PUBLIC_URL?.replace(/\/+$/, ""),
    /** The web app, where the OAuth2 callback sends the browser when it is done. */
    webUrl: env.LATCHKEY_WEB_URL.replace(/\/+$/, ""),
    oauth2: {
      refreshMarginMs: env.LATCHKEY_OAUTH2_REFRESH_MARGIN_SECONDS * 1000,
      authorizationTtlMs: env.LATCHKEY_OAUTH2_AUTHORIZATION_TTL_SECONDS * 1000,
    },
    verifyTimeoutMs: env.LATCHKEY_VERIFY_TIMEOUT_MS,
    baseUrlOverrides: env.LATCHKEY_BASE_URL_OVERRIDES,
    blockPrivateNetworks: env.LATCHKEY_BLOCK_PRIVATE_NETWORKS,
    allowedHosts: env.LATCHKEY_ALLOWED_HOSTS,
    /** Credentials not verified for this long are verified again; 0: never. */
    reverifyIntervalMs: env.LATCHKEY_REVERIFY_INTERVAL,
    verifyConcurrency: env.LATCHKEY_VERIFY_CONCURRENCY,
    verifyRateLimitPerMinute: env.LATCHKEY_VERIFY_RATE_LIMIT,
    /** Executions of a document by graphql-js before it is compiled (compiled-execution.ts). */
    compileAfterRuns: env.LATCHKEY_COMPILE_AFTER_RUNS,
    heapGrowthPercent: env.LATCHKEY_HEAP_GROWTH_PERCENT,
    /** The webhook dispatcher (webhook-dispatcher.ts): poll interval, deliveries at once, attempt timeout, backoff scale, when a failing endpoint is disabled. */
    webhooks: {
      pollMs: env.LATCHKEY_WEBHOOK_POLL_MS,
      concurrency: env.LATCHKEY_WEBHOOK_CONCURRENCY,
      timeoutMs: env.LATCHKEY_WEBHOOK_TIMEOUT_MS,
      backoffScale: env.LATCHKEY_WEBHOOK_BACKOFF_SCALE,
      disableAfterMs: env.LATCHKEY_WEBHOOK_DISABLE_AFTER,
    },
    /** Benchmark mode: the /bench baseline endpoint and SQL statement counting. */
    bench: env.LATCHKEY_BENCH,
    logLevel: env.LATCHKEY_LOG_LEVEL,
    demoData: env.LATCHKEY_DEMO_DATA,
    /** Peers whose X-Forwarded-For / X-Forwarded-Proto are believed (the web app's server). */
    trustedProxies: env.LATCHKEY_TRUSTED_PROXIES as ReadonlySet<string>,
    introspection: env.LATCHKEY_INTROSPECTION ?? env.NODE_ENV !== "production",
    production: env.NODE_ENV === "production",
  };
}

/** Parses the environment; on a bad value, throws one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = zEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid configuration: ${issue.path.join(".")} ${issue.message}`);
  }
  return toConfig(parsed.data);
}

export class ConfigError extends Error {}
