import {
  BeginOAuth2AuthorizationDocument,
  CreateCredentialDocument,
  CredentialDocument,
  CredentialsDocument,
  RegisterComponentDocument,
} from "@latchkey/sdk";
import { beginOAuth2, createTestDatabase, expectNoSecretsIn, startApi, useApi, verifyValues, type TestApi } from "./harness";
import { authorize, callback as callbackAt, CLIENT_ID, CLIENT_SECRET, s256, useProvider, type TestProvider } from "./support/oauth2-provider";

const WEB_URL = "http://web.latchkey.test:3101";
const api = useApi({ env: { LATCHKEY_WEB_URL: WEB_URL } });
const useTestProvider = useProvider(api, (provider) => [
  provider.descriptor("mock-code", { grantTypes: ["authorization_code"], clientAuth: "basic" }),
  provider.descriptor("mock-basic", { grantTypes: ["client_credentials"], clientAuth: "basic" }),
  provider.descriptor("mock-body", { grantTypes: ["client_credentials"], clientAuth: "body" }, { verify: false }),
]);
let provider: TestProvider;
beforeEach(() => {
  provider = useTestProvider();
});


const input = (componentKey: string, values: Record<string, unknown> = {}, name?: string) => ({
  componentKey,
  authType: "OAUTH2" as const,
  values: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...values },
  ...(name ? { name } : {}),
});

async function credentialCount(componentKey: string, client = api().client): Promise<number> {
  const { credentials } = await client.request(CredentialsDocument, { filter: { componentKey } });
  return credentials.totalCount;
}

async function start(target: TestApi = api(), values: Record<string, unknown> = {}, name?: string) {
  return beginOAuth2(target.client, input("mock-code", values, name));
}

const callback = (target: TestApi, query: string) => callbackAt(target, query, WEB_URL);

