import type { IncomingMessage } from "node:http";
import { GraphQLError } from "graphql";
import { TOKEN_PREFIX, type AuditActor, type Principal, type Services } from "@latchkey/core";
import type { VerificationLimiter } from "./limits";
import { createLoaders, type Loaders } from "./loaders";

export const SESSION_COOKIE = "latchkey_session";
/** Request header naming the workspace a signed-in person acts in (else the session's current one). */
export const WORKSPACE_HEADER = "x-latchkey-workspace";

export interface RequestContext {
  /** The request's id (X-Request-Id): in its log lines, its errors' extensions and the response header. */
  requestId: string;
  /** Who is asking: a person (session) or an API token; null when no valid credential came. */
  viewer: Principal | null;
  /** Whether the request carried a session or token at all (valid or not). */
  presentedCredential: boolean;
  /** The workspace named by the X-Latchkey-Workspace header, if any. */
  requestedWorkspaceId: string | undefined;
  /** The workspace the request acts in. The access rules ensure it exists before a resolver reads it. */
  readonly workspaceId: string;
  services: Services;
  readonly loaders: Loaders;
  /** The author of the audit events this request records. */
  auditActor: AuditActor;
  /** The caller's address (behind a trusted proxy, from X-Forwarded-For). */
  remoteAddress: string | null;
  /** Whether the browser reached us over https (the session cookie is then Secure). */
  secure: boolean;
  /** Set-Cookie values for the response (sign-in, sign-out). */
  responseCookies: string[];
  /** Called once setup created the first workspace (seeds the demo data). */
  onWorkspaceSetUp(workspaceId: string): Promise<void>;
  /**
   * Takes one of the workspace's verifications; throws RATE_LIMITED. The access-rules wrapper calls
   * it before a mutation whose rule has `verifies: true` (anything that makes an outgoing request).
   */
  takeVerification(): Promise<void>;
}

export interface ContextOptions {
  services: Services;
  /** Peers whose X-Forwarded-For / X-Forwarded-Proto are believed (e.g. the web app on loopback). */
  trustedProxies: ReadonlySet<string>;
  /** Per-workspace budget of verifications. */
  limiter: VerificationLimiter;
  onWorkspaceSetUp(workspaceId: string): Promise<void>;
}

export async function createRequestContext(req: IncomingMessage, options: ContextOptions, requestId: string): Promise<RequestContext> {
  const { services } = options;
  const peer = req.socket.remoteAddress ?? null;
  const trusted = peer !== null && options.trustedProxies.has(peer);
  const forwardedFor = trusted ? lastHeaderValue(req.headers["x-forwarded-for"]) : undefined;
  const remoteAddress = forwardedFor ?? peer;
  const secure = Boolean((req.socket as { encrypted?: boolean }).encrypted) || (trusted && lastHeaderValue(req.headers["x-forwarded-proto"]) === "https");

  const presented = presentedToken(req);
  const requestedWorkspaceId = headerValue(req.headers[WORKSPACE_HEADER]);
  let viewer: Principal | null = null;
  if (presented?.startsWith(TOKEN_PREFIX.apiToken)) viewer = await services.access.authenticateToken(presented);
  else if (presented?.startsWith(TOKEN_PREFIX.session)) viewer = await services.access.authenticateSession(presented, requestedWorkspaceId);

  const auditActor: AuditActor = !viewer
    ? { type: "anonymous", id: null, name: null, remoteAddress }
    : viewer.kind === "person"
      ? { type: "person", id: viewer.person.id, name: viewer.person.name, remoteAddress }
      : { type: "token", id: viewer.token.id, name: viewer.token.name, remoteAddress };

  return new WorkspaceContext({
    requestId,
    viewer,
    presentedCredential: presented !== undefined,
    requestedWorkspaceId,
    services,
    auditActor,
    remoteAddress,
    secure,
    responseCookies: [],
    onWorkspaceSetUp: options.onWorkspaceSetUp,
    limiter: options.limiter,
  });
}

type ContextFields = Omit<RequestContext, "workspaceId" | "loaders" | "takeVerification"> & { limiter: VerificationLimiter };

/**
 * The workspace and loaders are getters on the prototype (Apollo copies a context's own properties
 * per request; a getter there would run, and throw, at the copy).
 */
class WorkspaceContext implements RequestContext {
  requestId!: string;
  viewer!: Principal | null;
  presentedCredential!: boolean;
  requestedWorkspaceId!: string | undefined;
  services!: Services;
  auditActor!: AuditActor;
  remoteAddress!: string | null;
  secure!: boolean;
  responseCookies!: string[];
  onWorkspaceSetUp!: (workspaceId: string) => Promise<void>;
  private limiter!: VerificationLimiter;
  private cachedLoaders: Loaders | undefined = undefined;

  constructor(fields: ContextFields) {
    Object.assign(this, fields);
  }

  get workspaceId(): string {
    const id = this.viewer?.workspace?.id;
    if (!id) throw new GraphQLError("No workspace is selected.", { extensions: { code: "FORBIDDEN" } });
    return id;
  }

  get loaders(): Loaders {
    return (this.cachedLoaders ??= createLoaders(this.services, this.workspaceId));
  }

  takeVerification(): Promise<void> {
    return this.limiter.take(this.workspaceId);
  }
}

/** `Authorization: Bearer <token>` wins over the session cookie. */
function presentedToken(req: IncomingMessage): string | undefined {
  const authorization = req.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match ? match[1] : "";
  }
  return readCookie(req.headers.cookie, SESSION_COOKIE);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim() || undefined;
  }
  return undefined;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() || undefined;
}

/** The entry the trusted proxy appended (the one before it may be forged by the client). */
function lastHeaderValue(value: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(value) ? value.join(",") : value;
  return joined?.split(",").at(-1)?.trim() || undefined;
}

/** The session cookie: HttpOnly, SameSite=Lax, Secure over https; an empty value clears it. */
export function sessionCookie(token: string | null, options: { secure: boolean; maxAgeSeconds: number }): string {
  return [
    `${SESSION_COOKIE}=${token ?? ""}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${token ? options.maxAgeSeconds : 0}`,
    ...(options.secure ? ["Secure"] : []),
  ].join("; ");
}
