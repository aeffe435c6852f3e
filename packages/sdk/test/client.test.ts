import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isMutation } from "../src/client.ts";
import { createClient, CredentialsDocument, LatchkeyError, RenameCredentialDocument, type LatchkeyClient } from "../src/index.ts";

/** What the fake API saw of one request. */
interface Seen {
  at: number;
  body: { query: string; variables: Record<string, unknown> };
  headers: IncomingMessage["headers"];
}

/**
 * A real HTTP server on loopback that answers the n-th request (0-based) with `answers[n]` (the
 * last one repeats): a JSON answer, "hang" (never answers) or "drop" (closes the connection).
 */
async function fakeApi(answers: ({ status: number; body: unknown; headers?: Record<string, string> } | "hang" | "drop")[]) {
  const seen: Seen[] = [];
  const hanging: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      const answer = answers[Math.min(seen.length, answers.length - 1)]!;
      seen.push({ at: Date.now(), body: JSON.parse(raw) as Seen["body"], headers: req.headers });
      if (answer === "hang") return void hanging.push(res);
      if (answer === "drop") return void req.socket.destroy();
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    seen,
    close: () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const CREDENTIALS = { credentials: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } };
const ok = (data: unknown) => ({ status: 200, body: { data } });
const unavailable = { status: 503, body: { errors: [{ message: "Try again.", extensions: { code: "SERVICE_UNAVAILABLE", retryAfterSeconds: 0 } }] } };
const rateLimited = (retryAfterSeconds: number) => ({
  status: 200,
  body: { data: null, errors: [{ message: "Too many.", path: ["renameCredential"], extensions: { code: "RATE_LIMITED", retryAfterSeconds } }] },
});
const RENAMED = { renameCredential: { __typename: "NotFound", message: "No such credential.", id: "c1" } };

let api: Awaited<ReturnType<typeof fakeApi>> | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

/** A client of `api` whose retries wait 10 to 20 ms. */
function clientOf(options: Partial<Parameters<typeof createClient>[0]> = {}): LatchkeyClient {
  return createClient({ url: api!.url, token: "lkt_test", retry: { baseDelayMs: 20 }, ...options });
}

async function failure(promise: Promise<unknown>): Promise<LatchkeyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LatchkeyError);
  return error as LatchkeyError;
}

