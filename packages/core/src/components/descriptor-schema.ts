import { z } from "zod";
import type { FieldError } from "../results";
import { AUTH_TYPES, FIELD_TYPES } from "../types";
import { checkTemplate } from "./template";

const KEY_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
const FIELD_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const TOKEN_PATTERN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const GRANT_TYPES = ["authorization_code", "client_credentials"] as const;

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: "Must not be empty." })
    .max(max, { error: `Must be at most ${max} characters.` });

const httpUrl = z.url({ protocol: /^https?$/, error: "Must be an http:// or https:// URL." });
/**
 * An endpoint URL that may hold placeholders ({{values.FIELD}}, {{settings.NAME}}), as imported
 * component.json files have: it is checked as a URL once rendered (renderEndpointUrl).
 */
const endpointUrl = z
  .string()
  .max(2000, { error: "Must be at most 2000 characters." })
  .refine((url) => (url.includes("{{") ? /^(https?:\/\/|\{\{)/.test(url) : httpUrl.safeParse(url).success), {
    error: "Must be an http:// or https:// URL.",
  });
const settingName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, { error: "Must be a name of letters, digits and underscores." });
const tokenName = z.string().regex(TOKEN_PATTERN, { error: "Must be a header or parameter name (letters, digits, - _ . and no spaces)." });

const statusCode = z
  .int({ error: "Must be an HTTP status code (100-599)." })
  .min(100, { error: "Must be an HTTP status code (100-599)." })
  .max(599, { error: "Must be an HTTP status code (100-599)." });

/** Where a role of a login (BASIC) or connection (DATABASE) is found when its field has another name. */
const fieldRolesSchema = z
  .strictObject({
    username: z.string().optional(),
    password: z.string().optional(),
    host: z.string().optional(),
    port: z.string().optional(),
    database: z.string().optional(),
  })
  .optional();

/**
 * How resolveCredential shapes the values of an imported component for its code: tokens under the
 * OAuth field's id (`oauth: { access_token, ... }`), or a group of fields nested under one id
 * (elastic.io's HTTPAuthView: `auth: { type: "Basic Auth", basic: { username, password } }`).
 */
const resolveShapeSchema = z
  .strictObject({
    tokensPath: z.array(z.string().min(1)).min(1).optional(),
    groupPath: z.array(z.string().min(1)).min(1).optional(),
    groupFields: z.array(z.string()).optional(),
    typePath: z.array(z.string().min(1)).min(1).optional(),
    typeValue: z.string().optional(),
  })
  .optional();

const selectOptionSchema = z.strictObject({ value: text(200), label: text(200) });

const fieldSchema = z
  .strictObject({
    name: z.string().regex(FIELD_NAME_PATTERN, {
      error: "Must be an identifier: a letter, then letters, digits or underscores (at most 64).",
    }),
    label: text(200),
    type: z.enum(FIELD_TYPES),
    required: z.boolean().default(false),
    secret: z.boolean().default(false),
    description: text(1000).optional(),
    placeholder: text(200).optional(),
    defaultValue: z.union([z.string().max(8 * 1024), z.number(), z.boolean()]).optional(),
    options: z.array(selectOptionSchema).max(500, { error: "At most 500 options." }).optional(),
  })
  .superRefine((field, ctx) => {
    if (field.type === "SELECT" && !field.options?.length) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "A SELECT field needs a non-empty options list." });
    }
    if (field.type !== "SELECT" && field.options) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "Only SELECT fields have options." });
    }
    const defaultProblem = describeDefaultValueProblem(field);
    if (defaultProblem) ctx.addIssue({ code: "custom", path: ["defaultValue"], message: defaultProblem });
  });

