import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { prepareDescriptor } from "./component-service";
import type { AuthMethodDescriptor, ComponentDescriptor } from "./descriptor-schema";
import { htmlToText, importElasticioComponent, keyFromTitle, looksSecret, VIEW_CLASS_TYPES } from "./elasticio";
import { renderEndpointUrl, TemplateError } from "./template";
import { elasticioTestData } from "../testing/elasticio-test-data";

// Test data beside the clone (never part of the product's catalog); skipped loudly when it is not there.
const DATA = elasticioTestData();
const FOLDER = DATA ?? "";
const INVALID = path.join(FOLDER, "invalid");
const files = DATA ? readdirSync(FOLDER).filter((name) => name.endsWith(".json")).sort() : [];
const invalidFiles = DATA ? readdirSync(INVALID).filter((name) => name.endsWith(".json")).sort() : [];

type Json = Record<string, any>;
const read = (file: string): Json => JSON.parse(readFileSync(path.join(FOLDER, file), "utf8"));
const keyOf = (file: string) => keyFromTitle(file.replace(/\.json$/, "").replace(/__/g, "-")).slice(0, 63);


function imported(file: string): { descriptor: ComponentDescriptor; warnings: string[] } {
  const result = prepareDescriptor(read(file), { format: "ELASTICIO", key: keyOf(file) });
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.fieldErrors)}`);
  return result;
}

(DATA ? describe : describe.skip)("importing component.json", () => {
  it("finds the test data", () => {
    expect(files.length).toBeGreaterThanOrEqual(41);
    expect(invalidFiles.length).toBeGreaterThanOrEqual(15);
  });

  it.each(files)("%s maps every credential field, with the same id, in file order", (file) => {
    const source = read(file);
    const { descriptor } = imported(file);
    expect(descriptor.name).toBe(source.title);
    expect(descriptor.format).toBe("ELASTICIO");
    const sourceFields = Object.entries<Json>(source.credentials.fields ?? {});
    for (const method of descriptor.authMethods) {
      const authFields = sourceFields.filter(([, f]) => f.viewClass === "OAuthFieldView" || f.viewClass === "HTTPAuthView").map(([id]) => id);
      const plain = sourceFields.filter(([id]) => !authFields.includes(id));
      // The file's own fields come first, in file order; an HTTPAuthView adds its method's fields after them.
      expect(method.fields.slice(0, plain.length).map((f) => f.name)).toEqual(plain.map(([id]) => id));
      plain.forEach(([id, f], index) => {
        const field = method.fields[index]!;
        const expected = VIEW_CLASS_TYPES[f.viewClass] ?? "STRING";
        expect({ id, type: field.type }).toEqual({ id, type: expected === "SELECT" && typeof f.model === "string" ? "STRING" : expected });
        expect(field.required).toBe(f.required === true);
        if (typeof f.label === "string") expect(field.label).toBe(f.label.trim());
        if (f.viewClass === "PasswordFieldView") expect(field.secret).toBe(true);
        if (field.type === "SELECT") {
          const model = f.model;
          const expectedOptions = Array.isArray(model)
            ? model.map((v: string) => ({ value: v, label: v }))
            : Object.entries(model).map(([value, label]) => ({ value, label }));
          expect(field.options).toEqual(expectedOptions);
        }
      });
      // The OAuth field is where resolveCredential puts the tokens.
      if (method.type === "OAUTH2") expect(method.resolveShape?.tokensPath?.[0]).toBe(authFields[0]);
    }
  });

  it("maps the auth types the way users of that format expect", () => {
    const types = (file: string) => imported(file).descriptor.authMethods.map((m) => m.type);
    expect(types("elasticio__salesforce-component.json")).toEqual(["OAUTH2"]);
    expect(types("elasticio__jdbc-component.json")).toEqual(["DATABASE"]);
    expect(types("elasticio__postgresql-component.json")).toEqual(["DATABASE"]);
    expect(types("flowground__jira-connector.json")).toEqual(["BASIC"]);
    expect(types("160world__160World-elasticio.json")).toEqual(["BASIC"]);
    expect(types("elasticio__aws-s3-component.json")).toEqual(["CUSTOM"]);
    expect(types("openintegrationhub__influxDB-component.json")).toEqual(["CUSTOM"]);
    expect(types("elasticio__rest-api-component.json")).toEqual(["BASIC", "CUSTOM", "OAUTH2"]);
    expect(types("elasticio__podio-component.json")).toEqual(["OAUTH2"]);
    const jdbc = imported("elasticio__jdbc-component.json").descriptor.authMethods[0]!;
    expect(jdbc.type === "DATABASE" && jdbc.fieldRoles).toEqual({ host: "host", port: "port", database: "databaseName", username: "user", password: "password" });
  });

  it("turns the Salesforce oauth2 block into templates of settings and of the credential's values", () => {
    const { descriptor, warnings } = imported("elasticio__salesforce-component.json");
    const method = descriptor.authMethods[0] as Extract<AuthMethodDescriptor, { type: "OAUTH2" }>;
    expect(method.oauth2).toMatchObject({
      grantTypes: ["authorization_code"],
      authorizationUrl: "https://{{values.prodEnv}}.salesforce.com/services/oauth2/authorize",
      tokenUrl: "https://{{values.prodEnv}}.salesforce.com/services/oauth2/token",
      clientId: "{{settings.OAUTH_CLIENT_ID}}",
      clientSecret: "{{settings.OAUTH_CLIENT_SECRET}}",
    });
    expect(descriptor.settings).toEqual([
      { name: "OAUTH_CLIENT_ID", description: "Your Salesforce OAuth client key", required: true, secret: false },
      { name: "OAUTH_CLIENT_SECRET", description: "Your Salesforce OAuth client secret", required: true, secret: true },
    ]);
    expect(method.fields.map((f) => f.name)).toEqual(["prodEnv"]);
    expect(warnings.join("\n")).toMatch(/SALESFORCE_API_VERSION/);
    expect(warnings.join("\n")).toMatch(/UNVERIFIED/);
  });

  it("passes extra oauth2 keys as authorization parameters and names undeclared templates", () => {
    const google = imported("elasticio__gspreadsheets.json").descriptor.authMethods[0] as Extract<AuthMethodDescriptor, { type: "OAUTH2" }>;
    expect(google.oauth2.authorizationParams).toEqual({ access_type: "offline", prompt: "consent" });
    const citrix = imported("elasticio__citrix-gotowebinar.json");
    expect(citrix.warnings.some((w) => w.includes("{{CITRIX_APP_ID}}") && w.includes("not declared"))).toBe(true);
  });

  it("keeps text fields that hold secrets secret, and says so", () => {
    const { descriptor, warnings } = imported("elasticio__twitter-streaming-component.json");
    expect(descriptor.authMethods[0]!.fields.map((f) => [f.name, f.secret])).toEqual([
      ["consumerKey", true],
      ["consumerSecret", true],
      ["accessTokenKey", true],
      ["accessTokenSecret", true],
    ]);
    expect(warnings.filter((w) => w.includes("kept secret"))).toHaveLength(4);
    const aws = imported("elasticio__aws-s3-component.json").descriptor.authMethods[0]!;
    expect(aws.fields.find((f) => f.name === "accessKeyId")?.secret).toBe(false);
    expect(aws.fields.find((f) => f.name === "region")?.secret).toBe(false);
    expect(looksSecret("apikey")).toBe(true);
    expect(looksSecret("auth_BearerAuth")).toBe(true);
    expect(looksSecret("host", "Connection URI (host)")).toBe(false);
  });

  it("reduces HTML notes to text and links", () => {
    expect(htmlToText('Please use <b>Snazzy</b> <a href="https://x.test/k">key</a>.')).toBe("Please use Snazzy key (https://x.test/k).");
  });

  it("answers a file without credentials, a non-object and a bad key with the path", () => {
    expect(importElasticioComponent({ title: "X" })).toEqual({ ok: false, fieldErrors: [expect.objectContaining({ field: "descriptor.credentials" })] });
    expect(importElasticioComponent([1])).toMatchObject({ ok: false, fieldErrors: [{ field: "descriptor" }] });
    expect(importElasticioComponent({ title: "X", credentials: { fields: {} } }, { key: "Bad Key" })).toMatchObject({ ok: false, fieldErrors: [{ field: "key" }] });
    expect(importElasticioComponent({ credentials: { fields: {} } })).toMatchObject({ ok: false, fieldErrors: [{ field: "key" }] });
    expect(importElasticioComponent({ title: "X", credentials: { fields: { a: 1 } } }, { key: "xx" })).toMatchObject({
      ok: false,
      fieldErrors: [{ field: "descriptor.credentials.fields.a" }],
    });
  });

  it("derives a stable key from the title", () => {
    expect(keyFromTitle("AWS S3")).toBe("aws-s3");
    expect(keyFromTitle("Petstore API (Node.js)")).toBe("petstore-api-node-js");
    const derived = importElasticioComponent(read("elasticio__aws-s3-component.json"));
    expect(derived.ok && derived.descriptor.key).toBe("aws-s3");
  });

  // SOURCES.tsv has Python's json error for each file ("... line 28 column 13 (char 717)").
  const pythonErrors = new Map(
    (DATA ? readFileSync(path.join(INVALID, "SOURCES.tsv"), "utf8") : "")
      .split("\n")
      .slice(1)
      .filter(Boolean)
      .map((line) => [line.split("\t")[0]!, /line (\d+) column (\d+)/.exec(line.split("\t")[4] ?? "")]),
  );

  it.each(invalidFiles)("invalid/%s answers InvalidInput with the line and column", (file) => {
    const text = readFileSync(path.join(INVALID, file), "utf8");
    const result = importElasticioComponent(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors[0]!.field).toBe("descriptor");
    const where = pythonErrors.get(file);
    expect(result.fieldErrors[0]!.message).toMatch(new RegExp(`^Not valid JSON at line ${where?.[1]}, column ${where?.[2]}: `));
  });

  it("reports the line and column of the parse error", () => {
    const result = importElasticioComponent('{\n  "title": "x",\n  oops\n}');
    expect(!result.ok && result.fieldErrors[0]!.message).toMatch(/line 3, column 3/);
  });

  it("answers text nested too deep to scan with InvalidInput, not a stack overflow", () => {
    const result = importElasticioComponent("[".repeat(100_000));
    expect(!result.ok && result.fieldErrors[0]!.message).toMatch(/^Not valid JSON at line 1, column 513: nested more than 512 levels deep\.$/);
  });
});

describe("renderEndpointUrl", () => {
  const fields = [{ name: "prodEnv", secret: false }];
  const context = (prodEnv: string) => ({ fields, values: { prodEnv }, serverUrl: "http://127.0.0.1", settings: { HOST: "127.0.0.1:9" } });

  it("fills values and settings", () => {
    expect(renderEndpointUrl("https://{{values.prodEnv}}.salesforce.com/services/oauth2/token", context("login"))).toBe(
      "https://login.salesforce.com/services/oauth2/token",
    );
    expect(renderEndpointUrl("http://{{settings.HOST}}/{{values.prodEnv}}/token", context("a/b"))).toBe("http://127.0.0.1:9/a/b/token");
  });

  it("refuses a value that is not one host label in the host", () => {
    for (const bad of ["evil.com/x?", "a.b", "x@y", "-a", ""]) {
      expect(() => renderEndpointUrl("https://{{values.prodEnv}}.salesforce.com/token", context(bad))).toThrow(TemplateError);
    }
  });

  it("refuses a result that is not an http(s) URL, and a missing setting", () => {
    expect(() => renderEndpointUrl("{{settings.HOST}}", context("x"))).toThrow(TemplateError);
    expect(() => renderEndpointUrl("https://{{settings.NOPE}}/t", context("x"))).toThrow(/NOPE/);
  });
});
