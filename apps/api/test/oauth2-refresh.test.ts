import { randomBytes } from "node:crypto";
import {
  CredentialDocument,
  RegisterComponentDocument,
  ReverifyCredentialDocument,
  UpdateCredentialDocument,
} from "@latchkey/sdk";
import type { MutableResponse } from "oauth2-mock-server";
import { createCredential, createTestDatabase, expectNoSecretsIn, postgresOrSkip, requiredPostgresUrl, startApis, useApi, type TestApi, type TestDatabase } from "./harness";
import { CLIENT_ID, CLIENT_SECRET, connect, SHORT_LIVED, useProvider, type TestProvider } from "./support/oauth2-provider";

const WEB_URL = "http://web.latchkey.test:3101";
const api = useApi({ env: { LATCHKEY_WEB_URL: WEB_URL } });
const descriptors = (provider: TestProvider) => [
  provider.descriptor("mock-code", { grantTypes: ["authorization_code"], clientAuth: "basic" }),
  provider.descriptor("mock-cc", { grantTypes: ["client_credentials"], clientAuth: "body" }),
];
const useTestProvider = useProvider(api, descriptors);
let provider: TestProvider;
beforeEach(() => {
  provider = useTestProvider();
});

const connectCode = (shape?: (response: MutableResponse) => void, target: TestApi = api()) =>
  connect(target, provider, { componentKey: "mock-code", webUrl: WEB_URL, shape });

async function reverify(id: string, target: TestApi = api()) {
  const { reverifyCredential } = await target.client.request(ReverifyCredentialDocument, { input: { id } });
  if (reverifyCredential.__typename !== "CredentialVerified") throw new Error(reverifyCredential.__typename);
  return reverifyCredential;
}

const refreshes = () => provider.tokenRequestsOf("refresh_token");
const answered = (index: number, name: "access_token" | "refresh_token") => String(refreshes()[index]!.answer[name]);
const lastBearer = () => provider.api.requests.at(-1)?.headers.authorization;
const refusal = (error: string, status = 400) => (response: MutableResponse) => {
  response.statusCode = status;
  response.body = { error, error_description: `refused ${CLIENT_SECRET}` };
};

describe("refresh ahead of expiry", () => {
  it("refreshes a token within the margin before verifying, and keeps the refresh token the provider rotates", async () => {
    const id = await connectCode(SHORT_LIVED);
    const firstRefreshToken = String(provider.tokenRequestsOf("authorization_code")[0]!.answer.refresh_token);

    provider.nextTokenResponses.push(SHORT_LIVED);
    expect(await reverify(id)).toMatchObject({ credential: { status: "VALID" }, verification: { ok: true, code: "OK" } });
    expect(refreshes().length).toBe(1);
    expect(refreshes()[0]).toMatchObject({ clientAuth: "basic", body: { grant_type: "refresh_token", refresh_token: firstRefreshToken } });
    expect(lastBearer()).toBe(`Bearer ${answered(0, "access_token")}`);

    // The provider rotated the refresh token: the next refresh sends the new one.
    provider.nextTokenResponses.push((response) => {
      SHORT_LIVED(response);
      delete (response.body as Record<string, unknown>).refresh_token;
    });
    await reverify(id);
    expect(refreshes().length).toBe(2);
    expect(refreshes()[1]!.body.refresh_token).toBe(answered(0, "refresh_token"));

    // That answer had no refresh token: the stored one stays in use.
    await reverify(id);
    expect(refreshes().length).toBe(3);
    expect(refreshes()[2]!.body.refresh_token).toBe(answered(0, "refresh_token"));
    expect(lastBearer()).toBe(`Bearer ${answered(2, "access_token")}`);

    // An hour-long token is used as it is.
    await reverify(id);
    expect(refreshes().length).toBe(3);
    expect(lastBearer()).toBe(`Bearer ${answered(2, "access_token")}`);
  });

  it("renews a client credentials token by the grant itself", async () => {
    provider.nextTokenResponses.push(SHORT_LIVED);
    const { id } = await createCredential(api().client, { componentKey: "mock-cc", authType: "OAUTH2", values: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET } });
    await reverify(id);
    expect(provider.tokenRequests.map((r) => r.grantType)).toEqual(["client_credentials", "client_credentials"]);
    expect(lastBearer()).toBe(`Bearer ${String(provider.tokenRequests[1]!.answer.access_token)}`);
  });
});

describe("refresh on 401", () => {
  it("refreshes once when verify.http rejects the token, and verifies again with the new one", async () => {
    const id = await connectCode();
    const oldToken = String(provider.tokenRequestsOf("authorization_code")[0]!.answer.access_token);
    provider.rejectedTokens.add(oldToken);
    const seen = provider.api.requests.length;

    expect(await reverify(id)).toMatchObject({ credential: { status: "VALID" }, verification: { ok: true } });
    expect(refreshes().length).toBe(1);
    expect(provider.api.requests.slice(seen).map((r) => r.headers.authorization)).toEqual([`Bearer ${oldToken}`, `Bearer ${answered(0, "access_token")}`]);
  });

  it("does not refresh twice when the new token is rejected as well", async () => {
    const id = await connectCode();
    provider.rejectedTokens.add(String(provider.tokenRequestsOf("authorization_code")[0]!.answer.access_token));
    provider.nextTokenResponses.push((response) => provider.rejectedTokens.add(String((response.body as Record<string, unknown>).access_token)));

    expect(await reverify(id)).toMatchObject({ credential: { status: "INVALID" }, verification: { ok: false, code: "UNAUTHORIZED" } });
    expect(refreshes().length).toBe(1);
  });
});

