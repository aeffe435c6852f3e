import { parseComponentDescriptor, type AuthMethodDescriptor } from "./descriptor-schema";
import { secretHint, splitCredentialValues, validateCredentialValues } from "./credential-values";

function parseMethod(fields: unknown[]): AuthMethodDescriptor {
  const parsed = parseComponentDescriptor({
    key: "example",
    name: "Example",
    baseUrl: "https://api.example.com",
    authMethods: [
      { type: "API_KEY", label: "API key", fields, apply: { in: "header", name: "X-Key" }, verify: { http: { method: "GET", path: "/" } } },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
  return parsed.descriptor.authMethods[0]!;
}

const method = parseMethod([
  { name: "baseUrl", label: "Base URL", type: "URL", required: true },
  { name: "apiKey", label: "API key", type: "PASSWORD", secret: true, required: true },
  { name: "port", label: "Port", type: "NUMBER", defaultValue: 443 },
  { name: "sandbox", label: "Sandbox", type: "BOOLEAN" },
  { name: "region", label: "Region", type: "SELECT", options: [{ value: "eu", label: "Europe" }, { value: "us", label: "United States" }] },
  { name: "team", label: "Team", type: "STRING" },
  { name: "notes", label: "Notes", type: "TEXTAREA" },
]);

const valid = { baseUrl: "https://api.example.com", apiKey: "sk_test_0123456789abcdef" };

describe("validateCredentialValues", () => {
  it("normalizes values: defaults, coercions, trimmed non-secret text, untouched secrets", () => {
    const result = validateCredentialValues(method, {
      ...valid,
      apiKey: " sk_test_0123456789abcdef ",
      sandbox: "true",
      region: "eu",
      team: "  platform  ",
      notes: "line one\n",
    });
    expect(result).toEqual({
      ok: true,
      values: {
        baseUrl: "https://api.example.com",
        apiKey: " sk_test_0123456789abcdef ",
        port: 443,
        sandbox: true,
        region: "eu",
        team: "platform",
        notes: "line one\n",
      },
    });
  });

  it("coerces numeric strings and keeps false booleans", () => {
    expect(validateCredentialValues(method, { ...valid, port: "8443", sandbox: false })).toMatchObject({
      ok: true,
      values: { port: 8443, sandbox: false },
    });
  });

  it("leaves out optional fields that are empty", () => {
    const result = validateCredentialValues(method, { ...valid, team: "", region: null });
    expect(result).toMatchObject({ ok: true });
    if (result.ok) expect(Object.keys(result.values)).not.toEqual(expect.arrayContaining(["team", "region"]));
  });

  const invalid: [string, Record<string, unknown>, string, RegExp][] = [
    ["a missing required field", { baseUrl: valid.baseUrl }, "apiKey", /API key is required/],
    ["a blank required field", { ...valid, apiKey: "   " }, "apiKey", /API key is required/],
    ["a non-numeric number", { ...valid, port: "443abc" }, "port", /Port must be a number/],
    ["a non-boolean", { ...valid, sandbox: "yes-please" }, "sandbox", /Sandbox must be true or false/],
    ["a non-http URL", { ...valid, baseUrl: "ftp://files.example.com" }, "baseUrl", /http:\/\/ or https:\/\//],
    ["a malformed URL", { ...valid, baseUrl: "not a url at all" }, "baseUrl", /valid URL/],
    ["a URL with a password", { ...valid, baseUrl: "https://user:hunter22@api.example.com" }, "baseUrl", /user name or password/],
    ["an option that does not exist", { ...valid, region: "mars-base-one" }, "region", /one of: eu, us/],
    ["a number for a text field", { ...valid, team: 1234567 }, "team", /Team must be text/],
    ["an object for a secret", { ...valid, apiKey: { value: "sk_live_nested_secret_value" } }, "apiKey", /API key must be text/],
    ["a value over 8 KiB", { ...valid, apiKey: `sk_${"x".repeat(8 * 1024)}` }, "apiKey", /at most 8 KiB/],
    ["an unknown field", { ...valid, apiSecret: "sk_live_unknown_field_value" }, "apiSecret", /Unknown field "apiSecret"/],
  ];

  it.each(invalid)("rejects %s with a message that does not repeat the value", (_case, values, field, message) => {
    const result = validateCredentialValues(method, values);
    expect(result).toEqual({ ok: false, fieldErrors: [{ field, message: expect.stringMatching(message) }] });
    const serialized = JSON.stringify(result);
    for (const value of Object.values(values)) {
      const text = typeof value === "object" ? JSON.stringify(value) : String(value).trim();
      if (text) expect(serialized).not.toContain(text);
    }
  });

  it("rejects a non-object", () => {
    expect(validateCredentialValues(method, ["sk_live_array"])).toEqual({ ok: false, fieldErrors: [{ field: "", message: expect.any(String) }] });
  });

  it("does not read inherited properties as values", () => {
    const withConstructor = parseMethod([
      { name: "constructor", label: "Constructor", type: "STRING", required: true },
      { name: "apiKey", label: "API key", type: "PASSWORD", secret: true },
    ]);
    expect(validateCredentialValues(withConstructor, {})).toMatchObject({ ok: false, fieldErrors: [{ field: "constructor" }] });
  });
});

describe("splitCredentialValues", () => {
  it("splits by the secret flag and drops unknown names", () => {
    expect(splitCredentialValues(method, { ...valid, port: 443, stray: "x" })).toEqual({
      config: { baseUrl: valid.baseUrl, port: 443 },
      secrets: { apiKey: valid.apiKey },
    });
  });
});

describe("secretHint", () => {
  const key = { name: "apiKey", label: "API key" };

  it("shows the last 4 characters of a long key", () => {
    expect(secretHint(key, "sk_test_0123456789abcdef")).toBe("••••••••cdef");
  });

  it("masks short keys entirely", () => {
    expect(secretHint(key, "short-key")).toBe("••••••••");
  });

  it("never reveals part of a password", () => {
    expect(secretHint({ name: "password", label: "Password" }, "correct-horse-battery-staple")).toBe("••••••••");
    expect(secretHint({ name: "dbPass", label: "Database password" }, "correct-horse-battery-staple")).toBe("••••••••");
  });
});