const httpCheckSchema = z.strictObject({
  method: z.enum(HTTP_METHODS, { error: `Must be an uppercase HTTP method: ${HTTP_METHODS.join(", ")}.` }),
  path: z.string().refine((path) => path.startsWith("/") || path.startsWith("{{"), {
    error: 'Must start with "/" or with a {{values.FIELD}} placeholder.',
  }),
  headers: z.record(tokenName, z.string()).optional(),
  okStatus: z
    .array(statusCode)
    .min(1, { error: "Must list at least one status, or be left out to accept any 2xx." })
    .optional(),
  /**
   * Latchkey's extension: an accepted status is not enough when the application reports a
   * rejection in the body (Slack answers 200 with `{"ok": false}` for a revoked token). The JSON
   * value at `path` (dot-separated keys) must equal `equals`, else the credential is rejected.
   */
  expectJson: z
    .strictObject({
      path: z.string().regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, { error: 'Must be dot-separated keys, e.g. "ok" or "data.active".' }),
      equals: z.union([z.string().max(200), z.number(), z.boolean(), z.null()]),
    })
    .optional(),
});

export type JsonExpectation = NonNullable<z.output<typeof httpCheckSchema>["expectJson"]>;

const verifySchema = z.strictObject({ http: httpCheckSchema });

const methodBase = {
  label: text(200),
  fields: z.array(fieldSchema).max(50, { error: "At most 50 fields." }),
  resolveShape: resolveShapeSchema,
};

const apiKeyMethodSchema = z
  .strictObject({
    type: z.literal("API_KEY"),
    ...methodBase,
    apply: z.strictObject({
      in: z.enum(["header", "query"], { error: 'Must be "header" or "query".' }),
      name: tokenName,
      prefix: z.string().max(100).optional(),
    }),
    verify: verifySchema,
  })
  .superRefine((method, ctx) => {
    const secretIndexes = method.fields.flatMap((field, index) => (field.secret ? [index] : []));
    if (secretIndexes.length === 0) {
      ctx.addIssue({ code: "custom", path: ["fields"], message: "An API_KEY method needs exactly one secret field (the key); it has none." });
    }
    for (const index of secretIndexes.slice(1)) {
      ctx.addIssue({
        code: "custom",
        path: ["fields", index, "secret"],
        message: "An API_KEY method needs exactly one secret field (the key); this is a second one.",
      });
    }
  });

const basicMethodSchema = z
  .strictObject({ type: z.literal("BASIC"), ...methodBase, fieldRoles: fieldRolesSchema, verify: verifySchema.optional() })
  .superRefine((method, ctx) => {
    requireFields(method, ctx, [{ name: "username" }, { name: "password", secret: true }]);
  });

/** Fields only, for an imported component whose credential fits no other auth type. */
const customMethodSchema = z.strictObject({ type: z.literal("CUSTOM"), ...methodBase, verify: verifySchema.optional() });

const oauth2Schema = z
  .strictObject({
    grantTypes: z
      .array(z.enum(GRANT_TYPES, { error: 'Must be "authorization_code" or "client_credentials".' }))
      .min(1, { error: "At least one grant type is required." }),
    authorizationUrl: endpointUrl.optional(),
    tokenUrl: endpointUrl,
    /** The client id and secret as templates ({{settings.NAME}}), when they are not fields of the credential. */
    clientId: z.string().min(1).max(2000).optional(),
    clientSecret: z.string().min(1).max(2000).optional(),
    /** Further parameters of the authorization request, e.g. Google's `access_type: "offline"`. */
    authorizationParams: z.record(tokenName, z.string().max(2000)).optional(),
    scopes: z.array(text(200)).max(100, { error: "At most 100 scopes." }).optional(),
    pkce: z.boolean().default(true),
    clientAuth: z.enum(["basic", "body"], { error: 'Must be "basic" or "body".' }).default("basic"),
  })
  .superRefine((oauth2, ctx) => {
    if (oauth2.grantTypes.includes("authorization_code") && !oauth2.authorizationUrl) {
      ctx.addIssue({ code: "custom", path: ["authorizationUrl"], message: "Required by the authorization_code grant." });
    }
  });

