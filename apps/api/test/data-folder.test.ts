// The PGlite data folder is one process's, and start-up failures an operator can fix are one line.
// Real API processes; these run on PGlite whatever DATABASE_URL says (the folder is the subject),
// except the DATABASE_URL cases, which need no server (nothing listens at the URL they give).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CredentialDocument } from "@latchkey/sdk";
import { LOCK_FILE_NAME, lockDataFolder } from "@latchkey/db";
import { STATUS_FILE_NAME } from "../src/keys/status-file";
import { createCredential, reachableOrSkip, runApiUntilExit, runKeysRotate, startApi, startTcpListener } from "./harness";

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-folder-"));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/**
 * SHA-256 of every file under `dir`, by relative path; but the running API's own status report
 * (keyring-status.json, rewritten on every heartbeat of the process that holds the folder).
 */
function hashTree(dir: string, base = dir, into: Record<string, string> = {}): Record<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (dir === base && entry.name === STATUS_FILE_NAME) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) hashTree(full, base, into);
    else into[path.relative(base, full)] = createHash("sha256").update(readFileSync(full)).digest("hex");
  }
  return into;
}

/** The one line a failed start wrote (npm's own warnings aside); fails unless there is exactly one and it has no stack. */
function oneLine(stderr: string): string {
  const lines = stderr.trim().split("\n").filter((l) => !l.startsWith("npm warn"));
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

const lockHolderPid = () => (JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE_NAME), "utf8")) as { pid: number }).pid;

test("a second API on the same PGlite folder exits with one line naming the folder and the holder; the first keeps serving, no byte changes", async () => {
  const first = await startApi({ dataDir, killable: true });
  try {
    const created = await createCredential(first.client, { componentKey: "petstore", authType: "API_KEY", name: "before", values: { apiKey: "secret" } });
    const holder = lockHolderPid();
    const before = hashTree(dataDir);

    const second = await runApiUntilExit({ LATCHKEY_DATA_DIR: dataDir }, 30_000);
    expect(second.code).toBe(1);
    const line = oneLine(second.stderr);
    expect(line).toContain(dataDir);
    expect(line).toContain(`pid ${holder}`);
    expect(hashTree(dataDir)).toEqual(before);

    // keys:rotate with the API running reads the API's status file and never opens the database.
    const check = await runKeysRotate(["--check"], { LATCHKEY_DATA_DIR: dataDir });
    expect(check.stdout + check.stderr).toContain(`the API (pid ${holder})`);
    expect(check.code).toBe(0);

    const { credential } = await first.client.request(CredentialDocument, { id: created.id });
    expect(credential).toMatchObject({ id: created.id, name: "before" });
    await createCredential(first.client, { componentKey: "petstore", authType: "API_KEY", name: "after", values: { apiKey: "secret" } });
  } finally {
    await first.stop();
  }
}, 180_000);

