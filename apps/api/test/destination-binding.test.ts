import { randomBytes } from "node:crypto";
import mysql from "mysql2/promise";
import pg from "pg";
import {
  CredentialDocument,
  RegisterComponentDocument,
  ResolveCredentialDocument,
  ReverifyCredentialDocument,
  UpdateCredentialDocument,
} from "@latchkey/sdk";
import { beginOAuth2, createCredential, eventually, expectNoSecretsIn, reachableOrSkip, registerApiKeyComponent, requiredPostgresUrl, startFakeApp, startTcpListener, useApi, type FakeApp, type TcpListener, type TestToken } from "./harness";
import { CLIENT_ID, CLIENT_SECRET, connect, SHORT_LIVED, useProvider, type TestProvider } from "./support/oauth2-provider";

/**
 * Issue 12: a stored secret only ever goes where it was verified. For every path that sends one
 * (update with kept secrets, re-verification, the scheduled job, OAuth2 refresh, resolveCredential),
 * a capture server on loopback stands where a member (or a changed descriptor) points the
 * credential, and must receive nothing: no request, no connection.
 */
const WEB_URL = "http://web.latchkey.test:3102";
const api = useApi({ env: { LATCHKEY_WEB_URL: WEB_URL, LATCHKEY_REVERIFY_INTERVAL: "2s", LATCHKEY_VERIFY_TIMEOUT_MS: "2000" } });
const useTestProvider = useProvider(api, (p) => [
  p.descriptor("dest-code", { grantTypes: ["authorization_code"] }),
  p.descriptor("dest-cc", { grantTypes: ["client_credentials"], clientAuth: "body" }),
]);

const PASSWORD = `pw-${randomBytes(8).toString("hex")}`;
const NEW_PASSWORD = `pw-${randomBytes(8).toString("hex")}`;
const API_KEY = `ak_${randomBytes(12).toString("hex")}`;
const DB_PASSWORD = `Db-${randomBytes(10).toString("hex")}`;

let app: FakeApp;
let capture: FakeApp;
let tcp: TcpListener;
let user: TestToken;

/** Every secret value a capture server saw, anywhere in a request line or header. */
const seen = (server: FakeApp) => JSON.stringify(server.requests);

beforeAll(async () => {
  // The legitimate application: accepts the key, and Basic ada with either password.
  app = await startFakeApp((req, res) => {
    const basic = req.headers.authorization;
    const ok =
      req.headers["x-dest-key"] === API_KEY ||
      basic === `Basic ${Buffer.from(`ada:${PASSWORD}`).toString("base64")}` ||
      basic === `Basic ${Buffer.from(`ada:${NEW_PASSWORD}`).toString("base64")}`;
    res.writeHead(ok ? 200 : 401).end();
  });
  tcp = await startTcpListener();
  user = await api().createToken(["CREDENTIALS_USE"]);
});

afterAll(async () => {
  expectNoSecretsIn(api().responses, [PASSWORD, NEW_PASSWORD, API_KEY, DB_PASSWORD]);
  expectNoSecretsIn([api().logs()], [PASSWORD, NEW_PASSWORD, API_KEY, DB_PASSWORD]);
  await app.close();
  await tcp.close();
});

