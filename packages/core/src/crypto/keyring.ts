import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { createHmac, randomBytes } from "node:crypto";
import { join } from "node:path";
import { ConfigurationError } from "./errors";

export const ENCRYPTION_KEY_ENV = "LATCHKEY_ENCRYPTION_KEY";
export const KEY_FILE_NAME = "encryption.key";
const KEY_BYTES = 32;

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

/** A one-way fingerprint, so the id can be stored and logged without revealing the key. */
export function keyIdOf(key: Buffer): string {
  return createHmac("sha256", key).update("latchkey key id").digest("hex").slice(0, 16);
}

function decodeKey(base64: string, source: string): EncryptionKey {
  const text = base64.trim();
  // Buffer.from silently skips invalid characters, so check the alphabet first.
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) ? Buffer.from(text, "base64") : undefined;
  if (key?.length !== KEY_BYTES) {
    throw new ConfigurationError(
      `${source} must be ${KEY_BYTES} random bytes encoded as base64 (generate one with: openssl rand -base64 32).`,
    );
  }
  return { id: keyIdOf(key), key };
}

export function parseEncryptionKey(base64: string): EncryptionKey {
  return decodeKey(base64, ENCRYPTION_KEY_ENV);
}

/** The active key encrypts; previous keys only decrypt, so data sealed before a key change stays readable. */
export class Keyring {
  private readonly byId = new Map<string, EncryptionKey>();

  constructor(
    readonly active: EncryptionKey,
    previous: EncryptionKey[] = [],
  ) {
    for (const k of [active, ...previous]) if (!this.byId.has(k.id)) this.byId.set(k.id, k);
  }

  get(id: string): EncryptionKey | undefined {
    return this.byId.get(id);
  }

  /** Active key first. */
  ids(): string[] {
    return [...this.byId.keys()];
  }
}

export interface LoadKeyringOptions {
  /** Value of LATCHKEY_ENCRYPTION_KEY; blank counts as unset. */
  envKey?: string;
  dataDir: string;
}

export interface LoadedKeyring {
  keyring: Keyring;
  source: "env" | "file" | "generated";
  /** Both the env key and a different key file exist; the file's key is kept as a decrypt-only previous key. */
  fileKeyDiffers: boolean;
  keyFile: string;
}

function readKeyFile(keyFile: string): EncryptionKey | undefined {
  let text: string;
  try {
    text = readFileSync(keyFile, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new ConfigurationError(`Cannot read ${keyFile} (${(err as NodeJS.ErrnoException).code ?? "error"}).`);
  }
  return decodeKey(text, keyFile);
}

/** Returns the key that ended up in the file: ours, or another process's if it won the race. */
function createKeyFile(dataDir: string, keyFile: string): { key: EncryptionKey; created: boolean } {
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(KEY_BYTES);
  // Write a complete temp file, then hard-link it into place: link fails if the target exists,
  // so a concurrent starter never sees a half-written key and never overwrites one.
  const tmp = join(dataDir, `.${KEY_FILE_NAME}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const fd = openSync(tmp, "wx", 0o600);
  try {
    writeSync(fd, `${key.toString("base64")}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, keyFile);
    return { key: { id: keyIdOf(key), key }, created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    const existing = readKeyFile(keyFile);
    if (!existing) throw err;
    return { key: existing, created: false };
  } finally {
    unlinkSync(tmp);
  }
}

export function loadKeyring({ envKey, dataDir }: LoadKeyringOptions): LoadedKeyring {
  const keyFile = join(dataDir, KEY_FILE_NAME);
  if (envKey?.trim()) {
    const active = parseEncryptionKey(envKey);
    const fileKey = readKeyFile(keyFile);
    const fileKeyDiffers = fileKey !== undefined && fileKey.id !== active.id;
    return { keyring: new Keyring(active, fileKeyDiffers ? [fileKey] : []), source: "env", fileKeyDiffers, keyFile };
  }
  const fileKey = readKeyFile(keyFile);
  if (fileKey) return { keyring: new Keyring(fileKey), source: "file", fileKeyDiffers: false, keyFile };
  const { key, created } = createKeyFile(dataDir, keyFile);
  return { keyring: new Keyring(key), source: created ? "generated" : "file", fileKeyDiffers: false, keyFile };
}

/** Fail at startup, with one actionable line, rather than on the first credential read. */
export function assertKeyringCovers(
  keyring: Keyring,
  storedKeyIds: string[],
  keyFile = `<data folder>/${KEY_FILE_NAME}`,
): void {
  const missing = [...new Set(storedKeyIds)].filter((id) => !keyring.get(id));
  if (missing.length === 0) return;
  const which = missing.length === 1 ? `key id ${missing[0]}` : `key ids ${missing.join(", ")}`;
  throw new ConfigurationError(
    `${ENCRYPTION_KEY_ENV} does not match the key that encrypted the stored credentials (${which}, the current key is ${keyring.active.id}). ` +
      `Set ${ENCRYPTION_KEY_ENV} to the key that was used, or restore ${keyFile}.`,
  );
}
