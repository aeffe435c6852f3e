import type { DocumentTypeDecoration } from "@graphql-typed-document-node/core";
import { Kind, parse, print, type DocumentNode } from "graphql";
import { LatchkeyError, type GraphQLErrorShape } from "./errors.ts";

/** When a failed request is sent again. */
export interface RetryOptions {
  /** How many times a request may be sent again after the first try (default 2; 0: never). */
  retries?: number;
  /** The wait before the first retry in ms (default 300); it doubles for each further one, with jitter. */
  baseDelayMs?: number;
  /**
   * The longest wait before a retry in ms (default 30 000). When the API asks to wait longer
   * (`retryAfterSeconds`), the error is thrown instead.
   */
  maxDelayMs?: number;
}

export interface ClientOptions {
  /** The API's GraphQL endpoint, e.g. `http://localhost:4000/graphql`. */
  url: string;
  /** An API token, sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Extra headers for every request (e.g. a forwarded cookie). */
  headers?: Record<string, string>;
  /** A fetch implementation; the global one by default. */
  fetch?: typeof fetch;
  /** How long one attempt may take, answer body included, in ms (default 30 000; 0: no limit). */
  timeoutMs?: number;
  /** Retries of retryable failures (see the README); `false` turns them off. */
  retry?: RetryOptions | false;
  /** Aborts every request of this client (e.g. at shutdown). */
  signal?: AbortSignal;
}

/** Options of one request; they win over the client's. */
export interface RequestOptions {
  /** Aborts this request (and its retries). */
  signal?: AbortSignal;
  timeoutMs?: number;
  retry?: RetryOptions | false;
  /** Extra headers for this request. */
  headers?: Record<string, string>;
}

/** Variables may be left out when the operation has none or only optional ones. */
type Arguments<TVariables> = Record<string, never> extends TVariables
  ? [variables?: TVariables, options?: RequestOptions]
  : [variables: TVariables, options?: RequestOptions];

/** A document the client can send: the SDK's own, or a typed document of your own codegen (string or DocumentNode). */
export type RequestDocument<TResult, TVariables> = DocumentTypeDecoration<TResult, TVariables> | (DocumentNode & DocumentTypeDecoration<TResult, TVariables>);

