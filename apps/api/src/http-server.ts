import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { HeaderMap, type ApolloServer } from "@apollo/server";
import { OAUTH2_CALLBACK_PATH, type OAuth2CallbackResult } from "@latchkey/core";
import { classifyDatabaseError } from "@latchkey/db";
import { Lexer, Source, TokenKind } from "graphql";
import { BENCH_PREFIX, handleBench, type BenchDeps } from "./bench-endpoint";
import type { RequestContext } from "./context";
import { databaseFaultError, describeForLog, serviceUnavailableError } from "./graphql-errors";
import { DEMO_PETSTORE_PREFIX, handleDemoPetstore } from "./demo-petstore";
import { HttpError, readBody } from "./http-body";
import { requestScope, type Logger } from "./logger";
import { setSecurityHeaders } from "./security-headers";

export { MAX_BODY_BYTES } from "./http-body";

export interface HttpServerDeps {
  apollo: ApolloServer<RequestContext>;
  createContext: (req: IncomingMessage, requestId: string) => Promise<RequestContext>;
  /** Undefined when the API can serve (database, migrations, keys); else the reason, one line. */
  checkReady: () => Promise<string | undefined>;
  /** True once shutdown began: requests still arriving on open connections get SERVICE_UNAVAILABLE. */
  draining: () => boolean;
  logger: Logger;
  /** The web app's URL: the OAuth2 callback ends there, at /oauth2/complete. */
  webUrl: string;
  completeOAuth2Authorization: (params: URLSearchParams) => Promise<OAuth2CallbackResult>;
  /** Bench mode only: the plain JSON baseline endpoint and statement counts. */
  bench?: BenchDeps;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers }).end(JSON.stringify(body));
}

function sendGraphQLError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}, extensions: Record<string, unknown> = {}): void {
  sendJson(res, status, { errors: [{ message, extensions: { code, ...extensions } }] }, headers);
}

/** An incoming X-Request-Id is kept when it is a plain token (a UUID, a trace id); anything else is replaced. */
function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers["x-request-id"];
  return typeof incoming === "string" && /^[\w.:+/=-]{1,128}$/.test(incoming) ? incoming : randomUUID();
}

async function parseBody(req: IncomingMessage): Promise<unknown> {
  if (req.method !== "POST") return undefined;
  const text = await readBody(req);
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json" && type !== "application/graphql-response+json") return text;
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "BAD_REQUEST", "The request body is not valid JSON.");
  }
}

/**
 * PostgreSQL cannot store U+0000 in text or JSON, so a request carrying it anywhere (a variable, a
 * key, a string literal of the query) is refused here, with a coded error, instead of failing
 * deep inside a database call. The walk is iterative: the body may be nested arbitrarily deep.
 */
function assertNoNulCharacter(request: unknown): void {
  const query = typeof request === "object" && request !== null ? (request as { query?: unknown }).query : undefined;
  if (containsNul(request) || (typeof query === "string" && query.includes("\\u") && queryHasNulString(query))) {
    throw new HttpError(400, "BAD_USER_INPUT", "The request contains the character U+0000 (NUL), which no value may contain.");
  }
}

function containsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === "string") {
      if (item.includes("\0")) return true;
    } else if (typeof item === "object" && item !== null) {
      for (const [key, child] of Object.entries(item)) {
        if (key.includes("\0")) return true;
        stack.push(child);
      }
    }
  }
  return false;
}

/**
 * Whether a string literal of the query decodes to text with U+0000. A raw NUL is already caught
 * by containsNul, so only queries with a `\u` escape are lexed (once more than Apollo does).
 */
function queryHasNulString(query: string): boolean {
  try {
    const lexer = new Lexer(new Source(query));
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if ((token.kind === TokenKind.STRING || token.kind === TokenKind.BLOCK_STRING) && token.value.includes("\0")) return true;
    }
  } catch {
    // A syntax error: Apollo reports it.
  }
  return false;
}

/** The GET form of a request, with its JSON parameters decoded where they are JSON. */
function searchRequest(search: string): Record<string, unknown> {
  const params: Record<string, unknown> = Object.fromEntries(new URLSearchParams(search));
  for (const name of ["variables", "extensions"]) {
    try {
      if (params[name] !== undefined) params[name] = JSON.parse(params[name] as string);
    } catch {
      // Not JSON: Apollo reports it.
    }
  }
  return params;
}

function toHeaderMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

