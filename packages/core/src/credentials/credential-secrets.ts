import { secretHint, splitCredentialValues } from "../components/credential-values";
import type { AuthMethodDescriptor, ComponentDescriptor } from "../components/descriptor-schema";
import { openSecrets, sealSecrets, type Keyring, type SecretBinding } from "../crypto";
import type { OAuth2Tokens } from "../oauth2/oauth2-client";
import type { BaseUrlOptions } from "../components/template";
import type { CredentialValues } from "../types";
import type { CredentialRow } from "./credential-store";
import { DestinationChangedError, destinationOf } from "./destination";

/** OAuth2 tokens inside the sealed secrets. Field names start with a letter, so this key cannot clash with one. */
const TOKENS_KEY = "_oauth2";

export type StoredTokens = Omit<OAuth2Tokens, "expiresAt">;

/**
 * The columns of a credential that hold its values: config in the clear, secrets (and tokens)
 * sealed, hints, and the destination the secrets are bound to (they were verified against it).
 */
export function sealCredentialValues(
  keyring: Keyring,
  method: AuthMethodDescriptor,
  values: CredentialValues,
  binding: SecretBinding & { destination: string },
  tokens?: StoredTokens,
) {
  const { config, secrets } = splitCredentialValues(method, values);
  const secretHints = method.fields
    .filter((f) => f.secret && secrets[f.name] !== undefined)
    .map((f) => ({ field: f.name, hint: secretHint(f, String(secrets[f.name])) }));
  const sealed: Record<string, unknown> = { ...secrets };
  if (tokens) sealed[TOKENS_KEY] = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
  const { destination, ...secretBinding } = binding;
  return { config, secrets: sealSecrets(keyring, sealed, secretBinding), secretHints, destination };
}

/** What a stored credential's secrets are about to be used with. */
export interface SendingTarget {
  component: { descriptor: ComponentDescriptor };
  method: AuthMethodDescriptor;
}

/**
 * Where the credential's stored values would send its secrets with this descriptor and method now
 * (the fields that move it are never secret, so the clear config is enough).
 */
export function currentDestination(row: Pick<CredentialRow, "config">, target: SendingTarget, options: BaseUrlOptions): string {
  return destinationOf(target.component.descriptor, target.method, row.config as CredentialValues, options);
}

/**
 * The only way to stored secrets: the credential's values (config and secrets together) and, for
 * OAuth2, its tokens, for sending to `destination`. Unless that is the destination the secrets were
 * verified against (and bound to), throws DestinationChangedError and opens nothing.
 */
export function openCredentialValues(
  keyring: Keyring,
  row: Pick<CredentialRow, "id" | "workspaceId" | "config" | "secrets" | "destination">,
  destination: string,
): { values: CredentialValues; tokens?: StoredTokens } {
  if (row.destination === null || row.destination !== destination) throw new DestinationChangedError();
  const { [TOKENS_KEY]: tokens, ...secrets } = openSecrets(keyring, row.secrets, { workspaceId: row.workspaceId, credentialId: row.id });
  const values = { ...(row.config as CredentialValues), ...(secrets as CredentialValues) };
  const stored = tokens as Partial<StoredTokens> | undefined;
  if (typeof stored?.accessToken !== "string") return { values };
  return {
    values,
    tokens: { accessToken: stored.accessToken, ...(typeof stored.refreshToken === "string" ? { refreshToken: stored.refreshToken } : {}) },
  };
}
