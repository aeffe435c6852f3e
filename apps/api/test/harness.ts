import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createClient, type LatchkeyClient } from "@latchkey/sdk";

const repoRoot = path.resolve(__dirname, "../../..");
const tsxBin = path.join(repoRoot, "node_modules/.bin/tsx");
const mainFile = path.join(repoRoot, "apps/api/src/main.ts");
const rotateFile = path.join(repoRoot, "apps/api/src/keys/rotate.ts");

/** One caller of the API: an SDK client and a raw POST that both send the caller's credentials. */
export interface TestCaller {
  client: LatchkeyClient;
  /** Raw POST to /graphql (for malformed requests the SDK cannot send); the caller's auth headers are added. */
  post(body: string, headers?: Record<string, string>): Promise<{ status: number; text: string; json: any }>;
  /** The headers that authenticate this caller. */
  headers: Record<string, string>;
  /**
   * fetch() to the API as this caller (its auth headers added unless the request sets them, every
   * body recorded): for tools that bring their own requests, e.g. graphql-http's audits. A path is
   * taken relative to the API.
   */
  fetch: typeof fetch;
}

/** How a caller authenticates: a session (sent as the cookie), an API token (Bearer), or nothing. */
export interface CallerAuth {
  session?: string;
  token?: string;
  /** Sent as X-Latchkey-Workspace. */
  workspaceId?: string;
}

export interface TestPerson extends TestCaller {
  personId: string;
  email: string;
  password: string;
  session: string;
}

export interface TestToken extends TestCaller {
  id: string;
  token: string;
}

/**
 * The real API, set up: the first owner exists and `client` / `post` act as that owner (a session,
 * sent as the cookie) in the owner's workspace. `as`, `createPerson`, `createToken` and
 * `createWorkspace` give other callers.
 */
export interface TestApi extends TestCaller {
  url: string;
  graphqlUrl: string;
  /** Every response body the API sent to any caller, for leak checks. */
  responses: string[];
  /** The first owner, signed in; undefined when started with `setup: false`. */
  owner: (TestPerson & { workspaceId: string }) | undefined;
  /** A caller with exactly these credentials (none: anonymous). */
  as(auth: CallerAuth): TestCaller;
  /** A new person with `role` in the owner's workspace (or `workspaceId`), joined by invitation and signed in. */
  createPerson(role: "OWNER" | "ADMIN" | "MEMBER" | "VIEWER", options?: { workspaceId?: string }): Promise<TestPerson>;
  /** A new API token of the owner's workspace (or `workspaceId`). */
  createToken(scopes: ("READ" | "WRITE" | "CREDENTIALS_USE")[], options?: { workspaceId?: string; expiresAt?: string; name?: string }): Promise<TestToken>;
  /** A new workspace owned by the first owner; returns its id. */
  createWorkspace(name: string): Promise<string>;
  /** Signs in without a session: the result's type, the Set-Cookie of the session, and the session token. */
  signIn(email: string, password: string): Promise<{ result: string; cookie: string | undefined; session: string | undefined }>;
  /** GET of a path of the API (e.g. `/oauth2/callback?...`), redirects not followed; the body and Location are recorded. */
  get(pathAndQuery: string): Promise<{ status: number; location: string | null; text: string }>;
  logs(): string;
  /** The process's exit code once it stopped (0 after a clean shutdown), else null. */
  exitCode(): number | null;
  stop(): Promise<void>;
  /** Ends the process abruptly (SIGKILL), as a crash would. */
  kill(): Promise<void>;
}

/** The first owner every test API is set up with (a restart on the same database signs in instead). */
export const TEST_OWNER = { name: "Test Owner", email: "owner@latchkey.test", password: "correct horse battery staple" };

export interface TestDatabase {
  url: string | undefined;
  drop(): Promise<void>;
}

/** What every process the tests start inherits: enough to run, nothing of the caller's config. */
function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
}

/** The API's environment in tests: quiet, no demo data, any free port on loopback. */
function apiEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  // Tests verify far more often than people do; limits.test.ts sets the rate limit it checks.
  return childEnv({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    LATCHKEY_LOG_LEVEL: "warn",
    LATCHKEY_DEMO_DATA: "false",
    LATCHKEY_VERIFY_RATE_LIMIT: "100000",
    // Every document through its compiled plan, the path repeated requests take in production.
    LATCHKEY_COMPILE_AFTER_RUNS: "0",
    ...extra,
  });
}

/** The PostgreSQL server to use when DATABASE_URL is set; undefined means PGlite. */
export function postgresServerUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

