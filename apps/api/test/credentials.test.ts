import {
  ComponentDocument,
  ComponentsDocument,
  CreateCredentialDocument,
  CredentialDocument,
  CredentialsDocument,
  DeleteCredentialDocument,
  RenameCredentialDocument,
  ReverifyCredentialDocument,
  UpdateCredentialDocument,
  VerifyCredentialValuesDocument,
  LatchkeyRequestError,
} from "@latchkey/sdk";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createCredential, createTestDatabase, databaseEnv, expectNoSecretsIn, registerApiKeyComponent, runScriptJson, startFakeApp, useApi, type FakeApp, nodes } from "./harness";

const GOOD_KEY = "ak_live_7d1f0c9e4b2a48e6a1c3";
const OTHER_GOOD_KEY = "ak_live_0b9e8d7c6b5a4f3e2d1c";
const BAD_KEY = "ak_live_ffffeeeeddddccccbbbb";
const PASSWORD = "pw-Zq8!rT2#kL5";

const api = useApi();
let acme: FakeApp;
/** Keys the fake application has revoked: it refuses them from then on. */
const revokedKeys = new Set<string>();

beforeAll(async () => {
  acme = await startFakeApp((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/v1/me") {
      const key = req.headers["x-api-key"];
      const accepted = (key === GOOD_KEY || key === OTHER_GOOD_KEY) && !revokedKeys.has(key);
      const status = accepted ? 200 : key === "forbidden-key-123456" ? 403 : 401;
      res.writeHead(status).end(status === 401 ? `bad key ${String(key)}` : "{}");
    } else if (url.pathname === "/basic") {
      const expected = `Basic ${Buffer.from(`ada:${PASSWORD}`).toString("base64")}`;
      res.writeHead(req.headers.authorization === expected ? 200 : 401).end();
    } else {
      res.writeHead(404).end();
    }
  });
  // A component whose verification talks to the fake application.
  const registered = await registerApiKeyComponent(api().client, { key: "acme", name: "Acme API", baseUrl: acme.url, header: "X-Api-Key", verifyPath: "/v1/me" });
  expect(registered.__typename).toBe("ComponentRegistered");
});

afterAll(async () => {
  expectNoSecretsIn(api().responses, [GOOD_KEY, OTHER_GOOD_KEY, BAD_KEY, PASSWORD]);
  await acme.close();
});

const acmeInput = (apiKey: string, name?: string) => ({
  componentKey: "acme",
  authType: "API_KEY" as const,
  values: { apiKey },
  ...(name === undefined ? {} : { name }),
});

async function countOf(key: string): Promise<number> {
  const components = nodes((await api().client.request(ComponentsDocument, { first: 200 })).components);
  return components.find((c) => c.key === key)!.credentialCount;
}

async function createAcme(apiKey = GOOD_KEY, name?: string) {
  return createCredential(api().client, acmeInput(apiKey, name));
}

describe("the demo Petstore (the platform docs' scenario)", () => {
  test("a wrong key is refused with a typed reason and nothing is saved", async () => {
    const before = await countOf("petstore");
    const { createCredential } = await api().client.request(CreateCredentialDocument, {
      input: { componentKey: "petstore", authType: "API_KEY", values: { apiKey: "not-the-key" } },
    });
    expect(createCredential.__typename).toBe("VerificationFailed");
    if (createCredential.__typename !== "VerificationFailed") return;
    expect(createCredential.verification).toMatchObject({ ok: false, code: "UNAUTHORIZED", status: "INVALID" });
    expect(createCredential.message).not.toContain("not-the-key");
    expect(await countOf("petstore")).toBe(before);
  });

  test("the key `secret` is saved VALID with a default account name and a masked hint", async () => {
    const before = await countOf("petstore");
    const { createCredential } = await api().client.request(CreateCredentialDocument, {
      input: { componentKey: "petstore", authType: "API_KEY", values: { apiKey: "secret" } },
    });
    expect(createCredential.__typename).toBe("CredentialCreated");
    if (createCredential.__typename !== "CredentialCreated") return;
    expect(createCredential.credential).toMatchObject({
      name: "Petstore API account 1",
      status: "VALID",
      config: {},
      secrets: [{ field: "apiKey", hint: "••••••••" }],
      component: { key: "petstore" },
    });
    expect(createCredential.verification).toMatchObject({ ok: true, code: "OK", status: "VALID" });
    expect(await countOf("petstore")).toBe(before + 1);
    expect(api().responses.some((r) => r.includes(':"secret"'))).toBe(false);
  });
});

