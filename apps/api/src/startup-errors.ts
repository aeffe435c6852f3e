import { userInfo } from "node:os";
import { ConfigurationError } from "@latchkey/core";
import { DataFolderLockedError } from "@latchkey/db";
import { ConfigError } from "./env";

/** What the start-up problems below are phrased with; all optional, so a command can use it before its config loads. */
export interface StartupSettings {
  dataDir?: string;
  databaseUrl?: string;
  port?: number;
  host?: string;
}

type SystemError = Error & { code?: string; syscall?: string; path?: string; address?: string; port?: number };

/** DATABASE_URL without its user and password: host, port and database. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname.length > 1 ? parsed.pathname : ""}`;
  } catch {
    return "(not a valid URL)";
  }
}

const CONNECT_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE"]);
/** SQLSTATEs PostgreSQL answers a connection with that the operator fixes: login, database, server state. */
const POSTGRES_CONNECT_CODES: Record<string, string> = {
  "28P01": "the password was refused",
  "28000": "the login was refused",
  "3D000": "the database does not exist",
  "57P03": "the server is starting up or shutting down",
  "53300": "the server has no connections left",
  "42501": "the user may not connect",
};

function fileProblem(error: SystemError, dataDir: string | undefined): string | undefined {
  const where = error.path ?? dataDir;
  if (!where) return undefined;
  const folder = dataDir ?? where;
  switch (error.code) {
    case "EROFS":
      return `Cannot write ${where}: the file system is read-only. Mount it writable, or set LATCHKEY_DATA_DIR to a writable folder (now ${folder}).`;
    case "EACCES":
    case "EPERM":
      return `Cannot write ${where}: permission denied for user ${safeUserName()}. Give that user write access to the data folder ${folder}, or set LATCHKEY_DATA_DIR to a folder it may write.`;
    case "ENOSPC":
    case "EDQUOT":
      return `Cannot write ${where}: no space left on the device. Free some space there, or set LATCHKEY_DATA_DIR to a folder on another disk (now ${folder}).`;
    case "ENOENT":
    case "ENOTDIR":
      return `Cannot create the data folder ${folder} (${where} is missing or not a folder). Create it, or set LATCHKEY_DATA_DIR to a folder that can be created.`;
    default:
      return undefined;
  }
}

function safeUserName(): string {
  try {
    const { username, uid } = userInfo();
    return `${username} (uid ${uid})`;
  } catch {
    return `uid ${process.getuid?.() ?? "?"}`;
  }
}

/**
 * The one line for a start-up failure an operator can fix (configuration, key, data folder, port,
 * database), or undefined for anything else (a bug, worth its stack). Never quotes a secret:
 * DATABASE_URL is shown as host:port/database only.
 */
export function describeStartupError(error: unknown, settings: StartupSettings): string | undefined {
  if (error instanceof ConfigError || error instanceof ConfigurationError || error instanceof DataFolderLockedError) return error.message;
  if (!(error instanceof Error)) return undefined;
  // pg reports a failed connection to a host with several addresses (localhost: ::1 and 127.0.0.1) as an AggregateError.
  const e = (error instanceof AggregateError && error.errors[0] instanceof Error ? error.errors[0] : error) as SystemError;
  const code = (error as SystemError).code ?? e.code;

  if (e.syscall === "listen" || e.syscall === "bind" || (code === "EADDRINUSE" && settings.port !== undefined)) {
    const port = settings.port ?? e.port;
    if (code === "EADDRINUSE") return `Port ${port} is already in use: stop what listens there, or set PORT to a free port.`;
    if (code === "EACCES") return `Port ${port} needs privileges this user lacks: set PORT to 1024 or above.`;
    if (code === "EADDRNOTAVAIL") return `HOST ${settings.host} is not an address of this machine: set HOST to one of its addresses (or 0.0.0.0).`;
  }

  if (settings.databaseUrl) {
    const target = `DATABASE_URL (${describeDatabaseUrl(settings.databaseUrl)})`;
    if (code && code in POSTGRES_CONNECT_CODES) return `Cannot use the database at ${target}: ${POSTGRES_CONNECT_CODES[code]}. Fix DATABASE_URL or the server.`;
    if (code && CONNECT_CODES.has(code)) return `Cannot reach the database at ${target}: ${code}. Start PostgreSQL, or fix DATABASE_URL.`;
    if (/timeout|terminated/i.test(e.message) && /connect/i.test(e.message)) return `Cannot reach the database at ${target}: no answer in time. Start PostgreSQL, or fix DATABASE_URL.`;
    // A URL the driver cannot parse (a bad port, a bad percent-encoding): its message may quote the URL, so it is not repeated.
    if (code === "ERR_INVALID_URL" || code === "ERR_SOCKET_BAD_PORT" || error instanceof URIError) return `DATABASE_URL is not a valid PostgreSQL URL: fix it (postgres://user:password@host:5432/database).`;
  }

  if (typeof code === "string" && (e.syscall !== undefined || e.path !== undefined)) return fileProblem(e, settings.dataDir);
  return undefined;
}
