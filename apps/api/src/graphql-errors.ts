import type { ApolloServerPlugin } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { SecretDecryptionError } from "@latchkey/core";
import { classifyDatabaseError, type DatabaseFault } from "@latchkey/db";
import { isLimitCode, LIMIT_CODES } from "./limits";
import type { Logger } from "./logger";

/** Codes a client may see with their message; anything else is reported as an internal error. */
const PUBLIC_CODES = new Set([
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "RATE_LIMITED",
  "SERVICE_UNAVAILABLE",
  ...Object.values(LIMIT_CODES),
]);

/**
 * How long a client should wait before trying again: a lost database usually comes back (or its
 * pool reconnects) within seconds; a refused transaction (deadlock, cancelled) can be repeated at once.
 */
const RETRY_AFTER_SECONDS: Record<DatabaseFault, number> = { unavailable: 2, transient: 1 };
const UNAVAILABLE_MESSAGES: Record<DatabaseFault, string> = {
  unavailable: "The service is temporarily unavailable: its database cannot be reached. Try again shortly.",
  transient: "The operation was interrupted by the database and could not be completed. Try again.",
};

type UnavailableError = GraphQLFormattedError & { extensions: { code: "SERVICE_UNAVAILABLE"; retryAfterSeconds: number } };

function serviceUnavailable(fault: DatabaseFault, requestId: unknown): UnavailableError {
  return {
    message: UNAVAILABLE_MESSAGES[fault],
    extensions: { code: "SERVICE_UNAVAILABLE", retryAfterSeconds: RETRY_AFTER_SECONDS[fault], ...(requestId ? { requestId } : {}) },
  };
}

/** The coded, retryable error of a request that hit a database fault; undefined for any other error. */
export function databaseFaultError(error: unknown, requestId: string): UnavailableError | undefined {
  const fault = classifyDatabaseError(error);
  return fault && serviceUnavailable(fault, requestId);
}

/**
 * For a failure before execution (the request's context could not be made: its session is read
 * from the database): the same error as a GraphQLError that makes Apollo answer HTTP 503.
 */
export function serviceUnavailableError(error: unknown, requestId: string): GraphQLError | undefined {
  const formatted = databaseFaultError(error, requestId);
  if (!formatted) return undefined;
  const retryAfter = String(formatted.extensions.retryAfterSeconds);
  return new GraphQLError(formatted.message, {
    originalError: error instanceof Error ? error : undefined,
    extensions: { ...formatted.extensions, http: { status: 503, headers: new HeaderMap([["retry-after", retryAfter]]) } },
  });
}

/**
 * Puts the request's id into each error's extensions, and answers HTTP 503 with Retry-After when
 * the request failed as a whole (no data) because of a database fault.
 */
export function errorResponsePlugin<TContext extends { requestId: string }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          if (!result.errors?.length) return;
          result.errors = result.errors.map((e) => ({ ...e, extensions: { ...e.extensions, requestId: contextValue.requestId } }));
          const unavailable = result.errors.find((e) => e.extensions?.code === "SERVICE_UNAVAILABLE");
          const noData = result.data == null || Object.values(result.data).every((value) => value === null);
          if (unavailable && noData) {
            response.http.status = 503;
            response.http.headers.set("retry-after", String(unavailable.extensions!.retryAfterSeconds));
          }
        },
      };
    },
  };
}

/**
 * graphql-js quotes offending input values in its messages ("got invalid value ...",
 * "cannot represent ...: <value>", "found <value>", 'Value "<value>" does not exist in "X" enum').
 * A value may be a secret typed into the wrong place, so those quotes are cut out before anything
 * leaves the server.
 */
export function redactInputValues(message: string, error?: unknown): string {
  const variable = /^(Variable "\$[^"]+") got invalid value /.exec(message);
  if (variable) {
    // "<prefix with the quoted value>; <reason>": the quoted value may itself contain "; ", so the
    // reason is taken from the error it came from, never found by searching the message.
    const reason = variableErrorReason(message, error);
    if (reason === undefined) return `${variable[1]} got an invalid value.`;
    const at = / at "([^"]*)"$/.exec(message.slice(0, message.length - reason.length - 2));
    return `${variable[1]} got an invalid value${at ? ` at "${at[1]}"` : ""}; ${redactInputValues(reason)}`;
  }
  return message
    .replace(/(cannot represent [^:]*?value): [\s\S]*$/, "$1.")
    .replace(/(Expected value of type "[^"]+"), found [\s\S]*?(; |$)/, "$1, found an invalid value$2")
    .replace(/^Value "[\s\S]*" does not exist in ("[^"]+" enum\.)/, "The value is not a member of the $1");
}

function variableErrorReason(message: string, error: unknown): string | undefined {
  let current: unknown = error;
  while (current instanceof Error) {
    if (current.message !== message && message.endsWith(`; ${current.message}`)) return current.message;
    current = "originalError" in current ? current.originalError : undefined;
  }
  return undefined;
}

/**
 * The parser reports a syntax error with its position; anything else it throws (a query nested so
 * deeply that it exhausts the stack) is an internal message, replaced by a readable one.
 */
function describeParseFailure(message: string): string {
  return message.startsWith("Syntax Error") ? message : "The query could not be parsed: it is nested too deeply or too large.";
}

/**
 * graphql-js ends a message with " Did you mean …?" naming fields, arguments, types or enum values
 * of the schema: in validation errors and in the coercion errors of variables (which Apollo's
 * `hideSchemaDetailsFromClientErrors` and graphql-armor's suggestion blocker, both validation-only,
 * miss). Cut from every message when the schema is not meant to be discoverable.
 */
function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean [^?]*\?/g, "");
}

