/**
 * The OAuth2 protocol steps Latchkey takes, all through oauth4webapi: the authorization request
 * (PKCE S256 + state), the authorization response check, the code exchange, the client
 * credentials grant and the refresh grant. Requests follow no redirects and are bounded by the
 * verifier timeout; failures come back as values, never as thrown errors.
 */
import * as oauth from "oauth4webapi";
import type { AuthMethodOfType } from "../components/descriptor-schema";
import type { CredentialValues } from "../types";
import { findBlockedTarget, type BlockedTargetError } from "../network/network-policy";
import { describeBlockedTarget, describeNetworkError, formatDuration } from "../verification/http-verifier";
import type { VerificationOutcome, VerifierOptions } from "../verification/verifier";

export type OAuth2Method = AuthMethodOfType<"OAUTH2">;
export type OAuth2Grant = "authorization_code" | "client_credentials";

/** What a token endpoint handed out. `expiresAt` is null when the provider did not say. */
export interface OAuth2Tokens {
  accessToken: string;
  refreshToken?: string;
  expiresAt: Date | null;
}

/** Why no token was obtained. Provider error codes are checked to be plain tokens before they are kept. */
export type TokenFailure =
  | { kind: "provider-error"; error: string; status: number }
  | { kind: "http-status"; status: number }
  | { kind: "invalid-response" }
  | { kind: "timeout" }
  | { kind: "network-error"; code: string | undefined }
  | { kind: "blocked"; error: BlockedTargetError }
  | { kind: "no-refresh-token" };

export type TokenResult = { ok: true; tokens: OAuth2Tokens } | { ok: false; failure: TokenFailure };

type TokenOptions = Pick<VerifierOptions, "timeoutMs" | "networkPolicy">;

/** The authorization URL the browser is sent to, with PKCE (S256, unless the descriptor turns it off) and state. */
export async function buildAuthorizationUrl(
  method: OAuth2Method,
  values: CredentialValues,
  request: { state: string; codeVerifier: string; redirectUri: string },
): Promise<URL> {
  const endpoint = method.oauth2.authorizationUrl;
  if (!endpoint) throw new Error("The auth method has no authorizationUrl.");
  const url = new URL(endpoint);
  url.searchParams.set("response_type", "code");
  for (const [name, value] of Object.entries(method.oauth2.authorizationParams ?? {})) url.searchParams.set(name, value);
  url.searchParams.set("client_id", client(method, values).client_id);
  url.searchParams.set("redirect_uri", request.redirectUri);
  const scope = scopeOf(method, values);
  if (scope) url.searchParams.set("scope", scope);
  url.searchParams.set("state", request.state);
  if (method.oauth2.pkce) {
    url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(request.codeVerifier));
    url.searchParams.set("code_challenge_method", "S256");
  }
  return url;
}

export function newAuthorizationSecrets(): { state: string; codeVerifier: string } {
  return { state: oauth.generateRandomState(), codeVerifier: oauth.generateRandomCodeVerifier() };
}

/**
 * Checks the provider's redirect to the callback (RFC 6749 4.1.2 and RFC 9207): the state must be
 * the expected one, and an `error=` answer becomes the provider's error code.
 */
export function checkAuthorizationResponse(
  method: OAuth2Method,
  values: CredentialValues,
  params: URLSearchParams,
  expectedState: string,
): { ok: true; params: URLSearchParams } | { ok: false; error: string } {
  try {
    return { ok: true, params: oauth.validateAuthResponse(server(method), client(method, values), params, expectedState) };
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) return { ok: false, error: safeErrorCode(error.error) };
    return { ok: false, error: "invalid_response" };
  }
}

export function exchangeAuthorizationCode(
  method: OAuth2Method,
  values: CredentialValues,
  callback: { params: URLSearchParams; redirectUri: string; codeVerifier: string },
  options: TokenOptions,
): Promise<TokenResult> {
  const as = server(method);
  const verifier = method.oauth2.pkce ? callback.codeVerifier : oauth.nopkce;
  return tokenRequest(
    () =>
      oauth.authorizationCodeGrantRequest(as, client(method, values), clientAuth(method, values), callback.params, callback.redirectUri, verifier, {
        ...httpOptions(method, options),
      }),
    (response) => oauth.processAuthorizationCodeResponse(as, client(method, values), response),
  );
}

