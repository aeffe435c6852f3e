import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import {
  ComponentDocument,
  ComponentsDocument,
  CreateCredentialDocument,
  CredentialsDocument,
  RegisterComponentDocument,
  type RegisterComponentMutation,
} from "@latchkey/sdk";
import { useApi, nodes } from "./harness";

type Json = Record<string, any>;

const api = useApi();

const REQUIRED_KEYS = ["petstore", "postgresql", "mysql", "http-basic", "github", "stripe", "salesforce", "slack", "shopify"];

/** The built-in catalog as shipped: one descriptor file per component. */
const catalogDir = path.resolve(__dirname, "../../../packages/catalog/components");
const catalog: Json[] = readdirSync(catalogDir)
  .filter((file) => file.endsWith(".json"))
  .map((file) => JSON.parse(readFileSync(path.join(catalogDir, file), "utf8")) as Json);

/** What the API must show for a descriptor's auth methods (COMPONENTS.md fields, GraphQL shapes). */
/** What the API answers for a descriptor's auth methods (OAuth2 ones with their grants and the redirect URI to register: the default public URL, http://127.0.0.1:<port>). */
function expectedAuthMethods(descriptor: Json) {
  return (descriptor.authMethods as Json[]).map((method) => {
    const grants: string[] = method.type === "OAUTH2" ? (method.oauth2 as Json).grantTypes : [];
    return {
      type: method.type,
      label: method.label,
      grantTypes: grants.map((grant) => (grant === "authorization_code" ? "AUTHORIZATION_CODE" : "CLIENT_CREDENTIALS")),
      redirectUri: grants.includes("authorization_code") ? `http://127.0.0.1:${new URL(api().url).port}/oauth2/callback` : null,
      fields: (method.fields as Json[]).map((field) => ({
        name: field.name,
        label: field.label,
        type: field.type,
        required: field.required ?? false,
        secret: field.secret ?? false,
        description: field.description ?? null,
        placeholder: field.placeholder ?? null,
        defaultValue: field.defaultValue === undefined ? null : String(field.defaultValue),
        options: field.options ? (field.options as Json[]).map((o) => o.value) : null,
        selectOptions: field.options ?? null,
      })),
    };
  });
}

/** A component verified against the API's own demo Petstore, under another key. */
function petstoreClone(key: string, name = "Pet clone"): Json {
  return {
    key,
    name,
    description: "A copy of the demo Petstore.",
    baseUrl: "{{server.url}}/demo/petstore/v2",
    authMethods: [
      {
        type: "API_KEY",
        label: "API key",
        fields: [
          { name: "apiKey", label: "API key", type: "PASSWORD", secret: true, required: true, description: "The demo key." },
          { name: "region", label: "Region", type: "SELECT", options: [{ value: "eu", label: "Europe" }, { value: "us", label: "US" }], defaultValue: "eu" },
        ],
        apply: { in: "header", name: "api_key" },
        verify: { http: { method: "GET", path: "/user/me" } },
      },
    ],
  };
}

async function register(descriptor: unknown): Promise<RegisterComponentMutation["registerComponent"]> {
  return (await api().client.request(RegisterComponentDocument, { input: { descriptor: descriptor as Record<string, unknown> } })).registerComponent;
}

async function listComponents() {
  return nodes((await api().client.request(ComponentsDocument, { first: 200 })).components);
}

async function createCredential(componentKey: string) {
  const { createCredential } = await api().client.request(CreateCredentialDocument, {
    input: { componentKey, authType: "API_KEY", name: null, values: { apiKey: "secret" } },
  });
  expect(createCredential.__typename).toBe("CredentialCreated");
}

