/**
 * Imports an elastic.io / Open Integration Hub `component.json`: its `credentials` section becomes a
 * Latchkey descriptor with the same field ids in file order, so the component's code keeps reading
 * `cfg.apiKey`, `cfg.oauth.access_token`, ... (COMPONENTS.md, "Importing component.json"). Pure:
 * no I/O. The result is validated by the descriptor schema like any registered descriptor.
 */
import type { FieldError } from "../results";
import { isPlainObject } from "./credential-values";

export interface ElasticioImport {
  /** A descriptor in Latchkey's format, not yet validated. */
  descriptor: Record<string, unknown>;
  /** Everything of the file that was not mapped as it is, in plain words. */
  warnings: string[];
}

export type ElasticioImportResult = ({ ok: true } & ElasticioImport) | { ok: false; fieldErrors: FieldError[] };

type Json = Record<string, unknown>;

interface ImportedField {
  name: string;
  label: string;
  type: "STRING" | "PASSWORD" | "BOOLEAN" | "SELECT" | "TEXTAREA";
  required: boolean;
  secret: boolean;
  description?: string;
  placeholder?: string;
  options?: { value: string; label: string }[];
}

const ROOT_KEYS_USED = new Set(["title", "description", "credentials", "envVars", "authClientTypes", "useOAuthClient", "x-latchkey"]);
const FIELD_KEYS_USED = new Set(["viewClass", "label", "required", "placeholder", "prompt", "note", "help", "model"]);
const OAUTH2_KEYS_USED = new Set(["client_id", "client_secret", "auth_uri", "token_uri", "scopes", "scope", "grant_type", "client_auth"]);
/** The view classes of credential fields and the Latchkey field type each becomes (others: STRING, with a warning). */
export const VIEW_CLASS_TYPES: Readonly<Record<string, ImportedField["type"]>> = {
  TextFieldView: "STRING",
  TextFieldWithNoteView: "STRING",
  PasswordFieldView: "PASSWORD",
  TextAreaView: "TEXTAREA",
  CheckBoxView: "BOOLEAN",
  SelectView: "SELECT",
};
const KEY_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
const TEMPLATE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Parses descriptor text, answering a parse error with its line and column (never quoting the text). */
export function parseDescriptorText(text: string): { ok: true; value: unknown } | { ok: false; fieldErrors: FieldError[] } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const { position, problem } = findJsonError(text);
    return { ok: false, fieldErrors: [{ field: "descriptor", message: `Not valid JSON at ${lineAndColumn(text, position)}: ${problem}.` }] };
  }
}

// Deeper than this the scanner stops instead of recursing on (a few kilobytes of "[" would exhaust the stack).
const MAX_SCAN_DEPTH = 512;

/** Where JSON.parse stopped, and why: a small scanner of the JSON grammar, run only after a failure. */
function findJsonError(text: string): { position: number; problem: string } {
  let i = 0;
  let depth = 0;
  class Stop {
    constructor(readonly problem: string) {}
  }
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const expect = (what: string, problem: string) => {
    if (!text.startsWith(what, i)) throw new Stop(problem);
    i += what.length;
  };
  const string = () => {
    expect('"', "expected a double-quoted string");
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") i++;
      else if (text.charCodeAt(i) < 0x20) throw new Stop("a control character inside a string");
      i++;
    }
    expect('"', "a string is not closed");
  };
  // An object's or array's items up to `close`, comma-separated.
  const items = (close: string, item: () => void, what: string) => {
    if (++depth > MAX_SCAN_DEPTH) throw new Stop(`nested more than ${MAX_SCAN_DEPTH} levels deep`);
    i++;
    space();
    if (text[i] === close) return void (i++, depth--);
    for (;;) {
      item();
      space();
      if (text[i] === close) return void (i++, depth--);
      expect(",", `expected "," or "${close}" after ${what}`);
    }
  };
  const property = () => {
    space();
    if (text[i] !== '"') throw new Stop("expected a property name in double quotes");
    string();
    space();
    expect(":", 'expected ":" after a property name');
    value();
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === "{") return items("}", property, "a property");
    if (c === "[") return items("]", value, "an item");
    if (c === '"') return string();
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!literal) throw new Stop(i >= text.length ? "the text ends too early" : "expected a value");
    i += literal[0].length;
  };
  try {
    value();
    space();
    if (i < text.length) throw new Stop("unexpected text after the end");
    return { position: i, problem: "not valid JSON" };
  } catch (error) {
    if (error instanceof Stop) return { position: Math.min(i, text.length), problem: error.problem };
    throw error;
  }
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

