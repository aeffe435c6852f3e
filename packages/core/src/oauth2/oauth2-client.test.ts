import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseComponentDescriptor } from "../components/descriptor-schema";
import { describeTokenFailure, requestClientCredentialsToken, type OAuth2Method, type TokenResult } from "./oauth2-client";

const SECRET = "cs_unit_5e1f0a9b8c7d6e5f4a3b";
const received: { url: string; authorization: string | undefined }[] = [];
const timers = new Set<NodeJS.Timeout>();
let server: http.Server;
let baseUrl: string;
let closedUrl: string;

function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
  received.push({ url: req.url ?? "", authorization: req.headers.authorization });
  switch (req.url) {
    case "/token":
      res.writeHead(200, { "content-type": "application/json" }).end('{"access_token":"at-1","token_type":"Bearer","expires_in":120}');
      return;
    case "/redirect":
      res.writeHead(307, { location: `${baseUrl}/token` }).end();
      return;
    case "/slow":
      timers.add(setTimeout(() => res.writeHead(200).end(), 2_000));
      return;
    case "/broken":
      res.writeHead(502, { "content-type": "text/html" }).end("<h1>Bad gateway</h1>");
      return;
    case "/unavailable":
      res.writeHead(503, { "content-type": "application/json" }).end('{"error":"temporarily_unavailable"}');
      return;
    case "/not-a-token":
      res.writeHead(200, { "content-type": "application/json" }).end('{"hello":"world"}');
      return;
    default:
      res.writeHead(404).end();
  }
}

async function listen(target: http.Server): Promise<string> {
  await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  server = http.createServer(handle);
  baseUrl = await listen(server);
  const closed = http.createServer();
  closedUrl = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
  for (const timer of timers) clearTimeout(timer);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received.length = 0;
});

function method(tokenUrl: string): OAuth2Method {
  const parsed = parseComponentDescriptor({
    key: "unit",
    name: "Unit API",
    baseUrl: "http://127.0.0.1",
    authMethods: [
      {
        type: "OAUTH2",
        label: "OAuth",
        fields: [
          { name: "clientId", label: "Client ID", type: "STRING", required: true },
          { name: "clientSecret", label: "Client secret", type: "PASSWORD", secret: true, required: true },
        ],
        oauth2: { grantTypes: ["client_credentials"], tokenUrl },
      },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
  return parsed.descriptor.authMethods[0] as OAuth2Method;
}

const values = { clientId: "unit-client", clientSecret: SECRET };

async function grant(path: string, timeoutMs = 1_000, fetchImpl?: typeof fetch): Promise<TokenResult> {
  return requestClientCredentialsToken(method(`${path.startsWith("http") ? "" : baseUrl}${path}`), values, { timeoutMs, fetch: fetchImpl });
}

function outcomeOf(result: TokenResult, timeoutMs = 1_000) {
  if (result.ok) throw new Error("expected a failure");
  const outcome = describeTokenFailure("Unit API", result.failure, "client_credentials", timeoutMs);
  expect(outcome.message).not.toContain(SECRET);
  return outcome;
}

describe("requestClientCredentialsToken", () => {
  it("gets a token, its expiry, with HTTP Basic client auth by default", async () => {
    const before = Date.now();
    const result = await grant("/token");
    expect(result).toMatchObject({ ok: true, tokens: { accessToken: "at-1" } });
    if (!result.ok) return;
    expect(result.tokens.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 119_000);
    // RFC 6749 2.3.1: client id and secret are form-encoded before Base64.
    const encoded = `${encodeURIComponent("unit-client").replace("-", "%2D")}:${SECRET.replaceAll("_", "%5F")}`;
    expect(received[0]?.authorization).toBe(`Basic ${Buffer.from(encoded).toString("base64")}`);
  });

  it("sends its requests through the injected fetch", async () => {
    const seen: string[] = [];
    const guarded: typeof fetch = (input, init) => {
      seen.push(String(input));
      return fetch(input, init);
    };
    await grant("/token", 1_000, guarded);
    expect(seen).toEqual([`${baseUrl}/token`]);
  });

  it("maps a refusal of the injected fetch with code BLOCKED_TARGET, sending nothing", async () => {
    const refusing: typeof fetch = () => Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: { code: "BLOCKED_TARGET" } }));
    const result = await grant("http://169.254.169.254/token", 1_000, refusing);
    expect(outcomeOf(result)).toMatchObject({ code: "BLOCKED_TARGET", status: "INVALID" });
    expect(received).toHaveLength(0);
  });

  it("does not follow a redirect", async () => {
    const result = await grant("/redirect");
    expect(outcomeOf(result)).toMatchObject({ code: "UNEXPECTED_RESPONSE", status: "INVALID", message: expect.stringMatching(/redirect \(307\), which is not followed/) });
    expect(received.map((r) => r.url)).toEqual(["/redirect"]);
  });

  it("gives up after the timeout", async () => {
    const startedAt = performance.now();
    const result = await grant("/slow", 300);
    expect(performance.now() - startedAt).toBeLessThan(1_500);
    expect(outcomeOf(result, 300)).toEqual({ ok: false, code: "TIMEOUT", status: "UNREACHABLE", message: "Unit API did not answer the token request within 300 ms." });
  });

  it.each([
    ["a closed port", "closed", { code: "UNREACHABLE", status: "UNREACHABLE", message: expect.stringMatching(/connection was refused/) }],
    ["a 502 page", "/broken", { code: "UNEXPECTED_RESPONSE", status: "UNREACHABLE", message: "Unit API answered the token request with 502: the service failed." }],
    ["a 503 with an OAuth error", "/unavailable", { code: "UNEXPECTED_RESPONSE", status: "UNREACHABLE", message: "Unit API answered the token request with 503: the service failed." }],
    ["a 200 without a token", "/not-a-token", { code: "UNEXPECTED_RESPONSE", status: "INVALID", message: expect.stringMatching(/not a valid token response/) }],
  ])("maps %s", async (_, path, expected) => {
    const result = await grant(path === "closed" ? `${closedUrl}/token` : path);
    expect(outcomeOf(result)).toMatchObject({ ok: false, ...expected });
  });
});
