import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { createHmac, randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { ConfigurationError } from "./errors";

export const ENCRYPTION_KEY_ENV = "LATCHKEY_ENCRYPTION_KEY";
export const DECRYPTION_KEYS_ENV = "LATCHKEY_DECRYPTION_KEYS";
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

/**
 * The active key seals; every key opens, so data sealed before a key change stays readable.
 * A running API may swap the keys in place (`replace`), so every holder of the keyring sees the
 * new keys at once; each seal or open reads the keys once, so it never mixes two generations.
 */
export class Keyring {
  private byId = new Map<string, EncryptionKey>();
  private current!: EncryptionKey;

  constructor(active: EncryptionKey, previous: EncryptionKey[] = []) {
    this.replace(active, previous);
  }

  get active(): EncryptionKey {
    return this.current;
  }

  replace(active: EncryptionKey, previous: EncryptionKey[] = []): void {
    const byId = new Map<string, EncryptionKey>();
    for (const k of [active, ...previous]) if (!byId.has(k.id)) byId.set(k.id, k);
    this.byId = byId;
    this.current = active;
  }

  get(id: string): EncryptionKey | undefined {
    return this.byId.get(id);
  }

  /** Active key first. */
  ids(): string[] {
    return [...this.byId.keys()];
  }

  /** Active key first, then the decrypt-only keys. */
  keys(): EncryptionKey[] {
    return [...this.byId.values()];
  }
}

export interface LoadKeyringOptions {
  /** Value of LATCHKEY_ENCRYPTION_KEY; blank counts as unset. */
  envKey?: string;
  /** Value of LATCHKEY_DECRYPTION_KEYS: further keys (comma-separated) that open but never seal. */
  envDecryptionKeys?: string;
  dataDir: string;
}

export interface LoadedKeyring {
  keyring: Keyring;
  /** env: the variables; file: the key file (which a running API re-reads when it changes). */
  source: "env" | "file" | "generated";
  keyFile: string;
}

const KEY_FILE_HEADER =
  "# Latchkey encryption keys (base64, one per line). The first key seals; every key opens.\n" +
  "# Managed by `npm run keys:rotate`; keep this file secret and back it up with the data.\n";

/** The keys of a key file, first (sealing) key first; undefined when there is no file. */
export function readKeyFile(keyFile: string): EncryptionKey[] | undefined {
  let text: string;
  try {
    text = readFileSync(keyFile, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new ConfigurationError(`Cannot read ${keyFile} (${(err as NodeJS.ErrnoException).code ?? "error"}).`);
  }
  const lines = text.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  if (lines.length === 0) throw new ConfigurationError(`${keyFile} holds no key.`);
  return lines.map((line, i) => decodeKey(line, lines.length === 1 ? keyFile : `${keyFile} (key ${i + 1})`));
}

function writeTemp(dataDir: string, content: string): string {
  const tmp = join(dataDir, `.${KEY_FILE_NAME}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const fd = openSync(tmp, "wx", 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return tmp;
}

function keyFileText(keys: EncryptionKey[]): string {
  return KEY_FILE_HEADER + keys.map((k) => `${k.key.toString("base64")}\n`).join("");
}

/** Replaces the key file atomically (complete temp file, then rename): a reader sees the old or the new file. */
export function writeKeyFile(keyFile: string, keys: EncryptionKey[]): void {
  const tmp = writeTemp(dirname(keyFile), keyFileText(keys));
  try {
    renameSync(tmp, keyFile);
  } catch (err) {
    unlinkSync(tmp);
    throw err;
  }
}

/** Returns the key that ended up in the file: ours, or another process's if it won the race. */
function createKeyFile(dataDir: string, keyFile: string): { keys: EncryptionKey[]; created: boolean } {
  mkdirSync(dataDir, { recursive: true });
  const key = generateKey();
  // Write a complete temp file, then hard-link it into place: link fails if the target exists,
  // so a concurrent starter never sees a half-written key and never overwrites one.
  const tmp = writeTemp(dataDir, keyFileText([key]));
  try {
    linkSync(tmp, keyFile);
    return { keys: [key], created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    const existing = readKeyFile(keyFile);
    if (!existing) throw err;
    return { keys: existing, created: false };
  } finally {
    unlinkSync(tmp);
  }
}

export function generateKey(): EncryptionKey {
  const key = randomBytes(KEY_BYTES);
  return { id: keyIdOf(key), key };
}

function parseKeyList(text: string | undefined): EncryptionKey[] {
  const items = (text ?? "").split(",").map((t) => t.trim()).filter(Boolean);
  return items.map((item, i) => decodeKey(item, `${DECRYPTION_KEYS_ENV} (key ${i + 1})`));
}

/**
 * The keys from LATCHKEY_ENCRYPTION_KEY (+ LATCHKEY_DECRYPTION_KEYS) when set; else from the key
 * file in the data folder, generated on first use.
 */
export function loadKeyring({ envKey, envDecryptionKeys, dataDir }: LoadKeyringOptions): LoadedKeyring {
  const keyFile = join(dataDir, KEY_FILE_NAME);
  if (envKey?.trim()) {
    return { keyring: new Keyring(parseEncryptionKey(envKey), parseKeyList(envDecryptionKeys)), source: "env", keyFile };
  }
  if (envDecryptionKeys?.trim()) {
    throw new ConfigurationError(`${DECRYPTION_KEYS_ENV} is set but ${ENCRYPTION_KEY_ENV} is not: set both, or neither (the key file holds all keys).`);
  }
  const fileKeys = readKeyFile(keyFile);
  const { keys, created } = fileKeys ? { keys: fileKeys, created: false } : createKeyFile(dataDir, keyFile);
  const [active, ...previous] = keys;
  return { keyring: new Keyring(active!, previous), source: created ? "generated" : "file", keyFile };
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
  const held = keyring.ids();
  const given = held.length === 1 ? `the current key is ${held[0]}` : `the keys given are ${held.join(", ")}`;
  throw new ConfigurationError(
    `${ENCRYPTION_KEY_ENV} does not match the key that encrypted the stored credentials (${which}, ${given}). ` +
      `Set ${ENCRYPTION_KEY_ENV} to the key that was used (after a key rotation: the new key), or restore ${keyFile}.`,
  );
}