test("keys:rotate on a folder another process holds is refused with one line, and changes nothing", async () => {
  const api = await startApi({ dataDir });
  await api.stop();
  const lock = await lockDataFolder(dataDir, "a test");
  try {
    const before = hashTree(dataDir);
    const run = await runKeysRotate([], { LATCHKEY_DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    expect(oneLine(run.stderr)).toContain(`${dataDir} is in use by a test (pid ${process.pid}`);
    expect(hashTree(dataDir)).toEqual(before);
  } finally {
    lock.release();
  }
}, 120_000);

test("after kill -9 the lock left behind does not block the next start", async () => {
  const first = await startApi({ dataDir, killable: true });
  const created = await createCredential(first.client, { componentKey: "petstore", authType: "API_KEY", values: { apiKey: "secret" } });
  const deadPid = lockHolderPid();
  await first.kill();
  expect(lockHolderPid()).toBe(deadPid);
  const again = await startApi({ dataDir });
  try {
    expect(lockHolderPid()).not.toBe(deadPid);
    const { credential } = await again.client.request(CredentialDocument, { id: created.id });
    expect(credential?.id).toBe(created.id);
  } finally {
    await again.stop();
  }
}, 180_000);

/** Whether this process may mount (root in a sandbox that allows it): tmpfs and bind mounts for the tests below. */
function mountWorks(): boolean {
  const probe = mkdtempSync(path.join(tmpdir(), "latchkey-mount-"));
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", probe]).status === 0;
  if (mounted) spawnSync("umount", [probe]);
  rmSync(probe, { recursive: true, force: true });
  return mounted;
}
const canMount = process.platform === "linux" && process.getuid?.() === 0 && mountWorks();
const mountOrSkip = (what: string) =>
  canMount || (console.warn(`\n*** SKIPPED: ${what}: needs root and mount (tmpfs, bind) in this sandbox. ***\n`), false);

test("a read-only data folder: one line naming it, exit 1", async () => {
  if (!mountOrSkip("the read-only folder test")) return;
  // A database made first, then the folder mounted read-only over itself: what a read-only volume is.
  const api = await startApi({ dataDir });
  await api.stop();
  expect(spawnSync("mount", ["-o", "bind,ro", dataDir, dataDir]).status).toBe(0);
  try {
    const run = await runApiUntilExit({ LATCHKEY_DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    const line = oneLine(run.stderr);
    expect(line).toContain(dataDir);
    expect(line).toMatch(/read-only/);
    expect(line).toContain("LATCHKEY_DATA_DIR");
  } finally {
    spawnSync("umount", [dataDir]);
  }
}, 120_000);

test("a data folder the user may not write: one line naming it and the user, exit 1", async () => {
  const setpriv = spawnSync("setpriv", ["--version"]).status === 0;
  if (!reachableOrSkip(process.getuid?.() === 0 && setpriv, "the permission test needs root and setpriv (to run the API as nobody).")) return;
  const folder = path.join(dataDir, "data");
  mkdirSync(folder);
  chmodSync(dataDir, 0o755);
  chmodSync(folder, 0o755);
  const run = await runApiUntilExit({ LATCHKEY_DATA_DIR: folder, HOME: tmpdir() }, 60_000, ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]);
  expect(run.code).toBe(1);
  const line = oneLine(run.stderr);
  expect(line).toContain(folder);
  expect(line).toMatch(/permission denied for user .*65534/);
  expect(readdirSync(folder)).toEqual([]);
}, 120_000);

test("a full disk: one line naming the folder, exit 1", async () => {
  if (!mountOrSkip("the full disk test")) return;
  // 3 MiB: the key file and the lock fit, a new PGlite database does not.
  expect(spawnSync("mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", dataDir]).status).toBe(0);
  try {
    const run = await runApiUntilExit({ LATCHKEY_DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    const line = oneLine(run.stderr);
    expect(line).toContain(dataDir);
    expect(line).toMatch(/no space left/);
  } finally {
    spawnSync("umount", [dataDir]);
  }
}, 120_000);

test("a port in use: one line naming it, exit 1, and the folder is free again", async () => {
  const taken = await startTcpListener();
  const { port } = taken;
  try {
    const run = await runApiUntilExit({ LATCHKEY_DATA_DIR: dataDir, PORT: String(port) });
    expect(run.code).toBe(1);
    const line = oneLine(run.stderr);
    expect(line).toContain(`Port ${port}`);
    expect(line).toContain("PORT");
  } finally {
    await taken.close();
  }
  expect(() => statSync(path.join(dataDir, LOCK_FILE_NAME))).toThrow();
}, 120_000);

test.each([
  ["nothing listening", "postgres://latchkey:hunter2pass@127.0.0.1:1/latchkey", /127\.0\.0\.1:1\/latchkey.*ECONNREFUSED/],
  ["an unknown host", "postgres://latchkey:hunter2pass@no-such-host.invalid:5432/latchkey", /no-such-host\.invalid:5432.*ENOTFOUND/],
  ["a bad port", "postgres://latchkey:hunter2pass@127.0.0.1:99999/latchkey", /not a valid PostgreSQL URL/],
])("DATABASE_URL with %s: one line naming the variable, never the password, exit 1", async (_, url, expected) => {
  const run = await runApiUntilExit({ LATCHKEY_DATA_DIR: dataDir, DATABASE_URL: url });
  expect(run.code).toBe(1);
  const line = oneLine(run.stderr);
  expect(line).toContain("DATABASE_URL");
  expect(line).toMatch(expected);
  expect(run.stderr + run.stdout).not.toContain("hunter2pass");
}, 60_000);
