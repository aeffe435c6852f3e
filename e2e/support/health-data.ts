import { createServer, type Server } from "node:http";

import {
  createClient,
  CreateCredentialDocument,
  CreateInvitationDocument,
  RegisterComponentDocument,
  ReverifyCredentialDocument,
  type LatchkeyClient,
} from "@latchkey/sdk";
import type { Browser, BrowserContext } from "@playwright/test";

import { ownerSession } from "./owner";
import { activateFlow, createFlow, uniqueName } from "./seed";
import { API_GRAPHQL_URL, WEB_ORIGIN } from "./servers";

/** A local application that accepts the API keys in `keys` on GET /me; revoke one by deleting it. */
export interface FakeApp {
  url: string;
  keys: Set<string>;
  close: () => Promise<void>;
}

export async function startFakeApp(keys: string[]): Promise<FakeApp> {
  const accepted = new Set(keys);
  const server: Server = createServer((req, res) => {
    const key = req.headers["x-api-key"];
    res.writeHead(typeof key === "string" && accepted.has(key) ? 200 : 401, { "content-type": "application/json" }).end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, keys: accepted, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The SDK as the first owner (for set-up in beforeAll, where the `api` fixture is not available). */
export function ownerClient(): LatchkeyClient {
  return createClient({ url: API_GRAPHQL_URL, headers: { cookie: `latchkey_session=${ownerSession()}` } });
}

export interface BrokenFlowData {
  app: FakeApp;
  component: { key: string; name: string };
  credential: { id: string; name: string };
  flow: { id: string; name: string };
}

/**
 * A component of a local fake app, a credential of it used by an ACTIVE flow, then its key revoked
 * at the app and the credential re-verified: INVALID in an active flow, as it happens in real life.
 */
export async function seedInvalidCredentialInActiveFlow(api: LatchkeyClient): Promise<BrokenFlowData> {
  const key = `ak_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const app = await startFakeApp([key]);
  const suffix = Date.now().toString(36);
  const component = { key: `fake-crm-${suffix}`, name: `Fake CRM ${suffix}` };
  const { registerComponent } = await api.request(RegisterComponentDocument, {
    input: {
      descriptor: {
        key: component.key,
        name: component.name,
        description: "A local test application.",
        baseUrl: app.url,
        authMethods: [
          {
            type: "API_KEY",
            label: "API key",
            fields: [{ name: "apiKey", label: "API key", type: "PASSWORD", secret: true, required: true }],
            apply: { in: "header", name: "X-Api-Key" },
            verify: { http: { method: "GET", path: "/me" } },
          },
        ],
      },
    },
  });
  if (registerComponent.__typename !== "ComponentRegistered") throw new Error(`registerComponent answered ${registerComponent.__typename}`);
  const { createCredential } = await api.request(CreateCredentialDocument, {
    input: { componentKey: component.key, authType: "API_KEY", name: uniqueName("CRM login"), values: { apiKey: key } },
  });
  if (createCredential.__typename !== "CredentialCreated") throw new Error(`createCredential answered ${createCredential.__typename}`);
  const credential = createCredential.credential;
  const flow = await createFlow(api, { name: uniqueName("Nightly CRM sync"), componentKey: component.key, credentialIds: [credential.id] });
  await activateFlow(api, flow.id);

  app.keys.delete(key);
  const { reverifyCredential } = await api.request(ReverifyCredentialDocument, { input: { id: credential.id } });
  if (reverifyCredential.__typename !== "CredentialVerified" || reverifyCredential.credential.status !== "INVALID") {
    throw new Error("the revoked key did not make the credential INVALID");
  }
  return { app, component, credential: { id: credential.id, name: credential.name }, flow: { id: flow.id, name: flow.name } };
}

/** A browser context signed in as a new VIEWER of the owner's workspace (joined through an invitation link). */
export async function viewerContext(browser: Browser, api: LatchkeyClient): Promise<BrowserContext> {
  const { createInvitation } = await api.request(CreateInvitationDocument, { input: { role: "VIEWER" } });
  if (createInvitation.__typename !== "InvitationCreated") throw new Error(`createInvitation answered ${createInvitation.__typename}`);
  const context = await browser.newContext({ baseURL: WEB_ORIGIN, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto(`/invitations/${createInvitation.token}`);
  await page.getByLabel("Your name").fill("Vera Viewer");
  await page.getByLabel("Email").fill(`vera-${Date.now().toString(36)}@e2e.latchkey.test`);
  await page.getByLabel("Password").fill("viewer password 1");
  await page.getByRole("button", { name: "Create account and join" }).click();
  await page.waitForURL(`${WEB_ORIGIN}/`);
  await page.close();
  return context;
}
