import net from "node:net";
import pg from "pg";
import { findBlockedTarget, type ResolvedAddress } from "../network/network-policy";
import { describeBlockedTarget, describeNetworkError, describeTimeout } from "./http-verifier";
import { createVerificationResult, type VerificationOutcome, type Verifier } from "./verifier";

/** What a database verification connects with; the password only ever goes to the driver. */
interface ConnectionSettings {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  ssl: boolean;
}

type DriverOutcome = { kind: "ok" } | { kind: "timeout" } | { kind: "error"; error: DriverError };

interface DriverError {
  /** PostgreSQL SQLSTATE, mysql2's ER_* / HANDSHAKE_* name, or a Node errno / TLS code. */
  code?: unknown;
}

interface Check {
  settings: ConnectionSettings;
  address: ResolvedAddress;
  timeoutMs: number;
}

// A close that does not finish in this time is abandoned (the socket is destroyed by then anyway).
const CLOSE_GRACE_MS = 1_000;

/** Verifies DATABASE credentials: connect to the checked address, `SELECT 1`, close. */
export const databaseVerifier: Verifier = async (target, options) => {
  const startedAt = performance.now();
  const { descriptor, method, values } = target;
  if (method.type !== "DATABASE") throw new Error(`The database verifier does not handle ${method.type} credentials`);
  const settings: ConnectionSettings = {
    host: String(values.host ?? ""),
    port: Number(values.port),
    database: String(values.database ?? ""),
    user: String(values.username ?? ""),
    password: String(values.password ?? ""),
    ssl: values.ssl === true,
  };
  const finish = (outcome: VerificationOutcome) => createVerificationResult(target, outcome, startedAt);
  if (!method.database) throw new Error("a DATABASE method without an engine has no verification");
  const engine = method.database.engine;

  const deadline = Date.now() + options.timeoutMs;
  let address: ResolvedAddress;
  try {
    const resolved = await withinTime(options.networkPolicy.resolveTarget(settings.host), options.timeoutMs);
    if (!resolved) return finish(describeTimeout(descriptor.name, options.timeoutMs));
    address = resolved;
  } catch (error) {
    const blocked = findBlockedTarget(error);
    if (blocked) return finish(describeBlockedTarget(descriptor.name, blocked));
    return finish(unreachable(descriptor.name, settings, describeNetworkError((error as DriverError).code as string | undefined)));
  }

  const check = { settings, address, timeoutMs: Math.max(1, deadline - Date.now()) };
  const outcome = engine === "postgresql" ? await checkPostgres(check) : await checkMysql(check);
  return finish(describeOutcome(descriptor.name, engine, settings, outcome, options.timeoutMs));
};

async function checkPostgres({ settings, address, timeoutMs }: Check): Promise<DriverOutcome> {
  let socket: net.Socket | undefined;
  const client = new pg.Client({
    // The checked address, so the driver does not resolve the name again; TLS still checks the name.
    host: address.address,
    port: settings.port,
    // Our own socket, so a check that failed or timed out can be cut off for sure.
    stream: () => (socket = new net.Socket()),
    database: settings.database,
    user: settings.user,
    password: settings.password,
    ssl: settings.ssl ? { servername: net.isIP(settings.host) ? undefined : settings.host } : false,
    application_name: "latchkey-verifier",
  });
  client.on("error", () => {
    // Errors after the check (e.g. the server closing first) do not change its outcome.
  });
  return runCheck(
    timeoutMs,
    async () => {
      await client.connect();
      await client.query("SELECT 1");
    },
    {
      graceful: () => client.end(),
      destroy: () => socket?.destroy(),
    },
  );
}

async function checkMysql({ settings, address, timeoutMs }: Check): Promise<DriverOutcome> {
  // Loaded on first use: it is a large module that most starts of the API never need.
  const { default: mysql } = await import("mysql2");
  const connection = mysql.createConnection({
    // `host` stays the name for TLS; the socket goes to the checked address.
    host: settings.host,
    port: settings.port,
    stream: () => net.connect({ host: address.address, port: settings.port }),
    database: settings.database,
    user: settings.user,
    password: settings.password,
    ssl: settings.ssl ? { rejectUnauthorized: true, verifyIdentity: true } : undefined,
    connectTimeout: timeoutMs + CLOSE_GRACE_MS,
  });
  connection.on("error", () => {
    // Reported through the query's callback; a later error does not change the outcome.
  });
  return runCheck(
    timeoutMs,
    () => new Promise<void>((resolve, reject) => connection.query("SELECT 1", (error) => (error ? reject(error) : resolve()))),
    {
      graceful: () => new Promise<void>((resolve) => connection.end(() => resolve())),
      destroy: () => connection.destroy(),
    },
  );
}

/**
 * Runs `work` within `timeoutMs`, then always closes: politely after a success (bounded in time),
 * by destroying the socket after a failure or a timeout, and in any case at the end.
 */
