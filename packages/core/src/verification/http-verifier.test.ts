import http from "node:http";
import type { AddressInfo } from "node:net";
import { catalogDescriptors } from "@latchkey/catalog";
import { parseComponentDescriptor, type ComponentDescriptor } from "../components/descriptor-schema";
import type { CredentialValues, VerificationResult } from "../types";
import { sendVerificationRequest } from "./http-verifier";
import { verifiers, verifyCredential } from "./registry";
import { scrubSecretValues, type VerificationTarget, type VerifierOptions } from "./verifier";
import { createNetworkPolicy } from "../network/network-policy";

interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

const API_KEY = "sk_test_4f8a1c9e2b7d6f3a0e5c";
const PASSWORD = "correct-horse-battery-staple";
const received: ReceivedRequest[] = [];
const pendingTimers = new Set<NodeJS.Timeout>();
let server: http.Server;
let serverUrl: string;
let closedPortUrl: string;
const networkPolicy = createNetworkPolicy();

function handle(request: http.IncomingMessage, response: http.ServerResponse): void {
  const url = new URL(request.url ?? "/", "http://test");
  received.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers });
  const status = /^\/status\/(\d{3})(\/|$)/.exec(url.pathname)?.[1];
  if (url.pathname === "/demo/petstore/v2/user/me") {
    response.writeHead(request.headers.api_key === API_KEY ? 200 : 401).end(`{"echo":"${request.headers.api_key}"}`);
  } else if (status) {
    response.writeHead(Number(status), { "content-type": "text/plain" }).end(`rejected ${request.headers.authorization ?? ""}`);
  } else if (url.pathname === "/api/auth.test") {
    // Slack's way: 200 for every token, `ok` says whether it was accepted.
    const accepted = request.headers.authorization === `Bearer ${API_KEY}`;
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(accepted ? { ok: true, team: "T1" } : { ok: false, error: "token_revoked" }));
  } else if (url.pathname === "/not-json") {
    response.writeHead(200, { "content-type": "text/html" }).end("<html>login</html>");
  } else if (url.pathname === "/redirect") {
    response.writeHead(302, { location: `${serverUrl}/status/200` }).end();
  } else if (url.pathname === "/slow") {
    const timer = setTimeout(() => response.writeHead(200).end(), 2_000);
    pendingTimers.add(timer);
  } else if (url.pathname === "/endless") {
    response.writeHead(200);
    const timer = setInterval(() => response.write(Buffer.alloc(16 * 1024, "a")), 5);
    pendingTimers.add(timer);
    response.on("close", () => clearInterval(timer));
  } else {
    response.writeHead(404).end();
  }
}

async function listen(target: http.Server): Promise<string> {
  await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  server = http.createServer(handle);
  serverUrl = await listen(server);
  const closed = http.createServer();
  closedPortUrl = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
  for (const timer of pendingTimers) clearTimeout(timer);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received.length = 0;
});

