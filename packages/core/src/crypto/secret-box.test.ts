import { randomBytes } from "node:crypto";
import { SecretDecryptionError } from "./errors";
import type { SecretDecryptionReason } from "./errors";
import { Keyring, keyIdOf, parseEncryptionKey } from "./keyring";
import type { EncryptionKey } from "./keyring";
import { openSecrets, sealSecrets, sealedKeyId } from "./secret-box";

const newKey = (): EncryptionKey => parseEncryptionKey(randomBytes(32).toString("base64"));
const binding = { workspaceId: "ws_1", credentialId: "cred_1" };
const secrets = { apiKey: "sk_live_abc123", nested: { n: 1, ok: true }, list: ["a", null] };

function refusal(fn: () => unknown): SecretDecryptionError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SecretDecryptionError) return err;
    throw err;
  }
  throw new Error("expected SecretDecryptionError");
}

function expectRefused(keyring: Keyring, sealed: string, reason: SecretDecryptionReason, b = binding) {
  const err = refusal(() => openSecrets(keyring, sealed, b));
  expect(err.reason).toBe(reason);
  expect(err.message).not.toContain("sk_live");
  for (const id of keyring.ids()) {
    const key = keyring.get(id)!.key;
    expect(err.message).not.toContain(key.toString("base64"));
    expect(err.message).not.toContain(key.toString("hex"));
  }
}

/** Replace one dot-separated part of a sealed string. */
function withPart(sealed: string, index: number, edit: (part: string) => string): string {
  const parts = sealed.split(".");
  parts[index] = edit(parts[index]!);
  return parts.join(".");
}

/** Flip one bit of a base64url part, keeping it canonical. */
const flipBit = (part: string) => {
  const bytes = Buffer.from(part, "base64url");
  bytes[0] = bytes[0]! ^ 1;
  return bytes.toString("base64url");
};

describe("secret box", () => {
  const key = newKey();
  const keyring = new Keyring(key);

  it("round-trips objects, including unicode and the empty object", () => {
    for (const value of [secrets, {}, { password: "pässwörd 🔐 密码", "ключ": "значение" }]) {
      expect(openSecrets(keyring, sealSecrets(keyring, value, binding), binding)).toEqual(value);
    }
  });

  it("produces the compact v1 format with the active key id", () => {
    const sealed = sealSecrets(keyring, secrets, binding);
    const [version, keyId, nonce, ciphertext, tag, ...rest] = sealed.split(".");
    expect(version).toBe("v1");
    expect(keyId).toBe(key.id);
    expect(Buffer.from(nonce!, "base64url")).toHaveLength(12);
    expect(ciphertext!.length).toBeGreaterThan(0);
    expect(Buffer.from(tag!, "base64url")).toHaveLength(16);
    expect(rest).toEqual([]);
    expect(sealed).not.toContain("sk_live");
    expect(sealedKeyId(sealed)).toBe(key.id);
  });

  it("uses a fresh nonce every time", () => {
    const a = sealSecrets(keyring, secrets, binding);
    const b = sealSecrets(keyring, secrets, binding);
    expect(a).not.toBe(b);
    expect(a.split(".")[2]).not.toBe(b.split(".")[2]);
  });

  it.each([
    ["nonce", 2],
    ["ciphertext", 3],
    ["tag", 4],
  ])("refuses a tampered %s", (_name, index) => {
    const sealed = sealSecrets(keyring, secrets, binding);
    expectRefused(keyring, withPart(sealed, index, flipBit), "authentication_failed");
  });

  it("refuses a key id swapped to another key in the keyring", () => {
    const other = newKey();
    const both = new Keyring(key, [other]);
    const sealed = sealSecrets(both, secrets, binding);
    expectRefused(both, withPart(sealed, 1, () => other.id), "authentication_failed");
  });

  it("refuses an unknown key id", () => {
    const sealed = sealSecrets(keyring, secrets, binding);
    expectRefused(keyring, withPart(sealed, 1, () => "0123456789abcdef"), "unknown_key");
  });

  it("refuses ciphertext moved to another credential or workspace", () => {
    const sealed = sealSecrets(keyring, secrets, binding);
    expectRefused(keyring, sealed, "authentication_failed", { ...binding, credentialId: "cred_2" });
    expectRefused(keyring, sealed, "authentication_failed", { ...binding, workspaceId: "ws_2" });
  });

  it("refuses a wrong key", () => {
    const sealed = sealSecrets(keyring, secrets, binding);
    expectRefused(new Keyring(newKey()), sealed, "unknown_key");
    // Same id but different bytes: only authentication can catch it.
    const impostor = new Keyring({ id: key.id, key: randomBytes(32) });
    expectRefused(impostor, sealed, "authentication_failed");
  });

  it("opens data sealed under a previous key", () => {
    const old = newKey();
    const sealed = sealSecrets(new Keyring(old), secrets, binding);
    const rotated = new Keyring(newKey(), [old]);
    expect(openSecrets(rotated, sealed, binding)).toEqual(secrets);
    expect(sealedKeyId(sealSecrets(rotated, secrets, binding))).toBe(rotated.active.id);
  });

  it.each([
    "",
    "garbage",
    "v2.abc.def.ghi.jkl",
    "v1..AAAA.AAAA.AAAA",
    "v1.id.only.four",
    "v1.a.b.c.d.e",
  ])("refuses malformed input %p", (sealed) => {
    expectRefused(keyring, sealed, "malformed");
    expect(sealedKeyId(sealed)).toBeUndefined();
  });

  it("refuses non-canonical base64 and wrong nonce/tag lengths as malformed", () => {
    const sealed = sealSecrets(keyring, secrets, binding);
    expectRefused(keyring, withPart(sealed, 2, (p) => `${p}=`), "malformed");
    expectRefused(keyring, withPart(sealed, 3, (p) => `${p}!`), "malformed");
    expectRefused(keyring, withPart(sealed, 2, (p) => p.slice(0, 12)), "malformed");
    expectRefused(keyring, withPart(sealed, 4, (p) => p.slice(0, 16)), "malformed");
  });

  it("derives ids from key bytes", () => {
    expect(key.id).toBe(keyIdOf(key.key));
    expect(key.id).toMatch(/^[0-9a-f]{16}$/);
  });
});
