import { createHash, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { OAuth2Server, type MutableRedirectUri, type MutableResponse, type MutableToken } from "oauth2-mock-server";
import { RegisterComponentDocument } from "@latchkey/sdk";
import { beginOAuth2, expectNoSecretsIn, startFakeApp, type FakeApp, type TestApi } from "../harness";

// With a dash: the mock server puts the Basic user name into the ID token's audience still
// form-encoded ("latchkey%2Dtest%2Dclient"), a quirk that must not fail a grant.
export const CLIENT_ID = "latchkey-test-client";
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
 * A real OAuth2 provider (oauth2-mock-server on a free port, reached through a small forwarding
 * server that can hold token requests back, to widen races) plus a real API its tokens are
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
  /** How long each token request is held before the provider sees it. */
  tokenDelayMs = 0;
  private constructor(
    readonly server: OAuth2Server,
    readonly api: FakeApp,
    /** Access tokens `/me` answers 401 to. */
    readonly rejectedTokens: Set<string>,
    private readonly front: FakeApp,
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
    const mockUrl = server.issuer.url!;
    const held: { delayMs: () => number } = { delayMs: () => 0 };
    const front = await startFakeApp((req, res) => {
      const delay = req.method === "POST" && req.url === "/token" ? held.delayMs() : 0;
      setTimeout(() => void forward(req, res, `${mockUrl}${req.url ?? "/"}`), delay);
    });
    // Tokens name the address the clients use as their issuer.
    server.issuer.url = front.url;
    const provider = new TestProvider(server, api, rejectedTokens, front);
    held.delayMs = () => provider.tokenDelayMs;
    // Without a unique id, two tokens issued in the same second for the same request would be identical.
    server.service.on("beforeTokenSigning", (token: MutableToken) => {
      token.payload.jti = randomUUID();
    });
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
    await this.front.close();
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

/** Sends `req` (its method, headers and body) on to `targetUrl` and answers `res` with what came back (redirects not followed; 502 if nothing did). */
export async function forward(req: IncomingMessage, res: ServerResponse, targetUrl: string): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = Object.fromEntries(
    Object.entries(req.headers).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[0] !== "host"),
  );
  try {
    const answer = await fetch(targetUrl, {
      method: req.method,
      headers,
      body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
      redirect: "manual",
    });
    const passed = ["content-type", "location", "www-authenticate", "cache-control"].flatMap((name) => {
      const value = answer.headers.get(name);
      return value ? [[name, value] as [string, string]] : [];
    });
    res.writeHead(answer.status, Object.fromEntries(passed)).end(Buffer.from(await answer.arrayBuffer()));
  } catch {
    res.writeHead(502).end();
  }
}

export function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

/** An access token answer with this lifetime is inside the default 5-minute refresh margin. */
export const SHORT_LIVED = (response: MutableResponse) => {
  (response.body as Record<string, unknown>).expires_in = 60;
};

/** The browser's visit to the provider, which authorizes at once: where it sends the browser back to. */
export async function authorize(authorizationUrl: string): Promise<URL> {
  const response = await fetch(authorizationUrl, { redirect: "manual" });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location")!);
}

/** The provider's redirect reaching the API; answers the query of where the API sends the browser. */
export async function callback(api: TestApi, query: string, webUrl: string): Promise<URLSearchParams> {
  const response = await api.get(`/oauth2/callback${query}`);
  expect(response.status).toBe(303);
  const location = new URL(response.location!);
  expect(`${location.origin}${location.pathname}`).toBe(`${webUrl}/oauth2/complete`);
  return location.searchParams;
}

/** A whole authorization code flow for `componentKey`; `shape` changes the code exchange's answer. */
export async function connect(
  api: TestApi,
  provider: TestProvider,
  options: { componentKey: string; webUrl: string; shape?: (response: MutableResponse) => void },
): Promise<string> {
  const started = await beginOAuth2(api.client, {
    componentKey: options.componentKey,
    authType: "OAUTH2",
    values: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
  });
  const back = await authorize(started.authorizationUrl);
  if (options.shape) provider.nextTokenResponses.push(options.shape);
  const done = await callback(api, back.search, options.webUrl);
  const id = done.get("credential");
  if (!id) throw new Error(`The connection failed: ${done.get("error")} ${done.get("message")}`);
  return id;
}

/**
 * A provider for one test file: started before its tests with `components` registered in the API,
 * its records reset before each test, and at the end no client secret or token in anything the
 * API answered or logged.
 */
export function useProvider(api: () => TestApi, components: (provider: TestProvider) => Record<string, unknown>[]): () => TestProvider {
  let provider: TestProvider | undefined;
  beforeAll(async () => {
    provider = await TestProvider.start();
    for (const descriptor of components(provider)) {
      const { registerComponent } = await api().client.request(RegisterComponentDocument, { input: { descriptor } });
      expect(registerComponent.__typename).toBe("ComponentRegistered");
    }
  });
  afterAll(async () => {
    expectNoSecretsIn(api().responses, [CLIENT_SECRET, ...provider!.issued]);
    expectNoSecretsIn([api().logs()], [CLIENT_SECRET, ...provider!.issued]);
    await provider?.stop();
  });
  beforeEach(() => {
    provider!.tokenRequests.length = 0;
    provider!.codeChallenges.length = 0;
    provider!.nextTokenResponses.length = 0;
    provider!.rejectedTokens.clear();
    provider!.tokenDelayMs = 0;
  });
  return () => provider!;
}
