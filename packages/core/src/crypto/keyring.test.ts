import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigurationError } from "./errors";
import { Keyring, assertKeyringCovers, loadKeyring, parseEncryptionKey } from "./keyring";

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
    expect(parseEncryptionKey(readFileSync(file, "utf8")).id).toBe(first.keyring.active.id);
    expect(readdirSync(dataDir)).toEqual(["encryption.key"]);

    const second = loadKeyring({ dataDir, envKey: "  " });
    expect(second.source).toBe("file");
    expect(second.keyring.active.id).toBe(first.keyring.active.id);
    expect(second.fileKeyDiffers).toBe(false);
  });

  it("prefers the env key and does not create a file", () => {
    const envKey = b64();
    const loaded = loadKeyring({ dataDir: dir, envKey });
    expect(loaded.source).toBe("env");
    expect(loaded.keyring.active.id).toBe(parseEncryptionKey(envKey).id);
    expect(loaded.keyring.ids()).toHaveLength(1);
    expect(loaded.fileKeyDiffers).toBe(false);
    expect(existsSync(join(dir, "encryption.key"))).toBe(false);
  });

  it("keeps a differing key file as a decrypt-only previous key", () => {
    const fileKey = loadKeyring({ dataDir: dir }).keyring.active;
    const envKey = b64();
    const loaded = loadKeyring({ dataDir: dir, envKey });
    expect(loaded.source).toBe("env");
    expect(loaded.fileKeyDiffers).toBe(true);
    expect(loaded.keyring.active.id).toBe(parseEncryptionKey(envKey).id);
    expect(loaded.keyring.ids()).toEqual([loaded.keyring.active.id, fileKey.id]);
  });

  it("reports no difference when env key and file agree", () => {
    const envKey = b64();
    writeFileSync(join(dir, "encryption.key"), `${envKey}\n`, { mode: 0o600 });
    const loaded = loadKeyring({ dataDir: dir, envKey });
    expect(loaded.fileKeyDiffers).toBe(false);
    expect(loaded.keyring.ids()).toHaveLength(1);
  });

  it("rejects a corrupt key file naming the file, not the contents", () => {
    writeFileSync(join(dir, "encryption.key"), "c2hvcnQ=\n");
    const err = thrown(() => loadKeyring({ dataDir: dir }));
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err.message).toContain(join(dir, "encryption.key"));
    expect(err.message).not.toContain("c2hvcnQ");
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
      `LATCHKEY_ENCRYPTION_KEY does not match the key that encrypted the stored credentials (key id ${missing}, the current key is ${active.id}). ` +
        "Set LATCHKEY_ENCRYPTION_KEY to the key that was used, or restore /data/encryption.key.",
    );
  });
});
