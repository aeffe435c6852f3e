import type { AuthMethodDescriptor, ComponentDescriptor } from "../components/descriptor-schema";
import type { CredentialValues, VerificationResult } from "../types";

export interface VerificationTarget {
  descriptor: ComponentDescriptor;
  method: AuthMethodDescriptor;
  /** Validated values of the credential, secret and non-secret together. */
  values: CredentialValues;
  /** OAUTH2: the access token that `verify.http` sends as a bearer token. */
  accessToken?: string;
}

export interface VerifierOptions {
  timeoutMs: number;
  /** The API's own public URL, for `{{server.url}}`. */
  serverUrl: string;
  /** Base URL templates by component key. */
  baseUrlOverrides: Record<string, string>;
  /**
   * The HTTP client of OAuth2 token requests (oauth4webapi's `customFetch`); global fetch when
   * unset. The place for a network-policy guard. It is always called with `redirect: "manual"`.
   */
  fetch?: typeof fetch;
}

export type Verifier = (target: VerificationTarget, options: VerifierOptions) => Promise<VerificationResult>;

export type VerificationOutcome = Pick<VerificationResult, "ok" | "code" | "status" | "message">;

/** A misconfiguration found before any request is sent; its message is safe to show. */
export class VerificationSetupError extends Error {
  override name = "VerificationSetupError";
}

// Secrets this short would turn every message into noise if masked, and cannot be told apart from words.
const MIN_SCRUBBED_LENGTH = 4;
const REDACTED = "[redacted]";

export function createVerificationResult(
  target: VerificationTarget,
  outcome: VerificationOutcome,
  startedAt: number,
): VerificationResult {
  return {
    ...outcome,
    message: scrubSecretValues(outcome.message, target),
    checkedAt: new Date(),
    durationMs: Math.max(0, Math.round(performance.now() - startedAt)),
  };
}

/** Defensive: masks every secret value of the target (and its encoded forms) wherever it appears. */
export function scrubSecretValues(message: string, target: VerificationTarget): string {
  const secrets = target.method.fields
    .filter((field) => field.secret)
    .map((field) => target.values[field.name])
    .filter((value) => value !== undefined)
    .map(String);
  const { username, password } = target.values;
  if (target.method.type === "BASIC" && username !== undefined && password !== undefined) {
    secrets.push(encodeBasicCredentials(String(username), String(password)));
  }
  if (target.accessToken) secrets.push(target.accessToken);
  const variants = secrets
    .flatMap((secret) => [secret, encodeURIComponent(secret)])
    .filter((variant) => variant.length >= MIN_SCRUBBED_LENGTH)
    .sort((a, b) => b.length - a.length);
  return variants.reduce((scrubbed, variant) => scrubbed.split(variant).join(REDACTED), message);
}

export function encodeBasicCredentials(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, "utf8").toString("base64");
}
