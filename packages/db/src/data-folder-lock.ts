import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, rmdirSync, statSync, unlinkSync, utimesSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * PGlite is one process on one folder: a second process opening the same folder destroys the
 * database. Every process that opens `<dataDir>/db` first takes `<dataDir>/db.lock`, a file created
 * exclusively (O_EXCL) that records who holds it. A lock whose holder is gone (its process is dead
 * on this host, or another host's holder stopped refreshing it) is stale and taken over, so a
 * restart right after `kill -9` is never blocked.
 */
export const LOCK_FILE_NAME = "db.lock";

export interface LockHolder {
  pid: number;
  hostname: string;
  /** /proc/sys/kernel/random/boot_id (Linux): a lock from before a reboot is stale. */
  bootId: string | null;
  /** The holder's start time in clock ticks since boot (/proc/<pid>/stat), so a reused pid is not mistaken for it. */
  processStart: string | null;
  /** What holds it, e.g. "the API" or "keys:rotate". */
  purpose: string;
  since: string;
  token: string;
}

export interface DataFolderLock {
  file: string;
  holder: LockHolder;
  release(): void;
}

/** The data folder is in use by another process; the message is the one line an operator needs. */
export class DataFolderLockedError extends Error {
  override readonly name = "DataFolderLockedError";
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    const where = holder.hostname === hostname() ? "" : ` on host ${holder.hostname}`;
    super(
      `The data folder ${dataDir} is in use by ${holder.purpose} (pid ${holder.pid}${where}, since ${holder.since}): ` +
        `stop that process first, or set LATCHKEY_DATA_DIR to another folder. Only one process may open an embedded database.`,
    );
  }
}

/** How often the holder touches the file, and after how long without a touch another host's lock is stale. */
const HEARTBEAT_MS = 10_000;
const FOREIGN_STALE_MS = 60_000;
/** A lock file without a readable holder (its creator died between creating and writing it) is stale after this. */
const UNREADABLE_STALE_MS = 5_000;

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return null;
  }
}

const bootId = () => readOrNull("/proc/sys/kernel/random/boot_id");

/** State and start time of a process from /proc (Linux); null where /proc is not there. */
function procStat(pid: number): { state: string; start: string } | null {
  const stat = readOrNull(`/proc/${pid}/stat`);
  if (!stat) return null;
  // The command name (field 2) may contain spaces and parentheses: fields 3.. follow the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { state: fields[0]!, start: fields[19]! };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether the holder recorded in a lock file is gone. */
function holderGone(holder: LockHolder, mtimeMs: number): boolean {
  if (holder.hostname !== hostname()) return Date.now() - mtimeMs > FOREIGN_STALE_MS;
  const boot = bootId();
  if (boot && holder.bootId && boot !== holder.bootId) return true;
  if (!processAlive(holder.pid)) return true;
  const stat = procStat(holder.pid);
  if (!stat) return false;
  // A zombie (killed, not yet reaped) holds nothing; a different start time is another process with a reused pid.
  return stat.state === "Z" || (holder.processStart !== null && stat.start !== holder.processStart);
}

function parseHolder(text: string | null): LockHolder | null {
  if (!text) return null;
  try {
    const holder = JSON.parse(text) as LockHolder;
    return typeof holder.pid === "number" && typeof holder.hostname === "string" ? holder : null;
  } catch {
    return null;
  }
}

/** Creates the lock file exclusively with the holder in it; false when it exists. */
function tryCreate(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(file, "wx", 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes the lock file if it still holds `staleText`. Breakers take turns through a directory
 * (mkdir is atomic), so two starts that both judged the same lock stale cannot both remove it and
 * then each remove the other's new lock.
 */
async function breakStale(file: string, staleText: string | null): Promise<void> {
  const breaker = `${file}.breaking`;
  try {
    mkdirSync(breaker);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    // Its owner died while breaking (it takes milliseconds): clear it, then try again.
    try {
      if (Date.now() - statSync(breaker).mtimeMs > UNREADABLE_STALE_MS) rmdirSync(breaker);
    } catch {
      // Gone meanwhile.
    }
    await sleep(50);
    return;
  }
  try {
    if (readOrNull(file) === staleText) unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  } finally {
    rmdirSync(breaker);
  }
}

/**
 * Takes the data folder's lock for this process or throws DataFolderLockedError naming the holder.
 * The folder is created if missing. The lock is released by `release()` and, as a last resort, when
 * the process exits; a process killed outright leaves a stale lock the next start takes over.
 */
export async function lockDataFolder(dataDir: string, purpose = "a Latchkey process"): Promise<DataFolderLock> {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE_NAME);
  const holder: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    bootId: bootId(),
    processStart: procStat(process.pid)?.start ?? null,
    purpose,
    since: new Date().toISOString(),
    token: randomBytes(8).toString("hex"),
  };
  for (;;) {
    if (tryCreate(file, holder)) break;
    const text = readOrNull(file);
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      continue; // Released meanwhile.
    }
    const current = parseHolder(text);
    const stale = current ? holderGone(current, mtimeMs) : Date.now() - mtimeMs > UNREADABLE_STALE_MS;
    if (current && !stale) throw new DataFolderLockedError(dataDir, current);
    if (!current && !stale) {
      // Being written right now by a starting process (or left empty by one that died: stale within seconds).
      await sleep(50);
      continue;
    }
    await breakStale(file, text);
  }

  const ours = () => parseHolder(readOrNull(file))?.token === holder.token;
  // Another host cannot see whether our pid lives: it judges by the file's age.
  const heartbeat = setInterval(() => {
    try {
      if (ours()) utimesSync(file, new Date(), new Date());
    } catch {
      // The next beat tries again.
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const release = () => {
    clearInterval(heartbeat);
    process.removeListener("exit", release);
    try {
      if (ours()) unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
  process.once("exit", release);
  return { file, holder, release };
}

/** Emscripten's errno numbers (what PGlite's file system throws, without a path) for the codes an operator can fix. */
const EMSCRIPTEN_ERRNO: Record<number, string> = { 2: "EACCES", 19: "EDQUOT", 44: "ENOENT", 51: "ENOSPC", 54: "ENOTDIR", 63: "EPERM", 69: "EROFS" };

/**
 * PGlite's file-system errors name no path and carry no stack (an emscripten ErrnoError with a
 * number), and a full disk during a write is SQLSTATE 53100: both become Node-style errors with
 * `code` and the database folder as `path`, so start-up can say what to do in one line.
 */
export function asFolderError(error: unknown, folder: string): unknown {
  const e = error as { name?: unknown; errno?: unknown; code?: unknown; message?: unknown } | null;
  const code =
    e?.name === "ErrnoError" && typeof e.errno === "number"
      ? EMSCRIPTEN_ERRNO[e.errno]
      : e?.code === "53100" || e?.code === "53400"
        ? "ENOSPC"
        : undefined;
  if (!code) return error;
  return Object.assign(new Error(`${code}: the embedded database could not write ${folder}`, { cause: error }), { code, path: folder, syscall: "write" });
}