describe("createCredential", () => {
  test("default names count up per component; a given name is kept (trimmed)", async () => {
    const first = await createAcme();
    const second = await createAcme();
    const named = await createAcme(GOOD_KEY, "  Production  ");
    expect(first.name).toMatch(/^Acme API account \d+$/);
    const n = Number(first.name.split(" ").at(-1));
    expect(second.name).toBe(`Acme API account ${n + 1}`);
    expect(named.name).toBe("Production");
    expect(named.secrets).toEqual([{ field: "apiKey", hint: "••••••••a1c3" }]);
  });

  test("403 is FORBIDDEN, and nothing is saved", async () => {
    const before = await countOf("acme");
    const { createCredential } = await api().client.request(CreateCredentialDocument, { input: acmeInput("forbidden-key-123456") });
    expect(createCredential).toMatchObject({ __typename: "VerificationFailed", verification: { code: "FORBIDDEN", status: "INVALID" } });
    expect(await countOf("acme")).toBe(before);
  });

  test("bad input gets InvalidInput with field errors, and an unknown component NotFound", async () => {
    const cases = [
      { input: acmeInput(GOOD_KEY, "x".repeat(201)), field: "name" },
      { input: { ...acmeInput(GOOD_KEY), values: {} }, field: "values.apiKey" },
      { input: { ...acmeInput(GOOD_KEY), values: { apiKey: GOOD_KEY, extra: "1" } }, field: "values.extra" },
      { input: { ...acmeInput(GOOD_KEY), values: { apiKey: 42 } }, field: "values.apiKey" },
      { input: { ...acmeInput(GOOD_KEY), values: { apiKey: "k".repeat(70 * 1024) } }, field: "values" },
      { input: { ...acmeInput(GOOD_KEY), authType: "BASIC" as const }, field: "authType" },
    ];
    for (const { input, field } of cases) {
      const { createCredential } = await api().client.request(CreateCredentialDocument, { input });
      expect(createCredential.__typename).toBe("InvalidInput");
      if (createCredential.__typename === "InvalidInput") {
        expect(createCredential.fieldErrors.map((e) => e.field)).toContain(field);
      }
    }
    const { createCredential } = await api().client.request(CreateCredentialDocument, {
      input: { componentKey: "no-such-component", authType: "API_KEY", values: {} },
    });
    expect(createCredential.__typename).toBe("NotFound");
  });

  test("BASIC credentials are verified with an Authorization header", async () => {
    const base = { componentKey: "http-basic", authType: "BASIC" as const };
    const wrong = await api().client.request(CreateCredentialDocument, {
      input: { ...base, values: { baseUrl: acme.url, verifyPath: "/basic", username: "ada", password: "nope-nope" } },
    });
    expect(wrong.createCredential).toMatchObject({ __typename: "VerificationFailed", verification: { code: "UNAUTHORIZED" } });
    const right = await api().client.request(CreateCredentialDocument, {
      input: { ...base, values: { baseUrl: acme.url, verifyPath: "/basic", username: "ada", password: PASSWORD } },
    });
    expect(right.createCredential.__typename).toBe("CredentialCreated");
    if (right.createCredential.__typename !== "CredentialCreated") return;
    expect(right.createCredential.credential.config).toMatchObject({ baseUrl: acme.url, username: "ada" });
    expect(right.createCredential.credential.config).not.toHaveProperty("password");
    expect(right.createCredential.credential.secrets).toEqual([{ field: "password", hint: "••••••••" }]);
  });

  test("a DATABASE credential whose server does not answer is refused as UNREACHABLE, saving nothing", async () => {
    const before = await countOf("postgresql");
    const { createCredential } = await api().client.request(CreateCredentialDocument, {
      input: {
        componentKey: "postgresql",
        authType: "DATABASE",
        values: { host: "127.0.0.1", port: 1, database: "test", username: "postgres", password: "pw-db-123" },
      },
    });
    expect(createCredential).toMatchObject({
      __typename: "VerificationFailed",
      message: "PostgreSQL could not be reached at 127.0.0.1:1: the connection was refused.",
      verification: { code: "UNREACHABLE", status: "UNREACHABLE" },
    });
    expect(await countOf("postgresql")).toBe(before);
  });
});

describe("verifyCredentialValues (dry run)", () => {
  test("verifies without saving anything", async () => {
    const before = await countOf("acme");
    const ok = await api().client.request(VerifyCredentialValuesDocument, { input: acmeInput(GOOD_KEY) });
    expect(ok.verifyCredentialValues).toMatchObject({ __typename: "CredentialValuesVerified", verification: { ok: true, code: "OK", status: "VALID" } });
    const bad = await api().client.request(VerifyCredentialValuesDocument, { input: acmeInput(BAD_KEY) });
    expect(bad.verifyCredentialValues).toMatchObject({ __typename: "VerificationFailed", verification: { ok: false, code: "UNAUTHORIZED" } });
    expect(await countOf("acme")).toBe(before);
  });

  test("bad input is InvalidInput with field errors; an unknown component NotFound", async () => {
    const { verifyCredentialValues } = await api().client.request(VerifyCredentialValuesDocument, { input: { ...acmeInput(GOOD_KEY), values: {} } });
    expect(verifyCredentialValues).toMatchObject({ __typename: "InvalidInput", fieldErrors: [expect.objectContaining({ field: "values.apiKey" })] });
    const unknown = await api().client.request(VerifyCredentialValuesDocument, { input: { ...acmeInput(GOOD_KEY), componentKey: "no-such-component" } });
    expect(unknown.verifyCredentialValues.__typename).toBe("NotFound");
  });
});

