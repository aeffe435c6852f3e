/** The process is misconfigured (e.g. a bad or mismatched encryption key); safe to print as one line. */
export class ConfigurationError extends Error {
  override readonly name = "ConfigurationError";
}

export type SecretDecryptionReason = "malformed" | "unknown_key" | "authentication_failed";

/** Stored secrets could not be opened. The message never contains key material or plaintext. */
export class SecretDecryptionError extends Error {
  override readonly name = "SecretDecryptionError";

  constructor(
    readonly reason: SecretDecryptionReason,
    message: string,
  ) {
    super(message);
  }
}