const oauth2MethodSchema = z
  .strictObject({ type: z.literal("OAUTH2"), ...methodBase, oauth2: oauth2Schema, verify: verifySchema.optional() })
  .superRefine((method, ctx) => {
    if (method.oauth2.clientId === undefined) requireFields(method, ctx, [{ name: "clientId" }]);
    if (method.oauth2.clientSecret === undefined) requireFields(method, ctx, [{ name: "clientSecret", secret: true }]);
    for (const key of ["authorizationUrl", "tokenUrl", "clientId", "clientSecret"] as const) {
      const template = method.oauth2[key];
      if (template) addTemplateIssue(ctx, ["oauth2", key], checkTemplate(template, method.fields));
    }
  });

const databaseMethodSchema = z
  .strictObject({
    type: z.literal("DATABASE"),
    ...methodBase,
    fieldRoles: fieldRolesSchema,
    /** Left out (imported components): the credential is saved UNVERIFIED. */
    database: z.strictObject({ engine: z.enum(["postgresql", "mysql"], { error: 'Must be "postgresql" or "mysql".' }) }).optional(),
  })
  .superRefine((method, ctx) => {
    // Host and port say where the password goes (core/credentials/destination.ts): never secret.
    requireFields(method, ctx, [
      { name: "host", secret: false },
      { name: "port", type: method.database ? "NUMBER" : undefined, secret: false },
      { name: "database" },
      { name: "username" },
      { name: "password", secret: true },
    ]);
    const ssl = method.fields.findIndex((field) => field.name === "ssl");
    if (ssl >= 0 && method.fields[ssl]?.type !== "BOOLEAN") {
      ctx.addIssue({ code: "custom", path: ["fields", ssl, "type"], message: 'The "ssl" field must be of type BOOLEAN.' });
    }
  });

const authMethodSchema = z
  .discriminatedUnion("type", [apiKeyMethodSchema, basicMethodSchema, oauth2MethodSchema, databaseMethodSchema, customMethodSchema], {
    error: (issue) => (issue.code === "invalid_union" ? `Must be one of ${AUTH_TYPES.join(", ")}.` : undefined),
  })
  .superRefine((method, ctx) => {
    const seen = new Set<string>();
    method.fields.forEach((field, index) => {
      if (seen.has(field.name)) {
        ctx.addIssue({ code: "custom", path: ["fields", index, "name"], message: `Duplicate field name "${field.name}".` });
      }
      seen.add(field.name);
    });
    const check = "verify" in method ? method.verify?.http : undefined;
    if (!check) return;
    addTemplateIssue(ctx, ["verify", "http", "path"], checkTemplate(check.path, method.fields));
    for (const [name, value] of Object.entries(check.headers ?? {})) {
      addTemplateIssue(ctx, ["verify", "http", "headers", name], checkTemplate(value, method.fields));
    }
  });

export const componentDescriptorSchema = z
  .strictObject({
    key: z.string().regex(KEY_PATTERN, {
      error: "Must be 2 to 63 lowercase letters, digits or dashes, starting with a letter or digit.",
    }),
    name: text(100),
    description: text(1000).optional(),
    /** Where verification requests go; only needed by methods with `verify.http`. */
    baseUrl: text(2000).optional(),
    /** The format the component was registered from (the UI shows it); LATCHKEY when left out. */
    format: z.enum(["LATCHKEY", "ELASTICIO"]).optional(),
    /** Component settings its templates use ({{settings.NAME}}): set once per workspace by an admin. */
    settings: z
      .array(z.strictObject({ name: settingName, description: text(1000).optional(), required: z.boolean().default(false), secret: z.boolean().default(false) }))
      .max(50, { error: "At most 50 settings." })
      .optional(),
    authMethods: z.array(authMethodSchema).min(1, { error: "At least one auth method is required." }),
  })
  .superRefine((descriptor, ctx) => {
    const seen = new Set<string>();
    descriptor.authMethods.forEach((method, index) => {
      if (seen.has(method.type)) {
        ctx.addIssue({ code: "custom", path: ["authMethods", index, "type"], message: `Only one ${method.type} auth method is allowed.` });
      }
      seen.add(method.type);
      if (descriptor.baseUrl !== undefined) {
        const problem = checkTemplate(descriptor.baseUrl, method.fields);
        if (problem) addTemplateIssue(ctx, ["baseUrl"], `In the ${method.type} auth method: ${problem}`);
      } else if ("verify" in method && method.verify?.http) {
        ctx.addIssue({ code: "custom", path: ["baseUrl"], message: `Required by the ${method.type} auth method's verify.http.` });
      }
    });
  });

