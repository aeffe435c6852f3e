import { catalogDescriptors } from "@latchkey/catalog";
import { parseComponentDescriptor } from "./descriptor-schema";

type Json = Record<string, any>;

const apiKeyDescriptor = (): Json => ({
  key: "example",
  name: "Example API",
  baseUrl: "https://api.example.com",
  authMethods: [
    {
      type: "API_KEY",
      label: "API key",
      fields: [{ name: "apiKey", label: "API key", type: "PASSWORD", secret: true, required: true }],
      apply: { in: "header", name: "X-Api-Key" },
      verify: { http: { method: "GET", path: "/me" } },
    },
  ],
});

const basicMethod = (): Json => ({
  type: "BASIC",
  label: "User and password",
  fields: [
    { name: "username", label: "User name", type: "STRING", required: true },
    { name: "password", label: "Password", type: "PASSWORD", secret: true, required: true },
  ],
  verify: { http: { method: "GET", path: "/" } },
});

const oauth2Method = (): Json => ({
  type: "OAUTH2",
  label: "OAuth app",
  fields: [
    { name: "clientId", label: "Client ID", type: "STRING", required: true },
    { name: "clientSecret", label: "Client secret", type: "PASSWORD", secret: true, required: true },
  ],
  oauth2: {
    grantTypes: ["authorization_code"],
    authorizationUrl: "https://auth.example.com/authorize",
    tokenUrl: "https://auth.example.com/token",
  },
});

const databaseMethod = (): Json => ({
  type: "DATABASE",
  label: "User and password",
  fields: [
    { name: "host", label: "Host", type: "STRING", required: true },
    { name: "port", label: "Port", type: "NUMBER", defaultValue: 5432 },
    { name: "database", label: "Database", type: "STRING", required: true },
    { name: "username", label: "User", type: "STRING", required: true },
    { name: "password", label: "Password", type: "PASSWORD", secret: true },
  ],
  database: { engine: "postgresql" },
});

const withMethod = (method: Json): Json => ({ ...apiKeyDescriptor(), authMethods: [method] });

