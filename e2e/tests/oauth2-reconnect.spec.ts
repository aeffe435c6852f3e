// OAuth2 done in the UI: an authorization-code-only method offers only Connect and shows the
// redirect URI to register; an existing connection is reconnected in place (same id and name).
import { RegisterComponentDocument } from "@latchkey/sdk";
import { OAuth2Server } from "oauth2-mock-server";

import { expect, skipWithoutChromium, test } from "../fixtures";
import { saveScreenshot } from "../support/screenshots";
import { uniqueName } from "../support/seed";
import { API_ORIGIN } from "../support/servers";

skipWithoutChromium();

let provider: OAuth2Server | undefined;

test.beforeAll(async () => {
  provider = new OAuth2Server();
  await provider.issuer.keys.generate("RS256");
  await provider.start(0, "127.0.0.1");
});

test.afterAll(async () => {
  await provider?.stop();
});

test("Connect only, with the redirect URI to copy; Reconnect keeps the credential's id and name", async ({ page, api, addCredentialPage }, testInfo) => {
  const issuer = provider!.issuer.url!;
  const key = `mock-reconnect-${Date.now().toString(36)}`;
  const { registerComponent } = await api.request(RegisterComponentDocument, {
    input: {
      descriptor: {
        key,
        name: "Mock Chat",
        description: "An OAuth2 provider run by the test.",
        baseUrl: issuer,
        authMethods: [
          {
            type: "OAUTH2",
            label: "OAuth app",
            fields: [
              { name: "clientId", label: "Client ID", type: "STRING", required: true },
              { name: "clientSecret", label: "Client secret", type: "PASSWORD", secret: true, required: true },
            ],
            oauth2: { grantTypes: ["authorization_code"], authorizationUrl: `${issuer}/authorize`, tokenUrl: `${issuer}/token`, scopes: ["read"] },
          },
        ],
      },
    },
  });
  expect(registerComponent.__typename).toBe("ComponentRegistered");

  await addCredentialPage.goto(key);
  await expect(page.getByRole("button", { name: "Connect with Mock Chat" })).toBeVisible();
  // Values alone can never make this credential: no "Verify and save".
  await expect(page.getByRole("button", { name: "Verify and save" })).toHaveCount(0);
  const redirect = page.getByRole("textbox", { name: "Redirect URI to register at Mock Chat" });
  await expect(redirect).toHaveValue(`${API_ORIGIN}/oauth2/callback`);
  await expect(page.getByRole("button", { name: "Copy" })).toBeVisible();
  await saveScreenshot(page, testInfo, "oauth2-connect-only");

  const name = uniqueName("Support chat");
  await addCredentialPage.form.fill({ "Client ID": "chatClient1", "Client secret": "chat-secret-value" });
  await addCredentialPage.form.setAccountName(name);
  await page.getByRole("button", { name: "Connect with Mock Chat" }).click();
  await expect(page).toHaveURL(/\/oauth2\/complete\?credential=/);
  const id = new URL(page.url()).searchParams.get("credential")!;

  await page.goto(`/credentials/${id}`);
  await page.getByRole("button", { name: "Reconnect with Mock Chat" }).click();
  await expect(page).toHaveURL(new RegExp(`/oauth2/complete\\?credential=${id}$`));
  await page.goto(`/credentials/${id}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  // Two verifications now: the first connection and the reconnection.
  const history = page.getByRole("list", { name: "Verification history" }).getByRole("listitem");
  await expect(history).toHaveCount(2);
  await expect(history.first().locator(".timeline__trigger")).toHaveText("When the account was connected again");
  await expect(history.last().locator(".timeline__trigger")).toHaveText("When the account was connected");
  await expect(page.locator("main")).not.toContainText("chat-secret-value");
  await saveScreenshot(page, testInfo, "oauth2-reconnected");
});