function parseDescriptor(input: unknown): ComponentDescriptor {
  const parsed = parseComponentDescriptor(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
  return parsed.descriptor;
}

function catalogTarget(key: string, values: CredentialValues): VerificationTarget {
  const descriptor = parseDescriptor(catalogDescriptors.find((entry) => (entry as { key: string }).key === key));
  return { descriptor, method: descriptor.authMethods[0]!, values };
}

function apiKeyTarget(
  path: string,
  options: {
    apply?: Record<string, string>;
    okStatus?: number[];
    method?: string;
    apiKey?: string;
    expectJson?: { path: string; equals: unknown };
  } = {},
): VerificationTarget {
  const descriptor = parseDescriptor({
    key: "acme",
    name: "Acme API",
    baseUrl: "https://api.acme.invalid/v1",
    authMethods: [
      {
        type: "API_KEY",
        label: "API key",
        fields: [{ name: "apiKey", label: "API key", type: "PASSWORD", secret: true, required: true }],
        apply: options.apply ?? { in: "header", name: "Authorization", prefix: "Bearer " },
        verify: { http: { method: options.method ?? "GET", path, okStatus: options.okStatus, expectJson: options.expectJson } },
      },
    ],
  });
  return { descriptor, method: descriptor.authMethods[0]!, values: { apiKey: options.apiKey ?? API_KEY } };
}

function optionsFor(baseUrl: string, timeoutMs = 5_000): VerifierOptions {
  return { timeoutMs, serverUrl, baseUrlOverrides: { acme: baseUrl }, networkPolicy };
}

async function verify(target: VerificationTarget, options: VerifierOptions): Promise<VerificationResult> {
  const result = await verifyCredential(target, options);
  const serialized = JSON.stringify(result);
  expect(serialized).not.toContain(API_KEY);
  expect(serialized).not.toContain(PASSWORD);
  expect(serialized).not.toContain(Buffer.from(`admin:${PASSWORD}`).toString("base64"));
  expect(result.checkedAt).toBeInstanceOf(Date);
  expect(result.durationMs).toBeGreaterThanOrEqual(0);
  return result;
}

describe("httpVerifier", () => {
  it("verifies the catalog's petstore key against {{server.url}}, sending it in the api_key header", async () => {
    const result = await verify(catalogTarget("petstore", { apiKey: API_KEY }), optionsFor(serverUrl));
    expect(result).toMatchObject({ ok: true, code: "OK", status: "VALID", message: "Petstore API accepted the API key." });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: "GET", url: "/demo/petstore/v2/user/me", headers: { api_key: API_KEY } });
  });

  it("reports a rejected petstore key as UNAUTHORIZED", async () => {
    const target = catalogTarget("petstore", { apiKey: "sk_test_wrong_key_0000000000" });
    const result = await verifyCredential(target, optionsFor(serverUrl));
    expect(result).toMatchObject({
      ok: false,
      code: "UNAUTHORIZED",
      status: "INVALID",
      message: "Petstore API answered 401 Unauthorized: the API key was rejected.",
    });
    expect(JSON.stringify(result)).not.toContain("sk_test_wrong_key_0000000000");
  });

  it("applies a header key with its prefix below the base URL's path", async () => {
    const result = await verify(apiKeyTarget("/status/200"), optionsFor(`${serverUrl}/`));
    expect(result).toMatchObject({ ok: true, code: "OK", status: "VALID" });
    expect(received[0]).toMatchObject({ url: "/status/200", headers: { authorization: `Bearer ${API_KEY}` } });
    expect(received[0]?.headers["user-agent"]).toMatch(/Latchkey/);
  });

  it("applies a query key with its prefix, keeping the rest of the path", async () => {
    const target = apiKeyTarget("/status/200?format=json", { apply: { in: "query", name: "api_key", prefix: "key-" } });
    await verify(target, optionsFor(serverUrl));
    const url = new URL(received[0]?.url ?? "", serverUrl);
    expect(url.pathname).toBe("/status/200");
    expect(url.searchParams.get("format")).toBe("json");
    expect(url.searchParams.get("api_key")).toBe(`key-${API_KEY}`);
    expect(received[0]?.headers.authorization).toBeUndefined();
  });

  it("sends Basic credentials for the catalog's http-basic component", async () => {
    const values = { baseUrl: serverUrl, username: "admin", password: PASSWORD, verifyPath: "/status/204" };
    const result = await verify(catalogTarget("http-basic", values), optionsFor(serverUrl));
    expect(result).toMatchObject({ ok: true, code: "OK", status: "VALID", message: "HTTP API (Basic auth) accepted the username and password." });
    const expected = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString("base64")}`;
    expect(received[0]).toMatchObject({ method: "GET", url: "/status/204", headers: { authorization: expected } });
  });

  it("reports rejected Basic credentials without the password", async () => {
    const values = { baseUrl: serverUrl, username: "admin", password: PASSWORD, verifyPath: "/status/401" };
    const result = await verify(catalogTarget("http-basic", values), optionsFor(serverUrl));
    expect(result).toMatchObject({ code: "UNAUTHORIZED", status: "INVALID", message: expect.stringMatching(/username or password was rejected/) });
  });

  it("sends an empty POST with a zero content length", async () => {
    await verify(apiKeyTarget("/status/200", { method: "POST" }), optionsFor(serverUrl));
    expect(received[0]).toMatchObject({ method: "POST", headers: { "content-length": "0" } });
  });

  it.each([
    ["/status/401", { code: "UNAUTHORIZED", status: "INVALID", message: "Acme API answered 401 Unauthorized: the API key was rejected." }],
    ["/status/403", { code: "FORBIDDEN", status: "INVALID", message: "Acme API answered 403 Forbidden: the API key is not allowed to GET /status/403." }],
    ["/status/500", { code: "UNEXPECTED_RESPONSE", status: "UNREACHABLE", message: expect.stringMatching(/^Acme API answered 500 Internal Server Error: the service failed/) }],
    ["/status/503", { code: "UNEXPECTED_RESPONSE", status: "UNREACHABLE" }],
    ["/status/404", { code: "UNEXPECTED_RESPONSE", status: "INVALID", message: expect.stringMatching(/answered 404 Not Found, which verification does not expect/) }],
    ["/redirect", { code: "UNEXPECTED_RESPONSE", status: "INVALID", message: expect.stringMatching(/answered 302 Found, a redirect, which verification does not follow/) }],
  ])("maps %s", async (path, expected) => {
    const result = await verify(apiKeyTarget(path), optionsFor(serverUrl));
    expect(result).toMatchObject({ ok: false, ...expected });
    expect(received).toHaveLength(1);
  });

  it("uses okStatus instead of any 2xx when given", async () => {
    const accepted = await verify(apiKeyTarget("/status/202", { okStatus: [202] }), optionsFor(serverUrl));
    expect(accepted).toMatchObject({ ok: true, code: "OK" });
    const other = await verify(apiKeyTarget("/status/200", { okStatus: [202] }), optionsFor(serverUrl));
    expect(other).toMatchObject({ ok: false, code: "UNEXPECTED_RESPONSE", status: "INVALID" });
  });

  it("times out on a slow answer", async () => {
    const result = await verify(apiKeyTarget("/slow"), optionsFor(serverUrl, 300));
    expect(result).toMatchObject({ ok: false, code: "TIMEOUT", status: "UNREACHABLE", message: "Acme API did not answer within 300 ms." });
    expect(result.durationMs).toBeGreaterThanOrEqual(250);
    expect(result.durationMs).toBeLessThan(1_500);
  });

  it("stops reading an endless body and keeps the status", async () => {
    const result = await verify(apiKeyTarget("/endless"), optionsFor(serverUrl, 2_000));
    expect(result).toMatchObject({ ok: true, code: "OK" });
    expect(result.durationMs).toBeLessThan(1_500);
  });

  it("reports a closed port as UNREACHABLE", async () => {
    const result = await verify(apiKeyTarget("/status/200"), optionsFor(closedPortUrl));
    expect(result).toMatchObject({
      ok: false,
      code: "UNREACHABLE",
      status: "UNREACHABLE",
      message: `Acme API could not be reached at ${new URL(closedPortUrl).host}: the connection was refused.`,
    });
  });

  it("refuses a key HTTP cannot carry without sending it", async () => {
    const result = await verify(apiKeyTarget("/status/200", { apiKey: `${API_KEY}\r\nX-Injected: 1` }), optionsFor(serverUrl));
    expect(result).toMatchObject({ ok: false, code: "UNEXPECTED_RESPONSE", status: "INVALID", message: expect.stringMatching(/line break/) });
    expect(received).toHaveLength(0);
  });

  it("keeps a path value from changing the host", async () => {
    const values = { baseUrl: serverUrl, username: "admin", password: PASSWORD, verifyPath: "@evil.invalid/" };
    const result = await verify(catalogTarget("http-basic", values), optionsFor(serverUrl));
    expect(result).toMatchObject({ code: "UNEXPECTED_RESPONSE" });
    expect(received[0]?.url).toBe("/@evil.invalid/");
  });

  it("reports a template without its value as UNVERIFIED, sending nothing", async () => {
    const target = catalogTarget("shopify", { accessToken: API_KEY });
    const result = await verify(target, optionsFor(serverUrl));
    expect(result).toMatchObject({
      ok: false,
      code: "UNEXPECTED_RESPONSE",
      status: "UNVERIFIED",
      message: expect.stringMatching(/^Shopify could not be verified: template placeholder \{\{values.shopDomain\}\} has no value/),
    });
  });

  it("refuses a base URL that is not http(s)", async () => {
    const result = await verify(apiKeyTarget("/status/200"), optionsFor("ftp://127.0.0.1/"));
    expect(result).toMatchObject({ status: "UNVERIFIED", message: "Acme API could not be verified: the base URL must use http or https." });
  });
});

describe("network policy in the HTTP verifier", () => {
  const blockingPolicy = createNetworkPolicy({
    blockPrivateNetworks: true,
    resolve: async (hostname) => [{ address: hostname === "metadata.test" ? "169.254.169.254" : "127.0.0.1", family: 4 }],
  });
  afterAll(() => blockingPolicy.close());

  it.each([
    ["http://169.254.169.254/latest", "169.254.169.254 is not allowed by the network policy: 169.254.0.0/16 is link-local"],
    ["http://2852039166/", "169.254.169.254 is not allowed"],
    ["http://[::ffff:a9fe:a9fe]/", "::ffff:a9fe:a9fe is not allowed by the network policy: 169.254.0.0/16 is link-local"],
    ["http://metadata.test/", "metadata.test (169.254.169.254) is not allowed"],
  ])("answers BLOCKED_TARGET for %s", async (baseUrl, message) => {
    const result = await verify(apiKeyTarget("/status/200"), { ...optionsFor(baseUrl), networkPolicy: blockingPolicy });
    expect(result).toMatchObject({ ok: false, code: "BLOCKED_TARGET", status: "UNREACHABLE", message: expect.stringContaining(message) });
    expect(result.message).toMatch(/^Acme API was not contacted: /);
  });

  it("sends nothing to a loopback server when private networks are blocked, by address or by name", async () => {
    const byAddress = await verify(apiKeyTarget("/status/200"), { ...optionsFor(serverUrl), networkPolicy: blockingPolicy });
    const byName = await verify(apiKeyTarget("/status/200"), {
      ...optionsFor(serverUrl.replace("127.0.0.1", "app.test")),
      networkPolicy: blockingPolicy,
    });
    expect(byAddress).toMatchObject({ code: "BLOCKED_TARGET", message: expect.stringContaining("127.0.0.0/8 is loopback") });
    expect(byName).toMatchObject({ code: "BLOCKED_TARGET", message: expect.stringContaining("app.test (127.0.0.1) is not allowed") });
    expect(received).toHaveLength(0);
  });

  it("reaches an allow-listed host while private networks are blocked", async () => {
    const policy = createNetworkPolicy({ blockPrivateNetworks: true, allowedHosts: ["127.0.0.1/32"] });
    const result = await verify(apiKeyTarget("/status/200"), { ...optionsFor(serverUrl), networkPolicy: policy });
    expect(result).toMatchObject({ ok: true, code: "OK" });
    expect(received).toHaveLength(1);
  });
});

describe("verify.http.expectJson", () => {
  it("the catalog's Slack descriptor turns a 200 with ok:false (a revoked token) into UNAUTHORIZED", async () => {
    const descriptor = parseDescriptor(catalogDescriptors.find((entry) => (entry as { key: string }).key === "slack"));
    const method = descriptor.authMethods[0]!;
    expect("verify" in method && method.verify?.http.expectJson).toEqual({ path: "ok", equals: true });
    const slack = (accessToken: string): VerificationTarget => ({ descriptor, method, values: { clientId: "id", clientSecret: PASSWORD }, accessToken });
    const options = { ...optionsFor(serverUrl), baseUrlOverrides: { slack: serverUrl } };
    const accepted = await verify(slack(API_KEY), options);
    expect(accepted).toMatchObject({ ok: true, code: "OK", status: "VALID" });
    expect(received[0]).toMatchObject({ method: "POST", url: "/api/auth.test", headers: { authorization: `Bearer ${API_KEY}` } });
    const revoked = await verify(slack("xoxb-revoked-0000"), options);
    expect(revoked).toMatchObject({
      ok: false,
      code: "UNAUTHORIZED",
      status: "INVALID",
      message: 'Slack answered 200 OK with "ok": false instead of true: the access token was rejected.',
    });
  });

  it("answers UNEXPECTED_RESPONSE when the body is not JSON, and compares nested paths", async () => {
    const notJson = await verify(apiKeyTarget("/not-json", { expectJson: { path: "ok", equals: true } }), optionsFor(serverUrl));
    expect(notJson).toMatchObject({ ok: false, code: "UNEXPECTED_RESPONSE", status: "INVALID", message: expect.stringMatching(/not with the JSON body/) });
    const nested = await verify(apiKeyTarget("/api/auth.test", { expectJson: { path: "team", equals: "T1" } }), optionsFor(serverUrl));
    expect(nested).toMatchObject({ ok: true });
    const missing = await verify(apiKeyTarget("/api/auth.test", { expectJson: { path: "data.active", equals: true } }), optionsFor(serverUrl));
    expect(missing).toMatchObject({ code: "UNAUTHORIZED", message: expect.stringContaining('"data.active" not true') });
  });

  it("is checked by the descriptor schema", () => {
    const descriptor = (expectJson: unknown) => ({
      key: "acme",
      name: "Acme",
      baseUrl: "https://acme.invalid",
      authMethods: [
        {
          type: "API_KEY",
          label: "Key",
          fields: [{ name: "apiKey", label: "Key", type: "PASSWORD", secret: true }],
          apply: { in: "header", name: "X-Key" },
          verify: { http: { method: "GET", path: "/", expectJson } },
        },
      ],
    });
    expect(parseComponentDescriptor(descriptor({ path: "ok", equals: true })).ok).toBe(true);
    expect(parseComponentDescriptor(descriptor({ path: "a..b", equals: true }))).toMatchObject({
      ok: false,
      fieldErrors: [{ field: "authMethods.0.verify.http.expectJson.path" }],
    });
    expect(parseComponentDescriptor(descriptor({ path: "ok", equals: { nested: 1 } }))).toMatchObject({ ok: false });
  });
});

describe("sendVerificationRequest", () => {
  it("resolves host names through the given lookup, so a guard can refuse them", async () => {
    const lookups: string[] = [];
    const response = await sendVerificationRequest({
      url: new URL("http://blocked.test/"),
      method: "GET",
      headers: {},
      timeoutMs: 1_000,
      lookup: (hostname, _options, callback) => {
        lookups.push(hostname);
        callback(Object.assign(new Error("blocked"), { code: "BLOCKED_TARGET" }), "", 4);
      },
    });
    expect(lookups).toEqual(["blocked.test"]);
    expect(response).toEqual({ kind: "network-error", code: "BLOCKED_TARGET" });
  });

  describe("connections kept between verifications", () => {
    let place: http.Server;
    let port: number;
    /** Sockets the server accepted, and requests each has carried. */
    let sockets: Map<import("node:net").Socket, number>;
    /** The server drops the connection instead of answering a socket's second request (as a server closing an idle one would). */
    let dropSecondOnSocket = false;
    beforeEach(async () => {
      sockets = new Map();
      dropSecondOnSocket = false;
      place = http.createServer((req, res) => {
        const served = (sockets.get(req.socket) ?? 0) + 1;
        sockets.set(req.socket, served);
        if (dropSecondOnSocket && served === 2) return void req.socket.destroy();
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ auth: req.headers.authorization ?? null }));
      });
      await new Promise<void>((resolve) => place.listen(0, "127.0.0.1", resolve));
      port = (place.address() as AddressInfo).port;
    });
    afterEach(() => new Promise<void>((resolve) => place.close(() => resolve())));

    // Node asks for every address ({ all: true }) when it may try several.
    const allowing = (hostname: string, options: { all?: boolean }, callback: (error: Error | null, address: unknown, family?: number) => void) => {
      if (hostname !== "place.test") return callback(new Error("unknown"), "", 4);
      if (options.all) callback(null, [{ address: "127.0.0.1", family: 4 }]);
      else callback(null, "127.0.0.1", 4);
    };
    const send = (authorization: string, lookup: typeof allowing) =>
      sendVerificationRequest({ url: new URL(`http://place.test:${port}/me`), method: "GET", headers: { authorization }, timeoutMs: 2_000, lookup: lookup as never, readBody: true });

    it("reuse one connection, one request after another, each with only its own credential", async () => {
      for (const key of ["key-a", "key-b", "key-c"]) {
        const response = await send(key, allowing);
        expect(response).toMatchObject({ kind: "response", status: 200 });
        expect(JSON.parse(String((response as { body: Buffer }).body))).toEqual({ auth: key });
      }
      expect([...sockets.values()]).toEqual([3]);
    });

    it("are never reused by a request that carries another lookup: one that refuses the host refuses it", async () => {
      expect(await send("key-a", allowing)).toMatchObject({ kind: "response", status: 200 });
      const lookups: string[] = [];
      const refusing = (hostname: string, _options: unknown, callback: (error: Error | null, address: unknown, family?: number) => void) => {
        lookups.push(hostname);
        callback(Object.assign(new Error("blocked"), { code: "BLOCKED_TARGET" }), "", 4);
      };
      expect(await send("key-b", refusing)).toEqual({ kind: "network-error", code: "BLOCKED_TARGET" });
      expect(lookups).toEqual(["place.test"]);
      expect([...sockets.values()]).toEqual([1]);
    });

    it("send a request again, once, on a new connection when the server had closed the kept one", async () => {
      dropSecondOnSocket = true;
      expect(await send("key-a", allowing)).toMatchObject({ kind: "response", status: 200 });
      const again = await send("key-b", allowing);
      expect(again).toMatchObject({ kind: "response", status: 200 });
      expect(JSON.parse(String((again as { body: Buffer }).body))).toEqual({ auth: "key-b" });
      // The first socket carried the first request and the dropped one; the second carried the retry.
      expect([...sockets.values()]).toEqual([2, 1]);
    });
  });
});