/** A stable key from a title: lowercase letters and digits, dashes between words ("AWS S3" → "aws-s3"). */
export function keyFromTitle(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
}

/**
 * Whether a field's id or label says it holds a secret: many real files put API keys and even
 * passwords in plain text fields. "Access Key Id" is not one; "Consumer Key" and "API token" are.
 */
export function looksSecret(id: string, label = ""): boolean {
  return [id, label].some((text) => {
    const words = text
      .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    if (words.some((w) => /^(password|passwd|passphrase|secret|token|apikey|bearer|privatekey|pwd)$/.test(w))) return true;
    const joined = words.join(" ");
    return /\b(api|private|access|consumer|secret|license|licence|signing) key\b(?! id)/.test(joined) || words.at(-1) === "key";
  });
}

/** The importer: `input` is the parsed file (or its text); `key` the component's key, else derived from `title`. */
export function importElasticioComponent(input: unknown, options: { key?: string | null } = {}): ElasticioImportResult {
  let file = input;
  if (typeof input === "string") {
    const parsed = parseDescriptorText(input);
    if (!parsed.ok) return parsed;
    file = parsed.value;
  }
  if (!isPlainObject(file)) return fail("descriptor", "Must be a JSON object (a component.json file).");
  const credentials = file.credentials;
  if (!isPlainObject(credentials)) {
    return fail("descriptor.credentials", credentials === undefined ? "The file has no credentials section: there is nothing to store." : "Must be an object.");
  }
  const rawFields = credentials.fields ?? {};
  if (!isPlainObject(rawFields)) return fail("descriptor.credentials.fields", "Must be an object of fields by id.");
  const title = typeof file.title === "string" && file.title.trim() ? file.title.trim().slice(0, 100) : undefined;
  const key = options.key ?? (title ? keyFromTitle(title) : undefined);
  if (!key) return fail("key", "Required: the file has no title to derive a key from.");
  if (!KEY_PATTERN.test(key)) {
    return fail("key", options.key ? "Must be 2 to 63 lowercase letters, digits or dashes, starting with a letter or digit." : `The key derived from the title ("${key}") is too short: pass a key.`);
  }

  const warnings: string[] = [];
  const errors: FieldError[] = [];
  const fields: ImportedField[] = [];
  let oauthField: string | undefined;
  let httpAuthField: string | undefined;
  for (const [id, definition] of Object.entries(rawFields)) {
    const path = `descriptor.credentials.fields.${id}`;
    if (!isPlainObject(definition)) {
      errors.push({ field: path, message: "Must be an object (a field definition)." });
      continue;
    }
    if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(id)) {
      errors.push({ field: path, message: "Latchkey needs field ids that are identifiers (a letter, then letters, digits or underscores)." });
      continue;
    }
    const viewClass = typeof definition.viewClass === "string" ? definition.viewClass : undefined;
    if (viewClass === "OAuthFieldView" || viewClass === "HTTPAuthView") {
      if (oauthField ?? httpAuthField) {
        warnings.push(`Field "${id}" (${viewClass}) is ignored: only one authentication field per file is supported.`);
      } else if (viewClass === "OAuthFieldView") oauthField = id;
      else httpAuthField = id;
      continue;
    }
    fields.push(importField(id, definition, viewClass, warnings));
  }
  if (errors.length > 0) return { ok: false, fieldErrors: errors };

  const ignoredRoot = Object.keys(file).filter((name) => !ROOT_KEYS_USED.has(name));
  if (ignoredRoot.length > 0) warnings.push(`Ignored (not about credentials): ${ignoredRoot.join(", ")}.`);
  const ignoredCredentials = Object.keys(credentials).filter((name) => !["fields", "oauth2", "verifier"].includes(name));
  if (ignoredCredentials.length > 0) warnings.push(`Ignored in credentials: ${ignoredCredentials.join(", ")} (OAuth 1.0 is not supported).`);

  const extension = isPlainObject(file["x-latchkey"]) ? file["x-latchkey"] : undefined;
  const settings = new Map<string, { name: string; description?: string; required: boolean; secret: boolean }>();
  const envVars = isPlainObject(file.envVars) ? file.envVars : {};
  const verify = isPlainObject(extension?.verify) ? { verify: extension.verify } : {};
  const methods = buildMethods({ file, credentials, fields, oauthField, httpAuthField, extension, verify, envVars, settings, warnings });

  const unusedEnvVars = Object.keys(envVars).filter((name) => !settings.has(name));
  if (unusedEnvVars.length > 0) {
    warnings.push(`envVars not used by the credentials are ignored (they configure the component's code): ${unusedEnvVars.join(", ")}.`);
  }
  if (!extension?.verify && !extension?.database) {
    const verifier = typeof credentials.verifier === "string" ? ` (${credentials.verifier})` : "";
    warnings.push(
      `The file's verification${verifier} is code of the component, which Latchkey does not run: credentials are saved UNVERIFIED` +
        (methods.some((m) => m.type === "OAUTH2") ? " (OAuth2 ones are VALID once the token exchange succeeds)" : "") +
        '. Add an "x-latchkey" section with a verify request to have them verified.',
    );
  }
  const description = typeof file.description === "string" && file.description.trim() ? htmlToText(file.description).slice(0, 1000) : undefined;
  return {
    ok: true,
    warnings,
    descriptor: {
      key,
      name: title ?? key,
      ...(description ? { description } : {}),
      ...(typeof extension?.baseUrl === "string" ? { baseUrl: extension.baseUrl } : {}),
      format: "ELASTICIO",
      ...(settings.size > 0 ? { settings: [...settings.values()] } : {}),
      authMethods: methods,
    },
  };
}

