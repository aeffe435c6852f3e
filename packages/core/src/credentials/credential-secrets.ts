import { secretHint, splitCredentialValues } from "../components/credential-values";
import type { AuthMethodDescriptor } from "../components/descriptor-schema";
import { openSecrets, sealSecrets, type Keyring, type SecretBinding } from "../crypto";
import type { OAuth2Tokens } from "../oauth2/oauth2-client";
import type { CredentialValues } from "../types";
import type { CredentialRow } from "./credential-store";

/** OAuth2 tokens inside the sealed secrets. Field names start with a letter, so this key cannot clash with one. */
const TOKENS_KEY = "_oauth2";

export type StoredTokens = Omit<OAuth2Tokens, "expiresAt">;

/** The columns of a credential that hold its values: config in the clear, secrets (and tokens) sealed, hints. */
export function sealCredentialValues(
  keyring: Keyring,
  method: AuthMethodDescriptor,
  values: CredentialValues,
  binding: SecretBinding,
  tokens?: StoredTokens,
) {
  const { config, secrets } = splitCredentialValues(method, values);
  const secretHints = method.fields
    .filter((f) => f.secret && secrets[f.name] !== undefined)
    .map((f) => ({ field: f.name, hint: secretHint(f, String(secrets[f.name])) }));
  const sealed: Record<string, unknown> = { ...secrets };
  if (tokens) sealed[TOKENS_KEY] = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
  return { config, secrets: sealSecrets(keyring, sealed, binding), secretHints };
}

/** The credential's values (config and secrets together) and, for OAuth2, its tokens. */
export function openCredentialValues(keyring: Keyring, row: CredentialRow): { values: CredentialValues; tokens?: StoredTokens } {
  const { [TOKENS_KEY]: tokens, ...secrets } = openSecrets(keyring, row.secrets, { workspaceId: row.workspaceId, credentialId: row.id });
  const values = { ...(row.config as CredentialValues), ...(secrets as CredentialValues) };
  const stored = tokens as Partial<StoredTokens> | undefined;
  if (typeof stored?.accessToken !== "string") return { values };
  return {
    values,
    tokens: { accessToken: stored.accessToken, ...(typeof stored.refreshToken === "string" ? { refreshToken: stored.refreshToken } : {}) },
  };
}
