import type { GraphQLFormattedError } from "graphql";
import { SecretDecryptionError } from "@latchkey/core";
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
]);

/**
 * graphql-js quotes offending input values in its messages ("got invalid value ...",
 * "cannot represent ...: <value>", "found <value>"). A value may be a secret typed into the wrong
 * place, so those quotes are cut out before anything leaves the server.
 */
export function redactInputValues(message: string): string {
  const variable = /^(Variable "\$[^"]+") got invalid value /.exec(message);
  if (variable) {
    const at = / at "([^"]*)"; /.exec(message);
    const reason = message.slice(message.lastIndexOf("; ") + 2);
    return `${variable[1]} got an invalid value${at ? ` at "${at[1]}"` : ""}; ${redactInputValues(reason)}`;
  }
  return message
    .replace(/(cannot represent [^:]*?value): [\s\S]*$/, "$1.")
    .replace(/(Expected value of type "[^"]+"), found [\s\S]*?(; |$)/, "$1, found an invalid value$2");
}

export function createErrorFormatter(logger: Logger) {
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
    const code = typeof formatted.extensions?.code === "string" ? formatted.extensions.code : undefined;
    if (!code || !PUBLIC_CODES.has(code)) {
      logger.error("Unexpected error while executing a GraphQL operation", {
        error: original instanceof Error ? original.message : String(original),
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
      message: redactInputValues(formatted.message),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { ...extensions, code },
    };
  };
}

function unwrap(error: unknown): unknown {
  let current = error;
  while (current instanceof Error && "originalError" in current && current.originalError) current = current.originalError;
  return current;
}
