// What triggered each stored verification result (issue 15, the credential page's history): every
// path that writes one names its own trigger, and who caused it (the person or API token) when
// someone did. The scheduled job's SCHEDULED is in reverification.test.ts (its short interval
// would add results here at any time).
import { randomBytes } from "node:crypto";
import {
  CredentialVerificationsDocument,
  ReconnectOAuth2CredentialDocument,
  ResolveCredentialDocument,
  ReverifyCredentialDocument,
  UpdateCredentialDocument,
} from "@latchkey/sdk";
import type { MutableResponse } from "oauth2-mock-server";
import pg from "pg";

import { createCredential, expectNoSecretsIn, nodes, registerApiKeyComponent, startFakeApp, TEST_OWNER, testOnPostgres, useApi, verifyValues, type FakeApp, type TestCaller } from "./harness";
import { authorize, callback, CLIENT_SECRET, connect, SHORT_LIVED, useProvider, type TestProvider } from "./support/oauth2-provider";

const WEB_URL = "http://web.latchkey.test:3107";
const api = useApi({ env: { LATCHKEY_WEB_URL: WEB_URL } });
const useTestProvider = useProvider(api, (p) => [p.descriptor("trigger-code", { grantTypes: ["authorization_code"], clientAuth: "basic" })]);

const KEY = `tk_${randomBytes(12).toString("hex")}`;
const OTHER_KEY = `tk_${randomBytes(12).toString("hex")}`;
let app: FakeApp;
let provider: TestProvider;

beforeAll(async () => {
  app = await startFakeApp((req, res) => res.writeHead([KEY, OTHER_KEY].includes(String(req.headers["x-trigger-key"])) ? 200 : 401).end());
  expect((await registerApiKeyComponent(api().client, { key: "trigger-api", name: "Trigger API", baseUrl: app.url, header: "X-Trigger-Key" })).__typename).toBe("ComponentRegistered");
});
beforeEach(() => {
  provider = useTestProvider();
});
afterAll(async () => {
  expectNoSecretsIn(api().responses, [KEY, OTHER_KEY, CLIENT_SECRET]);
  await app?.close();
});

/** The credential's history, newest first: what caused each result, who, and its code. */
async function history(id: string, caller: TestCaller = api()) {
  const { credential } = await caller.client.request(CredentialVerificationsDocument, { id, first: 50 });
  return nodes(credential!.verifications).map(({ trigger, triggeredBy, code }) => ({ trigger, triggeredBy, code }));
}

async function lastVerification(id: string) {
  const { json } = await api().post(JSON.stringify({ query: "query($id: ID!) { credential(id: $id) { lastVerification { trigger triggeredBy } } }", variables: { id } }));
  return json.data.credential.lastVerification as { trigger: string; triggeredBy: string | null };
}

const refusal = (error: string) => (response: MutableResponse) => {
  response.statusCode = 400;
  response.body = { error };
};

test("create, update, re-verify (by a person and by an API token) and a component that moves: each result says what caused it and who", async () => {
  const { id } = await createCredential(api().client, { componentKey: "trigger-api", authType: "API_KEY", values: { apiKey: KEY } });
  expect(await history(id)).toEqual([{ trigger: "CREATED", triggeredBy: TEST_OWNER.name, code: "OK" }]);

  const { updateCredential } = await api().client.request(UpdateCredentialDocument, { input: { id, values: { apiKey: OTHER_KEY } } });
  expect(updateCredential.__typename).toBe("CredentialUpdated");

  const { reverifyCredential } = await api().client.request(ReverifyCredentialDocument, { input: { id } });
  expect(reverifyCredential.__typename).toBe("CredentialVerified");
  const token = await api().createToken(["READ", "WRITE"], { name: "Nightly checker" });
  expect((await token.client.request(ReverifyCredentialDocument, { input: { id } })).reverifyCredential.__typename).toBe("CredentialVerified");

  // Registered again elsewhere (by a member with another name): DESTINATION_CHANGED, stored without sending.
  const admin = await api().createPerson("ADMIN");
  const requests = app.requests.length;
  const moved = await registerApiKeyComponent(admin.client, { key: "trigger-api", name: "Trigger API", baseUrl: "http://127.0.0.1:9", header: "X-Trigger-Key" });
  expect(moved).toMatchObject({ __typename: "ComponentRegistered", credentialsNeedingReentry: [{ id }] });
  expect(app.requests.length).toBe(requests);
  const { json: me } = await admin.post(JSON.stringify({ query: "{ viewer { person { name } } }" }));
  const adminName = me.data?.viewer?.person?.name as string;
  expect(adminName).toEqual(expect.any(String));

  expect(await history(id)).toEqual([
    { trigger: "COMPONENT_REGISTERED", triggeredBy: adminName, code: "DESTINATION_CHANGED" },
    { trigger: "MANUAL", triggeredBy: "Nightly checker", code: "OK" },
    { trigger: "MANUAL", triggeredBy: TEST_OWNER.name, code: "OK" },
    { trigger: "UPDATED", triggeredBy: TEST_OWNER.name, code: "OK" },
    { trigger: "CREATED", triggeredBy: TEST_OWNER.name, code: "OK" },
  ]);
  // The latest result (the credential's own column) says the same.
  expect(await lastVerification(id)).toEqual({ trigger: "COMPONENT_REGISTERED", triggeredBy: adminName });

  // A dry run is stored nowhere: it has no trigger.
  const dryRun = await verifyValues(api().client, { componentKey: "petstore", authType: "API_KEY", values: { apiKey: "secret" } });
  expect(dryRun).not.toHaveProperty("trigger");
  const { json } = await api().post(
    JSON.stringify({
      query: "mutation($input: CredentialInput!) { verifyCredentialValues(input: $input) { ... on CredentialValuesVerified { verification { trigger triggeredBy } } } }",
      variables: { input: { componentKey: "petstore", authType: "API_KEY", values: { apiKey: "secret" } } },
    }),
  );
  expect(json.data.verifyCredentialValues.verification).toEqual({ trigger: null, triggeredBy: null });
});

