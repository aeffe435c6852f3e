import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigurationError } from "./errors";
import { Keyring, assertKeyringCovers, generateKey, loadKeyring, parseEncryptionKey, readKeyFile, writeKeyFile } from "./keyring";

const b64 = () => randomBytes(32).toString("base64");

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a throw");
}

describe("parseEncryptionKey", () => {
  it("accepts 32 bytes and gives a stable, non-secret id", () => {
    const text = b64();
    const a = parseEncryptionKey(text);
    const b = parseEncryptionKey(` ${text}\n`);
    expect(a.key).toHaveLength(32);
    expect(a.id).toBe(b.id);
    expect(a.id).toMatch(/^[0-9a-f]{16}$/);
    expect(a.key.toString("hex")).not.toContain(a.id);
    expect(parseEncryptionKey(b64()).id).not.toBe(a.id);
  });

  it.each([
    ["empty", ""],
    ["16 bytes", randomBytes(16).toString("base64")],
    ["31 bytes", randomBytes(31).toString("base64")],
    ["33 bytes", randomBytes(33).toString("base64")],
    ["64 bytes", randomBytes(64).toString("base64")],
    ["hex text", randomBytes(32).toString("hex")],
    ["not base64", "this is not a key, it is a sentence!!"],
  ])("rejects %s without echoing the value", (_name, value) => {
    const err = thrown(() => parseEncryptionKey(value));
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err.message).toContain("LATCHKEY_ENCRYPTION_KEY");
    expect(err.message).not.toContain("\n");
    if (value) expect(err.message).not.toContain(value.slice(0, 8));
  });
});

describe("Keyring", () => {
  it("looks keys up by id, active first, without duplicates", () => {
    const active = parseEncryptionKey(b64());
    const old = parseEncryptionKey(b64());
    const keyring = new Keyring(active, [old, active]);
    expect(keyring.active).toBe(active);
    expect(keyring.ids()).toEqual([active.id, old.id]);
    expect(keyring.get(old.id)).toBe(old);
    expect(keyring.get("nope")).toBeUndefined();
  });

  it("swaps its keys in place for every holder", () => {
    const [a, b] = [generateKey(), generateKey()];
    const keyring = new Keyring(a);
    keyring.replace(b, [a]);
    expect(keyring.active).toBe(b);
    expect(keyring.ids()).toEqual([b.id, a.id]);
    keyring.replace(b);
    expect(keyring.get(a.id)).toBeUndefined();
  });
});

describe("loadKeyring", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "latchkey-keyring-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("generates a 0600 key file in a new data folder and reuses it", () => {
    const dataDir = join(dir, "nested", "data");
    const first = loadKeyring({ dataDir });
    expect(first.source).toBe("generated");
    const file = join(dataDir, "encryption.key");
    expect(first.keyFile).toBe(file);
    if (process.platform !== "win32") expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readKeyFile(file)!.map((k) => k.id)).toEqual([first.keyring.active.id]);
    expect(readdirSync(dataDir)).toEqual(["encryption.key"]);

    const second = loadKeyring({ dataDir, envKey: "  " });
    expect(second.source).toBe("file");
    expect(second.keyring.active.id).toBe(first.keyring.active.id);
    expect(second.keyring.ids()).toHaveLength(1);
  });

  it("reads a key file of one bare line (as written before rotation existed)", () => {
    const text = b64();
    writeFileSync(join(dir, "encryption.key"), `${text}\n`, { mode: 0o600 });
    expect(loadKeyring({ dataDir: dir }).keyring.ids()).toEqual([parseEncryptionKey(text).id]);
  });

  it("takes the first key of the file as active and the others as decrypt-only", () => {
    const [a, b] = [generateKey(), generateKey()];
    const file = join(dir, "encryption.key");
    writeKeyFile(file, [a, b]);
    if (process.platform !== "win32") expect(statSync(file).mode & 0o777).toBe(0o600);
    const loaded = loadKeyring({ dataDir: dir });
    expect(loaded.keyring.active.id).toBe(a.id);
    expect(loaded.keyring.ids()).toEqual([a.id, b.id]);
    expect(readdirSync(dir)).toEqual(["encryption.key"]);
  });

  it("prefers the env keys and ignores (and does not create) a file", () => {
    loadKeyring({ dataDir: dir });
    const envKey = b64();
    const [old1, old2] = [b64(), b64()];
    const loaded = loadKeyring({ dataDir: dir, envKey, envDecryptionKeys: ` ${old1}, ${old2} ,` });
    expect(loaded.source).toBe("env");
    expect(loaded.keyring.ids()).toEqual([envKey, old1, old2].map((k) => parseEncryptionKey(k).id));

    const empty = mkdtempSync(join(tmpdir(), "latchkey-keyring-"));
    expect(loadKeyring({ dataDir: empty, envKey }).keyring.ids()).toHaveLength(1);
    expect(existsSync(join(empty, "encryption.key"))).toBe(false);
    rmSync(empty, { recursive: true });
  });

  it("rejects decryption keys without an encryption key, and bad ones without echoing them", () => {
    expect(() => loadKeyring({ dataDir: dir, envDecryptionKeys: b64() })).toThrow(/LATCHKEY_ENCRYPTION_KEY is not/);
    const err = thrown(() => loadKeyring({ dataDir: dir, envKey: b64(), envDecryptionKeys: `${b64()},c2hvcnQ=` }));
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err.message).toContain("LATCHKEY_DECRYPTION_KEYS (key 2)");
    expect(err.message).not.toContain("c2hvcnQ");
  });

  it("rejects a corrupt or empty key file naming the file, not the contents", () => {
    writeFileSync(join(dir, "encryption.key"), "c2hvcnQ=\n");
    const err = thrown(() => loadKeyring({ dataDir: dir }));
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err.message).toContain(join(dir, "encryption.key"));
    expect(err.message).not.toContain("c2hvcnQ");
    writeFileSync(join(dir, "encryption.key"), "# only a comment\n");
    expect(() => loadKeyring({ dataDir: dir })).toThrow(/holds no key/);
  });

  it("rejects a bad env key", () => {
    expect(() => loadKeyring({ dataDir: dir, envKey: "short" })).toThrow(ConfigurationError);
  });
});

describe("assertKeyringCovers", () => {
  const active = parseEncryptionKey(b64());
  const old = parseEncryptionKey(b64());
  const keyring = new Keyring(active, [old]);

  it("passes when every stored id is known", () => {
    expect(() => assertKeyringCovers(keyring, [])).not.toThrow();
    expect(() => assertKeyringCovers(keyring, [active.id, old.id, old.id])).not.toThrow();
  });

  it("throws one actionable line naming the missing and current key ids", () => {
    const missing = parseEncryptionKey(b64()).id;
    const err = thrown(() => assertKeyringCovers(keyring, [active.id, missing, missing], "/data/encryption.key"));
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err.message).not.toContain("\n");
    expect(err.message).toBe(
      `LATCHKEY_ENCRYPTION_KEY does not match the key that encrypted the stored credentials (key id ${missing}, the keys given are ${active.id}, ${old.id}). ` +
        "Set LATCHKEY_ENCRYPTION_KEY to the key that was used (after a key rotation: the new key), or restore /data/encryption.key.",
    );
  });
});