// Where an attacker wants the secrets, one per test (a test that re-enters secrets for it makes it
// a legitimate place from then on): accepts anything, records everything.
beforeEach(async () => {
  capture = await startFakeApp((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
});
afterEach(() => capture.close());

const update = async (id: string, values: Record<string, unknown>) =>
  (await api().client.request(UpdateCredentialDocument, { input: { id, values } })).updateCredential;
const reverify = async (id: string) => (await api().client.request(ReverifyCredentialDocument, { input: { id } })).reverifyCredential;
const resolve = async (id: string) => (await user.client.request(ResolveCredentialDocument, { input: { id } })).resolveCredential;
const register = async (descriptor: Record<string, unknown>) =>
  (await api().client.request(RegisterComponentDocument, { input: { descriptor } })).registerComponent;

/** The API key component `key` ("Dest <key>", the key in X-Dest-Key) registered at `baseUrl`: registerComponent's answer. */
const registerDest = (key: string, baseUrl: string) => registerApiKeyComponent(api().client, { key, name: `Dest ${key}`, baseUrl, header: "X-Dest-Key" });

const reentry = (field: string) => ({ field, message: "Re-enter this: the destination changed." });

describe("updateCredential that moves the destination", () => {
  test("HTTP Basic: a new baseUrl without the password is InvalidInput and sends nothing; with it, the new password goes to the new place", async () => {
    const { id } = await createCredential(api().client, {
      componentKey: "http-basic",
      authType: "BASIC",
      values: { baseUrl: app.url, username: "ada", password: PASSWORD, verifyPath: "/me" },
    });
    const moved = await update(id, { baseUrl: capture.url, username: "ada", verifyPath: "/me" });
    expect(moved).toMatchObject({ __typename: "InvalidInput", fieldErrors: [reentry("values.password")] });
    expect(capture.requests).toEqual([]);
    // Nothing changed: still bound to the application, still verifiable there.
    expect(await reverify(id)).toMatchObject({ __typename: "CredentialVerified", verification: { code: "OK" } });
    expect(capture.requests).toEqual([]);

    // Same place, password kept: fine.
    expect(await update(id, { baseUrl: `${app.url}/`, username: "ada", verifyPath: "/me" })).toMatchObject({ __typename: "CredentialUpdated" });

    const reentered = await update(id, { baseUrl: capture.url, username: "ada", password: NEW_PASSWORD, verifyPath: "/me" });
    expect(reentered).toMatchObject({ __typename: "CredentialUpdated", verification: { code: "OK" } });
    expect(capture.requests.length).toBe(1);
    expect(seen(capture)).toContain(Buffer.from(`ada:${NEW_PASSWORD}`).toString("base64"));
    expect(seen(capture)).not.toContain(Buffer.from(`ada:${PASSWORD}`).toString("base64"));
    // Rebound: the re-entered password is kept for the new place.
    expect(await reverify(id)).toMatchObject({ verification: { code: "OK" } });
    expect(seen(capture)).not.toContain(Buffer.from(`ada:${PASSWORD}`).toString("base64"));
  });

  const POSTGRES_URL = requiredPostgresUrl();

  test("PostgreSQL: a new host/port without the password is InvalidInput, and no connection is made", async () => {
    const admin = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2_000 });
    if (!reachableOrSkip(await admin.connect().then(() => true, () => false), "PostgreSQL is not reachable: the destination test for it cannot run.")) return;
    const role = `latchkey_dest_${randomBytes(4).toString("hex")}`;
    await admin.query(`create role ${role} login password '${DB_PASSWORD}'`);
    try {
      const server = new URL(POSTGRES_URL);
      const values = { host: server.hostname, port: Number(server.port || 5432), database: "postgres", username: role };
      const { id } = await createCredential(api().client, { componentKey: "postgresql", authType: "DATABASE", values: { ...values, password: DB_PASSWORD } });
      for (const moved of [{ ...values, port: tcp.port }, { ...values, host: "localhost", port: tcp.port }]) {
        expect(await update(id, moved)).toMatchObject({ __typename: "InvalidInput", fieldErrors: [reentry("values.password")] });
      }
      expect(tcp.connections).toBe(0);
    } finally {
      await admin.query(`drop role if exists ${role}`).catch(() => {});
      await admin.end();
    }
  });

  test("MySQL: a new host/port without the password is InvalidInput, and no connection is made", async () => {
    const root = await mysql.createConnection({ host: "127.0.0.1", port: 3306, user: "root", connectTimeout: 2_000 }).catch(() => undefined);
    if (!reachableOrSkip(root !== undefined, "MariaDB is not reachable: the destination test for it cannot run.")) return;
    const name = `ldest_${randomBytes(4).toString("hex")}`;
    await root!.query(`create user '${name}'@'%' identified by '${DB_PASSWORD}'`);
    await root!.query(`create user '${name}'@'localhost' identified by '${DB_PASSWORD}'`);
    try {
      const values = { host: "127.0.0.1", port: 3306, database: "information_schema", username: name };
      const { id } = await createCredential(api().client, { componentKey: "mysql", authType: "DATABASE", values: { ...values, password: DB_PASSWORD } });
      expect(await update(id, { ...values, port: tcp.port })).toMatchObject({ __typename: "InvalidInput", fieldErrors: [reentry("values.password")] });
      expect(tcp.connections).toBe(0);
    } finally {
      await root!.query(`drop user if exists '${name}'@'%'`).catch(() => {});
      await root!.query(`drop user if exists '${name}'@'localhost'`).catch(() => {});
      await root!.end();
    }
  });
});