describe("concurrent uses", () => {
  it("cause exactly one refresh in one process", async () => {
    const id = await connectCode(SHORT_LIVED);
    provider.tokenDelayMs = 300;
    const results = await Promise.all([reverify(id), reverify(id), reverify(id)]);
    expect(results.map((r) => r.credential.status)).toEqual(["VALID", "VALID", "VALID"]);
    expect(refreshes().length).toBe(1);
  });
});

describe("a refresh refused for good", () => {
  it("marks the credential EXPIRED with TOKEN_EXPIRED on invalid_grant; only re-verifying on purpose asks the provider again", async () => {
    const id = await connectCode(SHORT_LIVED);
    provider.nextTokenResponses.push(refusal("invalid_grant"));
    const expired = await reverify(id);
    expect(expired).toMatchObject({
      credential: { status: "EXPIRED" },
      verification: {
        ok: false,
        code: "TOKEN_EXPIRED",
        status: "EXPIRED",
        message: "Mock mock-code refused to refresh the access token (invalid_grant): connect the account again.",
      },
    });
    expect(refreshes().length).toBe(1);
    const { credential } = await api().client.request(CredentialDocument, { id });
    expect(credential).toMatchObject({ status: "EXPIRED", lastVerification: { code: "TOKEN_EXPIRED" } });

    provider.nextTokenResponses.push(refusal("invalid_grant"));
    expect(await reverify(id)).toMatchObject({ credential: { status: "EXPIRED" }, verification: { code: "TOKEN_EXPIRED" } });
    expect(refreshes().length).toBe(2);
  });

  it("marks a client credentials credential whose client is refused INVALID; updating its values renews it", async () => {
    provider.nextTokenResponses.push(SHORT_LIVED);
    const { id } = await createCredential(api().client, { componentKey: "mock-cc", authType: "OAUTH2", values: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET } });
    provider.nextTokenResponses.push(refusal("invalid_client", 401));
    expect(await reverify(id)).toMatchObject({
      credential: { status: "INVALID" },
      verification: { code: "UNAUTHORIZED", message: "Mock mock-cc refused the token request: invalid_client." },
    });

    const { updateCredential } = await api().client.request(UpdateCredentialDocument, { input: { id, values: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET } } });
    expect(updateCredential).toMatchObject({ __typename: "CredentialUpdated", credential: { status: "VALID" } });
    expect(provider.tokenRequests.map((r) => r.status)).toEqual([200, 401, 200]);
    await reverify(id);
    expect(provider.tokenRequests.length).toBe(3);
  });
});

describe("updating a connected credential", () => {
  it("refreshes with the new values and stores the new token; refused values change nothing", async () => {
    const id = await connectCode();
    const wrong = "cs_test_wrong_1111111111111111";
    const refused = await api().client.request(UpdateCredentialDocument, { input: { id, values: { clientId: CLIENT_ID, clientSecret: wrong } } });
    expect(refused.updateCredential).toMatchObject({
      __typename: "VerificationFailed",
      verification: { code: "UNAUTHORIZED", message: "Mock mock-code refused the token refresh: invalid_client." },
    });
    expect(refreshes().map((r) => r.clientSecret === wrong)).toEqual([true]);

    const { updateCredential } = await api().client.request(UpdateCredentialDocument, { input: { id, values: { clientId: CLIENT_ID, scope: "read write" } } });
    expect(updateCredential).toMatchObject({ __typename: "CredentialUpdated", credential: { status: "VALID", config: { scope: "read write" } } });
    expect(refreshes().length).toBe(2);
    expect(lastBearer()).toBe(`Bearer ${answered(1, "access_token")}`);
    await reverify(id);
    expect(refreshes().length).toBe(2);
    expect(lastBearer()).toBe(`Bearer ${answered(1, "access_token")}`);
    expectNoSecretsIn(api().responses, [wrong]);
  });
});

describe("across API processes on one PostgreSQL", () => {
  const serverUrl = requiredPostgresUrl();
  let database: TestDatabase | undefined;
  let apis: TestApi[] = [];

  beforeAll(async () => {
    if (!(await postgresOrSkip(serverUrl, "the cross-process refresh test"))) return;
    database = await createTestDatabase(serverUrl);
    const env = { LATCHKEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"), LATCHKEY_WEB_URL: WEB_URL };
    apis = await startApis({ env, databaseUrl: database.url }, { env, databaseUrl: database.url });
    await apis[0]!.client.request(RegisterComponentDocument, { input: { descriptor: descriptors(useTestProvider())[0]! } });
  }, 120_000);

  afterAll(async () => {
    for (const each of apis) expectNoSecretsIn(each.responses, [CLIENT_SECRET, ...useTestProvider().issued]);
    await Promise.all(apis.map((each) => each.stop()));
    await database?.drop();
  });

  it("two processes using one credential at once cause exactly one refresh", async () => {
    if (apis.length === 0) return;
    const [a, b] = apis as [TestApi, TestApi];
    for (let round = 0; round < 3; round++) {
      provider.tokenRequests.length = 0;
      const id = await connectCode(SHORT_LIVED, a);
      provider.tokenDelayMs = 300;
      const results = await Promise.all([reverify(id, a), reverify(id, b)]);
      provider.tokenDelayMs = 0;
      expect(results.map((r) => r.credential.status)).toEqual(["VALID", "VALID"]);
      expect(refreshes().length).toBe(1);
    }
  });
});