export type ComponentDescriptor = z.output<typeof componentDescriptorSchema>;
export type AuthMethodDescriptor = ComponentDescriptor["authMethods"][number];
export type FieldDescriptor = z.output<typeof fieldSchema>;
export type AuthMethodOfType<T extends AuthMethodDescriptor["type"]> = Extract<AuthMethodDescriptor, { type: T }>;

export type ParseDescriptorResult = { ok: true; descriptor: ComponentDescriptor } | { ok: false; fieldErrors: FieldError[] };

export function parseComponentDescriptor(input: unknown): ParseDescriptorResult {
  const result = componentDescriptorSchema.safeParse(input, { error: describeMissingProperty });
  if (result.success) return { ok: true, descriptor: result.data };
  return { ok: false, fieldErrors: result.error.issues.flatMap(toFieldErrors) };
}

function describeMissingProperty(issue: z.core.$ZodRawIssue): string | undefined {
  return issue.code === "invalid_type" && issue.input === undefined ? "This property is required." : undefined;
}

function toFieldErrors(issue: z.core.$ZodIssue): FieldError[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ field: formatPath([...issue.path, key]), message: `Unknown property "${key}".` }));
  }
  return [{ field: formatPath(issue.path), message: issue.message }];
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

interface RequiredField {
  name: string;
  secret?: boolean;
  type?: FieldDescriptor["type"];
}

function requireFields(
  method: { type: string; fields: FieldDescriptor[]; fieldRoles?: Partial<Record<string, string>> },
  ctx: z.RefinementCtx,
  required: RequiredField[],
): void {
  for (const { name: role, secret, type } of required) {
    const name = method.fieldRoles?.[role] ?? role;
    const index = method.fields.findIndex((field) => field.name === name);
    const field = method.fields[index];
    if (!field) {
      ctx.addIssue({ code: "custom", path: ["fields"], message: `A ${method.type} method needs a "${name}" field.` });
    } else if (secret && !field.secret) {
      ctx.addIssue({ code: "custom", path: ["fields", index, "secret"], message: `The "${name}" field must be secret.` });
    } else if (secret === false && field.secret) {
      ctx.addIssue({ code: "custom", path: ["fields", index, "secret"], message: `The "${name}" field must not be secret.` });
    } else if (type && field.type !== type) {
      ctx.addIssue({ code: "custom", path: ["fields", index, "type"], message: `The "${name}" field must be of type ${type}.` });
    }
  }
}

function describeDefaultValueProblem(field: FieldDescriptor): string | undefined {
  const value = field.defaultValue;
  if (value === undefined) return undefined;
  if (field.secret) return "A secret field cannot have a default value.";
  if (field.type === "NUMBER") return typeof value === "number" ? undefined : "Must be a number for a NUMBER field.";
  if (field.type === "BOOLEAN") return typeof value === "boolean" ? undefined : "Must be true or false for a BOOLEAN field.";
  if (typeof value !== "string") return `Must be a string for a ${field.type} field.`;
  if (field.type === "SELECT" && !field.options?.some((option) => option.value === value)) {
    return "Must be the value of one of the options.";
  }
  return undefined;
}

function addTemplateIssue(ctx: z.RefinementCtx, path: PropertyKey[], problem: string | undefined): void {
  if (problem) ctx.addIssue({ code: "custom", path, message: problem });
}