describe("updateCredential", () => {
  test("a failing new key changes nothing; the stored key still verifies", async () => {
    const credential = await createAcme();
    const { updateCredential } = await api().client.request(UpdateCredentialDocument, { input: { id: credential.id, values: { apiKey: BAD_KEY } } });
    expect(updateCredential).toMatchObject({ __typename: "VerificationFailed", verification: { code: "UNAUTHORIZED" } });
    const { credential: after } = await api().client.request(CredentialDocument, { id: credential.id });
    expect(after).toMatchObject({ status: "VALID", secrets: credential.secrets, updatedAt: credential.updatedAt });
    const again = await api().client.request(ReverifyCredentialDocument, { input: { id: credential.id } });
    expect(again.reverifyCredential).toMatchObject({ __typename: "CredentialVerified", verification: { ok: true } });
  });

  test("a passing new key replaces the old one; secrets left out keep their stored value", async () => {
    const credential = await createAcme();
    const { updateCredential } = await api().client.request(UpdateCredentialDocument, { input: { id: credential.id, values: { apiKey: OTHER_GOOD_KEY } } });
    expect(updateCredential.__typename).toBe("CredentialUpdated");
    if (updateCredential.__typename !== "CredentialUpdated") return;
    expect(updateCredential.credential.secrets).toEqual([{ field: "apiKey", hint: "••••••••2d1c" }]);
    const kept = await api().client.request(UpdateCredentialDocument, { input: { id: credential.id, values: {} } });
    expect(kept.updateCredential).toMatchObject({ __typename: "CredentialUpdated", verification: { ok: true } });
    expect(acme.requests.at(-1)?.headers["x-api-key"]).toBe(OTHER_GOOD_KEY);
  });

  test("unknown ids are NotFound, bad values InvalidInput", async () => {
    const missing = await api().client.request(UpdateCredentialDocument, { input: { id: "00000000-0000-4000-8000-000000000000", values: {} } });
    expect(missing.updateCredential.__typename).toBe("NotFound");
    const garbage = await api().client.request(UpdateCredentialDocument, { input: { id: "not-a-uuid", values: {} } });
    expect(garbage.updateCredential.__typename).toBe("NotFound");
    const credential = await createAcme();
    const bad = await api().client.request(UpdateCredentialDocument, { input: { id: credential.id, values: { apiKey: "" } } });
    expect(bad.updateCredential.__typename).toBe("InvalidInput");
  });
});

describe("renameCredential", () => {
  test("changes only the name and verifies nothing", async () => {
    const credential = await createAcme();
    const requestsBefore = acme.requests.length;
    const { renameCredential } = await api().client.request(RenameCredentialDocument, { input: { id: credential.id, name: "Renamed" } });
    expect(renameCredential.__typename).toBe("CredentialRenamed");
    if (renameCredential.__typename !== "CredentialRenamed") return;
    expect(renameCredential.credential.name).toBe("Renamed");
    expect(renameCredential.credential.lastVerification?.checkedAt).toBe(credential.lastVerification?.checkedAt);
    expect(acme.requests.length).toBe(requestsBefore);
  });

  test("an empty or too long name is InvalidInput; an unknown id NotFound", async () => {
    const credential = await createAcme();
    for (const name of ["   ", "n".repeat(201)]) {
      const { renameCredential } = await api().client.request(RenameCredentialDocument, { input: { id: credential.id, name } });
      expect(renameCredential.__typename).toBe("InvalidInput");
    }
    const { renameCredential } = await api().client.request(RenameCredentialDocument, { input: { id: "00000000-0000-4000-8000-000000000001", name: "x" } });
    expect(renameCredential.__typename).toBe("NotFound");
  });
});

