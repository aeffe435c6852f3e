import type { AuthType, CredentialOrder, CredentialStatus, DescriptorFormat, VerificationTrigger } from "@latchkey/sdk";

export const AUTH_TYPE_LABELS: Record<AuthType, string> = {
  API_KEY: "API key",
  BASIC: "Basic auth",
  OAUTH2: "OAuth 2.0",
  DATABASE: "Database",
  CUSTOM: "Custom fields",
};

/** The format a component was described in. */
export const FORMAT_LABELS: Record<DescriptorFormat, string> = { LATCHKEY: "Latchkey", ELASTICIO: "elastic.io" };

export const STATUS_LABELS: Record<CredentialStatus, string> = {
  VALID: "Valid",
  INVALID: "Invalid",
  EXPIRED: "Expired",
  UNREACHABLE: "Unreachable",
  UNVERIFIED: "Unverified",
};

/** What caused a verification, as the history says it: with who did it, when the API knows ("by Ada"), and without. */
const TRIGGER_WORDS: Record<VerificationTrigger, { by: (name: string) => string; plain: string }> = {
  CREATED: { by: (name) => `When ${name} created it`, plain: "When it was created" },
  UPDATED: { by: (name) => `When ${name} changed its values`, plain: "When its values were changed" },
  MANUAL: { by: (name) => `Re-verified by ${name}`, plain: "Re-verified on request" },
  SCHEDULED: { by: () => "Checked on a schedule", plain: "Checked on a schedule" },
  OAUTH2_CONNECTED: { by: () => "When the account was connected", plain: "When the account was connected" },
  OAUTH2_RECONNECTED: { by: () => "When the account was connected again", plain: "When the account was connected again" },
  TOKEN_REFRESH: { by: () => "While renewing its access token", plain: "While renewing its access token" },
  COMPONENT_REGISTERED: { by: (name) => `When ${name} changed its component`, plain: "When its component was changed" },
  UNKNOWN: { by: () => "Not recorded", plain: "Not recorded" },
};

/** "Checked on a schedule", "Re-verified by Ada", "When it was created"; "Not recorded" for results from before this was kept. */
export function triggerWords(trigger: VerificationTrigger | null | undefined, by?: string | null): string {
  const words = TRIGGER_WORDS[trigger ?? "UNKNOWN"] ?? TRIGGER_WORDS.UNKNOWN;
  return by ? words.by(by) : words.plain;
}

/** The statuses a person should act on: the overview counts them in red and filters by them together. */
export const ATTENTION_STATUSES: readonly CredentialStatus[] = ["INVALID", "EXPIRED", "UNREACHABLE"];

/** The overview's `status` filter value for every status of ATTENTION_STATUSES. */
export const NEEDS_ATTENTION = "NEEDS_ATTENTION";

/** The orders of a component's credential list (`?sort=`), with their labels. */
export const CREDENTIAL_SORTS = { name: "Name", newest: "Newest first", status: "Status (needs attention first)" } as const;
export type CredentialSort = keyof typeof CREDENTIAL_SORTS;

/** The API's order for each `?sort=`: the list is sorted by the API across pages, never in the browser. */
export const CREDENTIAL_ORDERS: Record<CredentialSort, CredentialOrder> = { name: "NAME", newest: "NEWEST", status: "STATUS" };

/** The `?sort=` a page's URL asks for; by name when missing or unknown. */
export function credentialSortOf(value: string | string[] | undefined): CredentialSort {
  return typeof value === "string" && Object.hasOwn(CREDENTIAL_SORTS, value) ? (value as CredentialSort) : "name";
}

/** "1 credential", "3 credentials". */
export function formatCount(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** Up to two letters for an avatar: "Petstore API" -> "PA", "PostgreSQL" -> "P". */
export function initialsOf(name: string): string {
  const words = name.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[1]] : [words[0]];
  return letters.map((word) => word?.charAt(0) ?? "").join("").toUpperCase() || "?";
}

/** A stable hue (0-359) per key, so each component keeps its avatar colour. */
export function hueOf(key: string): number {
  let hash = 0;
  for (const char of key) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 360;
  return hash;
}

const absoluteFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/** "21 Nov 2025, 15:56 UTC". */
export function formatDateTime(iso: string): string {
  return `${absoluteFormat.format(new Date(iso))} UTC`;
}

const relativeFormat = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "just now", "5 minutes ago", "yesterday". */
export function formatRelativeTime(iso: string, now: number = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relativeFormat.format(Math.round(seconds / size), unit);
  }
  return relativeFormat.format(Math.round(seconds / 60), "minute");
}

/** The auth method's own label from its descriptor, else the auth type's. */
export function authMethodLabel(method: { type: AuthType; label?: string | null }): string {
  return method.label || AUTH_TYPE_LABELS[method.type];
}

/** A credential field's label from its auth method's descriptor, else the field's name. */
export function fieldLabel(method: { fields: readonly { name: string; label: string }[] } | undefined, name: string): string {
  return method?.fields.find((field) => field.name === name)?.label ?? name;
}

/** The confirmation after a credential was saved. */
export function savedNoticeText(credential: { name: string; status: CredentialStatus }): string {
  return credential.status === "VALID"
    ? `“${credential.name}” was verified and saved.`
    : `“${credential.name}” was saved; its status is ${STATUS_LABELS[credential.status].toLowerCase()}.`;
}
