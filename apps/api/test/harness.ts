import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import {
  AcceptInvitationDocument,
  BeginOAuth2AuthorizationDocument,
  CreateApiTokenDocument,
  CreateCredentialDocument,
  CreateInvitationDocument,
  CreateWorkspaceDocument,
  RegisterComponentDocument,
  SetupFirstOwnerDocument,
  SignInDocument,
  VerifyCredentialValuesDocument,
  createClient,
  type ApiTokenScope,
  type CreateCredentialMutation,
  type CreateCredentialMutationVariables,
  type CredentialInput,
  type LatchkeyClient,
  type RegisterComponentMutation,
  type TypedDocumentString,
} from "@latchkey/sdk";

import { reachableOrSkip } from "../../../packages/core/src/testing/elasticio-test-data";

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
  /** The PostgreSQL database this API runs on; undefined on PGlite, whose folder only the API's process may open. */
  databaseUrl: string | undefined;
  graphqlUrl: string;
  /** Every response body the API sent to any caller, for leak checks. */
  responses: string[];
  /** The first owner, signed in. */
  owner: TestPerson & { workspaceId: string };
  /** A caller with exactly these credentials (none: anonymous). */
  as(auth: CallerAuth): TestCaller;
  /** A new person with `role` in the owner's workspace (or `workspaceId`), joined by invitation and signed in. */
  createPerson(role: "OWNER" | "ADMIN" | "MEMBER" | "VIEWER", options?: { workspaceId?: string }): Promise<TestPerson>;
  /** A new API token of the owner's workspace (or `workspaceId`). */
  createToken(scopes: ApiTokenScope[], options?: { workspaceId?: string; expiresAt?: string; name?: string }): Promise<TestToken>;
  /** A new workspace owned by the first owner; returns its id. */
  createWorkspace(name: string): Promise<string>;
  /**
   * Signs in without a session (from `address`, sent as X-Forwarded-For, if given): the result's
   * type, its message (SignInFailed), the Set-Cookie of the session, and the session token.
   */
  signIn(
    email: string,
    password: string,
    options?: { address?: string },
  ): Promise<{ result: string; message: string | undefined; cookie: string | undefined; session: string | undefined }>;
  /** GET of a path of the API (e.g. `/oauth2/callback?...`), redirects not followed; the body and Location are recorded. */
  get(pathAndQuery: string): Promise<{ status: number; location: string | null; text: string }>;
  logs(): string;
  /** The process's exit code once it stopped (0 after a clean shutdown), else null. */
  exitCode(): number | null;
  stop(): Promise<void>;
  /** Ends the process abruptly (SIGKILL), as a crash would. */
  kill(): Promise<void>;
}

/** The API's process alone, started and listening: nobody set up, no callers. */
export type ApiProcess = Pick<TestApi, "url" | "logs" | "exitCode" | "stop" | "kill">;