async function runCheck(
  timeoutMs: number,
  work: () => Promise<void>,
  close: { graceful: () => Promise<void>; destroy: () => void },
): Promise<DriverOutcome> {
  const attempt = work().then(
    (): DriverOutcome => ({ kind: "ok" }),
    (error: DriverError): DriverOutcome => ({ kind: "error", error }),
  );
  let outcome: DriverOutcome | undefined;
  try {
    outcome = (await withinTime(attempt, timeoutMs)) ?? { kind: "timeout" };
    return outcome;
  } finally {
    if (outcome?.kind === "ok") await withinTime(close.graceful().catch(() => undefined), CLOSE_GRACE_MS);
    close.destroy();
  }
}

/** The promise's value, or undefined when it takes longer than `ms`. */
async function withinTime<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

const POSTGRES_CODES: Record<string, "login" | "database" | "privilege" | "busy"> = {
  "28P01": "login", // invalid_password
  "28000": "login", // invalid_authorization_specification: unknown user, or no pg_hba entry
  "3D000": "database", // invalid_catalog_name
  "42501": "privilege", // insufficient_privilege, e.g. no CONNECT on the database
  "53300": "busy", // too_many_connections
  "57P03": "busy", // cannot_connect_now: starting up or shutting down
};

const MYSQL_CODES: Record<string, "login" | "database" | "database-access" | "busy" | "no-tls"> = {
  ER_ACCESS_DENIED_ERROR: "login",
  ER_ACCESS_DENIED_NO_PASSWORD_ERROR: "login",
  ER_NOT_SUPPORTED_AUTH_MODE: "login",
  ER_BAD_DB_ERROR: "database",
  // MySQL answers this also for a database that does not exist, so as not to reveal which exist.
  ER_DBACCESS_DENIED_ERROR: "database-access",
  ER_CON_COUNT_ERROR: "busy",
  ER_HOST_IS_BLOCKED: "busy",
  HANDSHAKE_NO_SSL_SUPPORT: "no-tls",
};

function describeOutcome(
  name: string,
  engine: "postgresql" | "mysql",
  settings: ConnectionSettings,
  outcome: DriverOutcome,
  timeoutMs: number,
): VerificationOutcome {
  if (outcome.kind === "ok") {
    return { ok: true, code: "OK", status: "VALID", message: `${name} accepted user "${settings.user}" on database "${settings.database}".` };
  }
  if (outcome.kind === "timeout") return describeTimeout(name, timeoutMs);
  const code = typeof outcome.error.code === "string" ? outcome.error.code : undefined;
  const meaning = code ? (engine === "postgresql" ? POSTGRES_CODES[code] : MYSQL_CODES[code]) : undefined;
  const rejected = (message: string): VerificationOutcome => ({ ok: false, code: "UNAUTHORIZED", status: "INVALID", message });
  switch (meaning) {
    case "login":
      return rejected(`${name} rejected the login: wrong password, or no user "${settings.user}".`);
    case "database":
      return rejected(`${name} has no database "${settings.database}".`);
    case "database-access":
      return rejected(`${name} does not let user "${settings.user}" use database "${settings.database}", or it does not exist.`);
    case "privilege":
      return {
        ok: false,
        code: "FORBIDDEN",
        status: "INVALID",
        message: `${name} accepted user "${settings.user}" but does not allow it to connect to database "${settings.database}".`,
      };
    case "busy":
      return unreachable(name, settings, `the server refuses connections for now (${code})`);
    case "no-tls":
      return unreachable(name, settings, "the server does not accept TLS connections (turn off \"Use TLS\" or enable TLS on the server)");
  }
  if (isNetworkCode(code)) return unreachable(name, settings, describeNetworkError(code));
  if (code === undefined && settings.ssl) {
    // pg reports a server that answers the TLS request with "no" by an error without a code.
    return unreachable(name, settings, "TLS could not be set up: the server may not accept TLS connections");
  }
  return {
    ok: false,
    code: "UNEXPECTED_RESPONSE",
    status: "UNREACHABLE",
    message: `${name} answered with an error verification does not expect${code && /^[A-Z0-9_]{1,64}$/.test(code) ? ` (${code})` : ""}.`,
  };
}

/** Node's errno codes (ECONNREFUSED...), DNS and TLS codes, and mysql2's lost-connection codes. */
function isNetworkCode(code: string | undefined): code is string {
  return code !== undefined && (/^E[A-Z]+$/.test(code) || /CERT|TLS|SSL|EPROTO/.test(code) || code.startsWith("PROTOCOL_"));
}

function unreachable(name: string, settings: ConnectionSettings, reason: string): VerificationOutcome {
  return {
    ok: false,
    code: "UNREACHABLE",
    status: "UNREACHABLE",
    message: `${name} could not be reached at ${formatHostPort(settings)}: ${reason}.`,
  };
}

function formatHostPort({ host, port }: ConnectionSettings): string {
  return `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
}
