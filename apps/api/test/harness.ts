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

export interface TestApi {
  url: string;
  graphqlUrl: string;
  client: LatchkeyClient;
  /** Every response body the API sent to `client` or `post`, for leak checks. */
  responses: string[];
  /**
   * fetch() to the API as the other helpers send it (the same headers, every body recorded): for
   * tools that bring their own requests, e.g. graphql-http's audits. A path is taken relative to the API.
   */
  fetch: typeof fetch;
  /** Raw POST to /graphql (for malformed requests the SDK cannot send). */
  post(body: string, headers?: Record<string, string>): Promise<{ status: number; text: string; json: any }>;
  /** GET of a path of the API (e.g. `/oauth2/callback?...`), redirects not followed; the body and Location are recorded. */
  get(pathAndQuery: string): Promise<{ status: number; location: string | null; text: string }>;
  logs(): string;
  stop(): Promise<void>;
  /** Ends the process abruptly (SIGKILL), as a crash would. */
  kill(): Promise<void>;
}

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
  options: { env?: Record<string, string>; databaseUrl?: string; dataDir?: string; killable?: boolean } = {},
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

  return {
    url: base,
    graphqlUrl,
    client: createClient({ url: graphqlUrl, fetch: recordingFetch }),
    responses,
    fetch: recordingFetch,
    async post(body, headers = { "content-type": "application/json" }) {
      const response = await recordingFetch(graphqlUrl, { method: "POST", headers, body });
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, text, json };
    },
    async get(pathAndQuery) {
      if (!pathAndQuery.startsWith("/")) throw new Error(`get() takes a path of the API, not ${pathAndQuery}`);
      const response = await fetch(`${base}${pathAndQuery}`, { redirect: "manual" });
      const text = await response.text();
      const location = response.headers.get("location");
      responses.push(text, location ?? "");
      return { status: response.status, location, text };
    },
    logs: () => output,
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
