import type { FieldError } from "../results";
import type { CredentialValues } from "../types";
import type { AuthMethodDescriptor, FieldDescriptor } from "./descriptor-schema";

export type CredentialValuesResult = { ok: true; values: CredentialValues } | { ok: false; fieldErrors: FieldError[] };

type FieldValue = CredentialValues[string];
type FieldOutcome = { value: FieldValue | undefined } | { error: string };

const MAX_VALUE_BYTES = 8 * 1024;
const MASK = "••••••••";
const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const utf8 = new TextEncoder();

/**
 * Validates submitted values against an auth method's fields and normalizes them (defaults applied,
 * numbers and booleans coerced, non-secret text trimmed). Error messages never repeat a submitted value.
 */
export function validateCredentialValues(method: AuthMethodDescriptor, input: unknown): CredentialValuesResult {
  if (!isPlainObject(input)) {
    return { ok: false, fieldErrors: [{ field: "", message: "Values must be an object of field values." }] };
  }
  const known = new Set(method.fields.map((field) => field.name));
  const fieldErrors: FieldError[] = Object.keys(input)
    .filter((name) => !known.has(name))
    .map((name) => {
      const shown = name.length > 64 ? `${name.slice(0, 64)}…` : name;
      return { field: shown, message: `Unknown field "${shown}": ${method.label} has no such field.` };
    });
  const values: CredentialValues = {};
  for (const field of method.fields) {
    const outcome = normalizeFieldValue(field, Object.hasOwn(input, field.name) ? input[field.name] : undefined);
    if ("error" in outcome) fieldErrors.push({ field: field.name, message: outcome.error });
    else if (outcome.value !== undefined) values[field.name] = outcome.value;
  }
  return fieldErrors.length > 0 ? { ok: false, fieldErrors } : { ok: true, values };
}

/** Splits values into non-secret config and secrets by each field's `secret` flag; values of unknown fields are dropped. */
export function splitCredentialValues(
  method: AuthMethodDescriptor,
  values: CredentialValues,
): { config: CredentialValues; secrets: CredentialValues } {
  const config: CredentialValues = {};
  const secrets: CredentialValues = {};
  for (const field of method.fields) {
    const value = Object.hasOwn(values, field.name) ? values[field.name] : undefined;
    if (value !== undefined) (field.secret ? secrets : config)[field.name] = value;
  }
  return { config, secrets };
}

/** A masked hint for the UI: the last 4 characters only of long keys, never of passwords. */
export function secretHint(field: Pick<FieldDescriptor, "name" | "label">, value: FieldValue): string {
  const passwordLike = /password|passphrase/i.test(field.name) || /password|passphrase/i.test(field.label);
  if (typeof value !== "string" || value.length < 16 || passwordLike) return MASK;
  return MASK + value.slice(-4);
}

function normalizeFieldValue(field: FieldDescriptor, raw: unknown): FieldOutcome {
  if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) {
    if (field.defaultValue !== undefined) return { value: field.defaultValue };
    return field.required ? { error: `${field.label} is required.` } : { value: undefined };
  }
  if (typeof raw === "string" && utf8.encode(raw).length > MAX_VALUE_BYTES) {
    return { error: `${field.label} is too long (at most 8 KiB).` };
  }
  const text = typeof raw === "string" && !field.secret && field.type !== "TEXTAREA" ? raw.trim() : raw;
  switch (field.type) {
    case "NUMBER":
      if (typeof text === "number" && Number.isFinite(text)) return { value: text };
      if (typeof text === "string" && NUMERIC.test(text)) return { value: Number(text) };
      return { error: `${field.label} must be a number.` };
    case "BOOLEAN":
      if (typeof text === "boolean") return { value: text };
      if (text === "true" || text === "false") return { value: text === "true" };
      return { error: `${field.label} must be true or false.` };
    case "URL":
      return typeof text === "string" ? checkUrl(field, text) : { error: `${field.label} must be a URL.` };
    case "SELECT": {
      const allowed = (field.options ?? []).map((option) => option.value);
      if (typeof text === "string" && allowed.includes(text)) return { value: text };
      return { error: `${field.label} must be one of: ${allowed.join(", ")}.` };
    }
    case "STRING":
    case "PASSWORD":
    case "TEXTAREA":
      return typeof text === "string" ? { value: text } : { error: `${field.label} must be text.` };
  }
}

function checkUrl(field: FieldDescriptor, text: string): FieldOutcome {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: `${field.label} must be a valid URL.` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { error: `${field.label} must be an http:// or https:// URL.` };
  }
  if (url.username || url.password) {
    return { error: `${field.label} must not contain a user name or password.` };
  }
  return { value: text };
}

/** A JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
