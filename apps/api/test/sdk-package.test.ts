/**
 * The SDK as an integration developer gets it: packed (npm pack runs the build), installed from
 * the tarball into an empty project outside the workspace, and used from plain node (ESM and
 * CommonJS) and type-checked by tsc (NodeNext and Bundler) against the real API.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { VERSION } from "@latchkey/sdk";
import { createCredential, createTestDatabase, startApi, type TestApi, type TestDatabase, type TestToken } from "./harness";

const repoRoot = path.resolve(__dirname, "../../..");
const tscBin = path.join(repoRoot, "node_modules/typescript/bin/tsc");

/** Runs a command to its end; rejects with its output when it fails. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv()): Promise<string> {
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) =>
    child.once("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(" ")} failed (${code}):\n${output}`)))),
  );
}

/** The environment without what an enclosing `npm test` sets (workspace, package, lifecycle). */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.toLowerCase().startsWith("npm_")) env[name] = value;
  return { ...env, ...extra };
}

/** What the ESM and CommonJS scripts do with the installed SDK; they print one JSON line and never a secret. */
const scriptBody = `
const client = createClient({ url: process.env.API_URL, token: process.env.API_TOKEN, timeoutMs: 10000, retry: { retries: 1 } });
const { credentials } = await client.request(CredentialsDocument, { first: 10 });
const id = credentials.edges[0].node.id;
const { resolveCredential } = await client.request(ResolveCredentialDocument, { input: { id } });
let error;
try {
  await createClient({ url: process.env.API_URL, token: "lkt_not_a_token" }).request(CredentialsDocument, {});
} catch (caught) {
  error = caught;
}
console.log(JSON.stringify({
  names: credentials.edges.map((edge) => edge.node.name),
  resolved: resolveCredential.__typename,
  secretFields: Object.keys(resolveCredential.secrets),
  secretMatches: resolveCredential.secrets.apiKey === process.env.EXPECTED_SECRET,
  error: { latchkeyError: error instanceof LatchkeyError, code: error.code, name: error.name },
  version: VERSION,
  schema: schemaSdl.includes("type Credential "),
  introspection: Boolean(introspection.__schema.types.find((t) => t.name === "ResolvedCredential")),
}));
`;

const esmScript = `
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createClient, CredentialsDocument, ResolveCredentialDocument, LatchkeyError, VERSION } from "@latchkey/sdk";
const require = createRequire(import.meta.url);
const schemaSdl = readFileSync(require.resolve("@latchkey/sdk/schema.graphql"), "utf8");
const introspection = JSON.parse(readFileSync(require.resolve("@latchkey/sdk/introspection.json"), "utf8"));
${scriptBody}
`;

const cjsScript = `
const { readFileSync } = require("node:fs");
const { createClient, CredentialsDocument, ResolveCredentialDocument, LatchkeyError, VERSION } = require("@latchkey/sdk");
const schemaSdl = readFileSync(require.resolve("@latchkey/sdk/schema.graphql"), "utf8");
const introspection = require("@latchkey/sdk/introspection.json");
(async () => {
${scriptBody}
})().catch((error) => { console.error(error); process.exit(1); });
`;

/** Type-checked only: results narrowed by __typename, typed variables and secrets, the error class. */
const typedModule = (importLine: string) => `
${importLine}

const client = createClient({ url: "http://127.0.0.1:4000/graphql", token: "lkt_x", timeoutMs: 5000, retry: { retries: 2, baseDelayMs: 100 } });

export async function firstSecret(signal: AbortSignal): Promise<string> {
  const { credentials } = await client.request(CredentialsDocument, { first: 10 }, { signal });
  const id: string = credentials.edges[0]!.node.id;
  const { resolveCredential: result } = await client.request(ResolveCredentialDocument, { input: { id } });
  if (result.__typename === "ResolvedCredential") {
    const secrets: SecretValues = result.secrets;
    const value: string | number | boolean | undefined = secrets["apiKey"];
    return String(value);
  }
  if (result.__typename === "NotFound" || result.__typename === "InvalidInput") return result.message;
  // @ts-expect-error only ResolvedCredential has secrets
  void result.secrets;
  return result.verification.code;
}

export async function typedFailures(): Promise<void> {
  // @ts-expect-error first is an Int
  await client.request(CredentialsDocument, { first: "10" });
  // @ts-expect-error ResolveCredential needs its input
  await client.request(ResolveCredentialDocument, {});
  // @ts-expect-error ResolveCredential needs its variables
  await client.request(ResolveCredentialDocument);
  try {
    await client.request(CredentialsDocument);
  } catch (error) {
    if (error instanceof LatchkeyError) {
      const code: string = error.code;
      const requestId: string | undefined = error.requestId;
      const retryAfter: number | undefined = error.retryAfterSeconds;
      const path: readonly (string | number)[] | undefined = error.path;
      void [code, requestId, retryAfter, path];
    }
  }
}
`;

const esmTyped = typedModule(`import { createClient, CredentialsDocument, ResolveCredentialDocument, LatchkeyError, type SecretValues } from "@latchkey/sdk";`);
const cjsTyped = typedModule(
  `import sdk = require("@latchkey/sdk");\nconst { createClient, CredentialsDocument, ResolveCredentialDocument, LatchkeyError } = sdk;\ntype SecretValues = sdk.SecretValues;`,
);