const uniqueKey = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}`;

describe("the catalog", () => {
  test("ships every component COMPONENTS.md requires", () => {
    expect(catalog.map((d) => d.key)).toEqual(expect.arrayContaining(REQUIRED_KEYS));
  });

  test("components lists every catalog component with its auth methods and fields as described", async () => {
    const components = await listComponents();
    expect(components.map((c) => c.key)).toEqual(expect.arrayContaining(REQUIRED_KEYS));
    expect(new Set(components.map((c) => c.key)).size).toBe(components.length);
    for (const descriptor of catalog) {
      const { component } = await api().client.request(ComponentDocument, { key: descriptor.key });
      expect(component).not.toBeNull();
      expect({ key: descriptor.key, name: component!.name, description: component!.description }).toEqual({
        key: descriptor.key,
        name: descriptor.name,
        description: descriptor.description ?? null,
      });
      expect({ key: descriptor.key, authMethods: component!.authMethods }).toEqual({
        key: descriptor.key,
        authMethods: expectedAuthMethods(descriptor),
      });
      expect(components.find((c) => c.key === descriptor.key)?.id).toBe(component!.id);
    }
  });

  test("every secret field of the catalog is flagged secret, and every auth method has one", async () => {
    for (const key of REQUIRED_KEYS) {
      const { component } = await api().client.request(ComponentDocument, { key });
      for (const method of component!.authMethods) {
        const secrets = method.fields.filter((f) => f.secret).map((f) => f.name);
        expect({ key, type: method.type, hasSecret: secrets.length > 0 }).toEqual({ key, type: method.type, hasSecret: true });
        for (const field of method.fields.filter((f) => /password|secret|token|apikey/i.test(f.name))) {
          expect({ key, field: field.name, secret: field.secret }).toEqual({ key, field: field.name, secret: true });
        }
      }
    }
  });
});

describe("credential counts", () => {
  test("credentialCount matches the component's credentials and the credentials list", async () => {
    const before = new Map((await listComponents()).map((c) => [c.key, c.credentialCount]));
    await createCredential("petstore");
    await createCredential("petstore");
    const clone = uniqueKey("counted");
    expect((await register(petstoreClone(clone))).__typename).toBe("ComponentRegistered");
    await createCredential(clone);

    const components = await listComponents();
    const counts = new Map(components.map((c) => [c.key, c.credentialCount]));
    expect(counts.get("petstore")).toBe((before.get("petstore") ?? NaN) + 2);
    expect(counts.get(clone)).toBe(1);
    for (const { key, credentialCount } of components) {
      const { component } = await api().client.request(ComponentDocument, { key });
      const { credentials } = await api().client.request(CredentialsDocument, { filter: { componentKey: key, status: null, search: null }, first: 200, after: null });
      expect({ key, count: credentialCount }).toEqual({ key, count: component!.credentials.totalCount });
      expect({ key, count: credentialCount }).toEqual({ key, count: credentials.totalCount });
      expect(component!.credentialCount).toBe(credentialCount);
      expect(nodes(component!.credentials).every((c) => c.component.key === key)).toBe(true);
    }
  });
});

describe("component(key)", () => {
  test("answers one component by key, null for an unknown one", async () => {
    const { component } = await api().client.request(ComponentDocument, { key: "stripe" });
    expect(component).toMatchObject({ key: "stripe", name: "Stripe" });
    for (const key of ["nope", "", "Petstore", "' or 1=1 --", "petstore ", "🔑".repeat(50)]) {
      const { component: none } = await api().client.request(ComponentDocument, { key });
      expect({ key, component: none }).toEqual({ key, component: null });
    }
  });
});

describe("registerComponent", () => {
  test("adds a component, then replaces it under the same key", async () => {
    const key = uniqueKey("widget");
    const added = await register(petstoreClone(key, "Widget v1"));
    expect(added.__typename).toBe("ComponentRegistered");
    if (added.__typename !== "ComponentRegistered") return;
    expect(added.component).toMatchObject({ key, name: "Widget v1", description: "A copy of the demo Petstore.", credentialCount: 0 });
    expect(added.component.authMethods).toEqual(expectedAuthMethods(petstoreClone(key)));

    const listed = (await listComponents()).find((c) => c.key === key);
    expect(listed).toMatchObject({ id: added.component.id, name: "Widget v1", credentialCount: 0 });
    await createCredential(key);

    const replacement: Json = {
      key,
      name: "Widget v2",
      baseUrl: "https://widgets.example.com",
      authMethods: [
        {
          type: "BASIC",
          label: "User and password",
          fields: [
            { name: "username", label: "User", type: "STRING", required: true },
            { name: "password", label: "Password", type: "PASSWORD", secret: true, required: true },
          ],
          verify: { http: { method: "HEAD", path: "/ping", okStatus: [200, 204] } },
        },
      ],
    };
    const replaced = await register(replacement);
    expect(replaced.__typename).toBe("ComponentRegistered");
    if (replaced.__typename !== "ComponentRegistered") return;
    expect(replaced.component).toMatchObject({ id: added.component.id, key, name: "Widget v2", description: null, credentialCount: 1 });
    expect(replaced.component.authMethods).toEqual(expectedAuthMethods(replacement));

    const all = (await listComponents()).filter((c) => c.key === key);
    expect(all).toEqual([expect.objectContaining({ id: added.component.id, name: "Widget v2", credentialCount: 1 })]);
    const { component } = await api().client.request(ComponentDocument, { key });
    expect(component!.authMethods.map((m) => m.type)).toEqual(["BASIC"]);
  });

  const apiKeyMethod = (): Json => petstoreClone("x").authMethods[0];
  const basicMethod = (): Json => ({
    type: "BASIC",
    label: "User and password",
    fields: [
      { name: "username", label: "User", type: "STRING", required: true },
      { name: "password", label: "Password", type: "PASSWORD", secret: true, required: true },
    ],
    verify: { http: { method: "GET", path: "/" } },
  });
  const valid = (key: string, patch: Json = {}): Json => ({ ...petstoreClone(key), ...patch });
  const withMethods = (key: string, ...methods: Json[]): Json => valid(key, { authMethods: methods });

  const malformed: [string, (key: string) => unknown, string][] = [
    ["an uppercase key", () => valid("Widgets"), "descriptor.key"],
    ["a key starting with a dash", () => valid("-widgets"), "descriptor.key"],
    ["a key that is a number", () => ({ ...valid("x"), key: 42 }), "descriptor.key"],
    ["a name of 101 characters", (key) => valid(key, { name: "n".repeat(101) }), "descriptor.name"],
    ["a blank description", (key) => valid(key, { description: "   " }), "descriptor.description"],
    ["no baseUrl", (key) => valid(key, { baseUrl: undefined }), "descriptor.baseUrl"],
    ["a baseUrl with an unclosed placeholder", (key) => valid(key, { baseUrl: "https://{{values.region/api" }), "descriptor.baseUrl"],
    ["authMethods that is an object", (key) => valid(key, { authMethods: { type: "API_KEY" } }), "descriptor.authMethods"],
    ["an unknown top-level property", (key) => valid(key, { iconUrl: "https://x" }), "descriptor.iconUrl"],
    ["a field without a label", (key) => withMethods(key, { ...apiKeyMethod(), fields: [{ name: "apiKey", type: "PASSWORD", secret: true }] }), "descriptor.authMethods.0.fields.0.label"],
    ["a field whose required is a string", (key) => withMethods(key, { ...apiKeyMethod(), fields: [{ name: "apiKey", label: "Key", type: "PASSWORD", secret: true, required: "yes" }] }), "descriptor.authMethods.0.fields.0.required"],
    ["a field type in lowercase", (key) => withMethods(key, { ...apiKeyMethod(), fields: [{ name: "apiKey", label: "Key", type: "password", secret: true }] }), "descriptor.authMethods.0.fields.0.type"],
    ["an API_KEY method without apply", (key) => withMethods(key, { ...apiKeyMethod(), apply: undefined }), "descriptor.authMethods.0.apply"],
    ["an apply header name with a space", (key) => withMethods(key, { ...apiKeyMethod(), apply: { in: "header", name: "api key" } }), "descriptor.authMethods.0.apply.name"],
    ["an API_KEY method without verify", (key) => withMethods(key, { ...apiKeyMethod(), verify: undefined }), "descriptor.authMethods.0.verify"],
    ["an empty okStatus list", (key) => withMethods(key, { ...apiKeyMethod(), verify: { http: { method: "GET", path: "/", okStatus: [] } } }), "descriptor.authMethods.0.verify.http.okStatus"],
    ["an okStatus of 600", (key) => withMethods(key, basicMethod(), { ...apiKeyMethod(), verify: { http: { method: "GET", path: "/", okStatus: [200, 600] } } }), "descriptor.authMethods.1.verify.http.okStatus.1"],
    ["an HTTP method TRACE", (key) => withMethods(key, { ...basicMethod(), verify: { http: { method: "TRACE", path: "/" } } }), "descriptor.authMethods.0.verify.http.method"],
    ["a header template using the secret key", (key) => withMethods(key, { ...apiKeyMethod(), verify: { http: { method: "GET", path: "/", headers: { "X-Echo": "{{values.apiKey}}" } } } }), "descriptor.authMethods.0.verify.http.headers.X-Echo"],
    ["a SELECT default that is not an option", (key) => withMethods(key, { ...apiKeyMethod(), fields: [apiKeyMethod().fields[0], { ...apiKeyMethod().fields[1], defaultValue: "asia" }] }), "descriptor.authMethods.0.fields.1.defaultValue"],
    ["two API_KEY methods", (key) => withMethods(key, apiKeyMethod(), basicMethod(), apiKeyMethod()), "descriptor.authMethods.2.type"],
    [
      "an OAuth2 grant type that does not exist",
      (key) =>
        withMethods(key, {
          type: "OAUTH2",
          label: "OAuth",
          fields: [
            { name: "clientId", label: "Client", type: "STRING" },
            { name: "clientSecret", label: "Secret", type: "PASSWORD", secret: true },
          ],
          oauth2: { grantTypes: ["client_credentials", "password"], tokenUrl: "https://auth.example.com/token" },
        }),
      "descriptor.authMethods.0.oauth2.grantTypes.1",
    ],
    [
      "a DATABASE method without a port field",
      (key) =>
        withMethods(key, {
          type: "DATABASE",
          label: "DB",
          fields: ["host", "database", "username"].map((name) => ({ name, label: name, type: "STRING" })).concat([{ name: "password", label: "pw", type: "PASSWORD", secret: true } as never]),
          database: { engine: "postgresql" },
        }),
      "descriptor.authMethods.0.fields",
    ],
  ];

  test.each(malformed)("%s is InvalidInput at the precise field path, and nothing is registered", async (_case, build, field) => {
    const key = uniqueKey("bad");
    const before = (await listComponents()).length;
    const result = await register(build(key));
    expect(result.__typename).toBe("InvalidInput");
    if (result.__typename !== "InvalidInput") return;
    expect(result.fieldErrors.map((e) => e.field)).toEqual([field]);
    expect(result.fieldErrors[0]!.message).toMatch(/\S/);
    expect(result.message).toMatch(/\S/);
    expect((await listComponents()).length).toBe(before);
    expect((await api().client.request(ComponentDocument, { key })).component).toBeNull();
  });

  test("a descriptor over 64 KiB is InvalidInput, and nothing is registered", async () => {
    const key = uniqueKey("huge");
    const descriptor = valid(key);
    descriptor.authMethods[0].fields[1].options = Array.from({ length: 490 }, (_, i) => ({ value: `v${i}`, label: `${"L".repeat(150)} ${i}` }));
    descriptor.authMethods[0].fields[1].defaultValue = "v0";
    expect(Buffer.byteLength(JSON.stringify(descriptor))).toBeGreaterThan(64 * 1024);
    const result = await register(descriptor);
    expect(result.__typename).toBe("InvalidInput");
    if (result.__typename === "InvalidInput") expect(result.fieldErrors.map((e) => e.field)).toEqual(["descriptor"]);
    expect((await api().client.request(ComponentDocument, { key })).component).toBeNull();

    // Just under the limit is fine: the size, not the shape, was the problem.
    descriptor.authMethods[0].fields[1].options = descriptor.authMethods[0].fields[1].options.slice(0, 300);
    expect(Buffer.byteLength(JSON.stringify(descriptor))).toBeLessThan(64 * 1024);
    expect(await register(descriptor)).toMatchObject({ __typename: "ComponentRegistered", component: { key } });
  });
});