async function handleGraphQL(req: IncomingMessage, res: ServerResponse, deps: HttpServerDeps, search: string, requestId: string) {
  const body = await parseBody(req);
  assertNoNulCharacter(body);
  assertNoNulCharacter(searchRequest(search));
  let context: RequestContext | undefined;
  const response = await deps.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? "GET", headers: toHeaderMap(req), search, body },
    context: async () => {
      try {
        return (context = await deps.createContext(req, requestId));
      } catch (error) {
        // Reading the session or token needs the database: without it the answer is 503, retryable.
        throw serviceUnavailableError(error, requestId) ?? error;
      }
    },
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  if (context?.responseCookies.length) res.setHeader("set-cookie", context.responseCookies);
  // Answers depend on the caller's session or token.
  res.setHeader("cache-control", "no-store");
  res.statusCode = response.status ?? 200;
  if (response.body.kind === "complete") {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/**
 * Where an OAuth2 provider sends the browser back. The state names the pending authorization (and
 * so the workspace); the browser then goes on to the web app with the new credential's id or with
 * the failure's code and a readable message. The query (code, state) is never logged.
 */
async function handleOAuth2Callback(req: IncomingMessage, res: ServerResponse, deps: HttpServerDeps, url: URL): Promise<void> {
  if (req.method !== "GET") return sendJson(res, 405, { error: "Method not allowed" }, { allow: "GET" });
  let result: OAuth2CallbackResult;
  try {
    result = await deps.completeOAuth2Authorization(url.searchParams);
  } catch (error) {
    // The browser still goes back to the web app, which can say so; the details stay in the log.
    if (classifyDatabaseError(error)) {
      // Logged once per outage (app.ts).
      result = { ok: false, code: "INTERNAL_ERROR", message: "The connection could not be completed: the service is temporarily unavailable. Start again shortly." };
    } else {
      deps.logger.error("OAuth2 callback failed", describeForLog(error));
      result = { ok: false, code: "INTERNAL_ERROR", message: "The connection could not be completed because of an internal error." };
    }
  }
  const target = new URL(`${deps.webUrl}/oauth2/complete`);
  if (result.ok) {
    target.searchParams.set("credential", result.credentialId);
  } else {
    deps.logger.info("OAuth2 authorization failed", { code: result.code });
    target.searchParams.set("error", result.code);
    target.searchParams.set("message", result.message);
  }
  res.writeHead(303, { location: target.toString(), "cache-control": "no-store", "referrer-policy": "no-referrer" }).end();
}

/**
 * The API's HTTP surface: /graphql, the probes /healthz (the process is alive) and /readyz (it can
 * serve), the OAuth2 callback and the demo Petstore; everything else is 404. Every request has an
 * id (X-Request-Id, echoed), carried by its log lines.
 */
export function createHttpServer(deps: HttpServerDeps): Server {
  return createServer((req, res) => {
    setSecurityHeaders(res);
    const requestId = requestIdOf(req);
    res.setHeader("x-request-id", requestId);
    const started = performance.now();
    res.once("finish", () =>
      deps.logger.debug("Request", { method: req.method, path: req.url?.split("?")[0], status: res.statusCode, ms: Math.round(performance.now() - started), requestId }),
    );
    requestScope.run({ requestId }, () => handleRequest(req, res, deps, requestId));
  });
}

function handleRequest(req: IncomingMessage, res: ServerResponse, deps: HttpServerDeps, requestId: string): void {
  const url = new URL(req.url ?? "/", "http://localhost");
  const handle = async () => {
    if (url.pathname === "/healthz") return sendJson(res, 200, { status: "ok" });
    if (url.pathname === "/readyz") {
      const reason = deps.draining() ? "shutting down" : await deps.checkReady();
      return sendJson(res, reason ? 503 : 200, reason ? { status: "unavailable", reason } : { status: "ok" });
    }
    if (deps.draining()) {
      // Shutdown: the connection closes after this answer; the client retries elsewhere.
      return sendGraphQLError(res, 503, "SERVICE_UNAVAILABLE", "The service is shutting down. Try again.", { connection: "close", "retry-after": "1" }, { retryAfterSeconds: 1, requestId });
    }
    if (url.pathname === "/graphql") return handleGraphQL(req, res, deps, url.search, requestId);
    if (url.pathname === OAUTH2_CALLBACK_PATH) return handleOAuth2Callback(req, res, deps, url);
    if (url.pathname.startsWith(`${DEMO_PETSTORE_PREFIX}/`)) return handleDemoPetstore(req, res, url.pathname);
    if (deps.bench && url.pathname.startsWith(`${BENCH_PREFIX}/`)) return handleBench(req, res, url, deps.bench);
    sendJson(res, 404, { error: "Not found" });
  };
  handle().catch((error: unknown) => {
    if (res.headersSent) return void res.destroy();
    if (error instanceof HttpError) {
      // A body cut short (413) leaves unread bytes on the connection: it must not be reused.
      const headers: Record<string, string> = req.complete ? {} : { connection: "close" };
      return sendGraphQLError(res, error.status, error.code, error.message, headers, { requestId });
    }
    const unavailable = databaseFaultError(error, requestId);
    if (unavailable) {
      return sendGraphQLError(res, 503, "SERVICE_UNAVAILABLE", unavailable.message, { "retry-after": String(unavailable.extensions.retryAfterSeconds) }, unavailable.extensions);
    }
    deps.logger.error("Unexpected error while handling a request", { path: url.pathname, ...describeForLog(error) });
    sendGraphQLError(res, 500, "INTERNAL_SERVER_ERROR", "Internal server error: the request could not be completed.", {}, { requestId });
  });
}