describe("registerComponent that moves the destination", () => {
  test("API key: re-registered elsewhere, the credential is DESTINATION_CHANGED, listed, refused everywhere, never sent; re-entering rebinds it", async () => {
    expect(await registerDest("dest-api", app.url)).toMatchObject({ __typename: "ComponentRegistered", credentialsNeedingReentry: [] });
    const { id } = await createCredential(api().client, { componentKey: "dest-api", authType: "API_KEY", name: "Dest key", values: { apiKey: API_KEY } });

    const moved = await registerDest("dest-api", capture.url);
    expect(moved).toMatchObject({ __typename: "ComponentRegistered", credentialsNeedingReentry: [{ id, name: "Dest key", status: "INVALID" }] });
    const { credential } = await api().client.request(CredentialDocument, { id });
    expect(credential).toMatchObject({ status: "INVALID", lastVerification: { code: "DESTINATION_CHANGED" } });

    expect(await reverify(id)).toMatchObject({ __typename: "CredentialVerified", verification: { code: "DESTINATION_CHANGED", status: "INVALID" } });
    expect(await resolve(id)).toMatchObject({ __typename: "VerificationFailed", verification: { code: "DESTINATION_CHANGED" } });
    // The scheduled job (every 2 s here) leaves it alone: a few rounds, nothing sent, still INVALID.
    await new Promise((r) => setTimeout(r, 5_000));
    expect(capture.requests).toEqual([]);
    expect((await api().client.request(CredentialDocument, { id })).credential).toMatchObject({ status: "INVALID", lastVerification: { code: "DESTINATION_CHANGED" } });

    // Without the key, an update cannot keep it; with it, it is verified at the new place and bound there.
    expect(await update(id, {})).toMatchObject({ __typename: "InvalidInput", fieldErrors: [reentry("values.apiKey")] });
    expect(capture.requests).toEqual([]);
    expect(await update(id, { apiKey: "new-key-for-the-new-place" })).toMatchObject({ __typename: "CredentialUpdated", verification: { code: "OK" } });
    expect(seen(capture)).toContain("new-key-for-the-new-place");
    expect(seen(capture)).not.toContain(API_KEY);
    expect(await resolve(id)).toMatchObject({ __typename: "ResolvedCredential", secrets: { apiKey: "new-key-for-the-new-place" } });
  }, 30_000);

  test("the scheduled job sends nothing after a re-register, whatever the credential's status was", async () => {
    const key = "dest-job";
    await registerDest(key, app.url);
    const { id } = await createCredential(api().client, { componentKey: key, authType: "API_KEY", values: { apiKey: API_KEY } });
    // Verified by the job at the application first (proof it runs here).
    const before = app.requests.length;
    await eventually("the job re-verifies at the application", async () => (app.requests.length > before ? true : undefined), 15_000);
    await registerDest(key, capture.url);
    await new Promise((r) => setTimeout(r, 6_000));
    expect(capture.requests).toEqual([]);
    expect((await api().client.request(CredentialDocument, { id })).credential).toMatchObject({ status: "INVALID", lastVerification: { code: "DESTINATION_CHANGED" } });
  }, 40_000);

  test("a built-in catalog key cannot be registered", async () => {
    const result = await registerDest("petstore", capture.url);
    expect(result).toMatchObject({ __typename: "InvalidInput", fieldErrors: [{ field: "descriptor.key", message: expect.stringContaining("built-in") }] });
    expect(capture.requests).toEqual([]);
  });
});

