import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { AuthMethodOfType, JsonExpectation } from "../components/descriptor-schema";
import { BlockedTargetError, findBlockedTarget } from "../network/network-policy";
import { renderTemplate, resolveBaseUrl, TemplateError } from "../components/template";
import {
  createVerificationResult,
  encodeBasicCredentials,
  VerificationSetupError,
  type VerificationOutcome,
  type VerificationTarget,
  type Verifier,
  type VerifierOptions,
} from "./verifier";

export interface VerificationRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** DNS lookup used to connect: the network policy's, which refuses forbidden addresses. */
  lookup?: LookupFunction;
  /** Read the body (up to 64 KiB) and hand it back, for a `verify.http.expectJson` check. */
  readBody?: boolean;
}

export type VerificationResponse =
  | { kind: "response"; status: number; body?: Buffer }
  | { kind: "timeout" }
  | { kind: "blocked"; error: BlockedTargetError }
  | { kind: "network-error"; code: string | undefined }
  | { kind: "invalid-request" };

type HttpMethod = AuthMethodOfType<"API_KEY"> | AuthMethodOfType<"BASIC"> | AuthMethodOfType<"OAUTH2"> | AuthMethodOfType<"CUSTOM">;

const MAX_BODY_BYTES = 64 * 1024;
const USER_AGENT = "Latchkey-Verifier/0.1";
const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: "the connection was refused",
  ECONNRESET: "the connection was reset",
  ENOTFOUND: "the host name does not resolve",
  EAI_AGAIN: "the host name could not be resolved",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
  ETIMEDOUT: "the connection timed out",
};

/**
 * Verifies API_KEY, BASIC and CUSTOM credentials, and OAUTH2 access tokens (`target.accessToken`, as a
 * bearer token), with the descriptor's `verify.http` request.
 */
export const httpVerifier: Verifier = async (target, options) => {
  const startedAt = performance.now();
  const { descriptor, method } = target;
  let request: VerificationRequest;
  try {
    if (method.type === "DATABASE") {
      throw new VerificationSetupError(`the HTTP verifier does not handle ${method.type} credentials`);
    }
    request = buildVerificationRequest(target, method, options);
    options.networkPolicy.assertUrlAllowed(request.url);
  } catch (error) {
    if (error instanceof BlockedTargetError) {
      return createVerificationResult(target, describeBlockedTarget(descriptor.name, error), startedAt);
    }
    if (!(error instanceof TemplateError || error instanceof VerificationSetupError)) throw error;
    const message = `${descriptor.name} could not be verified: ${lowerFirst(error.message).replace(/\.?$/, ".")}`;
    return createVerificationResult(target, { ok: false, code: "UNEXPECTED_RESPONSE", status: "UNVERIFIED", message }, startedAt);
  }
  const response = await sendVerificationRequest(request);
  return createVerificationResult(target, describeResponse(target, request, response), startedAt);
};

/**
 * How long a connection a verification left open waits for the next verification to the same
 * place before it is closed: under the 5 s many servers (Node's among them) keep an idle
 * connection, so a request seldom meets one the server is closing.
 */
const IDLE_CONNECTION_MS = 4_000;
/** Open connections kept per place (protocol, host, port) between verifications: as many as the job verifies at once (LATCHKEY_VERIFY_CONCURRENCY, up to 256). */
const IDLE_CONNECTIONS_PER_PLACE = 256;
interface ConnectionPools {
  http: http.Agent;
  https: https.Agent;
}
const poolsByLookup = new WeakMap<LookupFunction, ConnectionPools>();
let poolsOfSystemLookup: ConnectionPools | undefined;

