import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { CreateCredentialDocument, RegisterComponentDocument, ResolveCredentialDocument } from "@latchkey/sdk";
import { VIEW_CLASS_TYPES } from "@latchkey/core";
import { elasticioTestData } from "../../../packages/core/src/testing/elasticio-test-data";
import { expectNoSecretsIn, startFakeApp, useApi, type TestToken } from "./harness";

/** The elastic.io component.json files (see elasticioTestData), or undefined: the tests that read them skip. */
const ELASTICIO_COMPONENTS = elasticioTestData();

type Json = Record<string, any>;

const api = useApi();

// Real component.json files (never copied into the catalog).
const FOLDER = ELASTICIO_COMPONENTS ?? "";
const files = ELASTICIO_COMPONENTS ? readdirSync(FOLDER).filter((name) => name.endsWith(".json")).sort() : [];
const read = (file: string): Json => JSON.parse(readFileSync(path.join(FOLDER, file), "utf8"));
/** Every block here reads the files: skipped (loudly, see elasticioTestData) when they are not there. */
const describeWithData = ELASTICIO_COMPONENTS ? describe : describe.skip;
/** One key per file: two files may share a title ("Salesforce", "Database"). */
const keyOf = (file: string) =>
  file
    .replace(/\.json$/, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");

const AUTH_VIEWS = new Set(["OAuthFieldView", "HTTPAuthView"]);

const secretsSent: string[] = [];
let user: TestToken;

beforeAll(async () => {
  user = await api().createToken(["READ", "WRITE", "CREDENTIALS_USE"]);
});

afterAll(() => {
  // Secret values come back from resolveCredential only (checked there), never from another answer.
  expectNoSecretsIn(
    api().responses.filter((r) => !r.includes('"ResolvedCredential"')),
    secretsSent,
  );
});

/** A value for a field: an option of a SELECT, true for a BOOLEAN, else unique text. */
function valueFor(field: Json): string | boolean {
  if (field.type === "SELECT") return field.options[field.options.length - 1];
  if (field.type === "BOOLEAN") return true;
  const value = `v${randomBytes(9).toString("hex")}`;
  if (field.secret) secretsSent.push(value);
  return value;
}

describeWithData("each component.json file", () => {
  for (const file of files) describe(file, () => {
    const source = read(file);
    const key = keyOf(file);
    const sourceFields = Object.entries<Json>(source.credentials.fields ?? {});
    const plain = sourceFields.filter(([, f]) => !AUTH_VIEWS.has(f.viewClass));
    let component: Json;

    it("registers unchanged, with its fields matching the file field by field", async () => {
      const { registerComponent: result } = await api().client.request(RegisterComponentDocument, { input: { descriptor: source, format: "ELASTICIO", key } });
      expect(result.__typename).toBe("ComponentRegistered");
      if (result.__typename !== "ComponentRegistered") return;
      component = result.component;
      expect(component).toMatchObject({ key, name: source.title, format: "ELASTICIO" });
      expect(result.warnings.length).toBeGreaterThan(0);
      expect(component.authMethods.length).toBeGreaterThan(0);
      for (const method of component.authMethods) {
        const own = method.fields.slice(0, plain.length);
        expect(own.map((f: Json) => f.name)).toEqual(plain.map(([id]) => id));
        plain.forEach(([id, f], index) => {
          const field = own[index];
          const type = VIEW_CLASS_TYPES[f.viewClass] === "SELECT" && typeof f.model === "string" ? "STRING" : (VIEW_CLASS_TYPES[f.viewClass] ?? "STRING");
          expect({ id, type: field.type, required: field.required }).toEqual({ id, type, required: f.required === true });
          if (typeof f.label === "string") expect(field.label).toBe(f.label.trim());
          if (f.viewClass === "PasswordFieldView") expect(field.secret).toBe(true);
          if (field.type === "SELECT") {
            const options = Array.isArray(f.model) ? f.model.map((v: string) => ({ value: v, label: v })) : Object.entries(f.model).map(([value, label]) => ({ value, label }));
            expect(field.selectOptions).toEqual(options);
          }
        });
      }
    });

    it("stores and resolves a credential of each non-OAuth2 method under the same field names", async () => {
      expect(component).toBeDefined();
      const methods = component.authMethods.filter((m: Json) => m.type !== "OAUTH2");
      for (const method of methods) {
        const values: Json = Object.fromEntries(method.fields.map((f: Json) => [f.name, valueFor(f)]));
        const { createCredential: created } = await user.client.request(CreateCredentialDocument, {
          input: { componentKey: key, authType: method.type, name: `${key} ${method.type}`, values },
        });
        expect(created.__typename).toBe("CredentialCreated");
        if (created.__typename !== "CredentialCreated") return;
        // Latchkey cannot run the component's own verification: saved UNVERIFIED, with the reason.
        expect(created.credential.status).toBe("UNVERIFIED");
        expect(created.verification).toMatchObject({ code: "NOT_VERIFIED", message: expect.stringMatching(/defines no verification/) });
        const secretNames = method.fields.filter((f: Json) => f.secret).map((f: Json) => f.name);
        expect(created.credential.secrets.map((s: Json) => s.field).sort()).toEqual([...secretNames].sort());
        for (const name of secretNames) expect(created.credential.config).not.toHaveProperty(name);

        const { resolveCredential: resolved } = await user.client.request(ResolveCredentialDocument, { input: { id: created.credential.id } });
        expect(resolved.__typename).toBe("ResolvedCredential");
        if (resolved.__typename !== "ResolvedCredential") return;
        const own = Object.fromEntries(plain.map(([id]) => [id, values[id]]));
        const httpAuth = sourceFields.find(([, f]) => f.viewClass === "HTTPAuthView")?.[0];
        if (!httpAuth) {
          expect(resolved.values).toEqual(own);
        } else {
          // elastic.io's HTTPAuthView value: { type, basic: {...} } or { type, apiKey: {...} }.
          const extra = method.fields.slice(plain.length).map((f: Json) => f.name);
          const group = method.type === "BASIC" ? { type: "Basic Auth", basic: {} as Json } : { type: "API Key Auth", apiKey: {} as Json };
          for (const name of extra) Object.values(group).find((v): v is Json => typeof v === "object")![name] = values[name];
          expect(resolved.values).toEqual({ ...own, [httpAuth]: group });
        }
      }
    });
  });
});

describeWithData("registerComponent with format ELASTICIO", () => {
  it("answers InvalidInput with the path for a file without credentials, and a bad key", async () => {
    const { registerComponent: noCredentials } = await api().client.request(RegisterComponentDocument, { input: {
      descriptor: { title: "Nothing", actions: {} },
      format: "ELASTICIO",
    } });
    expect(noCredentials).toMatchObject({ __typename: "InvalidInput", fieldErrors: [{ field: "descriptor.credentials" }] });
    const { registerComponent: badKey } = await api().client.request(RegisterComponentDocument, { input: {
      descriptor: read(files[0]!),
      format: "ELASTICIO",
      key: "Not A Key",
    } });
    expect(badKey).toMatchObject({ __typename: "InvalidInput", fieldErrors: [{ field: "key" }] });
  });

  it("derives the key from the title when none is given", async () => {
    const { registerComponent: result } = await api().client.request(RegisterComponentDocument, { input: {
      descriptor: read("elasticio__aws-s3-component.json"),
      format: "ELASTICIO",
    } });
    expect(result).toMatchObject({ __typename: "ComponentRegistered", component: { key: "aws-s3", name: "AWS S3" } });
  });
});

describeWithData("an x-latchkey verify section", () => {
  it("verifies a login whose fields have the file's names (userName, password) like any BASIC credential", async () => {
    const password = `pw-${randomBytes(8).toString("hex")}`;
    secretsSent.push(password);
    const app = await startFakeApp((req, res) => {
      const ok = req.headers.authorization === `Basic ${Buffer.from(`ada:${password}`).toString("base64")}`;
      res.writeHead(ok ? 200 : 401).end();
    });
    try {
      const descriptor = { ...read("elasticio__sugarcrm-component.json"), "x-latchkey": { baseUrl: app.url, verify: { http: { method: "GET", path: "/me" } } } };
      const { registerComponent: registered } = await api().client.request(RegisterComponentDocument, { input: { descriptor, format: "ELASTICIO", key: "sugar-verified" } });
      expect(registered.__typename).toBe("ComponentRegistered");
      if (registered.__typename !== "ComponentRegistered") return;
      expect(registered.warnings.join(" ")).not.toMatch(/UNVERIFIED/);
      const values = { baseUrl: "https://crm.example.test", userName: "ada", password, clientID: "sugar", clientSecret: "x".repeat(20) };
      secretsSent.push(values.clientSecret);
      const { createCredential: good } = await user.client.request(CreateCredentialDocument, { input: { componentKey: "sugar-verified", authType: "BASIC", values } });
      expect(good).toMatchObject({ __typename: "CredentialCreated", credential: { status: "VALID" }, verification: { code: "OK" } });
      const { createCredential: bad } = await user.client.request(CreateCredentialDocument, {
        input: { componentKey: "sugar-verified", authType: "BASIC", values: { ...values, password: `${password}-wrong` } },
      });
      expect(bad).toMatchObject({ __typename: "VerificationFailed", verification: { code: "UNAUTHORIZED" } });
    } finally {
      await app.close();
    }
  });
});
