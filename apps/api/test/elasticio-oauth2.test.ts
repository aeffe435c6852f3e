import { readFileSync } from "node:fs";
import path from "node:path";
import {
  BeginOAuth2AuthorizationDocument,
  ComponentSettingsDocument,
  CredentialDocument,
  RegisterComponentDocument,
  ResolveCredentialDocument,
  SetComponentSettingsDocument,
} from "@latchkey/sdk";
import { elasticioTestData } from "../../../packages/core/src/testing/elasticio-test-data";
import { beginOAuth2, expectNoSecretsIn, startFakeApp, useApi, type FakeApp } from "./harness";
import { authorize, callback, CLIENT_ID, CLIENT_SECRET, forward, TestProvider } from "./support/oauth2-provider";

/** The elastic.io component.json files (see elasticioTestData), or undefined: the tests that read them skip. */
const ELASTICIO_COMPONENTS = elasticioTestData();
const itWithElasticioData = ELASTICIO_COMPONENTS ? it : it.skip;

const WEB_URL = "http://web.latchkey.test:3101";
const api = useApi({ env: { LATCHKEY_WEB_URL: WEB_URL } });
const FILE = path.join(ELASTICIO_COMPONENTS ?? "", "elasticio__salesforce-component.json");

let provider: TestProvider;
/** Stands in for https://<prodEnv>.salesforce.com: /<prodEnv>/services/oauth2/{authorize,token} reach the mock provider. */
let salesforce: FakeApp;
const seenPaths: string[] = [];

beforeAll(async () => {
  provider = await TestProvider.start();
  salesforce = await startFakeApp((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    seenPaths.push(url.pathname);
    const endpoint = /^\/(login|test)\/services\/oauth2\/(authorize|token)$/.exec(url.pathname)?.[2];
    if (!endpoint) return void res.writeHead(404).end();
    void forward(req, res, `${provider.issuerUrl}/${endpoint}${url.search}`);
  });
});

afterAll(async () => {
  await salesforce?.close();
  await provider?.stop();
});

itWithElasticioData("connects the Salesforce component.json: prodEnv in the endpoint, the client from component settings, tokens under the OAuth field", async () => {
  // The file as it is, but its host https://{{prodEnv}}.salesforce.com stands in at a local address (prodEnv stays in the endpoint).
  const text = readFileSync(FILE, "utf8").replaceAll("https://{{prodEnv}}.salesforce.com/", `${salesforce.url}/{{prodEnv}}/`);
  const { registerComponent } = await api().client.request(RegisterComponentDocument, { input: { descriptor: JSON.parse(text), format: "ELASTICIO", key: "sf-elasticio" } });
  expect(registerComponent.__typename).toBe("ComponentRegistered");

  const input = { componentKey: "sf-elasticio", authType: "OAUTH2" as const, name: "Sandbox org", values: { prodEnv: "test" } };
  // Without the client id and secret in the component settings, nothing starts.
  expect((await api().client.request(BeginOAuth2AuthorizationDocument, { input })).beginOAuth2Authorization).toMatchObject({
    __typename: "InvalidInput",
    message: expect.stringMatching(/set the component setting "OAUTH_CLIENT_ID"/),
  });

  // A member may not set them; an admin may.
  const member = await api().createPerson("MEMBER");
  await expect(
    member.client.request(SetComponentSettingsDocument, { input: { componentKey: "sf-elasticio", settings: [{ name: "OAUTH_CLIENT_ID", value: "x" }] } }),
  ).rejects.toThrow(/FORBIDDEN|not allowed|admin/i);
  const { setComponentSettings: set } = await api().client.request(SetComponentSettingsDocument, { input: {
    componentKey: "sf-elasticio",
    settings: [
      { name: "OAUTH_CLIENT_ID", value: CLIENT_ID },
      { name: "OAUTH_CLIENT_SECRET", value: CLIENT_SECRET },
    ],
  } });
  expect(set.__typename).toBe("ComponentSettingsSet");
  const { setComponentSettings: unknownName } = await api().client.request(SetComponentSettingsDocument, { input: {
    componentKey: "sf-elasticio",
    settings: [{ name: "NOPE", value: "x" }],
  } });
  expect(unknownName).toMatchObject({ __typename: "InvalidInput", fieldErrors: [{ field: "settings.0.name" }] });
  const { component } = await api().client.request(ComponentSettingsDocument, { key: "sf-elasticio" });
  expect(component?.settings).toEqual([
    { name: "OAUTH_CLIENT_ID", description: "Your Salesforce OAuth client key", required: true, secret: false, isSet: true },
    { name: "OAUTH_CLIENT_SECRET", description: "Your Salesforce OAuth client secret", required: true, secret: true, isSet: true },
  ]);

  const started = await beginOAuth2(api().client, input);
  const url = new URL(started.authorizationUrl);
  expect(`${url.origin}${url.pathname}`).toBe(`${salesforce.url}/test/services/oauth2/authorize`);
  expect(url.searchParams.get("client_id")).toBe(CLIENT_ID);

  const back = await authorize(started.authorizationUrl);
  const done = await callback(api(), back.search, WEB_URL);
  const id = done.get("credential");
  expect(Object.fromEntries(done)).toEqual({ credential: expect.any(String) });
  expect(seenPaths).toContain("/test/services/oauth2/token");
  const [exchange] = provider.tokenRequestsOf("authorization_code");
  // The client secret came from the component settings, sent in the body as elastic.io does.
  expect(exchange).toMatchObject({ clientAuth: "body", clientSecret: CLIENT_SECRET, status: 200 });

  const { credential } = await api().client.request(CredentialDocument, { id: id! });
  expect(credential).toMatchObject({ name: "Sandbox org", status: "VALID", config: { prodEnv: "test" } });

  const user = await api().createToken(["READ", "CREDENTIALS_USE"]);
  const { resolveCredential: resolved } = await user.client.request(ResolveCredentialDocument, { input: { id: id! } });
  expect(resolved.__typename).toBe("ResolvedCredential");
  if (resolved.__typename !== "ResolvedCredential") return;
  expect(resolved.values).toEqual({
    prodEnv: "test",
    oauth: {
      access_token: exchange!.answer.access_token,
      token_type: "Bearer",
      ...(exchange!.answer.refresh_token ? { refresh_token: exchange!.answer.refresh_token } : {}),
      expires_in: expect.any(Number),
      expires_at: expect.any(String),
    },
  });

  // The client secret and the tokens never come back from anything but resolveCredential.
  expectNoSecretsIn(
    api().responses.filter((r) => !r.includes('"ResolvedCredential"')),
    [CLIENT_SECRET, ...provider.issued],
  );
});