export interface LatchkeyClient {
  /**
   * Runs one operation; the result and variables are typed by the document. Throws a
   * `LatchkeyError` when the API answered GraphQL errors or could not be asked.
   */
  request<TResult, TVariables>(document: RequestDocument<TResult, TVariables>, ...args: Arguments<TVariables>): Promise<TResult>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RETRY: Required<RetryOptions> = { retries: 2, baseDelayMs: 300, maxDelayMs: 30_000 };
/** Codes with which the API says the operation was not applied and may be sent again. */
const NOT_APPLIED_CODES = new Set(["SERVICE_UNAVAILABLE", "RATE_LIMITED"]);
/** HTTP statuses of a proxy or load balancer in front of the API (no GraphQL answer): a query may be sent again. */
const TRANSIENT_STATUSES = new Set([502, 503, 504]);

export function createClient(options: ClientOptions): LatchkeyClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const baseHeaders: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/graphql-response+json, application/json",
    ...options.headers,
  };
  if (options.token) baseHeaders.authorization = `Bearer ${options.token}`;

  /** One try of a request; `send` is what the request's options and the client's gave, worked out once for all its tries. */
  async function attempt(body: string, send: { headers: Record<string, string>; timeoutMs: number; signals: AbortSignal[] }, attemptNumber: number): Promise<unknown> {
    const { headers, timeoutMs, signals } = send;
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = () => controller.abort();
    for (const signal of signals) signal.addEventListener("abort", onAbort, { once: true });
    const timer = timeoutMs > 0 ? setTimeout(() => ((timedOut = true), controller.abort()), timeoutMs) : undefined;
    const failure = (error: unknown): LatchkeyError => {
      if (timedOut) return new LatchkeyError({ message: `The Latchkey API did not answer within ${timeoutMs} ms.`, code: "TIMEOUT", attempts: attemptNumber, cause: error });
      if (signals.some((s) => s.aborted)) return new LatchkeyError({ message: "The request was aborted.", code: "ABORTED", attempts: attemptNumber, cause: error });
      return new LatchkeyError({ message: `The Latchkey API at ${options.url} could not be reached.`, code: "NETWORK_ERROR", attempts: attemptNumber, cause: error });
    };
    try {
      if (signals.some((s) => s.aborted)) throw failure(undefined);
      let response: Response;
      try {
        response = await doFetch(options.url, {
          method: "POST",
          headers,
          body,
          signal: controller.signal,
        });
      } catch (error) {
        throw failure(error);
      }
      const requestId = response.headers.get("x-request-id") ?? undefined;
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        throw failure(error);
      }
      let answer: { data?: unknown; errors?: GraphQLErrorShape[] } | undefined;
      try {
        answer = JSON.parse(text) as typeof answer;
      } catch {
        answer = undefined;
      }
      if (answer === null || typeof answer !== "object") {
        throw new LatchkeyError({
          message: `The Latchkey API answered ${response.status} without a GraphQL answer.`,
          code: "BAD_RESPONSE",
          status: response.status,
          requestId,
          retryAfterSeconds: retryAfterHeader(response),
          attempts: attemptNumber,
        });
      }
      if (answer.errors?.length || answer.data == null) {
        const errors = answer.errors ?? [];
        throw new LatchkeyError({
          message: errors[0]?.message ?? `The Latchkey API answered ${response.status} without data.`,
          code: errors[0]?.extensions?.code ?? "BAD_RESPONSE",
          status: response.status,
          errors,
          requestId,
          retryAfterSeconds: numberOrUndefined(errors[0]?.extensions?.retryAfterSeconds) ?? retryAfterHeader(response),
          attempts: attemptNumber,
        });
      }
      return answer.data;
    } finally {
      if (timer) clearTimeout(timer);
      for (const signal of signals) signal.removeEventListener("abort", onAbort);
    }
  }

  return {
    async request(document, ...[variables, requestOptions = {}]) {
      const ast = typeof document === "object" && document !== null && "kind" in document ? (document as DocumentNode) : undefined;
      const query = ast ? print(ast) : String(document);
      const mutation = isMutation(ast ?? query);
      const retryOption = requestOptions.retry ?? options.retry;
      const retry = retryOption === false ? { ...DEFAULT_RETRY, retries: 0 } : { ...DEFAULT_RETRY, ...retryOption };
      const signals = [options.signal, requestOptions.signal].filter((s): s is AbortSignal => s !== undefined);
      const send = { headers: { ...baseHeaders, ...requestOptions.headers }, timeoutMs: requestOptions.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS, signals };
      const body = JSON.stringify({ query, variables: variables ?? {} });
      for (let attemptNumber = 1; ; attemptNumber++) {
        try {
          return (await attempt(body, send, attemptNumber)) as never;
        } catch (error) {
          if (!(error instanceof LatchkeyError) || attemptNumber > retry.retries || !retryable(error, mutation)) throw error;
          const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attemptNumber - 1));
          const jittered = backoff / 2 + Math.random() * (backoff / 2);
          const delay = error.retryAfterSeconds !== undefined ? Math.max(error.retryAfterSeconds * 1000, jittered) : jittered;
          if (delay > retry.maxDelayMs) throw error;
          await wait(delay, signals, error);
        }
      }
    },
  };
}

/**
 * Whether a failed attempt may be sent again: when the API said the operation was not applied
 * (SERVICE_UNAVAILABLE, RATE_LIMITED), and for queries also when no answer came (network error,
 * timeout) or a proxy answered 502/503/504. A mutation whose answer was lost may have been applied:
 * it is never sent again.
 */
function retryable(error: LatchkeyError, mutation: boolean): boolean {
  if (NOT_APPLIED_CODES.has(error.code)) return true;
  if (mutation) return false;
  if (error.code === "NETWORK_ERROR" || error.code === "TIMEOUT") return true;
  return error.code === "BAD_RESPONSE" && error.status !== undefined && TRANSIENT_STATUSES.has(error.status);
}

/** Waits `ms`; an abort of any of `signals` ends the wait with an ABORTED error. */
function wait(ms: number, signals: AbortSignal[], last: LatchkeyError): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => {
      clearTimeout(timer);
      reject(new LatchkeyError({ message: "The request was aborted while waiting to retry.", code: "ABORTED", attempts: last.attempts, cause: last }));
    };
    const timer = setTimeout(() => {
      for (const signal of signals) signal.removeEventListener("abort", aborted);
      resolve();
    }, ms);
    for (const signal of signals) {
      if (signal.aborted) return aborted();
      signal.addEventListener("abort", aborted, { once: true });
    }
  });
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function retryAfterHeader(response: Response): number | undefined {
  const header = response.headers.get("retry-after");
  return header !== null && /^\d+$/.test(header.trim()) ? Number(header) : undefined;
}

/** Whether the document's (first) operation is a mutation; a document that does not parse is not one (the API refuses it). */
export function isMutation(document: string | DocumentNode): boolean {
  let ast: DocumentNode;
  try {
    ast = typeof document === "string" ? parse(document, { noLocation: true }) : document;
  } catch {
    return false;
  }
  const operation = ast.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  return operation?.operation === "mutation";
}