/**
 * Connections kept open between verifications, one set of pools per lookup (per network policy):
 * a connection is only ever reused by a request that carries the very lookup that opened it, so it
 * goes to an address that lookup allowed. A pool is keyed by protocol, host and port (and for TLS,
 * the server name and TLS options), so a reused connection goes where a new one would. Re-verifying
 * many credentials of one application no longer opens (and, over TLS, negotiates) a connection for
 * each: 20-25 % of the API's CPU per verification in the bench. Requests share a connection one
 * after another, never at once, and each carries only its own credential.
 */
function connectionPools(lookup: LookupFunction | undefined): ConnectionPools {
  const make = (): ConnectionPools => {
    const options = { keepAlive: true, maxFreeSockets: IDLE_CONNECTIONS_PER_PLACE, timeout: IDLE_CONNECTION_MS, scheduling: "lifo" as const };
    return { http: new http.Agent(options), https: new https.Agent(options) };
  };
  if (!lookup) return (poolsOfSystemLookup ??= make());
  let pools = poolsByLookup.get(lookup);
  if (!pools) poolsByLookup.set(lookup, (pools = make()));
  return pools;
}

/** Errors of a reused connection the server had closed meanwhile: sent again once, on a new one. */
const STALE_CONNECTION_CODES = new Set(["ECONNRESET", "EPIPE"]);

/** One request, no redirects followed, bounded in time and in the body bytes read; never rejects. */
export function sendVerificationRequest(request: VerificationRequest): Promise<VerificationResponse> {
  return sendOnce(request, true);
}

function sendOnce(request: VerificationRequest, mayRetry: boolean): Promise<VerificationResponse> {
  return new Promise((resolve) => {
    let status: number | undefined;
    let settled = false;
    let clientRequest: http.ClientRequest | undefined;
    // A retry's promise settles it too (resolve adopts it).
    const settle = (response: VerificationResponse | Promise<VerificationResponse>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clientRequest?.destroy();
      resolve(response);
    };
    const chunks: Buffer[] = [];
    const settleWithStatus = () =>
      settle({ kind: "response", status: status ?? 0, ...(request.readBody ? { body: Buffer.concat(chunks) } : {}) });
    const timer = setTimeout(() => (status === undefined ? settle({ kind: "timeout" }) : settleWithStatus()), request.timeoutMs);
    const secure = request.url.protocol === "https:";
    const client = secure ? https : http;
    const agent = connectionPools(request.lookup)[secure ? "https" : "http"];
    try {
      clientRequest = client.request(
        request.url,
        { method: request.method, headers: request.headers, agent, lookup: request.lookup },
        (response) => {
          status = response.statusCode ?? 0;
          let received = 0;
          response.on("data", (chunk: Buffer) => {
            received += chunk.length;
            if (request.readBody) chunks.push(chunk);
            if (received >= MAX_BODY_BYTES) settleWithStatus();
          });
          response.on("end", settleWithStatus);
          response.on("error", settleWithStatus);
        },
      );
    } catch {
      // Node refuses header values with control characters, e.g. a pasted key ending in a line break.
      settle({ kind: "invalid-request" });
      return;
    }
    const sent = clientRequest;
    clientRequest.on("error", (error: NodeJS.ErrnoException) => {
      if (mayRetry && sent.reusedSocket && status === undefined && STALE_CONNECTION_CODES.has(error.code ?? "")) return settle(sendOnce(request, false));
      const blocked = findBlockedTarget(error);
      if (blocked) settle({ kind: "blocked", error: blocked });
      else if (status === undefined) settle({ kind: "network-error", code: error.code });
      else settleWithStatus();
    });
    clientRequest.end();
  });
}

