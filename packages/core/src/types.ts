/** Domain vocabulary shared by every module of core (PRODUCT.md "Words"). */

export const AUTH_TYPES = ["API_KEY", "BASIC", "OAUTH2", "DATABASE", "CUSTOM"] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

export const CREDENTIAL_STATUSES = ["UNVERIFIED", "VALID", "INVALID", "EXPIRED", "UNREACHABLE"] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];
/** The orders of the credential lists: by name, newest first, needs attention first (CredentialOrder). */
export const CREDENTIAL_ORDERS = ["NAME", "NEWEST", "STATUS"] as const;
export type CredentialOrder = (typeof CREDENTIAL_ORDERS)[number];

export const VERIFICATION_CODES = [
  "OK",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "TIMEOUT",
  "UNREACHABLE",
  "BLOCKED_TARGET",
  "TOKEN_EXPIRED",
  "UNEXPECTED_RESPONSE",
  "DESTINATION_CHANGED",
  "NOT_VERIFIED",
] as const;
export type VerificationCode = (typeof VERIFICATION_CODES)[number];

export const FIELD_TYPES = ["STRING", "PASSWORD", "NUMBER", "BOOLEAN", "URL", "SELECT", "TEXTAREA"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const FLOW_STATUSES = ["ACTIVE", "INACTIVE"] as const;
export type FlowStatus = (typeof FLOW_STATUSES)[number];

/**
 * What caused a stored verification result. Every path that stores one names its own (see
 * `withTrigger`); UNKNOWN only marks results stored before triggers were recorded.
 */
export const VERIFICATION_TRIGGERS = [
  "CREATED",
  "UPDATED",
  "MANUAL",
  "SCHEDULED",
  "OAUTH2_CONNECTED",
  "OAUTH2_RECONNECTED",
  "TOKEN_REFRESH",
  "COMPONENT_REGISTERED",
  "UNKNOWN",
] as const;
export type VerificationTrigger = (typeof VERIFICATION_TRIGGERS)[number];

/** The outcome of one verification (a "dry" request to the component). */
export interface VerificationResult {
  ok: boolean;
  code: VerificationCode;
  /** The status the credential gets from this result. */
  status: CredentialStatus;
  /** Readable; never contains a secret value. */
  message: string;
  checkedAt: Date;
  durationMs: number;
  /** What caused it: set on every stored result, absent on a dry run (nothing stored). */
  trigger?: VerificationTrigger;
  /** The person or API token that caused it, by name, when one did (null for the job, the OAuth2 callback). */
  triggeredBy?: string | null;
}

/** A result on its way into a credential's history: what caused it is known. */
export type TriggeredVerification = VerificationResult & { trigger: VerificationTrigger; triggeredBy: string | null };

/** Field values of a credential by field name, secret and non-secret together. */
export type CredentialValues = Record<string, string | number | boolean>;