describe("the built-in catalog", () => {
  it.each(catalogDescriptors.map((descriptor) => [(descriptor as Json).key, descriptor]))("%s is a valid descriptor", (_key, descriptor) => {
    const parsed = parseComponentDescriptor(descriptor);
    expect(parsed).toMatchObject({ ok: true });
  });

  it("holds every component COMPONENTS.md requires, with unique keys", () => {
    const keys = catalogDescriptors.map((descriptor) => (descriptor as Json).key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(
      expect.arrayContaining(["petstore", "postgresql", "mysql", "http-basic", "github", "stripe", "salesforce", "slack", "shopify"]),
    );
  });
});

describe("parseComponentDescriptor", () => {
  it("applies defaults to fields and OAuth2 settings", () => {
    const oauth2 = oauth2Method();
    delete oauth2.fields[0].required;
    const parsed = parseComponentDescriptor(withMethod(oauth2));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
    const [method] = parsed.descriptor.authMethods;
    expect(method?.fields[0]).toMatchObject({ required: false, secret: false });
    expect(method).toMatchObject({ oauth2: { pkce: true, clientAuth: "basic" } });
  });

  it("accepts one method of each auth type together", () => {
    const input = { ...apiKeyDescriptor(), authMethods: [apiKeyDescriptor().authMethods[0], basicMethod(), oauth2Method(), databaseMethod()] };
    expect(parseComponentDescriptor(input)).toMatchObject({ ok: true });
  });

  it("reports a non-object at the root", () => {
    expect(parseComponentDescriptor("petstore")).toEqual({ ok: false, fieldErrors: [{ field: "", message: expect.any(String) }] });
  });

  const malformed: [string, () => Json, string, RegExp][] = [
    ["a bad key", () => ({ ...apiKeyDescriptor(), key: "Bad_Key" }), "key", /lowercase letters, digits or dashes/],
    ["a one-letter key", () => ({ ...apiKeyDescriptor(), key: "a" }), "key", /2 to 63/],
    ["a missing name", () => ({ ...apiKeyDescriptor(), name: undefined }), "name", /required/],
    ["no auth method", () => ({ ...apiKeyDescriptor(), authMethods: [] }), "authMethods", /at least one auth method/i],
    [
      "two methods of one auth type",
      () => ({ ...apiKeyDescriptor(), authMethods: [basicMethod(), basicMethod()] }),
      "authMethods.1.type",
      /only one BASIC/i,
    ],
    ["an unknown auth type", () => withMethod({ ...basicMethod(), type: "TOKEN" }), "authMethods.0.type", /one of API_KEY, BASIC, OAUTH2, DATABASE/],
    ["an unknown top-level property", () => ({ ...apiKeyDescriptor(), baseURL: "https://x" }), "baseURL", /Unknown property "baseURL"/],
    [
      "an unknown property in a method",
      () => withMethod({ ...apiKeyDescriptor().authMethods[0], aply: {} }),
      "authMethods.0.aply",
      /Unknown property "aply"/,
    ],
    [
      "API_KEY without a secret field",
      () => withMethod({ ...apiKeyDescriptor().authMethods[0], fields: [{ name: "apiKey", label: "API key", type: "PASSWORD" }] }),
      "authMethods.0.fields",
      /exactly one secret field.*none/,
    ],
    [
      "API_KEY with two secret fields",
      () => {
        const method = apiKeyDescriptor().authMethods[0];
        method.fields.push({ name: "other", label: "Other", type: "PASSWORD", secret: true });
        return withMethod(method);
      },
      "authMethods.0.fields.1.secret",
      /exactly one secret field.*second/,
    ],
    [
      "an invalid apply.in",
      () => withMethod({ ...apiKeyDescriptor().authMethods[0], apply: { in: "body", name: "key" } }),
      "authMethods.0.apply.in",
      /"header" or "query"/,
    ],
    [
      "BASIC without a password field",
      () => withMethod({ ...basicMethod(), fields: [basicMethod().fields[0]] }),
      "authMethods.0.fields",
      /needs a "password" field/,
    ],
    [
      "BASIC with a non-secret password",
      () => {
        const method = basicMethod();
        method.fields[1].secret = false;
        return withMethod(method);
      },
      "authMethods.0.fields.1.secret",
      /"password" field must be secret/,
    ],
    [
      "a SELECT field without options",
      () => {
        const method = basicMethod();
        method.fields.push({ name: "region", label: "Region", type: "SELECT" });
        return withMethod(method);
      },
      "authMethods.0.fields.2.options",
      /SELECT field needs a non-empty options list/,
    ],
    [
      "duplicate field names",
      () => {
        const method = basicMethod();
        method.fields.push({ name: "username", label: "Again", type: "STRING" });
        return withMethod(method);
      },
      "authMethods.0.fields.2.name",
      /Duplicate field name "username"/,
    ],
    [
      "a field name that is not an identifier",
      () => withMethod({ ...apiKeyDescriptor().authMethods[0], fields: [{ name: "api key", label: "API key", type: "PASSWORD", secret: true }] }),
      "authMethods.0.fields.0.name",
      /identifier/,
    ],
    [
      "an unknown field type",
      () => withMethod({ ...apiKeyDescriptor().authMethods[0], fields: [{ name: "apiKey", label: "API key", type: "SECRET", secret: true }] }),
      "authMethods.0.fields.0.type",
      /expected one of/,
    ],
    [
      "OAUTH2 authorization code without authorizationUrl",
      () => {
        const method = oauth2Method();
        delete method.oauth2.authorizationUrl;
        return withMethod(method);
      },
      "authMethods.0.oauth2.authorizationUrl",
      /authorization_code/,
    ],
    [
      "OAUTH2 with a token URL that is not a URL",
      () => {
        const method = oauth2Method();
        method.oauth2.tokenUrl = "auth.example.com/token";
        return withMethod(method);
      },
      "authMethods.0.oauth2.tokenUrl",
      /http:\/\/ or https:\/\/ URL/,
    ],
    ["a bad database engine", () => withMethod({ ...databaseMethod(), database: { engine: "oracle" } }), "authMethods.0.database.engine", /"postgresql" or "mysql"/],
    [
      "a DATABASE port that is not a NUMBER",
      () => {
        const method = databaseMethod();
        method.fields[1] = { name: "port", label: "Port", type: "STRING" };
        return withMethod(method);
      },
      "authMethods.0.fields.1.type",
      /must be of type NUMBER/,
    ],
    [
      "a bad okStatus",
      () => withMethod({ ...basicMethod(), verify: { http: { method: "GET", path: "/", okStatus: [200, 42] } } }),
      "authMethods.0.verify.http.okStatus.1",
      /HTTP status code/,
    ],
    [
      "a lowercase HTTP method",
      () => withMethod({ ...basicMethod(), verify: { http: { method: "get", path: "/" } } }),
      "authMethods.0.verify.http.method",
      /uppercase HTTP method/,
    ],
    [
      "a verification path without a leading slash",
      () => withMethod({ ...basicMethod(), verify: { http: { method: "GET", path: "me" } } }),
      "authMethods.0.verify.http.path",
      /start with "\/"/,
    ],
    [
      "a verification path using a secret field",
      () => withMethod({ ...basicMethod(), verify: { http: { method: "GET", path: "/users/{{values.password}}" } } }),
      "authMethods.0.verify.http.path",
      /secret field "password"/,
    ],
    [
      "a header template with an unknown placeholder",
      () => withMethod({ ...basicMethod(), verify: { http: { method: "GET", path: "/", headers: { "X-Tenant": "{{tenant}}" } } } }),
      "authMethods.0.verify.http.headers.X-Tenant",
      /Unknown template placeholder \{\{tenant\}\}/,
    ],
    [
      "a base URL using an unknown field",
      () => ({ ...apiKeyDescriptor(), baseUrl: "https://{{values.shop}}/api" }),
      "baseUrl",
      /unknown field "shop"/,
    ],
    [
      "a secret field with a default value",
      () => withMethod({ ...apiKeyDescriptor().authMethods[0], fields: [{ name: "apiKey", label: "API key", type: "PASSWORD", secret: true, defaultValue: "secret" }] }),
      "authMethods.0.fields.0.defaultValue",
      /secret field cannot have a default/,
    ],
  ];

  it.each(malformed)("rejects %s", (_case, build, field, message) => {
    const parsed = parseComponentDescriptor(build());
    expect(parsed).toEqual({ ok: false, fieldErrors: [{ field, message: expect.stringMatching(message) }] });
  });
});
