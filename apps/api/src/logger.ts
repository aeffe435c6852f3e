import { AsyncLocalStorage } from "node:async_hooks";
import { pino, type DestinationStream } from "pino";

type Level = "debug" | "info" | "warn" | "error";

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** The request being handled (http-server.ts runs each request in it): its id goes into every log line. */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();

// Field names that hold (or may hold) a secret, wherever a call site puts them: at the top of the
// fields, one or two levels down, and the request headers that carry a session or token.
const SECRET_FIELDS = [
  "values",
  "secret",
  "secrets",
  "token",
  "tokens",
  "password",
  "apiKey",
  "accessToken",
  "refreshToken",
  "clientSecret",
  "encryptionKey",
  "authorization",
  "cookie",
  "set-cookie",
];
export const REDACTED_PATHS = SECRET_FIELDS.flatMap((field) => [`["${field}"]`, `*["${field}"]`, `*.*["${field}"]`]);

/**
 * pino: one JSON line per event on stderr ({"level":"info","time":"…",…,"message":"…"}), at
 * LATCHKEY_LOG_LEVEL and above. Callers pass messages and ids, never values of credentials
 * (secrets are sealed before they reach anything that logs); the redaction of every
 * secret-bearing field name is the second line of defence. Inside a request each line carries its
 * `requestId`.
 */
export function createLogger(minimum: Level | "silent", destination: DestinationStream = pino.destination({ fd: 2, sync: true })): Logger {
  const log = pino(
    {
      level: minimum,
      base: undefined,
      messageKey: "message",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      mixin: () => requestScope.getStore() ?? {},
    },
    destination,
  );
  const write = (level: Level) => (message: string, fields?: Record<string, unknown>) => (fields ? log[level](fields, message) : log[level](message));
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}
