import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { OAuth2Server, type MutableResponse, type MutableRedirectUri } from "oauth2-mock-server";
import { startFakeApp, type FakeApp } from "../harness";

// Letters and digits only: the mock server does not form-decode Basic credentials (RFC 6749 2.3.1) before using them as the ID token audience.
export const CLIENT_ID = "latchkeyTestClient1";
export const CLIENT_SECRET = "cs_test_9f3b2a7c4e1d8f6a0b5c";

export interface TokenRequestRecord {
  grantType: string;
  /** How the client authenticated: an Authorization: Basic header, or client_secret in the body. */
  clientAuth: "basic" | "body" | "none";
  clientSecret: string | undefined;
  body: Record<string, string>;
  /** What the mock server answered (after `nextTokenResponse` changed it). */
  status: number;
  answer: Record<string, unknown>;
}

/**
 * A real OAuth2 provider (oauth2-mock-server on a free port) plus a real API its tokens are
 * checked against (`/me`, which accepts any bearer token it was not told to reject). Every token
 * request and every authorization request is recorded.
 */
export class TestProvider {
  readonly tokenRequests: TokenRequestRecord[] = [];
  readonly codeChallenges: { challenge: string; method: string; redirectUri: string }[] = [];
  /** Changes the answer to the next token requests, one function per request. */
  readonly nextTokenResponses: ((response: MutableResponse, record: TokenRequestRecord) => void)[] = [];
  /** Every token the provider handed out, for leak checks. */
  readonly issued: string[] = [];
  private constructor(
    readonly server: OAuth2Server,
    readonly api: FakeApp,
    /** Access tokens `/me` answers 401 to. */
    readonly rejectedTokens: Set<string>,
  ) {}

  static async start(): Promise<TestProvider> {
    const server = new OAuth2Server();
    await server.issuer.keys.generate("RS256");
    await server.start(0, "127.0.0.1");
    const rejectedTokens = new Set<string>();
    const api = await startFakeApp((req: IncomingMessage, res: ServerResponse) => {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      const ok = new URL(req.url ?? "/", "http://x").pathname === "/me" && token && !rejectedTokens.has(token);
      res.writeHead(ok ? 200 : 401, { "content-type": "application/json" }).end(ok ? '{"id":1}' : '{"message":"Bad credentials"}');
    });
    const provider = new TestProvider(server, api, rejectedTokens);
    server.service.on("beforeResponse", (response: MutableResponse, req: IncomingMessage & { body: Record<string, string> }) =>
      provider.onTokenRequest(response, req),
    );
    server.service.on("beforeAuthorizeRedirect", (_redirect: MutableRedirectUri, req: IncomingMessage & { query: Record<string, string> }) => {
      provider.codeChallenges.push({
        challenge: req.query.code_challenge ?? "",
        method: req.query.code_challenge_method ?? "",
        redirectUri: req.query.redirect_uri ?? "",
      });
    });
    return provider;
  }

  get issuerUrl(): string {
    return this.server.issuer.url!;
  }

  tokenRequestsOf(grantType: string): TokenRequestRecord[] {
    return this.tokenRequests.filter((r) => r.grantType === grantType);
  }

  /** A component whose OAuth2 method talks to this provider; `verify.http` goes to `/me` unless `verify` is false. */
  descriptor(key: string, oauth2: { grantTypes: string[]; clientAuth?: "basic" | "body"; pkce?: boolean }, options: { verify?: boolean } = {}) {
    return {
      key,
      name: `Mock ${key}`,
      baseUrl: this.api.url,
      authMethods: [
        {
          type: "OAUTH2",
          label: "OAuth app",
          fields: [
            { name: "clientId", label: "Client ID", type: "STRING", required: true },
            { name: "clientSecret", label: "Client secret", type: "PASSWORD", secret: true, required: true },
            { name: "scope", label: "Scopes", type: "STRING" },
          ],
          oauth2: {
            authorizationUrl: `${this.issuerUrl}/authorize`,
            tokenUrl: `${this.issuerUrl}/token`,
            scopes: ["read"],
            ...oauth2,
          },
          ...(options.verify === false ? {} : { verify: { http: { method: "GET", path: "/me" } } }),
        },
      ],
    };
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.api.close();
  }

  private onTokenRequest(response: MutableResponse, req: IncomingMessage & { body: Record<string, string> }): void {
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const fromHeader = basic ? Buffer.from(basic, "base64").toString("utf8").split(":").map(decodeURIComponent) : undefined;
    const record: TokenRequestRecord = {
      grantType: req.body.grant_type ?? "",
      clientAuth: fromHeader ? "basic" : req.body.client_secret !== undefined ? "body" : "none",
      clientSecret: fromHeader?.[1] ?? req.body.client_secret,
      body: { ...req.body },
      status: 0,
      answer: {},
    };
    if (record.clientSecret !== CLIENT_SECRET || (fromHeader?.[0] ?? req.body.client_id) !== CLIENT_ID) {
      response.statusCode = 401;
      response.body = { error: "invalid_client" };
    }
    this.nextTokenResponses.shift()?.(response, record);
    record.status = response.statusCode;
    record.answer = response.body as Record<string, unknown>;
    for (const name of ["access_token", "refresh_token"]) {
      const value = (response.body as Record<string, unknown>)[name];
      if (typeof value === "string") this.issued.push(value);
    }
    this.tokenRequests.push(record);
  }
}

export function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}