interface MethodContext {
  file: Json;
  credentials: Json;
  fields: ImportedField[];
  oauthField: string | undefined;
  httpAuthField: string | undefined;
  extension: Json | undefined;
  /** The x-latchkey verify section, spread into each method ({} when there is none). */
  verify: Json;
  envVars: Json;
  settings: Map<string, { name: string; description?: string; required: boolean; secret: boolean }>;
  warnings: string[];
}

function buildMethods(context: MethodContext): Json[] {
  const { fields, oauthField, httpAuthField, extension, verify, warnings, file } = context;
  if (oauthField) return [oauth2Method(context, [oauthField])];
  const authClientTypes = Array.isArray(file.authClientTypes) ? file.authClientTypes : [];
  if (httpAuthField) {
    if (authClientTypes.includes("oauth2") || file.useOAuthClient === true) return [oauth2Method(context, [httpAuthField])];
    warnings.push(`"${httpAuthField}" (HTTPAuthView) offers no authentication too: that choice needs no credential and is left out.`);
    const group = (type: string, label: string, groupKey: string, typeValue: string, extra: Json[]) => ({
      type,
      label,
      fields: [...fields, ...extra],
      resolveShape: { groupPath: [httpAuthField, groupKey], groupFields: extra.map((f) => f.name), typePath: [httpAuthField, "type"], typeValue },
      ...verify,
    });
    const basic = group("BASIC", "Basic authentication", "basic", "Basic Auth", [
      { name: "username", label: "Username", type: "STRING", required: true, secret: false },
      { name: "password", label: "Password", type: "PASSWORD", required: true, secret: true },
    ]);
    const apiKey = group("CUSTOM", "API key in a header", "apiKey", "API Key Auth", [
      { name: "headerName", label: "Header name", type: "STRING", required: true, secret: false },
      { name: "headerValue", label: "Header value", type: "STRING", required: true, secret: true },
    ]);
    const methods: Json[] = [basic, apiKey];
    if (isPlainObject(context.credentials.oauth2)) methods.push(oauth2Method(context, [httpAuthField, "oauth2", "keys"], { typePath: [httpAuthField, "type"], typeValue: "OAuth2" }));
    return methods;
  }
  if (isPlainObject(context.credentials.oauth2)) warnings.push("credentials.oauth2 is ignored: no field of the file is an OAuthFieldView.");

  const user = fields.find((f) => /^(user|username|user_name|login|email|adminemail|account)$/i.test(f.name) || /\b(user ?name|login|e-?mail)\b/i.test(f.label));
  const password = fields.find((f) => /password/i.test(f.name) && f.secret);
  const host = fields.find((f) => /^(host|hostname|server)$/i.test(f.name));
  const port = fields.find((f) => /^port$/i.test(f.name));
  const database = fields.find((f) => /^(database|databasename|dbname|db)$/i.test(f.name));
  if (user && password && host && port && database) {
    const engine = isPlainObject(extension?.database) ? { database: extension.database } : {};
    return [
      {
        type: "DATABASE",
        label: "Database connection",
        fields,
        fieldRoles: { host: host.name, port: port.name, database: database.name, username: user.name, password: password.name },
        ...engine,
      },
    ];
  }
  if (user && password) {
    return [{ type: "BASIC", label: "Username and password", fields, fieldRoles: { username: user.name, password: password.name }, ...verify }];
  }
  if (fields.length === 0) warnings.push("The credentials section has no fields: a credential holds nothing but its name.");
  return [{ type: "CUSTOM", label: "Credentials", fields, ...verify }];
}

