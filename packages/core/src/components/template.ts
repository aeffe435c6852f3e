import type { CredentialValues } from "../types";
import type { ComponentDescriptor, FieldDescriptor } from "./descriptor-schema";

/** A template problem; its message names placeholders and fields, never a value. */
export class TemplateError extends Error {
  override name = "TemplateError";
}

export type TemplatePlaceholder = { kind: "server-url"; text: string } | { kind: "value"; field: string; text: string };

type TemplateField = Pick<FieldDescriptor, "name" | "secret">;

export interface TemplateContext {
  fields: readonly TemplateField[];
  values: CredentialValues;
  serverUrl: string;
}

export interface BaseUrlOptions {
  serverUrl: string;
  /** Base URL templates by component key, e.g. to point a component at a sandbox or a test server. */
  baseUrlOverrides: Record<string, string>;
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const VALUE_EXPRESSION = /^values\.([A-Za-z][A-Za-z0-9_]*)$/;

export function parseTemplate(template: string): TemplatePlaceholder[] {
  const placeholders: TemplatePlaceholder[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const [text, expression = ""] = match;
    const field = VALUE_EXPRESSION.exec(expression)?.[1];
    if (expression === "server.url") placeholders.push({ kind: "server-url", text });
    else if (field) placeholders.push({ kind: "value", field, text });
    else throw new TemplateError(`Unknown template placeholder ${text}: use {{values.FIELD}} or {{server.url}}.`);
  }
  const leftover = template.replace(PLACEHOLDER, "");
  if (leftover.includes("{{") || leftover.includes("}}")) {
    throw new TemplateError('Malformed template: every "{{" needs a matching "}}".');
  }
  return placeholders;
}

/** Checks a template against the fields it may use, without values; returns the first problem. */
export function checkTemplate(template: string, fields: readonly TemplateField[]): string | undefined {
  try {
    for (const placeholder of parseTemplate(template)) {
      if (placeholder.kind === "value") assertUsableField(placeholder, fields);
    }
    return undefined;
  } catch (error) {
    if (error instanceof TemplateError) return error.message;
    throw error;
  }
}

export function renderTemplate(template: string, context: TemplateContext): string {
  const rendered = new Map<string, string>();
  for (const placeholder of parseTemplate(template)) {
    rendered.set(placeholder.text, renderPlaceholder(placeholder, context));
  }
  return template.replace(PLACEHOLDER, (text) => rendered.get(text) ?? "");
}

/**
 * The base URL verification requests go to: the deployment's override for the component if any,
 * else the descriptor's. A field is usable when it is non-secret in every auth method declaring it.
 */
export function resolveBaseUrl(descriptor: ComponentDescriptor, values: CredentialValues, options: BaseUrlOptions): string {
  const template = options.baseUrlOverrides[descriptor.key] ?? descriptor.baseUrl;
  const fields = descriptor.authMethods.flatMap((method) => method.fields);
  return renderTemplate(template, { fields, values, serverUrl: options.serverUrl });
}

function renderPlaceholder(placeholder: TemplatePlaceholder, context: TemplateContext): string {
  if (placeholder.kind === "server-url") return context.serverUrl.replace(/\/+$/, "");
  assertUsableField(placeholder, context.fields);
  const value = Object.hasOwn(context.values, placeholder.field) ? context.values[placeholder.field] : undefined;
  if (value === undefined || value === "") {
    throw new TemplateError(`Template placeholder ${placeholder.text} has no value: the credential does not set "${placeholder.field}".`);
  }
  return String(value);
}

function assertUsableField(placeholder: { field: string; text: string }, fields: readonly TemplateField[]): void {
  const matching = fields.filter((field) => field.name === placeholder.field);
  if (matching.length === 0) {
    throw new TemplateError(`Template placeholder ${placeholder.text} refers to an unknown field "${placeholder.field}".`);
  }
  if (matching.some((field) => field.secret)) {
    throw new TemplateError(
      `Template placeholder ${placeholder.text} refers to the secret field "${placeholder.field}"; templates may only use non-secret fields.`,
    );
  }
}