describe("authorization code with PKCE", () => {
  it("exchanges the code with the verifier of the challenge, verifies, and saves the credential", async () => {
    const before = await credentialCount("mock-code");
    const started = await start(api(), { scope: "read write" }, "Ada's mock account");
    const url = new URL(started.authorizationUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${provider.issuerUrl}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: CLIENT_ID,
      redirect_uri: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/oauth2\/callback$/),
      scope: "read write",
      state: started.state,
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: "S256",
    });
    expect(started.state.length).toBeGreaterThanOrEqual(32);

    const back = await authorize(started.authorizationUrl);
    expect(`${back.origin}${back.pathname}`).toBe(url.searchParams.get("redirect_uri"));
    const done = await callback(api(), back.search);
    const credentialId = done.get("credential");
    expect(Object.fromEntries(done)).toEqual({ credential: expect.any(String) });

    // The provider itself checks the verifier against the challenge; this checks what reached it.
    const [exchange] = provider.tokenRequestsOf("authorization_code");
    expect(provider.tokenRequests.length).toBe(1);
    expect(exchange).toMatchObject({ clientAuth: "basic", status: 200 });
    expect(exchange!.body.code_verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(s256(exchange!.body.code_verifier!)).toBe(url.searchParams.get("code_challenge"));
    expect(provider.codeChallenges).toEqual([{ challenge: url.searchParams.get("code_challenge"), method: "S256", redirectUri: url.searchParams.get("redirect_uri") }]);
    expect(exchange!.body.redirect_uri).toBe(url.searchParams.get("redirect_uri"));
    expect(provider.api.requests.at(-1)?.headers.authorization).toBe(`Bearer ${String(exchange!.answer.access_token)}`);

    const { credential } = await api().client.request(CredentialDocument, { id: credentialId! });
    expect(credential).toMatchObject({
      name: "Ada's mock account",
      authType: "OAUTH2",
      status: "VALID",
      config: { clientId: CLIENT_ID, scope: "read write" },
      secrets: [{ field: "clientSecret", hint: "••••••••0b5c" }],
      lastVerification: { ok: true, code: "OK", message: "Mock mock-code accepted the access token." },
      component: { key: "mock-code" },
    });
    expect(await credentialCount("mock-code")).toBe(before + 1);

    // The same answer again (a replay): the state was used up, nothing more is saved.
    const replay = await callback(api(), back.search);
    expect(replay.get("error")).toBe("STATE_INVALID");
    expect(provider.tokenRequests.length).toBe(1);
    expect(await credentialCount("mock-code")).toBe(before + 1);
  });

  it("uses the descriptor's scopes when the credential has none, and a default name", async () => {
    const started = await start();
    expect(new URL(started.authorizationUrl).searchParams.get("scope")).toBe("read");
    const done = await callback(api(), (await authorize(started.authorizationUrl)).search);
    const { credential } = await api().client.request(CredentialDocument, { id: done.get("credential")! });
    expect(credential?.name).toMatch(/^Mock mock-code account \d+$/);
  });

  it.each([
    ["an unknown state", "?code=abc&state=never-handed-out-state-0000000000"],
    ["no state", "?code=abc"],
    ["an empty answer", ""],
  ])("refuses %s as STATE_INVALID, asking nothing of the provider", async (_, query) => {
    const before = await credentialCount("mock-code");
    const done = await callback(api(), query);
    expect(done.get("error")).toBe("STATE_INVALID");
    expect(done.get("message")).toMatch(/unknown or was already used|no valid state/);
    expect(provider.tokenRequests.length).toBe(0);
    expect(await credentialCount("mock-code")).toBe(before);
  });

  it("ends a provider error= answer as PROVIDER_ERROR with its code, saving nothing and using up the state", async () => {
    const before = await credentialCount("mock-code");
    const started = await start();
    const done = await callback(api(), `?error=access_denied&error_description=${encodeURIComponent("The user said no")}&state=${started.state}`);
    expect(Object.fromEntries(done)).toEqual({ error: "PROVIDER_ERROR", message: "Mock mock-code did not authorize the connection: access_denied." });
    expect(provider.tokenRequests.length).toBe(0);
    const again = await callback(api(), `?code=late&state=${started.state}`);
    expect(again.get("error")).toBe("STATE_INVALID");
    expect(await credentialCount("mock-code")).toBe(before);
  });

  it("ends a refused code exchange as EXCHANGE_FAILED with the provider's error code, saving nothing", async () => {
    const before = await credentialCount("mock-code");
    const started = await start();
    const back = await authorize(started.authorizationUrl);
    provider.nextTokenResponses.push((response) => {
      response.statusCode = 400;
      response.body = { error: "invalid_grant", error_description: `code was already used ${CLIENT_SECRET}` };
    });
    const done = await callback(api(), back.search);
    expect(Object.fromEntries(done)).toEqual({ error: "EXCHANGE_FAILED", message: "Mock mock-code refused the code exchange: invalid_grant." });
    expect(provider.tokenRequests.length).toBe(1);
    expect(await credentialCount("mock-code")).toBe(before);
  });

  it("ends a token the API rejects as VERIFICATION_FAILED, saving nothing", async () => {
    const before = await credentialCount("mock-code");
    const started = await start();
    const back = await authorize(started.authorizationUrl);
    provider.nextTokenResponses.push((response) => provider.rejectedTokens.add(String((response.body as Record<string, unknown>).access_token)));
    const done = await callback(api(), back.search);
    expect(Object.fromEntries(done)).toEqual({
      error: "VERIFICATION_FAILED",
      message: "Mock mock-code answered 401 Unauthorized: the access token was rejected.",
    });
    expect(await credentialCount("mock-code")).toBe(before);
  });

  it("refuses an expired state as STATE_EXPIRED, saving nothing", async () => {
    const database = await createTestDatabase();
    const shortLived = await startApi({ databaseUrl: database.url, env: { LATCHKEY_WEB_URL: WEB_URL, LATCHKEY_OAUTH2_AUTHORIZATION_TTL_SECONDS: "1" } });
    try {
      await shortLived.client.request(RegisterComponentDocument, { input: { descriptor: provider.descriptor("mock-code", { grantTypes: ["authorization_code"] }) } });
      const started = await start(shortLived);
      const back = await authorize(started.authorizationUrl);
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      const done = await callback(shortLived, back.search);
      expect(done.get("error")).toBe("STATE_EXPIRED");
      expect(done.get("message")).toMatch(/expired: start connecting the account again/);
      expect(provider.tokenRequests.length).toBe(0);
      expect(await credentialCount("mock-code", shortLived.client)).toBe(0);
      expectNoSecretsIn(shortLived.responses, [CLIENT_SECRET]);
    } finally {
      await shortLived.stop();
      await database.drop();
    }
    // It starts an API of its own: as long as the harness allows for a start on a busy machine.
  }, 90_000);

  it("validates the input as createCredential does", async () => {
    const problem = async (variables: Parameters<typeof start>[1] | object, componentKey = "mock-code", authType = "OAUTH2") => {
      const { beginOAuth2Authorization } = await api().client.request(BeginOAuth2AuthorizationDocument, {
        input: { componentKey, authType: authType as "OAUTH2", values: variables as Record<string, unknown> },
      });
      return beginOAuth2Authorization;
    };
    expect(await problem({ clientId: CLIENT_ID })).toMatchObject({
      __typename: "InvalidInput",
      fieldErrors: [{ field: "values.clientSecret", message: "Client secret is required." }],
    });
    expect(await problem({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }, "no-such-component")).toMatchObject({
      __typename: "NotFound",
      message: 'No component with key "no-such-component".',
    });
    expect(await problem({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }, "mock-basic")).toMatchObject({
      fieldErrors: [{ field: "authType", message: expect.stringMatching(/does not offer the authorization code grant/) }],
    });
    expect(await problem({ apiKey: "secret" }, "petstore", "API_KEY")).toMatchObject({
      fieldErrors: [{ field: "authType", message: expect.stringMatching(/Only OAUTH2 credentials/) }],
    });
  });
});