function oauth2Method(context: MethodContext, tokensPath: string[], tag: { typePath?: string[]; typeValue?: string } = {}): Json {
  const { fields, credentials, warnings, verify } = context;
  const block = isPlainObject(credentials.oauth2) ? credentials.oauth2 : undefined;
  const fieldIds = new Set(fields.map((f) => f.name));
  const convert = (value: unknown, what: string): string | undefined => {
    if (typeof value !== "string" || !value.trim()) return undefined;
    return value.trim().replace(TEMPLATE, (_, name: string) => {
      if (fieldIds.has(name)) return `{{values.${name}}}`;
      declareSetting(context, name, what);
      return `{{settings.${name}}}`;
    });
  };
  if (!block) {
    warnings.push(
      "The file names no OAuth2 endpoints (elastic.io keeps them in an auth client): set the component settings OAUTH_AUTH_URI, OAUTH_TOKEN_URI, OAUTH_CLIENT_ID and OAUTH_CLIENT_SECRET.",
    );
  }
  const authorizationUrl = convert(block?.auth_uri ?? "{{OAUTH_AUTH_URI}}", "the authorization URL");
  const tokenUrl = convert(block?.token_uri ?? "{{OAUTH_TOKEN_URI}}", "the token URL");
  const clientId = convert(block?.client_id ?? "{{OAUTH_CLIENT_ID}}", "the client id");
  const clientSecret = convert(block?.client_secret ?? "{{OAUTH_CLIENT_SECRET}}", "the client secret");
  const scopes = Array.isArray(block?.scopes)
    ? block.scopes.filter((s): s is string => typeof s === "string" && s.trim() !== "")
    : typeof block?.scope === "string"
      ? block.scope.split(/[\s,]+/).filter(Boolean)
      : [];
  const grant = block?.grant_type === "client_credentials" ? "client_credentials" : "authorization_code";
  const clientAuth = typeof block?.client_auth === "string" && /basic|header/i.test(block.client_auth) ? "basic" : "body";
  const authorizationParams: Record<string, string> = {};
  for (const [name, value] of Object.entries(block ?? {})) {
    if (OAUTH2_KEYS_USED.has(name)) continue;
    if (typeof value === "string" && /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) authorizationParams[name] = value;
    else warnings.push(`credentials.oauth2.${name} is ignored: only text values are passed as authorization parameters.`);
  }
  return {
    type: "OAUTH2",
    label: "Connect with OAuth",
    fields,
    oauth2: {
      grantTypes: [grant],
      ...(grant === "authorization_code" ? { authorizationUrl } : {}),
      tokenUrl,
      clientId,
      clientSecret,
      ...(scopes.length > 0 ? { scopes } : {}),
      pkce: true,
      clientAuth,
      ...(Object.keys(authorizationParams).length > 0 ? { authorizationParams } : {}),
    },
    resolveShape: { tokensPath, ...tag },
    ...verify,
  };
}