test("OAuth2: the callback's connection and reconnection, and a renewal refused for good during a use, each name their trigger", async () => {
  const id = await connect(api(), provider, { componentKey: "trigger-code", webUrl: WEB_URL, shape: SHORT_LIVED });
  // The callback is the provider sending the browser back: nobody signed in acts there.
  expect(await history(id)).toEqual([{ trigger: "OAUTH2_CONNECTED", triggeredBy: null, code: "OK" }]);

  // Its token is within the refresh margin: a use renews it first, and the provider refuses for good.
  const user = await api().createToken(["CREDENTIALS_USE"], { name: "Flow runner" });
  provider.nextTokenResponses.push(refusal("invalid_grant"));
  const { resolveCredential } = await user.client.request(ResolveCredentialDocument, { input: { id } });
  expect(resolveCredential).toMatchObject({ __typename: "VerificationFailed", verification: { code: "TOKEN_EXPIRED" } });
  expect((await history(id))[0]).toEqual({ trigger: "TOKEN_REFRESH", triggeredBy: "Flow runner", code: "TOKEN_EXPIRED" });

  const { reconnectOAuth2Credential: started } = await api().client.request(ReconnectOAuth2CredentialDocument, { input: { id } });
  if (started.__typename !== "OAuth2Authorization") throw new Error(started.__typename);
  const done = await callback(api(), (await authorize(started.authorizationUrl)).search, WEB_URL);
  expect(done.get("credential")).toBe(id);
  expect(await history(id)).toEqual([
    { trigger: "OAUTH2_RECONNECTED", triggeredBy: null, code: "OK" },
    { trigger: "TOKEN_REFRESH", triggeredBy: "Flow runner", code: "TOKEN_EXPIRED" },
    { trigger: "OAUTH2_CONNECTED", triggeredBy: null, code: "OK" },
  ]);
});

// During a rolling upgrade, a replica still running code from before migration 0017 writes results
// without naming a trigger. On PostgreSQL only: the test writes straight into the API's database,
// which PGlite's one-process folder does not allow.
testOnPostgres("a result written by a replica that predates triggers is stored, and reads UNKNOWN", async () => {
  expect((await registerApiKeyComponent(api().client, { key: "trigger-old", name: "Trigger old", baseUrl: app.url, header: "X-Trigger-Key" })).__typename).toBe("ComponentRegistered");
  const { id } = await createCredential(api().client, { componentKey: "trigger-old", authType: "API_KEY", values: { apiKey: KEY } });
  const client = new pg.Client({ connectionString: api().databaseUrl });
  await client.connect();
  try {
    // The columns the older code wrote, and only those.
    await client.query(
      `INSERT INTO verification_results (id, workspace_id, credential_id, ok, code, status, message, checked_at, duration_ms)
       SELECT gen_random_uuid(), workspace_id, credential_id, ok, code, status, message, checked_at + interval '1 second', duration_ms
       FROM verification_results WHERE credential_id = $1`,
      [id],
    );
  } finally {
    await client.end();
  }
  expect(await history(id)).toEqual([
    { trigger: "UNKNOWN", triggeredBy: null, code: "OK" },
    { trigger: "CREATED", triggeredBy: TEST_OWNER.name, code: "OK" },
  ]);
});
