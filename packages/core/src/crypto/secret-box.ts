import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { SecretDecryptionError } from "./errors";
import type { Keyring } from "./keyring";

const VERSION = "v1";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = "aes-256-gcm";

export interface SecretBinding {
  workspaceId: string;
  credentialId: string;
}

// A JSON array is an unambiguous encoding, so no choice of ids can collide with another row's AAD.
function aad(keyId: string, { workspaceId, credentialId }: SecretBinding): Buffer {
  return Buffer.from(JSON.stringify(["latchkey.secrets", VERSION, keyId, workspaceId, credentialId]), "utf8");
}

export function sealSecrets(keyring: Keyring, secrets: Record<string, unknown>, binding: SecretBinding): string {
  const { id, key } = keyring.active;
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(id, binding));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(secrets), "utf8"), cipher.final()]);
  return [VERSION, id, nonce, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

const malformed = () => new SecretDecryptionError("malformed", "Stored secrets are not in the expected sealed format.");

// Buffer.from(.., "base64url") ignores junk, so require the exact canonical encoding.
function decodePart(text: string | undefined, length?: number): Buffer {
  if (!text || !/^[A-Za-z0-9_-]+$/.test(text)) throw malformed();
  const bytes = Buffer.from(text, "base64url");
  if (bytes.toString("base64url") !== text || (length !== undefined && bytes.length !== length)) throw malformed();
  return bytes;
}

function splitSealed(sealed: string): string[] | undefined {
  const parts = sealed.split(".");
  return parts.length === 5 && parts[0] === VERSION && /^[A-Za-z0-9_-]{1,64}$/.test(parts[1] ?? "") ? parts : undefined;
}

export function sealedKeyId(sealed: string): string | undefined {
  return splitSealed(sealed)?.[1];
}

export function openSecrets(keyring: Keyring, sealed: string, binding: SecretBinding): Record<string, unknown> {
  const parts = typeof sealed === "string" ? splitSealed(sealed) : undefined;
  if (!parts) throw malformed();
  const [, keyId = "", nonceText, ciphertextText, tagText] = parts;
  const nonce = decodePart(nonceText, NONCE_BYTES);
  const ciphertext = decodePart(ciphertextText);
  const tag = decodePart(tagText, TAG_BYTES);

  const entry = keyring.get(keyId);
  if (!entry) {
    throw new SecretDecryptionError(
      "unknown_key",
      `Stored secrets were encrypted with key id ${keyId}, which is not in the keyring (current key is ${keyring.active.id}).`,
    );
  }

  let plaintext: string;
  try {
    const decipher = createDecipheriv(ALGORITHM, entry.key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(keyId, binding));
    decipher.setAuthTag(tag);
    plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptionError(
      "authentication_failed",
      `Stored secrets failed authentication under key id ${keyId}: wrong key, tampered data, or sealed for another credential.`,
    );
  }

  let value: unknown;
  try {
    value = JSON.parse(plaintext);
  } catch {
    throw malformed();
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw malformed();
  return value as Record<string, unknown>;
}