function declareSetting(context: MethodContext, name: string, usedBy: string): void {
  if (context.settings.has(name)) return;
  const declared = isPlainObject(context.envVars[name]) ? context.envVars[name] : undefined;
  if (!declared) context.warnings.push(`{{${name}}} in ${usedBy} is not declared in envVars: it is a component setting all the same.`);
  const description = typeof declared?.description === "string" && declared.description.trim() ? declared.description.trim().slice(0, 1000) : undefined;
  const secret = looksSecret(name);
  context.settings.set(name, { name, ...(description ? { description } : {}), required: true, secret });
}

function importField(id: string, definition: Json, viewClass: string | undefined, warnings: string[]): ImportedField {
  const label = typeof definition.label === "string" && definition.label.trim() ? definition.label.trim().slice(0, 200) : labelFromId(id);
  let type = viewClass ? VIEW_CLASS_TYPES[viewClass] : undefined;
  if (!type) {
    warnings.push(`Field "${id}": the view class ${viewClass ?? "(none)"} is not supported; it is entered as plain text.`);
    type = "STRING";
  }
  let options: ImportedField["options"];
  if (type === "SELECT") {
    options = selectOptions(definition.model);
    if (!options) {
      warnings.push(
        typeof definition.model === "string"
          ? `Field "${id}": its choices come from the component's code (${definition.model}); it is entered as plain text.`
          : `Field "${id}": a SelectView without choices; it is entered as plain text.`,
      );
      type = "STRING";
    }
  }
  let secret = type === "PASSWORD";
  if ((type === "STRING" || type === "TEXTAREA") && looksSecret(id, label)) {
    secret = true;
    warnings.push(`Field "${id}" (${viewClass ?? "no view class"}) is kept secret because its id or label says it holds one.`);
  }
  const note = typeof definition.note === "string" ? definition.note : helpText(definition.help);
  const description = note ? htmlToText(note).slice(0, 1000) : undefined;
  const placeholderSource = typeof definition.placeholder === "string" ? definition.placeholder : typeof definition.prompt === "string" ? definition.prompt : undefined;
  const placeholder = placeholderSource?.trim().slice(0, 200);
  const ignored = Object.keys(definition).filter((name) => !FIELD_KEYS_USED.has(name));
  if (ignored.length > 0) warnings.push(`Field "${id}": ignored ${ignored.join(", ")}.`);
  return {
    name: id,
    label,
    type,
    required: definition.required === true,
    secret,
    ...(description ? { description } : {}),
    ...(placeholder ? { placeholder } : {}),
    ...(options ? { options } : {}),
  };
}

function selectOptions(model: unknown): ImportedField["options"] {
  const pairs: [unknown, unknown][] = Array.isArray(model) ? model.map((item) => [item, item]) : isPlainObject(model) ? Object.entries(model) : [];
  const options = pairs
    .map(([value, label]) => ({ value: String(value).trim().slice(0, 200), label: String(label ?? "").trim().slice(0, 200) }))
    .filter((option) => option.value !== "")
    .map((option) => ({ value: option.value, label: option.label || option.value }));
  return options.length > 0 ? options.slice(0, 500) : undefined;
}

function helpText(help: unknown): string | undefined {
  if (typeof help === "string") return help;
  if (isPlainObject(help) && typeof help.description === "string") return help.description;
  return undefined;
}

/** HTML reduced to text: links become "text (href)", other tags go, entities are decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<a\b[^>]*?href\s*=\s*["']([^"']*)["'][^>]*>([^]*?)<\/a>/gi, (_, href: string, text: string) => {
      const inner = text.replace(/<[^>]*>/g, "").trim();
      return inner && inner !== href ? `${inner} (${href})` : href;
    })
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

function labelFromId(id: string): string {
  const words = id
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase();
  return (words.charAt(0).toUpperCase() + words.slice(1)).slice(0, 200) || id;
}

function fail(field: string, message: string): ElasticioImportResult {
  return { ok: false, fieldErrors: [{ field, message }] };
}