export function requestClientCredentialsToken(method: OAuth2Method, values: CredentialValues, options: TokenOptions): Promise<TokenResult> {
  const as = server(method);
  const scope = scopeOf(method, values);
  return tokenRequest(
    () =>
      oauth.clientCredentialsGrantRequest(as, client(method, values), clientAuth(method, values), scope ? { scope } : {}, {
        ...httpOptions(method, options),
      }),
    (response) => oauth.processClientCredentialsResponse(as, client(method, values), response),
  );
}

export function refreshAccessToken(
  method: OAuth2Method,
  values: CredentialValues,
  refreshToken: string,
  options: TokenOptions,
): Promise<TokenResult> {
  const as = server(method);
  return tokenRequest(
    () => oauth.refreshTokenGrantRequest(as, client(method, values), clientAuth(method, values), refreshToken, httpOptions(method, options)),
    (response) => oauth.processRefreshTokenResponse(as, client(method, values), response),
  );
}

/** Whether the failure says the grant or the client is refused for good (so trying again is pointless). */
export function isPermanentFailure(failure: TokenFailure): boolean {
  switch (failure.kind) {
    case "provider-error":
      return failure.status < 500 && failure.error !== "temporarily_unavailable" && failure.error !== "server_error";
    case "http-status":
      return failure.status === 400 || failure.status === 401;
    case "no-refresh-token":
      return true;
    default:
      return false;
  }
}

/** A readable outcome for a failed token request; `step` says which grant was asked for. */
export function describeTokenFailure(
  name: string,
  failure: TokenFailure,
  step: "client_credentials" | "refresh" | "authorization_code",
  timeoutMs: number,
): VerificationOutcome {
  const request = step === "refresh" ? "the token refresh" : step === "authorization_code" ? "the code exchange" : "the token request";
  switch (failure.kind) {
    case "provider-error":
      if (!isPermanentFailure(failure)) {
        return { ok: false, code: "UNEXPECTED_RESPONSE", status: "UNREACHABLE", message: `${name} failed ${request} (${failure.error}); try again later.` };
      }
      if (step === "refresh" && failure.error === "invalid_grant") {
        return {
          ok: false,
          code: "TOKEN_EXPIRED",
          status: "EXPIRED",
          message: `${name} refused to refresh the access token (invalid_grant): connect the account again.`,
        };
      }
      return { ok: false, code: "UNAUTHORIZED", status: "INVALID", message: `${name} refused ${request}: ${failure.error}.` };
    case "no-refresh-token":
      return {
        ok: false,
        code: "TOKEN_EXPIRED",
        status: "EXPIRED",
        message: `The access token for ${name} expired and there is no refresh token: connect the account again.`,
      };
    case "http-status":
      if (failure.status === 401) {
        return { ok: false, code: "UNAUTHORIZED", status: "INVALID", message: `${name} answered ${request} with 401 Unauthorized: the client credentials were rejected.` };
      }
      if (failure.status >= 500) {
        return { ok: false, code: "UNEXPECTED_RESPONSE", status: "UNREACHABLE", message: `${name} answered ${request} with ${failure.status}: the service failed.` };
      }
      if (failure.status >= 300 && failure.status < 400) {
        return {
          ok: false,
          code: "UNEXPECTED_RESPONSE",
          status: "INVALID",
          message: `${name} answered ${request} with a redirect (${failure.status}), which is not followed: check the token URL.`,
        };
      }
      return { ok: false, code: "UNEXPECTED_RESPONSE", status: "INVALID", message: `${name} answered ${request} with ${failure.status}, which is not a token response.` };
    case "invalid-response":
      return { ok: false, code: "UNEXPECTED_RESPONSE", status: "INVALID", message: `${name} answered ${request} with something that is not a valid token response.` };
    case "timeout":
      return { ok: false, code: "TIMEOUT", status: "UNREACHABLE", message: `${name} did not answer ${request} within ${formatDuration(timeoutMs)}.` };
    case "blocked":
      return describeBlockedTarget(name, failure.error);
    case "network-error":
      return { ok: false, code: "UNREACHABLE", status: "UNREACHABLE", message: `${name} could not be reached for ${request}: ${describeNetworkError(failure.code)}.` };
  }
}

/** The space-separated scope: the credential's own, else the descriptor's default scopes. */
function scopeOf(method: OAuth2Method, values: CredentialValues): string | undefined {
  const own = typeof values.scope === "string" ? values.scope.trim() : "";
  return own || method.oauth2.scopes?.join(" ") || undefined;
}

