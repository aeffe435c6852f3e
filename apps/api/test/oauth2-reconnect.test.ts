// Reconnecting an existing OAuth2 credential (reconnectOAuth2Credential): a new authorization with
// the credential's stored client values; on the callback the new tokens are verified, then replace
// the old ones in place (same id, name, flow steps). And AuthMethod.grantTypes / redirectUri.
import {
  ComponentDocument,
  CreateFlowDocument,
  CredentialDocument,
  FlowDocument,
  ReconnectOAuth2CredentialDocument,
  RenameCredentialDocument,
  ReverifyCredentialDocument,
} from "@latchkey/sdk";

import { createCredential, useApi } from "./harness";
import { authorize, callback as callbackAt, CLIENT_ID, CLIENT_SECRET, connect, useProvider, type TestProvider } from "./support/oauth2-provider";

const WEB_URL = "http://web.latchkey.test:3105";
const api = useApi({ env: { LATCHKEY_WEB_URL: WEB_URL } });
const useTestProvider = useProvider(api, (provider) => [
  provider.descriptor("reconnect-code", { grantTypes: ["authorization_code"], clientAuth: "basic" }),
  provider.descriptor("reconnect-cc", { grantTypes: ["client_credentials"], clientAuth: "basic" }),
]);
let provider: TestProvider;
beforeEach(() => {
  provider = useTestProvider();
});

async function reconnect(id: string) {
  const { reconnectOAuth2Credential } = await api().client.request(ReconnectOAuth2CredentialDocument, { input: { id } });
  return reconnectOAuth2Credential;
}

async function credential(id: string) {
  const { credential: found } = await api().client.request(CredentialDocument, { id });
  return found!;
}

test("auth methods say which grants work and which redirect URI to register", async () => {
  const { component: code } = await api().client.request(ComponentDocument, { key: "reconnect-code" });
  expect(code!.authMethods).toEqual([expect.objectContaining({ grantTypes: ["AUTHORIZATION_CODE"], redirectUri: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/oauth2\/callback$/) })]);
  const { component: cc } = await api().client.request(ComponentDocument, { key: "reconnect-cc" });
  expect(cc!.authMethods).toEqual([expect.objectContaining({ grantTypes: ["CLIENT_CREDENTIALS"], redirectUri: null })]);
  const { component: petstore } = await api().client.request(ComponentDocument, { key: "petstore" });
  expect(petstore!.authMethods).toEqual([expect.objectContaining({ grantTypes: [], redirectUri: null })]);
});

test("a revoked connection is reconnected in place: same id, name and flow step, new tokens verified, VALID again", async () => {
  const id = await connect(api(), provider, { componentKey: "reconnect-code", webUrl: WEB_URL });
  await api().client.request(RenameCredentialDocument, { input: { id, name: "Sales team CRM" } });
  const { createFlow } = await api().client.request(CreateFlowDocument, { input: { name: "CRM nightly", steps: [{ componentKey: "reconnect-code", credentialId: id }] } });
  if (createFlow.__typename !== "FlowSaved") throw new Error(createFlow.__typename);

  // The person revoked Latchkey's access at the provider: every token so far is refused, and so is the refresh.
  for (const token of provider.issued) provider.rejectedTokens.add(token);
  provider.nextTokenResponses.push((response) => {
    response.statusCode = 400;
    response.body = { error: "invalid_grant" };
  });
  const { reverifyCredential } = await api().client.request(ReverifyCredentialDocument, { input: { id } });
  expect(reverifyCredential.__typename === "CredentialVerified" && reverifyCredential.credential.status).not.toBe("VALID");
  const before = provider.issued.length;

  const started = await reconnect(id);
  expect(started.__typename).toBe("OAuth2Authorization");
  if (started.__typename !== "OAuth2Authorization") return;
  const url = new URL(started.authorizationUrl);
  expect(url.searchParams.get("client_id")).toBe(CLIENT_ID);
  expect(url.searchParams.get("code_challenge_method")).toBe("S256");

  const done = await callbackAt(api(), (await authorize(started.authorizationUrl)).search, WEB_URL);
  expect(Object.fromEntries(done)).toEqual({ credential: id });
  // The new access token (issued by this exchange) is the one the verification sent.
  const exchange = provider.tokenRequestsOf("authorization_code").at(-1)!;
  expect(exchange.clientSecret).toBe(CLIENT_SECRET);
  expect(provider.issued.length).toBeGreaterThan(before);
  expect(provider.api.requests.at(-1)?.headers.authorization).toBe(`Bearer ${String(exchange.answer.access_token)}`);

  const after = await credential(id);
  expect(after).toMatchObject({ id, name: "Sales team CRM", status: "VALID", component: { key: "reconnect-code" } });
  const { flow } = await api().client.request(FlowDocument, { id: createFlow.flow.id });
  expect(flow!.steps[0]!.credential).toMatchObject({ id, status: "VALID" });
  const { component } = await api().client.request(ComponentDocument, { key: "reconnect-code" });
  expect(component!.credentials.edges.filter((e) => e.node.name === "Sales team CRM")).toHaveLength(1);
});

test("a refused exchange on reconnect changes nothing", async () => {
  const id = await connect(api(), provider, { componentKey: "reconnect-code", webUrl: WEB_URL });
  const before = await credential(id);
  const started = await reconnect(id);
  if (started.__typename !== "OAuth2Authorization") throw new Error(started.__typename);
  const back = await authorize(started.authorizationUrl);
  provider.nextTokenResponses.push((response) => {
    response.statusCode = 400;
    response.body = { error: "invalid_grant" };
  });
  const done = await callbackAt(api(), back.search, WEB_URL);
  expect(done.get("error")).toBe("EXCHANGE_FAILED");
  const after = await credential(id);
  expect(after).toMatchObject({ id, name: before.name, status: before.status, updatedAt: before.updatedAt });
});

test("only connected OAuth2 credentials can be reconnected: others are InvalidInput on id, unknown ids NotFound", async () => {
  const clientCredentials = await createCredential(api().client, {
    componentKey: "reconnect-cc",
    authType: "OAUTH2",
    values: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
  });
  const refused = await reconnect(clientCredentials.id);
  expect(refused.__typename).toBe("InvalidInput");
  if (refused.__typename === "InvalidInput") expect(refused.fieldErrors.map((e) => e.field)).toEqual(["id"]);

  const petstore = await createCredential(api().client, { componentKey: "petstore", authType: "API_KEY", values: { apiKey: "secret" } });
  expect((await reconnect(petstore.id)).__typename).toBe("InvalidInput");
  expect((await reconnect("00000000-0000-4000-8000-000000000000")).__typename).toBe("NotFound");
  expect((await reconnect("not-an-id")).__typename).toBe("NotFound");
});