export interface ApiProcessOptions {
  /** The API's environment on top of the tests' (apiEnv): these win. */
  env?: Record<string, string>;
  databaseUrl?: string;
  /** Kept on stop; without it a new temporary folder is made and removed on stop. */
  dataDir?: string;
  /** Its own process group, so kill() ends it. */
  killable?: boolean;
  /** Node flags (e.g. --cpu-prof): the API then runs as `node <nodeArgs> --import tsx main.ts`, not through the tsx CLI. */
  nodeArgs?: string[];
  /** The compiled API (scripts/ensure-api-build.mjs) to run with plain Node instead of main.ts through tsx, as `npm start` does. */
  compiledEntry?: string;
  /** How long it may take to listen (60 s). */
  startTimeoutMs?: number;
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

/** The PostgreSQL server of the tests that need one whatever the run uses: DATABASE_URL, else the local one. */
export function requiredPostgresUrl(): string {
  return process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
}

// For a test that needs a server: see reachableOrSkip (one rule for the whole suite).
export { reachableOrSkip };

/**
 * `test` on PostgreSQL (DATABASE_URL), else `test.skip`: for tests that reach into the API's
 * database, which PGlite's one-process folder does not allow. A function, so that importing the
 * harness outside Jest (the bench does) needs no `test`.
 */
export function testOnPostgres(name: string, fn: () => Promise<void>, timeout?: number): void {
  (process.env.DATABASE_URL ? test : test.skip)(name, fn, timeout);
}

/** Whether PostgreSQL answers at `serverUrl`; if not, `what` (e.g. "the concurrency test") is skipped loudly, or fails under CI=true. */
export async function postgresOrSkip(serverUrl: string, what: string): Promise<boolean> {
  return reachableOrSkip(
    await postgresAvailable(serverUrl),
    `PostgreSQL is not reachable at ${new URL(serverUrl).host}: ${what} cannot run.`,
    "Start PostgreSQL or set DATABASE_URL.",
  );
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

/** The headers that authenticate `auth`: the session cookie, the Bearer token, the workspace. */
function authHeaders(auth: CallerAuth): Record<string, string> {
  const headers: Record<string, string> = {};
  if (auth.session) headers.cookie = `latchkey_session=${auth.session}`;
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (auth.workspaceId) headers["x-latchkey-workspace"] = auth.workspaceId;
  return headers;
}

/** Starts the real API (`apps/api/src/main.ts`) in its own process, on a free port, and waits until it listens. */
export async function startApiProcess(options: ApiProcessOptions = {}): Promise<ApiProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "latchkey-test-"));
  const env = apiEnv({
    LATCHKEY_DATA_DIR: dataDir,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  });
  const [command, args] = options.compiledEntry
    ? [process.execPath, [...(options.nodeArgs ?? []), "--enable-source-maps", options.compiledEntry]]
    : options.nodeArgs
      ? [process.execPath, [...options.nodeArgs, "--import", "tsx", mainFile]]
      : [tsxBin, [mainFile]];
  // killable: its own process group, so kill() reaches the API process that tsx starts, not just tsx.
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: options.killable ?? false });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));

  const timeoutMs = options.startTimeoutMs ?? 60_000;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGTERM"); // not left running after the test gave up on it
      reject(new Error(`API did not start in time:\n${output}`));
    }, timeoutMs);
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

  return {
    url,
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

/** Starts the real API in its own process (startApiProcess) and sets up its first owner (or signs in on a database that has one). */
export async function startApi(options: ApiProcessOptions = {}): Promise<TestApi> {
  const apiProcess = await startApiProcess(options);
  const base = apiProcess.url;
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
    const headers = authHeaders(auth);
    return {
      headers,
      // No retries: tests see every answer of the API as it was sent.
      client: createClient({ url: graphqlUrl, headers, fetch: recordingFetch, retry: false }),
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
  const call = async <TResult, TVariables>(
    auth: CallerAuth,
    document: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
    extraHeaders: Record<string, string> = {},
  ) => {
    const response = await recordingFetch(graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json", ...authHeaders(auth), ...extraHeaders },
      body: JSON.stringify({ query: String(document), variables }),
    });
    const body = (await response.json()) as { data?: TResult; errors?: { message: string; extensions?: { code?: string } }[] };
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("latchkey_session="));
    const session = cookie ? /^latchkey_session=([^;]*)/.exec(cookie)![1] || undefined : undefined;
    return { data: body.data, errors: body.errors, session, cookie };
  };

  const setup = await call({}, SetupFirstOwnerDocument, { input: TEST_OWNER });
  // Already set up (a restart on the same database): the owner signs in instead.
  const again = setup.errors?.[0]?.extensions?.code === "FORBIDDEN" ? await call({}, SignInDocument, { input: { email: TEST_OWNER.email, password: TEST_OWNER.password } }) : undefined;
  const signedIn = again ? again.data?.signIn : setup.data?.setupFirstOwner;
  const session = again ? again.session : setup.session;
  if (signedIn?.__typename !== "SignedIn" || !signedIn.workspace || !session) {
    await apiProcess.stop();
    throw new Error(`The test API could not set up its first owner: ${JSON.stringify(setup)}`);
  }
  const owner: TestApi["owner"] = {
    ...caller({ session }),
    personId: signedIn.person.id,
    email: TEST_OWNER.email,
    password: TEST_OWNER.password,
    session,
    workspaceId: signedIn.workspace.id,
  };
  const asOwner = (workspaceId?: string): CallerAuth => ({ session: owner.session, workspaceId });
  let people = 0;

  return {
    ...apiProcess,
    databaseUrl: options.databaseUrl,
    graphqlUrl,
    responses,
    owner,
    ...owner,
    as: caller,
    async createPerson(role, personOptions = {}) {
      const invited = await call(asOwner(personOptions.workspaceId), CreateInvitationDocument, { input: { role } });
      const token = invited.data?.createInvitation.__typename === "InvitationCreated" ? invited.data.createInvitation.token : undefined;
      if (!token) throw new Error(`Could not invite a ${role}: ${JSON.stringify(invited)}`);
      const email = `person${++people}-${randomBytes(3).toString("hex")}@latchkey.test`;
      const password = `password-${randomBytes(6).toString("hex")}`;
      const accepted = await call({}, AcceptInvitationDocument, { input: { token, newPerson: { name: `${role.toLowerCase()} ${people}`, email, password } } });
      const personId = accepted.data?.acceptInvitation.__typename === "InvitationAccepted" ? accepted.data.acceptInvitation.person?.id : undefined;
      if (!personId || !accepted.session) throw new Error(`Could not accept the invitation: ${JSON.stringify(accepted)}`);
      return { ...caller({ session: accepted.session, workspaceId: personOptions.workspaceId }), personId, email, password, session: accepted.session };
    },
    async createToken(scopes, tokenOptions = {}) {
      const created = await call(asOwner(tokenOptions.workspaceId), CreateApiTokenDocument, {
        input: { name: tokenOptions.name ?? `token ${scopes.join(" ")}`, scopes, expiresAt: tokenOptions.expiresAt },
      });
      const result = created.data?.createApiToken;
      if (result?.__typename !== "ApiTokenCreated") throw new Error(`Could not create a token: ${JSON.stringify(created)}`);
      return { ...caller({ token: result.token }), id: result.apiToken.id, token: result.token };
    },
    async createWorkspace(name) {
      const created = await call(asOwner(), CreateWorkspaceDocument, { input: { name } });
      const id = created.data?.createWorkspace.__typename === "WorkspaceCreated" ? created.data.createWorkspace.workspace.id : undefined;
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
    async signIn(email, password, signInOptions = {}) {
      const answer = await call({}, SignInDocument, { input: { email, password } }, signInOptions.address ? { "x-forwarded-for": signInOptions.address } : {});
      const signIn = answer.data?.signIn;
      return {
        result: (signIn?.__typename ?? answer.errors?.[0]?.extensions?.code) as string,
        message: signIn && "message" in signIn ? signIn.message : undefined,
        cookie: answer.cookie,
        session: answer.session,
      };
    },
  };
}

/** Starts one API per options (startApi), all at once; if one fails, those that started are stopped before the failure is thrown. */
export async function startApis<T extends ApiProcessOptions[]>(...all: T): Promise<{ [K in keyof T]: TestApi }> {
  const started = await Promise.allSettled(all.map((options) => startApi(options)));
  const failed = started.find((result) => result.status === "rejected");
  const apis = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  if (failed) {
    await Promise.all(apis.map((api) => api.stop()));
    throw failed.reason;
  }
  return apis as { [K in keyof T]: TestApi };
}

/** Runs `file` with tsx until it exits (killed after `timeoutMs`: then `what` did not finish); gives its exit code and output. */
function runToExit(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { stdin?: string; timeoutMs: number; what: string; wrapper?: string[] },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const [command, ...before] = [...(options.wrapper ?? []), tsxBin];
  const child = spawn(command!, [...before, file, ...args], { env, stdio: [options.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  if (options.stdin !== undefined) child.stdin!.end(options.stdin);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${options.what} within ${options.timeoutMs} ms:\n${stdout}${stderr}`));
    }, options.timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs the API until it exits by itself (a failed start); gives its exit code and output. `wrapper` runs it through a command (e.g. setpriv as another user). */
export function runApiUntilExit(env: Record<string, string>, timeoutMs = 60_000, wrapper?: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runToExit(mainFile, [], apiEnv(env), { timeoutMs, what: "The API did not exit", wrapper });
}

/** Runs `npm run keys:rotate` (its script, with tsx) with the given arguments and environment. */
export function runKeysRotate(
  args: string[],
  env: Record<string, string | undefined>,
  options: { stdin?: string; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runToExit(rotateFile, args, childEnv(env), { stdin: options.stdin ?? "", timeoutMs: options.timeoutMs ?? 120_000, what: "keys:rotate did not finish" });
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

/** What a support script needs to open the database of an API: its data folder, and DATABASE_URL on PostgreSQL. */
export function databaseEnv(dataDir: string, databaseUrl: string | undefined): Record<string, string> {
  return { LATCHKEY_DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
}

/** runScript for the support scripts that print their report as one JSON line, last: that line, parsed. */
export async function runScriptJson<T = any>(file: string, env: Record<string, string>): Promise<T> {
  const output = await runScript(file, env);
  return JSON.parse(output.trim().split("\n").at(-1)!) as T;
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** Runs a fresh API (own database) for one test file; returns getters for beforeAll/afterAll use. */
export function useApi(options: { env?: Record<string, string> } = {}) {
  let api: TestApi | undefined;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startApi({ env: options.env, databaseUrl: database.url });
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

/** A real local HTTP application that a component's verification talks to, on `host` (127.0.0.1). */
export async function startFakeApp(handler: (req: IncomingMessage, res: ServerResponse) => void, options: { host?: string } = {}): Promise<FakeApp> {
  const host = options.host ?? "127.0.0.1";
  const requests: FakeApp["requests"] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface TcpListener {
  port: number;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Closes the listener and every connection it holds. */
  close(): Promise<void>;
}

/** A raw TCP server on 127.0.0.1 (a free port) that counts every connection and says nothing back. */
export async function startTcpListener(): Promise<TcpListener> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createNetServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get connections() {
      return connections;
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A credential as createCredential answers it. */
export type CreatedCredential = Extract<CreateCredentialMutation["createCredential"], { __typename: "CredentialCreated" }>["credential"];

/** Creates a credential (the API verifies it first); throws unless the answer is CredentialCreated. */
export async function createCredential(client: LatchkeyClient, input: CreateCredentialMutationVariables["input"]): Promise<CreatedCredential> {
  const { createCredential: result } = await client.request(CreateCredentialDocument, { input });
  if (result.__typename !== "CredentialCreated") throw new Error(`expected CredentialCreated, got ${result.__typename}`);
  return result.credential;
}

/** beginOAuth2Authorization's started authorization; any other answer fails the test with it. */
export async function beginOAuth2(client: LatchkeyClient, input: CredentialInput) {
  const { beginOAuth2Authorization: result } = await client.request(BeginOAuth2AuthorizationDocument, { input });
  if (result.__typename !== "OAuth2AuthorizationStarted") throw new Error(`expected OAuth2AuthorizationStarted, got ${JSON.stringify(result)}`);
  return result.authorization;
}

/** verifyCredentialValues's verification, passed or failed (a dry run); InvalidInput or NotFound fails the test. */
export async function verifyValues(client: LatchkeyClient, input: CredentialInput) {
  const { verifyCredentialValues: result } = await client.request(VerifyCredentialValuesDocument, { input });
  if (result.__typename !== "CredentialValuesVerified" && result.__typename !== "VerificationFailed") throw new Error(`expected a verification, got ${JSON.stringify(result)}`);
  return result.verification;
}

/** What registerApiKeyComponent registers. */
export interface ApiKeyComponent {
  key: string;
  name: string;
  baseUrl: string;
  header: string;
  verifyPath?: string;
}

/**
 * The descriptor of a component with one API_KEY auth method: a secret `apiKey` field sent in the
 * `header` header, verified by GET `verifyPath` (/me) at `baseUrl`.
 */
export function apiKeyDescriptor(component: ApiKeyComponent) {
  return {
    key: component.key,
    name: component.name,
    baseUrl: component.baseUrl,
    authMethods: [
      {
        type: "API_KEY",
        label: "API key",
        fields: [{ name: "apiKey", label: "API key", type: "PASSWORD", secret: true, required: true }],
        apply: { in: "header", name: component.header },
        verify: { http: { method: "GET", path: component.verifyPath ?? "/me" } },
      },
    ],
  };
}

/** Registers the component of apiKeyDescriptor; gives registerComponent's answer. */
export async function registerApiKeyComponent(client: LatchkeyClient, component: ApiKeyComponent): Promise<RegisterComponentMutation["registerComponent"]> {
  const { registerComponent } = await client.request(RegisterComponentDocument, { input: { descriptor: apiKeyDescriptor(component) } });
  return registerComponent;
}

/** Asserts that none of the values appears in anything the API answered. */
export function expectNoSecretsIn(responses: string[], secrets: string[]): void {
  for (const secret of secrets) {
    const leaks = responses.filter((r) => r.includes(secret));
    expect({ secret: secret.slice(0, 3) + "…", leaks: leaks.length }).toEqual({ secret: secret.slice(0, 3) + "…", leaks: 0 });
  }
}

/**
 * Of sign-in answers (TestApi.signIn): how many had their password checked (the wrong-password
 * message) and how many were refused unchecked (the too-many-failures message).
 */
export function signInOutcomes(answers: { message: string | undefined }[]): { checked: number; limited: number } {
  return {
    checked: answers.filter((answer) => answer.message === "The email or password is not right.").length,
    limited: answers.filter((answer) => /^Too many failed sign-ins/.test(answer.message ?? "")).length,
  };
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

/** The nodes of a connection's page, in order. */
export function nodes<T>(connection: { edges: { node: T }[] }): T[] {
  return connection.edges.map((edge) => edge.node);
}
