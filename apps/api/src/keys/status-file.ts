import { randomBytes } from "node:crypto";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { SealedKeyCounts } from "@latchkey/core";

/**
 * PGlite is one process, so `npm run keys:rotate` cannot open the database while the API runs:
 * the API reports its keys and re-seal progress in this file instead (key ids and counts only).
 */
export const STATUS_FILE_NAME = "keyring-status.json";

export interface KeyringStatus {
  pid: number;
  activeKeyId: string;
  keyIds: string[];
  /** Rows per key id per sealed column, as of the last count. */
  counts: SealedKeyCounts;
  reseal: {
    state: "idle" | "running" | "done" | "failed";
    resealed: number;
    conflicts: number;
    failed: number;
    /** Rows left under other key ids, as of the last count. */
    remaining: Record<string, number>;
  };
  updatedAt: string;
}

export const statusFilePath = (dataDir: string) => path.join(dataDir, STATUS_FILE_NAME);

export function writeStatusFile(dataDir: string, status: KeyringStatus): void {
  const file = statusFilePath(dataDir);
  const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(tmp, JSON.stringify(status, null, 2), { mode: 0o600 });
  renameSync(tmp, file);
}

export function removeStatusFile(dataDir: string): void {
  rmSync(statusFilePath(dataDir), { force: true });
}

/** The status of the API running on this data folder; undefined when none runs. */
export function readLiveStatus(dataDir: string): KeyringStatus | undefined {
  let status: KeyringStatus;
  try {
    status = JSON.parse(readFileSync(statusFilePath(dataDir), "utf8")) as KeyringStatus;
  } catch {
    return undefined;
  }
  try {
    process.kill(status.pid, 0);
    return status;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM" ? status : undefined;
  }
}
