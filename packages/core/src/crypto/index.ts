export { ConfigurationError, SecretDecryptionError } from "./errors";
export type { SecretDecryptionReason } from "./errors";
export {
  ENCRYPTION_KEY_ENV,
  KEY_FILE_NAME,
  Keyring,
  assertKeyringCovers,
  keyIdOf,
  loadKeyring,
  parseEncryptionKey,
} from "./keyring";
export type { EncryptionKey, LoadKeyringOptions, LoadedKeyring } from "./keyring";
export { openSecrets, sealSecrets, sealedKeyId } from "./secret-box";
export type { SecretBinding } from "./secret-box";