function buildVerificationRequest(target: VerificationTarget, method: HttpMethod, options: VerifierOptions): VerificationRequest {
  const check = method.verify?.http;
  if (!check) throw new VerificationSetupError("the auth method has no verify.http request");
  const context = { fields: method.fields, values: target.values, serverUrl: options.serverUrl };
  const url = joinUrl(parseBaseUrl(resolveBaseUrl(target.descriptor, target.values, options)), renderTemplate(check.path, context));
  const headers: Record<string, string> = { "user-agent": USER_AGENT, accept: "*/*" };
  for (const [name, value] of Object.entries(check.headers ?? {})) headers[name.toLowerCase()] = renderTemplate(value, context);
  if (check.method !== "GET" && check.method !== "HEAD") headers["content-length"] = "0";
  applyCredential(method, target, url, headers);
  return {
    url,
    method: check.method,
    headers,
    timeoutMs: options.timeoutMs,
    lookup: options.networkPolicy.lookup,
    readBody: check.expectJson !== undefined,
  };
}

function applyCredential(method: HttpMethod, target: VerificationTarget, url: URL, headers: Record<string, string>): void {
  const valueOf = (name: string) => {
    const value = target.values[name];
    if (value === undefined || value === "") throw new VerificationSetupError(`the credential has no value for "${name}"`);
    return String(value);
  };
  if (method.type === "BASIC") {
    headers.authorization = `Basic ${encodeBasicCredentials(valueOf("username"), valueOf("password"))}`;
    return;
  }
  if (method.type === "OAUTH2") {
    if (!target.accessToken) throw new VerificationSetupError("the credential has no access token");
    headers.authorization = `Bearer ${target.accessToken}`;
    return;
  }
  // A CUSTOM method's verify.http is sent as it is (its headers may use non-secret fields).
  if (method.type === "CUSTOM") return;
  const keyField = method.fields.find((field) => field.secret);
  if (!keyField) throw new VerificationSetupError("the API_KEY method has no secret field");
  const applied = `${method.apply.prefix ?? ""}${valueOf(keyField.name)}`;
  if (method.apply.in === "header") headers[method.apply.name.toLowerCase()] = applied;
  else url.searchParams.set(method.apply.name, applied);
}

function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new VerificationSetupError("the base URL is not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new VerificationSetupError("the base URL must use http or https");
  if (url.username || url.password) throw new VerificationSetupError("the base URL must not contain a user name or password");
  return url;
}

// Joining by text keeps the base path; the origin check stops a path value such as "@evil.example" from changing the host.
function joinUrl(base: URL, path: string): URL {
  const relative = path.startsWith("/") ? path : `/${path}`;
  const url = new URL(`${base.origin}${base.pathname.replace(/\/+$/, "")}${relative}`);
  if (url.origin !== base.origin) throw new VerificationSetupError("the verification path must stay on the base URL's host");
  return url;
}

function describeResponse(target: VerificationTarget, request: VerificationRequest, response: VerificationResponse): VerificationOutcome {
  const name = target.descriptor.name;
  switch (response.kind) {
    case "blocked":
      return describeBlockedTarget(name, response.error);
    case "timeout":
      return describeTimeout(name, request.timeoutMs);
    case "network-error":
      return {
        ok: false,
        code: "UNREACHABLE",
        status: "UNREACHABLE",
        message: `${name} could not be reached at ${request.url.host}: ${describeNetworkError(response.code)}.`,
      };
    case "invalid-request":
      return {
        ok: false,
        code: "UNEXPECTED_RESPONSE",
        status: "INVALID",
        message: `${name} could not be called: a value contains characters HTTP does not allow, such as a line break.`,
      };
    case "response":
      return describeStatus(target, request, response);
  }
}

