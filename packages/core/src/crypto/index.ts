export { ConfigurationError, SecretDecryptionError } from "./errors";
export type { SecretDecryptionReason } from "./errors";
export {
  ENCRYPTION_KEY_ENV,
  KEY_FILE_NAME,
  Keyring,
  assertKeyringCovers,
  keyIdOf,
  generateKey,
  loadKeyring,
  readKeyFile,
  writeKeyFile,
  parseEncryptionKey,
} from "./keyring";
export type { EncryptionKey, LoadKeyringOptions, LoadedKeyring } from "./keyring";
export { openSecrets, sealSecrets, sealedKeyId } from "./secret-box";
export type { SecretBinding } from "./secret-box";
export { SEALED_COLUMNS } from "./sealed-columns";
export type { SealedColumn } from "./sealed-columns";
export { countSealedByKeyId, resealSecrets, rowsNotUnder, storedKeyIds } from "./reseal";
export type { ResealOptions, ResealProgress, ResealResult, SealedKeyCounts } from "./reseal";