describe("verifyCredential", () => {
  const githubOAuth2 = (accessToken?: string): VerificationTarget => {
    const descriptor = parseDescriptor(catalogDescriptors.find((entry) => (entry as { key: string }).key === "github"));
    const method = descriptor.authMethods.find((candidate) => candidate.type === "OAUTH2")!;
    return { descriptor, method, values: { clientId: "id", clientSecret: PASSWORD }, accessToken };
  };
  const githubAt = (path: string): VerifierOptions => ({
    timeoutMs: 5_000,
    serverUrl,
    baseUrlOverrides: { github: `${serverUrl}${path}` },
    networkPolicy,
  });

  it("answers UNVERIFIED for an OAuth2 credential without an access token, sending nothing", async () => {
    const result = await verify(githubOAuth2(), githubAt(""));
    expect(result).toMatchObject({ ok: false, code: "UNEXPECTED_RESPONSE", status: "UNVERIFIED", message: "GitHub could not be verified: the credential has no access token." });
    expect(received).toHaveLength(0);
  });

  it("sends an OAuth2 access token as a bearer token to verify.http, and never repeats it", async () => {
    const accepted = await verify(githubOAuth2(API_KEY), githubAt("/status/200"));
    expect(accepted).toMatchObject({ ok: true, code: "OK", status: "VALID", message: "GitHub accepted the access token." });
    expect(received[0]).toMatchObject({ url: "/status/200/user", headers: { authorization: `Bearer ${API_KEY}`, "x-github-api-version": "2022-11-28" } });
    const rejected = await verify(githubOAuth2(API_KEY), githubAt("/status/401"));
    expect(rejected).toMatchObject({ ok: false, code: "UNAUTHORIZED", status: "INVALID", message: "GitHub answered 401 Unauthorized: the access token was rejected." });
  });

  it("turns a thrown error into a result without its text", async () => {
    const original = verifiers.API_KEY;
    verifiers.API_KEY = async () => {
      throw new Error(`request failed with header Authorization: Bearer ${API_KEY}`);
    };
    try {
      const result = await verify(apiKeyTarget("/status/200"), optionsFor(serverUrl));
      expect(result).toMatchObject({
        ok: false,
        code: "UNEXPECTED_RESPONSE",
        status: "UNVERIFIED",
        message: "Acme API could not be verified because of an internal error.",
      });
    } finally {
      verifiers.API_KEY = original;
    }
  });
});

describe("scrubSecretValues", () => {
  it("masks secret values and their URL-encoded and Basic forms", () => {
    const target = catalogTarget("http-basic", { baseUrl: serverUrl, username: "admin", password: "p@ss word!" });
    const basic = Buffer.from("admin:p@ss word!").toString("base64");
    const message = `raw p@ss word!, encoded ${encodeURIComponent("p@ss word!")}, basic ${basic}, user admin`;
    expect(scrubSecretValues(message, target)).toBe("raw [redacted], encoded [redacted], basic [redacted], user admin");
  });
});