describe("retries", () => {
  it("sends a query again after SERVICE_UNAVAILABLE (HTTP 503) and gives the data of the answer that worked", async () => {
    api = await fakeApi([unavailable, ok(CREDENTIALS)]);
    const result = await clientOf().request(CredentialsDocument, { first: 5 });
    expect(result.credentials.totalCount).toBe(0);
    expect(api.seen).toHaveLength(2);
    expect(api.seen[1]!.body).toEqual(api.seen[0]!.body);
    expect(api.seen[1]!.headers.authorization).toBe("Bearer lkt_test");
  });

  it("sends a mutation again after SERVICE_UNAVAILABLE: the API says it was not applied", async () => {
    api = await fakeApi([unavailable, ok(RENAMED)]);
    const result = await clientOf().request(RenameCredentialDocument, { input: { id: "c1", name: "x" } });
    expect(result.renameCredential.__typename).toBe("NotFound");
    expect(api.seen).toHaveLength(2);
  });

  it("waits the retryAfterSeconds that RATE_LIMITED asks for before sending again", async () => {
    api = await fakeApi([rateLimited(1), ok(RENAMED)]);
    await clientOf().request(RenameCredentialDocument, { input: { id: "c1", name: "x" } });
    expect(api.seen).toHaveLength(2);
    expect(api.seen[1]!.at - api.seen[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it("gives up at once, with retryAfterSeconds, when the API asks to wait longer than maxDelayMs", async () => {
    api = await fakeApi([rateLimited(60), ok(RENAMED)]);
    const error = await failure(clientOf({ retry: { maxDelayMs: 5_000 } }).request(RenameCredentialDocument, { input: { id: "c1", name: "x" } }));
    expect(error).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: 60, path: ["renameCredential"], attempts: 1, status: 200 });
    expect(api.seen).toHaveLength(1);
  });

  it("never sends a mutation again when the connection broke: it may have been applied", async () => {
    api = await fakeApi(["drop", ok(RENAMED)]);
    const error = await failure(clientOf().request(RenameCredentialDocument, { input: { id: "c1", name: "x" } }));
    expect(error.code).toBe("NETWORK_ERROR");
    expect(error.status).toBeUndefined();
    expect(api.seen).toHaveLength(1);
  });

  it("sends a query again when the connection broke", async () => {
    api = await fakeApi(["drop", ok(CREDENTIALS)]);
    await clientOf().request(CredentialsDocument, {});
    expect(api.seen).toHaveLength(2);
  });

  it("sends a query again when a proxy answers 502 without a GraphQL answer, but not a mutation", async () => {
    api = await fakeApi([{ status: 502, body: "<html>Bad gateway</html>", headers: { "content-type": "text/html" } }, ok(CREDENTIALS)]);
    await clientOf().request(CredentialsDocument, {});
    expect(api.seen).toHaveLength(2);
    await api.close();

    api = await fakeApi([{ status: 502, body: "<html>Bad gateway</html>", headers: { "content-type": "text/html" } }, ok(RENAMED)]);
    const error = await failure(clientOf().request(RenameCredentialDocument, { input: { id: "c1", name: "x" } }));
    expect(error).toMatchObject({ code: "BAD_RESPONSE", status: 502 });
    expect(api.seen).toHaveLength(1);
  });

  it("stops after `retries` more attempts and reports how many were made", async () => {
    api = await fakeApi([unavailable]);
    const error = await failure(clientOf({ retry: { retries: 3, baseDelayMs: 5 } }).request(CredentialsDocument, {}));
    expect(error).toMatchObject({ code: "SERVICE_UNAVAILABLE", status: 503, attempts: 4 });
    expect(api.seen).toHaveLength(4);
  });

  it("does not retry other errors, nor at all with retry: false", async () => {
    api = await fakeApi([{ status: 200, body: { data: null, errors: [{ message: "Sign in.", extensions: { code: "UNAUTHENTICATED" } }] } }]);
    expect((await failure(clientOf().request(CredentialsDocument, {}))).code).toBe("UNAUTHENTICATED");
    expect(api.seen).toHaveLength(1);
    await api.close();

    api = await fakeApi([unavailable, ok(CREDENTIALS)]);
    expect((await failure(clientOf({ retry: false }).request(CredentialsDocument, {}))).code).toBe("SERVICE_UNAVAILABLE");
    expect(api.seen).toHaveLength(1);
  });
});

describe("timeouts and aborts", () => {
  it("ends an attempt that gets no answer within timeoutMs with TIMEOUT", async () => {
    api = await fakeApi(["hang"]);
    const error = await failure(clientOf({ timeoutMs: 200, retry: false }).request(CredentialsDocument, {}));
    expect(error.code).toBe("TIMEOUT");
    expect(error.status).toBeUndefined();
  });

  it("sends a query again after a timeout, a mutation never", async () => {
    api = await fakeApi(["hang", ok(CREDENTIALS)]);
    await clientOf({ timeoutMs: 200 }).request(CredentialsDocument, {});
    expect(api.seen).toHaveLength(2);
    await api.close();

    api = await fakeApi(["hang", ok(RENAMED)]);
    expect((await failure(clientOf({ timeoutMs: 200 }).request(RenameCredentialDocument, { input: { id: "c1", name: "x" } }))).code).toBe("TIMEOUT");
    expect(api.seen).toHaveLength(1);
  });

  it("takes a per-request timeout over the client's", async () => {
    api = await fakeApi(["hang"]);
    const error = await failure(clientOf({ timeoutMs: 60_000 }).request(CredentialsDocument, {}, { timeoutMs: 150, retry: false }));
    expect(error.code).toBe("TIMEOUT");
  });

  it("ends a request when its signal aborts (ABORTED), and does not retry it", async () => {
    api = await fakeApi(["hang", ok(CREDENTIALS)]);
    const controller = new AbortController();
    const pending = clientOf().request(CredentialsDocument, {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect((await failure(pending)).code).toBe("ABORTED");
    expect(api.seen).toHaveLength(1);
  });

  it("ends every request of a client whose signal aborts, also while waiting to retry", async () => {
    api = await fakeApi([rateLimited(20), ok(RENAMED)]);
    const controller = new AbortController();
    const pending = clientOf({ signal: controller.signal }).request(RenameCredentialDocument, { input: { id: "c1", name: "x" } });
    setTimeout(() => controller.abort(), 200);
    const error = await failure(pending);
    expect(error.code).toBe("ABORTED");
    expect(api.seen).toHaveLength(1);
    // An already aborted signal sends nothing.
    expect((await failure(clientOf({ signal: controller.signal }).request(CredentialsDocument, {}))).code).toBe("ABORTED");
    expect(api.seen).toHaveLength(1);
  });
});

describe("LatchkeyError", () => {
  it("carries the code, path, message and the request id of the X-Request-Id header", async () => {
    api = await fakeApi([
      {
        status: 200,
        headers: { "x-request-id": "req-123" },
        body: { data: null, errors: [{ message: "Not allowed.", path: ["credentials"], extensions: { code: "FORBIDDEN" } }] },
      },
    ]);
    const error = await failure(clientOf().request(CredentialsDocument, {}));
    expect(error).toMatchObject({ name: "LatchkeyError", code: "FORBIDDEN", message: "Not allowed.", path: ["credentials"], requestId: "req-123", status: 200 });
    expect(error.errors).toHaveLength(1);
  });

  it("takes the request id from extensions.requestId when there is no header", async () => {
    api = await fakeApi([{ status: 200, body: { data: null, errors: [{ message: "Oops.", extensions: { code: "INTERNAL_SERVER_ERROR", requestId: "req-9" } }] } }]);
    expect((await failure(clientOf().request(CredentialsDocument, {}))).requestId).toBe("req-9");
  });

  it("reports an address nobody listens on as NETWORK_ERROR", async () => {
    api = await fakeApi([ok(CREDENTIALS)]);
    const url = api.url;
    await api.close();
    api = undefined;
    const error = await failure(createClient({ url, retry: false }).request(CredentialsDocument, {}));
    expect(error.code).toBe("NETWORK_ERROR");
  });
});

describe("isMutation", () => {
  it("finds the operation type past fragments, comments and strings", () => {
    expect(isMutation(String(RenameCredentialDocument))).toBe(true);
    expect(isMutation(String(CredentialsDocument))).toBe(false);
    expect(isMutation("fragment F on Credential { id mutation: name }\n# mutation\nquery Q { credential(id: \"}mutation\") { ...F } }")).toBe(false);
    expect(isMutation("fragment F on Credential { id }\nmutation M { deleteCredential(input: { id: \"1\" }) { __typename } }")).toBe(true);
    expect(isMutation("{ credentials { totalCount } }")).toBe(false);
  });
});