describe("OAuth2 endpoints that move", () => {
  let provider: TestProvider;
  beforeEach(() => {
    provider = useTestProvider();
  });
  const moved = (key: string, grantTypes: string[], patch: { tokenUrl?: string; baseUrl?: string }) => {
    const d = provider.descriptor(key, { grantTypes, clientAuth: key === "dest-cc" ? "body" : "basic" });
    if (patch.tokenUrl) d.authMethods[0]!.oauth2.tokenUrl = patch.tokenUrl;
    if (patch.baseUrl) d.baseUrl = patch.baseUrl;
    return d;
  };

  test("a new tokenUrl: no refresh (resolve with an expiring token, reverify) sends the client secret or refresh token there", async () => {
    const id = await connect(api(), provider, { componentKey: "dest-code", webUrl: WEB_URL, shape: SHORT_LIVED });
    const registered = await register(moved("dest-code", ["authorization_code"], { tokenUrl: `${capture.url}/token` }));
    expect(registered).toMatchObject({ credentialsNeedingReentry: [{ id }] });
    expect(await resolve(id)).toMatchObject({ __typename: "VerificationFailed", verification: { code: "DESTINATION_CHANGED" } });
    expect(await reverify(id)).toMatchObject({ verification: { code: "DESTINATION_CHANGED" } });
    // An update cannot move the refresh token either: the account must be connected again.
    expect(await update(id, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET })).toMatchObject({ __typename: "InvalidInput" });
    expect(capture.requests).toEqual([]);
    await register(provider.descriptor("dest-code", { grantTypes: ["authorization_code"] }));
  });

  test("client credentials: a new tokenUrl or baseUrl sends neither the client secret nor the access token", async () => {
    const { id } = await createCredential(api().client, { componentKey: "dest-cc", authType: "OAUTH2", values: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET } });
    const token = String(provider.tokenRequests.at(-1)!.answer.access_token);
    for (const patch of [{ tokenUrl: `${capture.url}/token` }, { baseUrl: capture.url }]) {
      expect(await register(moved("dest-cc", ["client_credentials"], patch))).toMatchObject({ credentialsNeedingReentry: [{ id }] });
      expect(await reverify(id)).toMatchObject({ verification: { code: "DESTINATION_CHANGED" } });
      expect(await resolve(id)).toMatchObject({ __typename: "VerificationFailed" });
      expect(await update(id, { clientId: CLIENT_ID })).toMatchObject({ __typename: "InvalidInput", fieldErrors: [reentry("values.clientSecret")] });
    }
    expect(capture.requests).toEqual([]);
    expect(seen(capture)).not.toContain(token);
    await register(provider.descriptor("dest-cc", { grantTypes: ["client_credentials"], clientAuth: "body" }));
  });

  test("a pending authorization is not completed against a moved token endpoint", async () => {
    const started = await beginOAuth2(api().client, {
      componentKey: "dest-code",
      authType: "OAUTH2",
      values: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    });
    const back = await fetch(started.authorizationUrl, { redirect: "manual" });
    const query = new URL(back.headers.get("location")!).search;
    await register(moved("dest-code", ["authorization_code"], { tokenUrl: `${capture.url}/token` }));
    const response = await api().get(`/oauth2/callback${query}`);
    expect(new URL(response.location!).searchParams.get("error")).toBe("DESTINATION_CHANGED");
    expect(capture.requests).toEqual([]);
    await register(provider.descriptor("dest-code", { grantTypes: ["authorization_code"] }));
  });
});
