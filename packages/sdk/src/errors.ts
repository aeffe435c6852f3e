/** One GraphQL error as the API sends it. */
export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/**
 * What a `LatchkeyError`'s `code` can be: the API's `extensions.code` (UNAUTHENTICATED, FORBIDDEN,
 * BAD_USER_INPUT, RATE_LIMITED, SERVICE_UNAVAILABLE, ...), or one of the client's own:
 * NETWORK_ERROR (no answer), TIMEOUT (no answer within `timeoutMs`), ABORTED (your signal),
 * BAD_RESPONSE (an answer that is not a GraphQL answer, e.g. from a proxy).
 */
export type LatchkeyErrorCode =
  | "NETWORK_ERROR"
  | "TIMEOUT"
  | "ABORTED"
  | "BAD_RESPONSE"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "RATE_LIMITED"
  | "SERVICE_UNAVAILABLE"
  | "INTERNAL_SERVER_ERROR"
  | (string & {});

export interface LatchkeyErrorInit {
  message: string;
  code: LatchkeyErrorCode;
  status?: number;
  errors?: GraphQLErrorShape[];
  requestId?: string;
  retryAfterSeconds?: number;
  attempts: number;
  cause?: unknown;
}

/**
 * A request that gave no data: the API answered GraphQL errors (the first one's code, path and
 * message are here, all of them in `errors`), or it could not be asked. Expected failures of an
 * operation (InvalidInput, NotFound, VerificationFailed, ...) are not errors: they are members of
 * the operation's result union.
 */
export class LatchkeyError extends Error {
  /** The API's `extensions.code` of the first error, or NETWORK_ERROR, TIMEOUT, ABORTED, BAD_RESPONSE. */
  readonly code: LatchkeyErrorCode;
  /** The path of the field the first error belongs to, if any. */
  readonly path: readonly (string | number)[] | undefined;
  /** The request's id (the X-Request-Id answer header or `extensions.requestId`): quote it to the API's operator. */
  readonly requestId: string | undefined;
  /** How long the API asked to wait before trying again (RATE_LIMITED, SERVICE_UNAVAILABLE). */
  readonly retryAfterSeconds: number | undefined;
  /** The HTTP status of the answer; undefined when there was none (NETWORK_ERROR, TIMEOUT, ABORTED). */
  readonly status: number | undefined;
  /** Every GraphQL error of the answer. */
  readonly errors: GraphQLErrorShape[];
  /** How many times the request was sent (retries included). */
  readonly attempts: number;

  constructor(init: LatchkeyErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "LatchkeyError";
    this.code = init.code;
    this.errors = init.errors ?? [];
    this.path = this.errors[0]?.path;
    const extensionId = this.errors[0]?.extensions?.requestId;
    this.requestId = init.requestId ?? (typeof extensionId === "string" ? extensionId : undefined);
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.status = init.status;
    this.attempts = init.attempts;
  }
}

/** @deprecated The former name of `LatchkeyError`. */
export const LatchkeyRequestError = LatchkeyError;
/** @deprecated The former name of `LatchkeyError`. */
export type LatchkeyRequestError = LatchkeyError;
