/**
 * The one place that tells what a database error means for the caller:
 * - "unavailable": the database cannot be reached or dropped the connection (a restart, a failover,
 *   a proxy's idle timeout, `pg_terminate_backend`, refused connections, a pool that could not
 *   connect in time). Whatever the statement was, its outcome is unknown unless it never started.
 * - "transient": the statement was refused and rolled back (query cancelled or timed out,
 *   serialization failure, deadlock): running it again from its start is safe and may succeed.
 * - undefined: anything else (a bug, a constraint, bad data): not retried, not hidden.
 */
export type DatabaseFault = "unavailable" | "transient";

const CONNECTION_ERRNOS = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ECONNABORTED"]);
// 57P01 admin shutdown / terminate, 57P02 crash shutdown, 57P03 cannot connect now (starting up,
// shutting down), 57P05 idle session timeout; 53300 too many connections.
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "57P05", "53300"]);
// 57014 query cancelled (pg_cancel_backend, statement_timeout), 40001 serialization failure, 40P01 deadlock.
const TRANSIENT_SQLSTATES = new Set(["57014", "40001", "40P01"]);
// pg's and pg-pool's own messages for a lost or never-made connection (they carry no code).
const CONNECTION_MESSAGES = [
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "is not queryable",
  "Cannot use a pool after calling end",
  "not currently accepting connections",
  "the database system is",
  "Query read timeout",
];

export function classifyDatabaseError(error: unknown): DatabaseFault | undefined {
  // drizzle wraps the driver's error (DrizzleQueryError, with the query text) as its cause.
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") {
      if (TRANSIENT_SQLSTATES.has(code)) return "transient";
      if (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith("08") || CONNECTION_ERRNOS.has(code)) return "unavailable";
      // 55000 with this message: ALLOW_CONNECTIONS false (a database being maintained or moved).
      if (code === "55000" && current.message.includes("not currently accepting connections")) return "unavailable";
    }
    if (CONNECTION_MESSAGES.some((text) => current instanceof Error && current.message.includes(text))) return "unavailable";
    // A connect attempt that failed with several addresses (localhost: ::1 and 127.0.0.1).
    if (current instanceof AggregateError && current.errors.some((inner) => classifyDatabaseError(inner) === "unavailable")) return "unavailable";
  }
  return undefined;
}