describe("reverifyCredential", () => {
  test("stores the new status, whatever it is", async () => {
    const credential = await createAcme(OTHER_GOOD_KEY);
    // Revoke the key at the application: the fake app now refuses it.
    revokedKeys.add(OTHER_GOOD_KEY);
    try {
      const { reverifyCredential } = await api().client.request(ReverifyCredentialDocument, { input: { id: credential.id } });
      expect(reverifyCredential).toMatchObject({
        __typename: "CredentialVerified",
        credential: { status: "INVALID", lastVerification: { code: "UNAUTHORIZED" } },
      });
    } finally {
      revokedKeys.delete(OTHER_GOOD_KEY);
    }
    const { reverifyCredential } = await api().client.request(ReverifyCredentialDocument, { input: { id: "00000000-0000-4000-8000-000000000002" } });
    expect(reverifyCredential.__typename).toBe("NotFound");
  });
});

describe("reading credentials", () => {
  test("keyset pages, filters and search", async () => {
    const tag = `Page-${Date.now()}`;
    for (let i = 0; i < 5; i++) await createAcme(GOOD_KEY, `${tag} ${i}`);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof list>> = await list(after);
      expect(page.credentials.totalCount).toBe(5);
      seen.push(...page.credentials.edges.map((e) => e.node.name));
      if (!page.credentials.pageInfo.hasNextPage) break;
      after = page.credentials.pageInfo.endCursor;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4].map((i) => `${tag} ${i}`));

    function list(cursor: string | null) {
      return api().client.request(CredentialsDocument, { filter: { search: tag.toLowerCase() }, first: 2, after: cursor });
    }

    const byComponent = await api().client.request(CredentialsDocument, { filter: { componentKey: "petstore" }, first: 50, after: null });
    expect(byComponent.credentials.edges.every((e) => e.node.component.key === "petstore")).toBe(true);
    const valid = await api().client.request(CredentialsDocument, { filter: { status: "INVALID" }, first: 50, after: null });
    expect(valid.credentials.edges.every((e) => e.node.status === "INVALID")).toBe(true);
    const wildcard = await api().client.request(CredentialsDocument, { filter: { search: "%" }, first: 50, after: null });
    expect(wildcard.credentials.totalCount).toBe(0);
  });

  test("a bad page size or cursor is BAD_USER_INPUT", async () => {
    for (const variables of [{ first: 0 }, { first: 201 }, { first: 10, after: "garbage" }]) {
      const error = await api().client.request(CredentialsDocument, { filter: null, after: null, ...variables }).catch((e: unknown) => e);
      expect((error as LatchkeyRequestError).code).toBe("BAD_USER_INPUT");
    }
  });

  test("credential(id) is null for unknown or malformed ids", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000003", "nope", "' or 1=1 --"]) {
      const { credential } = await api().client.request(CredentialDocument, { id });
      expect(credential).toBeNull();
    }
  });

  test("component(key) lists its credentials and count", async () => {
    const { component } = await api().client.request(ComponentDocument, { key: "acme" });
    expect(component!.credentialCount).toBe(component!.credentials.totalCount);
    expect(nodes(component!.credentials).every((c) => c.component.key === "acme")).toBe(true);
    const { component: none } = await api().client.request(ComponentDocument, { key: "nope" });
    expect(none).toBeNull();
  });
});

describe("deleteCredential", () => {
  test("deletes an unused credential; the count goes down; a second delete is NotFound", async () => {
    const credential = await createAcme();
    const before = await countOf("acme");
    const { deleteCredential } = await api().client.request(DeleteCredentialDocument, { input: { id: credential.id } });
    expect(deleteCredential).toEqual({ __typename: "CredentialDeleted", deletedId: credential.id });
    expect(await countOf("acme")).toBe(before - 1);
    const again = await api().client.request(DeleteCredentialDocument, { input: { id: credential.id } });
    expect(again.deleteCredential.__typename).toBe("NotFound");
  });
});

describe("the verification store", () => {
  test("a re-verification is stored in one statement: latest columns (lease cleared), a history entry, history trimmed to its limit, an audit event; a burst of them together, each answered", async () => {
    const database = await createTestDatabase();
    const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-store-"));
    try {
      const report = await runScriptJson(path.join(__dirname, "support/store-reverification.ts"), databaseEnv(dataDir, database.url));
      expect(report).toEqual({
        limit: 50,
        status: "VALID",
        message: "check 54",
        verifiedAt: report.expectedVerifiedAt,
        expectedVerifiedAt: "2026-01-01T00:00:54.000Z",
        lease: null,
        history: 50,
        oldestKept: 5,
        olderTaken: false,
        historyAfterOlder: 50,
        audited: 56,
        auditWorkspace: true,
        missing: null,
        foreign: null,
        burstAnswered: ["stored", "stored", "stored", "stored", "stored", "stored", "stored", "missing"],
        // The first credential got results 10 and 20: the newer one is its latest.
        burstStatus: ["check 20", "check 11", "check 12", "check 13", "check 14", "check 15"],
        burstHistory: [2, 1, 1, 1, 1, 1],
        burstAudited: 7,
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    }
  }, 60_000);
});