export function createErrorFormatter(logger: Logger, options: { hideSuggestions: boolean }) {
  const hints = options.hideSuggestions ? withoutSuggestions : (message: string) => message;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrap(error);
    if (original instanceof SecretDecryptionError) {
      // Stored data failed its integrity check: say so plainly, never decrypt to garbage.
      logger.error("Stored secrets could not be decrypted", { reason: original.reason, path: formatted.path });
      return {
        message: `The stored secrets of this credential cannot be used: ${original.message}`,
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: "SECRETS_UNREADABLE", reason: original.reason },
      };
    }
    const fault = classifyDatabaseError(original);
    if (fault) {
      const unavailable = serviceUnavailable(fault, formatted.extensions?.requestId);
      // A lost database is logged once per outage (app.ts); a refused transaction here, once per request.
      if (fault === "transient") {
        logger.warn("A database operation was refused twice (cancelled, deadlock or serialization failure)", { ...describeForLog(original), path: formatted.path });
      }
      return { ...unavailable, ...(formatted.path ? { path: formatted.path } : {}) };
    }
    const code = limitCode(formatted, original) ?? (typeof formatted.extensions?.code === "string" ? formatted.extensions.code : undefined);
    if (!code || !PUBLIC_CODES.has(code)) {
      logger.error("Unexpected error while executing a GraphQL operation", {
        ...describeForLog(original),
        path: formatted.path,
      });
      return {
        message: "Internal server error: the request could not be completed.",
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: "INTERNAL_SERVER_ERROR" },
      };
    }
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return {
      message: code === "GRAPHQL_PARSE_FAILED" || code === LIMIT_CODES.tokens ? describeParseFailure(formatted.message) : hints(redactInputValues(formatted.message, error)),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { ...extensions, code },
    };
  };
}

/**
 * Apollo files every validation error under GRAPHQL_VALIDATION_FAILED; a limit violation keeps its
 * own code (from limits.ts), and the parser's token limit gets one too.
 */
function limitCode(formatted: GraphQLFormattedError, original: unknown): string | undefined {
  const code = formatted.extensions?.code;
  if (code === "GRAPHQL_VALIDATION_FAILED" && original instanceof GraphQLError && isLimitCode(original.extensions.code)) {
    return original.extensions.code;
  }
  if (code === "GRAPHQL_PARSE_FAILED" && /^Syntax Error: Document contains more tha[nt] \d+ tokens/.test(formatted.message)) {
    return LIMIT_CODES.tokens;
  }
  return undefined;
}

function unwrap(error: unknown): unknown {
  let current = error;
  while (current instanceof Error && "originalError" in current && current.originalError) current = current.originalError;
  return current;
}

/**
 * What is logged of an unexpected error: its kind and the database's own message and code, but
 * never a query wrapper's message, which lists every bound parameter of the query.
 */
export function describeForLog(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: "non-error thrown" };
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    return { error: error.name, reason: cause.message, code: (cause as { code?: unknown }).code };
  }
  const code = (error as { code?: unknown }).code;
  return { error: error.name, reason: error.message, ...(code === undefined ? {} : { code }) };
}

/**
 * Latchkey takes no persisted queries (APQ; `persistedQueries: false`): Apollo then answers any
 * `extensions.persistedQuery` with PERSISTED_QUERY_NOT_SUPPORTED, but with HTTP 200 as the APQ
 * protocol has it. Nothing ran, so this makes it the 400 of any other refused request.
 */
export function persistedQueriesRefused(): ApolloServerPlugin {
  return {
    requestDidStart: async ({ request }) =>
      request.extensions?.persistedQuery === undefined
        ? undefined
        : {
            willSendResponse: async ({ response }) => {
              const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
              if (errors?.some((e) => e.extensions?.code === "PERSISTED_QUERY_NOT_SUPPORTED")) response.http.status = 400;
            },
          },
  };
}
