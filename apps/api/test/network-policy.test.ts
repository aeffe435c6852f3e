import { CreateCredentialDocument, CredentialsDocument, RegisterComponentDocument } from "@latchkey/sdk";
import { expectNoSecretsIn, startApi, startFakeApp, useApi, verifyValues, type FakeApp, type TestApi } from "./harness";

/**
 * The SSRF guard through the API: verification aimed at the cloud metadata address, in any of
 * the forms a URL may write it, is BLOCKED_TARGET and saves nothing; with private networks
 * blocked, a loopback application sees no connection at all, unless the allow-list names it.
 */
const PASSWORD = "p4ss-w0rd-for-the-guard";
// The default policy (its own database), and a strict one in its own process (on PGlite, in its own data folder).
const open = useApi();
let strict: TestApi;
let app: FakeApp;
/** A second application, on another loopback address that the strict API's allow-list names. */
let listed: FakeApp;

beforeAll(async () => {
  app = await startFakeApp((_req, res) => res.writeHead(200).end("{}"));
  listed = await startFakeApp((_req, res) => res.writeHead(200).end("{}"), { host: "127.0.0.2" });
  strict = await startApi({ env: { LATCHKEY_BLOCK_PRIVATE_NETWORKS: "true", LATCHKEY_ALLOWED_HOSTS: "db.internal, 127.0.0.2/32" } });
}, 120_000);

afterAll(async () => {
  await strict?.stop();
  await app?.close();
  await listed?.close();
  for (const api of [open(), strict]) {
    expectNoSecretsIn(api.responses, [PASSWORD]);
  }
});

function basicInput(baseUrl: string) {
  return { componentKey: "http-basic", authType: "BASIC" as const, values: { baseUrl, username: "admin", password: PASSWORD, verifyPath: "/me" } };
}

async function verifyAt(api: TestApi, baseUrl: string) {
  return verifyValues(api.client, basicInput(baseUrl));
}

it.each([
  "http://169.254.169.254/latest/meta-data/",
  "http://2852039166/",
  "http://0xa9fea9fe/",
  "http://[::ffff:169.254.169.254]/",
  "http://[fe80::1]/",
  "http://0.0.0.0/",
])("answers BLOCKED_TARGET for %s under the default policy", async (baseUrl) => {
  expect(await verifyAt(open(), baseUrl)).toMatchObject({
    ok: false,
    code: "BLOCKED_TARGET",
    status: "UNREACHABLE",
    message: expect.stringMatching(/^HTTP API \(Basic auth\) was not contacted: .* is not allowed by the network policy: /),
  });
});

it("saves nothing when createCredential is aimed at the metadata address", async () => {
  const { createCredential } = await open().client.request(CreateCredentialDocument, { input: basicInput("http://169.254.169.254/") });
  expect(createCredential).toMatchObject({ __typename: "VerificationFailed", verification: { code: "BLOCKED_TARGET" } });
  const { credentials } = await open().client.request(CredentialsDocument, {});
  expect(credentials.totalCount).toBe(0);
});

it("allows the loopback application by default (the offline demo verifies against the API itself)", async () => {
  const before = app.requests.length;
  expect(await verifyAt(open(), app.url)).toMatchObject({ ok: true, code: "OK" });
  expect(app.requests.length).toBe(before + 1);
  expect(await verifyValues(open().client, { componentKey: "petstore", authType: "API_KEY", values: { apiKey: "secret" } })).toMatchObject({ ok: true });
});

it("with LATCHKEY_BLOCK_PRIVATE_NETWORKS=true, sends nothing to a loopback application, by address or by name", async () => {
  const before = app.requests.length;
  const port = new URL(app.url).port;
  for (const baseUrl of [app.url, `http://localhost:${port}`, `http://[::1]:${port}`, `http://[::ffff:127.0.0.1]:${port}`]) {
    expect(await verifyAt(strict, baseUrl)).toMatchObject({
      ok: false,
      code: "BLOCKED_TARGET",
      message: expect.stringContaining("LATCHKEY_BLOCK_PRIVATE_NETWORKS is on"),
    });
  }
  expect(app.requests.length).toBe(before);
});

it("LATCHKEY_ALLOWED_HOSTS lets a listed range through, and nothing else", async () => {
  expect(await verifyAt(strict, listed.url)).toMatchObject({ ok: true, code: "OK" });
  expect(listed.requests.length).toBe(1);
  expect(await verifyAt(strict, "http://10.0.0.1/")).toMatchObject({ code: "BLOCKED_TARGET", message: expect.stringContaining("10.0.0.0/8 is a private network") });
  expect(await verifyAt(strict, "http://169.254.169.254/")).toMatchObject({ code: "BLOCKED_TARGET" });
});

it("guards OAuth2 token requests too: a token URL at the metadata address is BLOCKED_TARGET", async () => {
  const { registerComponent } = await open().client.request(RegisterComponentDocument, { input: {
    descriptor: {
      key: "metadata-oauth",
      name: "Metadata OAuth",
      baseUrl: "https://api.example.com",
      authMethods: [
        {
          type: "OAUTH2",
          label: "Client credentials",
          fields: [
            { name: "clientId", label: "Client ID", type: "STRING", required: true },
            { name: "clientSecret", label: "Client secret", type: "PASSWORD", secret: true, required: true },
          ],
          oauth2: { grantTypes: ["client_credentials"], tokenUrl: "http://169.254.169.254/latest/api/token", clientAuth: "body" },
        },
      ],
    },
  } });
  expect(registerComponent.__typename).toBe("ComponentRegistered");
  const { createCredential } = await open().client.request(CreateCredentialDocument, {
    input: { componentKey: "metadata-oauth", authType: "OAUTH2", values: { clientId: "client", clientSecret: PASSWORD } },
  });
  expect(createCredential).toMatchObject({
    __typename: "VerificationFailed",
    verification: { code: "BLOCKED_TARGET", message: expect.stringContaining("169.254.169.254 is not allowed by the network policy") },
  });
});