function describeStatus(
  target: VerificationTarget,
  request: VerificationRequest,
  { status, body }: { status: number; body?: Buffer },
): VerificationOutcome {
  const { descriptor, method } = target;
  const check = "verify" in method ? method.verify?.http : undefined;
  const okStatus = check?.okStatus;
  const answered = `${descriptor.name} answered ${`${status} ${http.STATUS_CODES[status] ?? ""}`.trim()}`;
  const wording = describeCredential(target);
  if (okStatus ? okStatus.includes(status) : status >= 200 && status < 300) {
    const mismatch = check?.expectJson && body ? checkJsonExpectation(check.expectJson, body) : undefined;
    if (mismatch === "not-json") {
      return {
        ok: false,
        code: "UNEXPECTED_RESPONSE",
        status: "INVALID",
        message: `${answered}, but not with the JSON body verification expects: check the base URL and the verification path.`,
      };
    }
    if (mismatch) {
      return { ok: false, code: "UNAUTHORIZED", status: "INVALID", message: `${answered} with ${mismatch}: ${wording.rejected}.` };
    }
    return { ok: true, code: "OK", status: "VALID", message: `${descriptor.name} accepted ${wording.accepted}.` };
  }
  if (status === 401) return { ok: false, code: "UNAUTHORIZED", status: "INVALID", message: `${answered}: ${wording.rejected}.` };
  if (status === 403) {
    const action = `${request.method} ${request.url.pathname}`;
    return { ok: false, code: "FORBIDDEN", status: "INVALID", message: `${answered}: ${wording.subject} is not allowed to ${action}.` };
  }
  if (status >= 300 && status < 400) {
    return {
      ok: false,
      code: "UNEXPECTED_RESPONSE",
      status: "INVALID",
      message: `${answered}, a redirect, which verification does not follow: check the base URL.`,
    };
  }
  if (status >= 500) {
    return {
      ok: false,
      code: "UNEXPECTED_RESPONSE",
      status: "UNREACHABLE",
      message: `${answered}: the service failed, so the credential could not be checked.`,
    };
  }
  return {
    ok: false,
    code: "UNEXPECTED_RESPONSE",
    status: "INVALID",
    message: `${answered}, which verification does not expect: check the base URL and the verification path.`,
  };
}

/** Undefined when the body holds the expected value; else "not-json", or what it holds instead. */
function checkJsonExpectation(expectation: JsonExpectation, body: Buffer): string | "not-json" | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    return "not-json";
  }
  for (const key of expectation.path.split(".")) {
    value = value !== null && typeof value === "object" && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  }
  if (value === expectation.equals) return undefined;
  const shown = typeof value === "boolean" || typeof value === "number" || value === null ? JSON.stringify(value) : undefined;
  return shown === undefined
    ? `"${expectation.path}" not ${JSON.stringify(expectation.equals)}`
    : `"${expectation.path}": ${shown} instead of ${JSON.stringify(expectation.equals)}`;
}

export function describeBlockedTarget(name: string, error: BlockedTargetError): VerificationOutcome {
  return {
    ok: false,
    code: "BLOCKED_TARGET",
    status: "UNREACHABLE",
    message: `${name} was not contacted: ${error.message}.`,
  };
}

/** A target that did not answer within the verification's time limit. */
export function describeTimeout(name: string, timeoutMs: number): VerificationOutcome {
  return { ok: false, code: "TIMEOUT", status: "UNREACHABLE", message: `${name} did not answer within ${formatDuration(timeoutMs)}.` };
}

function describeCredential({ method }: VerificationTarget): { accepted: string; rejected: string; subject: string } {
  if (method.type === "BASIC") {
    return { accepted: "the username and password", rejected: "the username or password was rejected", subject: "the account" };
  }
  if (method.type === "OAUTH2") {
    return { accepted: "the access token", rejected: "the access token was rejected", subject: "the access token" };
  }
  const key = `the ${lowerFirst(method.fields.find((field) => field.secret)?.label ?? "key")}`;
  return { accepted: key, rejected: `${key} was rejected`, subject: key };
}

export function describeNetworkError(code: string | undefined): string {
  if (!code || !/^[A-Z0-9_]{1,64}$/.test(code)) return "a network error occurred";
  const reason = NETWORK_REASONS[code];
  if (reason) return reason;
  if (/CERT|TLS|SSL|EPROTO/.test(code)) return `the TLS handshake failed (${code})`;
  return `a network error occurred (${code})`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

// Keeps acronyms such as "API key" intact while lowering "Personal access token".
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