describe("client credentials", () => {
  it("gets a token with HTTP Basic client auth, verifies it, and saves the credential", async () => {
    const { createCredential } = await api().client.request(CreateCredentialDocument, { input: input("mock-basic", { scope: "reports" }) });
    expect(createCredential).toMatchObject({
      __typename: "CredentialCreated",
      credential: { status: "VALID", config: { clientId: CLIENT_ID, scope: "reports" }, secrets: [{ field: "clientSecret" }] },
      verification: { ok: true, code: "OK", message: "Mock mock-basic accepted the access token." },
    });
    expect(provider.tokenRequests).toEqual([
      expect.objectContaining({ grantType: "client_credentials", clientAuth: "basic", status: 200, body: { grant_type: "client_credentials", scope: "reports" } }),
    ]);
    expect(provider.api.requests.at(-1)?.headers.authorization).toBe(`Bearer ${String(provider.tokenRequests[0]!.answer.access_token)}`);
  });

  it("sends the client secret in the body when the descriptor says so; no verify.http means the token is the check", async () => {
    const { createCredential } = await api().client.request(CreateCredentialDocument, { input: input("mock-body") });
    expect(createCredential).toMatchObject({
      __typename: "CredentialCreated",
      credential: { status: "VALID" },
      verification: { ok: true, message: "Mock mock-body issued an access token." },
    });
    expect(provider.tokenRequests).toEqual([
      expect.objectContaining({
        clientAuth: "body",
        body: { grant_type: "client_credentials", client_id: CLIENT_ID, client_secret: CLIENT_SECRET, scope: "read" },
      }),
    ]);
  });

  it.each(["mock-basic", "mock-body"])("answers a refused client of %s with VerificationFailed UNAUTHORIZED naming the provider's error", async (key) => {
    const before = await credentialCount(key);
    const wrong = "cs_test_wrong_0000000000000000";
    const { createCredential } = await api().client.request(CreateCredentialDocument, { input: input(key, { clientSecret: wrong }) });
    expect(createCredential).toMatchObject({
      __typename: "VerificationFailed",
      message: `Mock ${key} refused the token request: invalid_client.`,
      verification: { ok: false, code: "UNAUTHORIZED", status: "INVALID" },
    });
    expect(provider.tokenRequests).toEqual([expect.objectContaining({ clientSecret: wrong, status: 401 })]);
    expect(await credentialCount(key)).toBe(before);
    expectNoSecretsIn(api().responses, [wrong]);
  });

  it("dry-runs the grant with verifyCredentialValues, saving nothing", async () => {
    const before = await credentialCount("mock-basic");
    expect(await verifyValues(api().client, input("mock-basic"))).toMatchObject({ ok: true, code: "OK", status: "VALID" });
    expect(provider.tokenRequests.length).toBe(1);
    expect(await credentialCount("mock-basic")).toBe(before);
  });

  it("refuses createCredential for a method that only has the authorization code grant", async () => {
    const { createCredential } = await api().client.request(CreateCredentialDocument, { input: input("mock-code") });
    expect(createCredential).toMatchObject({
      __typename: "InvalidInput",
      fieldErrors: [{ field: "authType", message: expect.stringMatching(/uses the authorization code grant: connect it with startOAuth2Authorization/) }],
    });
    expect(provider.tokenRequests.length).toBe(0);
  });
});