function server(method: OAuth2Method): oauth.AuthorizationServer {
  return {
    // No discovery: the descriptor names the endpoints. An ID token, if one comes, must be from the token URL's origin.
    issuer: new URL(method.oauth2.tokenUrl).origin,
    token_endpoint: method.oauth2.tokenUrl,
    ...(method.oauth2.authorizationUrl ? { authorization_endpoint: method.oauth2.authorizationUrl } : {}),
  };
}

// The client id and secret: the descriptor's (filled from component settings by renderOAuth2Method), else the credential's fields.
function client(method: OAuth2Method, values: CredentialValues): oauth.Client {
  return { client_id: String(method.oauth2.clientId ?? values.clientId ?? "") };
}

function clientAuth(method: OAuth2Method, values: CredentialValues): oauth.ClientAuth {
  const secret = String(method.oauth2.clientSecret ?? values.clientSecret ?? "");
  return method.oauth2.clientAuth === "body" ? oauth.ClientSecretPost(secret) : oauth.ClientSecretBasic(secret);
}

function httpOptions(method: OAuth2Method, options: TokenOptions) {
  // The network policy's fetch: every address checked before connecting, redirects never followed.
  const send = options.networkPolicy.fetch;
  return {
    signal: AbortSignal.timeout(options.timeoutMs),
    // oauth4webapi always asks for redirect: "manual"; a redirect answer is then a failed request.
    [oauth.customFetch]: async (url: string, init: oauth.CustomFetchOptions<string, unknown>) =>
      withoutIdToken(await send(url, init as RequestInit)),
    // The descriptor schema allows http:// token URLs (local and test providers); the descriptor decides.
    [oauth.allowInsecureRequests]: new URL(method.oauth2.tokenUrl).protocol === "http:",
  };
}

/**
 * Latchkey is an OAuth2 client, not an OpenID Connect relying party: it never uses identity
 * claims, so an ID token in a token response is dropped unread. Otherwise its quirks (an issuer
 * spelled differently from the token URL's origin, an audience left form-encoded) would fail a
 * grant whose access token is fine.
 */
async function withoutIdToken(response: Response): Promise<Response> {
  if (response.status !== 200 || !/json/i.test(response.headers.get("content-type") ?? "")) return response;
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (typeof body === "object" && body !== null && "id_token" in body) {
    delete (body as Record<string, unknown>).id_token;
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  }
  return new Response(text, { status: 200, headers: response.headers });
}

async function tokenRequest(
  send: () => Promise<Response>,
  process: (response: Response) => Promise<oauth.TokenEndpointResponse>,
): Promise<TokenResult> {
  let response: Response;
  try {
    response = await send();
  } catch (error) {
    return { ok: false, failure: requestFailure(error) };
  }
  try {
    const body = await process(response);
    return {
      ok: true,
      tokens: {
        accessToken: body.access_token,
        ...(body.refresh_token ? { refreshToken: body.refresh_token } : {}),
        expiresAt: typeof body.expires_in === "number" ? new Date(Date.now() + body.expires_in * 1000) : null,
      },
    };
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError) {
      return { ok: false, failure: { kind: "provider-error", error: safeErrorCode(error.error), status: error.status } };
    }
    if (error instanceof oauth.WWWAuthenticateChallengeError) return { ok: false, failure: { kind: "http-status", status: error.status } };
    if (error instanceof oauth.OperationProcessingError && error.code === oauth.RESPONSE_IS_NOT_CONFORM && error.cause instanceof Response) {
      return { ok: false, failure: { kind: "http-status", status: error.cause.status } };
    }
    if (isAbort(error)) return { ok: false, failure: { kind: "timeout" } };
    return { ok: false, failure: { kind: "invalid-response" } };
  }
}

function requestFailure(error: unknown): TokenFailure {
  if (isAbort(error)) return { kind: "timeout" };
  const blocked = findBlockedTarget(error);
  if (blocked) return { kind: "blocked", error: blocked };
  // Duck-typed: fetch's errors may come from another realm (e.g. under a test runner's VM).
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  const found = typeof code === "string" ? code : cause?.code;
  return { kind: "network-error", code: typeof found === "string" ? found : undefined };
}

function isAbort(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === "TimeoutError" || name === "AbortError";
}

/** OAuth error codes are short ASCII tokens; anything else is not repeated. */
function safeErrorCode(error: unknown): string {
  return typeof error === "string" && /^[A-Za-z0-9_.:-]{1,64}$/.test(error) ? error : "an unrecognized error";
}