const tsconfig = (module: string, moduleResolution: string, files: string[]) =>
  JSON.stringify({ compilerOptions: { target: "ES2022", module, moduleResolution, strict: true, noEmit: true, skipLibCheck: false, types: [] }, files });

let api: TestApi;
let database: TestDatabase;
let token: TestToken;
let work: string;
let project: string;
let tarballFiles: string[];
/** The outcome of tsc on the typed files (undefined: no errors). */
let typechecked: Promise<Error | undefined>;
let packedManifest: { name: string; version: string; private?: boolean; peerDependencies?: Record<string, string> };

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), "latchkey-sdk-pack-"));
  project = path.join(work, "consumer");
  mkdirSync(project);
  // The API starts while the SDK is packed and installed.
  const started = (async () => {
    database = await createTestDatabase();
    // Packing compiles at the same time: on a busy machine the API may take a while to start.
    api = await startApi({ databaseUrl: database.url, startTimeoutMs: 240_000 });
    await createCredential(api.client, { componentKey: "petstore", authType: "API_KEY", name: "Packed SDK credential", values: { apiKey: "secret" } });
    token = await api.createToken(["READ", "CREDENTIALS_USE"]);
  })();
  const installed = (async () => {
    await run("npm", ["pack", "--workspace", "@latchkey/sdk", "--pack-destination", work, "--silent"], repoRoot);
    const tarball = path.join(work, readdirSync(work).find((name) => name.endsWith(".tgz"))!);
    tarballFiles = (await run("tar", ["-tzf", tarball], work)).trim().split("\n");
    packedManifest = JSON.parse(await run("tar", ["-xzOf", tarball, "package/package.json"], work)) as typeof packedManifest;
    writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "sdk-consumer", private: true, type: "module" }));
    await run("npm", ["install", tarball, "graphql@16", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], project);
  })();
  // tsc needs no API: it runs while the API starts; its test reports the outcome.
  typechecked = installed.then(
    async () => {
      writeFileSync(path.join(project, "typed.ts"), esmTyped);
      writeFileSync(path.join(project, "typed-cjs.cts"), cjsTyped);
      writeFileSync(path.join(project, "tsconfig.nodenext.json"), tsconfig("NodeNext", "NodeNext", ["typed.ts", "typed-cjs.cts"]));
      writeFileSync(path.join(project, "tsconfig.bundler.json"), tsconfig("ESNext", "Bundler", ["typed.ts"]));
      await Promise.all([
        run(process.execPath, [tscBin, "-p", "tsconfig.nodenext.json"], project),
        run(process.execPath, [tscBin, "-p", "tsconfig.bundler.json"], project),
      ]);
      return undefined;
    },
    () => undefined, // beforeAll reports the failed install
  ).catch((error: unknown) => error as Error);
  // Both finish (so afterAll stops what started) before a failure of either is reported.
  const results = await Promise.allSettled([started, installed, typechecked]);
  for (const result of results) if (result.status === "rejected") throw result.reason;
}, 300_000);

afterAll(async () => {
  await api?.stop();
  await database?.drop();
  if (work) rmSync(work, { recursive: true, force: true });
});

it("packs the build, the schema and the README, and nothing else; public, graphql a peer, the API's version", () => {
  const files = tarballFiles.map((file) => file.replace(/^package\//, ""));
  for (const file of ["package.json", "README.md", "schema.graphql", "introspection.json", "dist/esm/index.js", "dist/esm/index.d.ts", "dist/cjs/index.js", "dist/cjs/index.d.ts", "dist/cjs/package.json"]) {
    expect(files).toContain(file);
  }
  expect(files.filter((file) => /^(src|test|scripts)\//.test(file) || file.startsWith("tsconfig"))).toEqual([]);
  expect(packedManifest.private).toBeUndefined();
  expect(packedManifest.peerDependencies).toHaveProperty("graphql");
  const apiVersion = (JSON.parse(readFileSync(path.join(repoRoot, "apps/api/package.json"), "utf8")) as { version: string }).version;
  expect(packedManifest.version).toBe(apiVersion);
  expect(VERSION).toBe(apiVersion);
});

const expected = {
  names: ["Packed SDK credential"],
  resolved: "ResolvedCredential",
  secretFields: ["apiKey"],
  secretMatches: true,
  error: { latchkeyError: true, code: "UNAUTHENTICATED", name: "LatchkeyError" },
  version: VERSION,
  schema: true,
  introspection: true,
};

function runScript(file: string, source: string): Promise<unknown> {
  writeFileSync(path.join(project, file), source);
  return run(process.execPath, [file], project, cleanEnv({ API_URL: api.graphqlUrl, API_TOKEN: token.token, EXPECTED_SECRET: "secret" })).then(
    (output) => JSON.parse(output.trim().split("\n").at(-1)!) as unknown,
  );
}

it("works from plain node as an ES module: lists, resolves, and throws a LatchkeyError", async () => {
  expect(await runScript("esm.mjs", esmScript)).toEqual(expected);
});

it("works from plain node as CommonJS", async () => {
  expect(await runScript("cjs.cjs", cjsScript)).toEqual(expected);
});

it("type-checks with tsc --strict under NodeNext (ESM and CommonJS files) and Bundler", async () => {
  const failure = await typechecked;
  if (failure) throw failure;
});
