import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { DataFolderLockedError, LOCK_FILE_NAME, lockDataFolder, type LockHolder } from "./data-folder-lock";

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), "latchkey-lock-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lockFile = () => path.join(dir, LOCK_FILE_NAME);
/** A pid that was alive a moment ago and is dead now (a process that ran and exited). */
const deadPid = () => spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
const writeHolder = (holder: Partial<LockHolder>, ageMs = 0) => {
  writeFileSync(lockFile(), JSON.stringify({ hostname: hostname(), bootId: null, processStart: null, purpose: "the Latchkey API", since: "then", token: "old", ...holder }));
  const when = new Date(Date.now() - ageMs);
  utimesSync(lockFile(), when, when);
};

test("a second lock on the same folder is refused, naming the folder and the holder's pid; release frees it", async () => {
  const first = await lockDataFolder(dir, "the Latchkey API");
  const error = await lockDataFolder(dir).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DataFolderLockedError);
  expect((error as Error).message).toContain(dir);
  expect((error as Error).message).toContain(`pid ${process.pid}`);
  expect((error as Error).message).toContain("the Latchkey API");
  first.release();
  expect(existsSync(lockFile())).toBe(false);
  (await lockDataFolder(dir)).release();
});

test("a lock left by a dead process on this host is taken over at once", async () => {
  const pid = Number(deadPid());
  writeHolder({ pid });
  const lock = await lockDataFolder(dir);
  expect(JSON.parse(readFileSync(lockFile(), "utf8")).pid).toBe(process.pid);
  lock.release();
});

test("a live pid that is another process than the one that locked (pid reused) does not hold the lock", async () => {
  writeHolder({ pid: process.pid, processStart: "1" });
  const lock = await lockDataFolder(dir);
  lock.release();
});

test("another host's lock holds while it is refreshed, and is stale once it is not", async () => {
  writeHolder({ pid: 1, hostname: "elsewhere" }, 1_000);
  await expect(lockDataFolder(dir)).rejects.toThrow(/on host elsewhere/);
  writeHolder({ pid: 1, hostname: "elsewhere" }, 120_000);
  (await lockDataFolder(dir)).release();
});

test("a lock file its creator never finished writing is stale after a few seconds", async () => {
  writeFileSync(lockFile(), "");
  utimesSync(lockFile(), new Date(Date.now() - 10_000), new Date(Date.now() - 10_000));
  (await lockDataFolder(dir)).release();
});

test("processes starting together on a stale lock: exactly one gets it", async () => {
  writeHolder({ pid: Number(deadPid()) });
  const tsx = path.resolve(__dirname, "../../../node_modules/.bin/tsx");
  const at = Date.now() + 4_000;
  // Each waits for the same instant, then takes the lock and holds it for a while.
  const script = `import { lockDataFolder } from ${JSON.stringify(path.join(__dirname, "data-folder-lock.ts"))};
    while (Date.now() < ${at});
    lockDataFolder(${JSON.stringify(dir)}).then((l) => { console.log("won"); setTimeout(() => l.release(), 1500); }, (e) => console.log(e.name));`;
  const runs = await Promise.all(
    Array.from({ length: 6 }, () => new Promise<string>((resolve) => {
      const child = spawn(tsx, ["--eval", script], { stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.once("exit", () => resolve(out.trim()));
    })),
  );
  expect(runs.filter((r) => r === "won")).toHaveLength(1);
  expect(runs.filter((r) => r === "DataFolderLockedError")).toHaveLength(5);
}, 60_000);
