import type { CredentialValues } from "../types";
import type { ComponentDescriptor, FieldDescriptor } from "./descriptor-schema";

/** A template problem; its message names placeholders and fields, never a value. */
export class TemplateError extends Error {
  override name = "TemplateError";
}

export type TemplatePlaceholder =
  | { kind: "server-url"; text: string }
  | { kind: "value"; field: string; text: string }
  | { kind: "setting"; name: string; text: string };

type TemplateField = Pick<FieldDescriptor, "name" | "secret">;

export interface TemplateContext {
  fields: readonly TemplateField[];
  values: CredentialValues;
  serverUrl: string;
  /** The component's settings in the workspace ({{settings.NAME}}); secret ones opened. */
  settings?: Record<string, string>;
}

export interface BaseUrlOptions {
  serverUrl: string;
  /** Base URL templates by component key, e.g. to point a component at a sandbox or a test server. */
  baseUrlOverrides: Record<string, string>;
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const VALUE_EXPRESSION = /^values\.([A-Za-z][A-Za-z0-9_]*)$/;
const SETTING_EXPRESSION = /^settings\.([A-Za-z_][A-Za-z0-9_]*)$/;
const HOST_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export function parseTemplate(template: string): TemplatePlaceholder[] {
  const placeholders: TemplatePlaceholder[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const [text, expression = ""] = match;
    const field = VALUE_EXPRESSION.exec(expression)?.[1];
    const setting = SETTING_EXPRESSION.exec(expression)?.[1];
    if (expression === "server.url") placeholders.push({ kind: "server-url", text });
    else if (field) placeholders.push({ kind: "value", field, text });
    else if (setting) placeholders.push({ kind: "setting", name: setting, text });
    else throw new TemplateError(`Unknown template placeholder ${text}: use {{values.FIELD}}, {{settings.NAME}} or {{server.url}}.`);
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
  if (template === undefined) throw new TemplateError("The component has no baseUrl to verify against.");
  const fields = descriptor.authMethods.flatMap((method) => method.fields);
  return renderTemplate(template, { fields, values, serverUrl: options.serverUrl });
}

/**
 * Renders an endpoint URL template (an OAuth2 authorization or token URL, a base URL) from the
 * component's settings and the credential's values: the one function every templated URL a
 * credential's secrets go to is resolved by. A credential value placed in the host must be one host
 * label (`https://{{values.prodEnv}}.salesforce.com` takes `login`, never `evil.com/x?`), and the
 * result must be an http(s) URL without user info. Throws TemplateError (its message names
 * placeholders, never a value).
 */
export function renderEndpointUrl(template: string, context: TemplateContext): string {
  const hostEnd = hostSpanEnd(template);
  for (const match of template.matchAll(PLACEHOLDER)) {
    const [text, expression = ""] = match;
    const field = VALUE_EXPRESSION.exec(expression)?.[1];
    if (!field || match.index === undefined || match.index >= hostEnd || match.index === 0) continue;
    const value = context.values[field];
    if (value !== undefined && !HOST_LABEL.test(String(value))) {
      throw new TemplateError(`The value of "${field}" goes into the host of an endpoint (${text}) and must be one host label: letters, digits and dashes.`);
    }
  }
  const rendered = renderTemplate(template, context);
  let url: URL;
  try {
    url = new URL(rendered);
  } catch {
    throw new TemplateError("The endpoint is not a valid URL once its placeholders are filled.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new TemplateError("The endpoint must be an http:// or https:// URL.");
  if (url.username || url.password) throw new TemplateError("The endpoint must not contain a user name or password.");
  return url.toString();
}

/**
 * The origin (scheme, host, port) a URL template points at, with the credential's values filled in
 * and every other placeholder (settings, server.url) kept as written: what destination binding
 * compares. Never throws; a template that is no URL answers a marked string.
 */
export function endpointOriginOf(template: string, values: CredentialValues): string {
  const head = template.slice(0, hostSpanEnd(template) || template.length);
  const filled = head.replace(PLACEHOLDER, (text: string, expression: string) => {
    const field = VALUE_EXPRESSION.exec(expression)?.[1];
    return field !== undefined && values[field] !== undefined ? String(values[field]) : text;
  });
  if (!filled.includes("{{")) {
    try {
      const url = new URL(filled);
      if (url.protocol === "http:" || url.protocol === "https:") return url.origin;
    } catch {
      // not a URL: compared as written below
    }
  }
  return `template:${filled.toLowerCase()}`;
}

/** Where the host of a URL template ends (the first "/", "?" or "#" after "://"); 0 when it has no scheme. */
function hostSpanEnd(template: string): number {
  const scheme = /^https?:\/\//i.exec(template);
  if (!scheme) return 0;
  const rest = template.slice(scheme[0].length).search(/[/?#]/);
  return rest < 0 ? template.length : scheme[0].length + rest;
}

function renderPlaceholder(placeholder: TemplatePlaceholder, context: TemplateContext): string {
  if (placeholder.kind === "server-url") return context.serverUrl.replace(/\/+$/, "");
  if (placeholder.kind === "setting") {
    const value = context.settings?.[placeholder.name];
    if (value === undefined || value === "") {
      throw new TemplateError(`Template placeholder ${placeholder.text} has no value: set the component setting "${placeholder.name}".`);
    }
    return value;
  }
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
