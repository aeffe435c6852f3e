import http from "node:http";
import type { AddressInfo } from "node:net";
import { catalogDescriptors } from "@latchkey/catalog";
import { parseComponentDescriptor, type ComponentDescriptor } from "../components/descriptor-schema";
import type { CredentialValues, VerificationResult } from "../types";
import { sendVerificationRequest } from "./http-verifier";
import { verifiers, verifyCredential } from "./registry";
import { scrubSecretValues, type VerificationTarget, type VerifierOptions } from "./verifier";

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

function handle(request: http.IncomingMessage, response: http.ServerResponse): void {
  const url = new URL(request.url ?? "/", "http://test");
  received.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers });
  const status = /^\/status\/(\d{3})(\/|$)/.exec(url.pathname)?.[1];
  if (url.pathname === "/demo/petstore/v2/user/me") {
    response.writeHead(request.headers.api_key === API_KEY ? 200 : 401).end(`{"echo":"${request.headers.api_key}"}`);
  } else if (status) {
    response.writeHead(Number(status), { "content-type": "text/plain" }).end(`rejected ${request.headers.authorization ?? ""}`);
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
  options: { apply?: Record<string, string>; okStatus?: number[]; method?: string; apiKey?: string } = {},
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
        verify: { http: { method: options.method ?? "GET", path, okStatus: options.okStatus } },
      },
    ],
  });
  return { descriptor, method: descriptor.authMethods[0]!, values: { apiKey: options.apiKey ?? API_KEY } };
}

function optionsFor(baseUrl: string, timeoutMs = 5_000): VerifierOptions {
  return { timeoutMs, serverUrl, baseUrlOverrides: { acme: baseUrl } };
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
});

describe("verifyCredential", () => {
  const githubOAuth2 = (accessToken?: string): VerificationTarget => {
    const descriptor = parseDescriptor(catalogDescriptors.find((entry) => (entry as { key: string }).key === "github"));
    const method = descriptor.authMethods.find((candidate) => candidate.type === "OAUTH2")!;
    return { descriptor, method, values: { clientId: "id", clientSecret: PASSWORD }, accessToken };
  };
  const githubAt = (path: string): VerifierOptions => ({ timeoutMs: 5_000, serverUrl, baseUrlOverrides: { github: `${serverUrl}${path}` } });

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
