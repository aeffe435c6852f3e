import { parseComponentDescriptor, type ComponentDescriptor } from "./descriptor-schema";
import { checkTemplate, parseTemplate, renderTemplate, resolveBaseUrl, TemplateError } from "./template";

const fields = [
  { name: "shopDomain", secret: false },
  { name: "port", secret: false },
  { name: "accessToken", secret: true },
];
const values = { shopDomain: "acme.myshopify.com", port: 8443, accessToken: "shpat_0123456789abcdef" };
const serverUrl = "http://localhost:4000/";

function parseDescriptor(input: unknown): ComponentDescriptor {
  const parsed = parseComponentDescriptor(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
  return parsed.descriptor;
}

const shopify = parseDescriptor({
  key: "shop",
  name: "Shop",
  baseUrl: "https://{{values.shopDomain}}/admin",
  authMethods: [
    {
      type: "API_KEY",
      label: "Token",
      fields: [
        { name: "shopDomain", label: "Shop domain", type: "STRING" },
        { name: "accessToken", label: "Token", type: "PASSWORD", secret: true },
      ],
      apply: { in: "header", name: "X-Token" },
      verify: { http: { method: "GET", path: "/shop.json" } },
    },
  ],
});

describe("renderTemplate", () => {
  it("renders non-secret values and the server URL without its trailing slash", () => {
    expect(renderTemplate("{{server.url}}/demo", { fields, values, serverUrl })).toBe("http://localhost:4000/demo");
    expect(renderTemplate("https://{{ values.shopDomain }}:{{values.port}}/x", { fields, values, serverUrl })).toBe(
      "https://acme.myshopify.com:8443/x",
    );
  });

  it("leaves text without placeholders alone", () => {
    expect(renderTemplate("https://api.example.com/v1", { fields, values, serverUrl })).toBe("https://api.example.com/v1");
  });

  it("refuses a secret field, and never renders its value into the error", () => {
    const render = () => renderTemplate("/x/{{values.accessToken}}", { fields, values, serverUrl });
    expect(render).toThrow(TemplateError);
    expect(render).toThrow(/secret field "accessToken"/);
    expect(captureMessage(render)).not.toContain(values.accessToken);
  });

  it.each([
    ["an unknown placeholder", "{{user.name}}", /Unknown template placeholder \{\{user.name\}\}/],
    ["an empty placeholder", "/{{}}", /Unknown template placeholder/],
    ["an unknown field", "{{values.tenant}}", /unknown field "tenant"/],
    ["an unclosed placeholder", "https://{{values.shopDomain", /Malformed template/],
  ])("fails on %s instead of rendering it empty", (_case, template, message) => {
    expect(() => renderTemplate(template, { fields, values, serverUrl })).toThrow(message);
  });

  it("fails when a referenced field has no value", () => {
    expect(() => renderTemplate("https://{{values.shopDomain}}", { fields, values: {}, serverUrl })).toThrow(
      /has no value: the credential does not set "shopDomain"/,
    );
  });
});

describe("parseTemplate and checkTemplate", () => {
  it("lists placeholders", () => {
    expect(parseTemplate("{{server.url}}/{{values.port}}")).toEqual([
      { kind: "server-url", text: "{{server.url}}" },
      { kind: "value", field: "port", text: "{{values.port}}" },
    ]);
  });

  it("returns the first problem, or nothing", () => {
    expect(checkTemplate("https://{{values.shopDomain}}", fields)).toBeUndefined();
    expect(checkTemplate("https://{{values.accessToken}}", fields)).toMatch(/secret field/);
  });
});

describe("resolveBaseUrl", () => {
  it("renders the descriptor's base URL", () => {
    expect(resolveBaseUrl(shopify, values, { serverUrl, baseUrlOverrides: {} })).toBe("https://acme.myshopify.com/admin");
  });

  it("prefers the deployment's override for the component, itself a template", () => {
    const baseUrlOverrides = { shop: "{{server.url}}/sandbox/{{values.shopDomain}}", other: "http://ignored" };
    expect(resolveBaseUrl(shopify, values, { serverUrl, baseUrlOverrides })).toBe("http://localhost:4000/sandbox/acme.myshopify.com");
  });

  it("refuses an override that uses a secret field", () => {
    const baseUrlOverrides = { shop: "https://{{values.accessToken}}.example.com" };
    expect(() => resolveBaseUrl(shopify, values, { serverUrl, baseUrlOverrides })).toThrow(/secret field/);
  });
});

function captureMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected an error");
}