/** Whether a PostgreSQL server answers at `serverUrl` (within 2 s). */
export async function postgresAvailable(serverUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** A fresh database on the server of `serverUrl` (or none: PGlite). */
export async function createTestDatabase(serverUrl = postgresServerUrl()): Promise<TestDatabase> {
  if (!serverUrl) return { url: undefined, drop: async () => {} };
  const name = `latchkey_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Starts the real API (`apps/api/src/main.ts`) in its own process, on a free port. */
export async function startApi(
  options: { env?: Record<string, string>; databaseUrl?: string; dataDir?: string; setup?: boolean; killable?: boolean } = {},
): Promise<TestApi> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "latchkey-test-"));
  const env = apiEnv({
    LATCHKEY_DATA_DIR: dataDir,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  });
  // killable: its own process group, so kill() reaches the API process that tsx starts, not just tsx.
  const child = spawn(tsxBin, [mainFile], { env, stdio: ["ignore", "pipe", "pipe"], detached: options.killable ?? false });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));

  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`API did not start in time:\n${output}`)), 60_000);
    const onData = () => {
      const match = /listening on (http:\/\/\S+)\/graphql/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`API exited with ${code} before it started:\n${output}`));
    });
  });

  const graphqlUrl = `${base}/graphql`;
  const responses: string[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const target = typeof input === "string" && input.startsWith("/") ? `${base}${input}` : input;
    const response = await fetch(target, init);
    const text = await response.text();
    responses.push(text);
    return new Response(text, { status: response.status, headers: response.headers });
  };

  const caller = (auth: CallerAuth): TestCaller => {
    const headers: Record<string, string> = {};
    if (auth.session) headers.cookie = `latchkey_session=${auth.session}`;
    if (auth.token) headers.authorization = `Bearer ${auth.token}`;
    if (auth.workspaceId) headers["x-latchkey-workspace"] = auth.workspaceId;
    return {
      headers,
      client: createClient({ url: graphqlUrl, headers, fetch: recordingFetch }),
      fetch: (input, init) => {
        const merged = new Headers(init?.headers);
        for (const [name, value] of Object.entries(headers)) if (!merged.has(name)) merged.set(name, value);
        return recordingFetch(input, { ...init, headers: merged });
      },
      async post(body, extra = { "content-type": "application/json" }) {
        const response = await recordingFetch(graphqlUrl, { method: "POST", headers: { ...headers, ...extra }, body });
        const text = await response.text();
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        return { status: response.status, text, json };
      },
    };
  };

  /** Runs one operation as `auth`; gives the data and the session cookie the answer set, if any. */
  const call = async (auth: CallerAuth, query: string, variables: Record<string, unknown> = {}) => {
    const response = await recordingFetch(graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json", ...caller(auth).headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("latchkey_session="));
    const session = cookie ? /^latchkey_session=([^;]*)/.exec(cookie)![1] || undefined : undefined;
    return { data: body.data, errors: body.errors, session, cookie };
  };

  let owner: TestApi["owner"];
  if (options.setup !== false) {
    const setup = await call({}, `mutation($input: SetupInput!) { setupFirstOwner(input: $input) { __typename ... on SignedIn { person { id } workspace { id } } } }`, {
      input: TEST_OWNER,
    });
    let signedIn = setup.data?.setupFirstOwner;
    let session = setup.session;
    if (setup.errors?.[0]?.extensions?.code === "FORBIDDEN") {
      const again = await call({}, `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { __typename ... on SignedIn { person { id } workspace { id } } } }`, {
        e: TEST_OWNER.email,
        p: TEST_OWNER.password,
      });
      signedIn = again.data?.signIn;
      session = again.session;
    }
    if (signedIn?.__typename !== "SignedIn" || !session) {
      await stopProcess(child);
      throw new Error(`The test API could not set up its first owner: ${JSON.stringify(setup)}`);
    }
    owner = {
      ...caller({ session }),
      personId: signedIn.person.id,
      email: TEST_OWNER.email,
      password: TEST_OWNER.password,
      session,
      workspaceId: signedIn.workspace.id,
    };
  }
  const asOwner = (workspaceId?: string): CallerAuth => {
    if (!owner) throw new Error("The test API was started with setup: false");
    return { session: owner.session, workspaceId };
  };
  let people = 0;
  const main = owner ?? caller({});

  return {
    url: base,
    graphqlUrl,
    responses,
    owner,
    ...main,
    as: caller,
    async createPerson(role, personOptions = {}) {
      const invited = await call(asOwner(personOptions.workspaceId), `mutation($r: Role!) { createInvitation(role: $r) { __typename ... on InvitationCreated { token } } }`, {
        r: role,
      });
      const token = invited.data?.createInvitation?.token;
      if (!token) throw new Error(`Could not invite a ${role}: ${JSON.stringify(invited)}`);
      const email = `person${++people}-${randomBytes(3).toString("hex")}@latchkey.test`;
      const password = `password-${randomBytes(6).toString("hex")}`;
      const accepted = await call({}, `mutation($t: String!, $p: NewPersonInput) { acceptInvitation(token: $t, newPerson: $p) { __typename ... on InvitationAccepted { person { id } } } }`, {
        t: token,
        p: { name: `${role.toLowerCase()} ${people}`, email, password },
      });
      const personId = accepted.data?.acceptInvitation?.person?.id;
      if (!personId || !accepted.session) throw new Error(`Could not accept the invitation: ${JSON.stringify(accepted)}`);
      return { ...caller({ session: accepted.session, workspaceId: personOptions.workspaceId }), personId, email, password, session: accepted.session };
    },
    async createToken(scopes, tokenOptions = {}) {
      const created = await call(
        asOwner(tokenOptions.workspaceId),
        `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { __typename ... on ApiTokenCreated { token apiToken { id } } } }`,
        { i: { name: tokenOptions.name ?? `token ${scopes.join(" ")}`, scopes, expiresAt: tokenOptions.expiresAt } },
      );
      const result = created.data?.createApiToken;
      if (result?.__typename !== "ApiTokenCreated") throw new Error(`Could not create a token: ${JSON.stringify(created)}`);
      return { ...caller({ token: result.token }), id: result.apiToken.id, token: result.token };
    },
    async createWorkspace(name) {
      const created = await call(asOwner(), `mutation($n: String!) { createWorkspace(name: $n) { __typename ... on WorkspaceCreated { workspace { id } } } }`, { n: name });
      const id = created.data?.createWorkspace?.workspace?.id;
      if (!id) throw new Error(`Could not create a workspace: ${JSON.stringify(created)}`);
      return id;
    },
    async get(pathAndQuery) {
      if (!pathAndQuery.startsWith("/")) throw new Error(`get() takes a path of the API, not ${pathAndQuery}`);
      const response = await fetch(`${base}${pathAndQuery}`, { redirect: "manual" });
      const text = await response.text();
      const location = response.headers.get("location");
      responses.push(text, location ?? "");
      return { status: response.status, location, text };
    },
    async signIn(email, password) {
      const answer = await call({}, `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { __typename } }`, { e: email, p: password });
      return { result: answer.data?.signIn?.__typename ?? answer.errors?.[0]?.extensions?.code, cookie: answer.cookie, session: answer.session };
    },
    logs: () => output,
    exitCode: () => child.exitCode,
    kill: () => {
      if (!options.killable) throw new Error("kill() needs startApi({ killable: true })");
      if (child.exitCode !== null) return Promise.resolve();
      return new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        process.kill(-child.pid!, "SIGKILL");
      });
    },
    stop: () => stopProcess(child).then(() => (options.dataDir ? undefined : rmSync(dataDir, { recursive: true, force: true }))),
  };
}

/** Runs the API until it exits by itself (a failed start); gives its exit code and output. */
export function runApiUntilExit(env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(tsxBin, [mainFile], {
    env: apiEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`The API did not exit within ${timeoutMs} ms:\n${stdout}${stderr}`));
    }, timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `npm run keys:rotate` (its script, with tsx) with the given arguments and environment. */
export function runKeysRotate(
  args: string[],
  env: Record<string, string | undefined>,
  options: { stdin?: string; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(tsxBin, [rotateFile, ...args], { env: childEnv(env), stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  child.stdin!.end(options.stdin ?? "");
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`keys:rotate did not finish within ${options.timeoutMs ?? 120_000} ms:\n${stdout}${stderr}`));
    }, options.timeoutMs ?? 120_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs a TypeScript snippet file with tsx (for direct database access while no API runs). */
export function runScript(file: string, env: Record<string, string>): Promise<string> {
  const child = spawn(tsxBin, [file], { env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) =>
    child.once("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`${file} failed (${code}):\n${output}`)))),
  );
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** Runs a fresh API (own database) for one test file; returns getters for beforeAll/afterAll use. */
export function useApi(options: { env?: Record<string, string>; setup?: boolean } = {}) {
  let api: TestApi | undefined;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startApi({ env: options.env, databaseUrl: database.url, setup: options.setup });
  }, 90_000);
  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  });
  return () => {
    if (!api) throw new Error("The API is not running");
    return api;
  };
}

export interface FakeApp {
  url: string;
  /** Requests received, with their headers and URL. */
  requests: { method: string; url: string; headers: IncomingMessage["headers"] }[];
  close(): Promise<void>;
}

/** A real local HTTP application that a component's verification talks to. */
export async function startFakeApp(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<FakeApp> {
  const requests: FakeApp["requests"] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Asserts that none of the values appears in anything the API answered. */
export function expectNoSecretsIn(responses: string[], secrets: string[]): void {
  for (const secret of secrets) {
    const leaks = responses.filter((r) => r.includes(secret));
    expect({ secret: secret.slice(0, 3) + "…", leaks: leaks.length }).toEqual({ secret: secret.slice(0, 3) + "…", leaks: 0 });
  }
}

/** Polls `check` until it returns a value other than undefined; fails with `what` after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Not reached within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
