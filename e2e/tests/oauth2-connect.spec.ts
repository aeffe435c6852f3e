// "Connect" for an OAuth2 authorization-code method: through a real (mock) provider and back.
import { RegisterComponentDocument } from "@latchkey/sdk";
import { OAuth2Server } from "oauth2-mock-server";

import { expect, skipWithoutChromium, test } from "../fixtures";
import { saveScreenshot } from "../support/screenshots";
import { uniqueName } from "../support/seed";

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

test("Connect goes to the provider and back to the new credential", async ({
  page,
  api,
  addCredentialPage,
  componentPage,
}, testInfo) => {
  const issuer = provider!.issuer.url!;
  const key = `mock-oauth-${Date.now().toString(36)}`;
  const { registerComponent } = await api.request(RegisterComponentDocument, { input: {
    descriptor: {
      key,
      name: "Mock CRM",
      description: "An OAuth2 provider run by the test.",
      baseUrl: issuer,
      authMethods: [
        {
          type: "OAUTH2",
          label: "OAuth app",
          fields: [
            { name: "clientId", label: "Client ID", type: "STRING", required: true },
            { name: "clientSecret", label: "Client secret", type: "PASSWORD", secret: true, required: true },
            { name: "scope", label: "Scopes", type: "STRING" },
          ],
          oauth2: {
            grantTypes: ["authorization_code"],
            authorizationUrl: `${issuer}/authorize`,
            tokenUrl: `${issuer}/token`,
            scopes: ["read"],
          },
        },
      ],
    },
  } });
  expect(registerComponent.__typename).toBe("ComponentRegistered");

  await addCredentialPage.goto(key);
  const name = uniqueName("Connected CRM");
  await addCredentialPage.form.fill({ "Client ID": "crmClient1", "Client secret": "crm-secret-value" });
  await addCredentialPage.form.setAccountName(name);
  await page.getByRole("button", { name: "Connect with Mock CRM" }).click();

  await expect(page).toHaveURL(/\/oauth2\/complete\?credential=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Connected to Mock CRM");
  await expect(page.locator("main")).toContainText(`“${name}” was authorized, verified and saved.`);
  await saveScreenshot(page, testInfo, "oauth2-connected");

  await page.getByRole("link", { name: "See Mock CRM credentials" }).click();
  await componentPage.expectComponent("Mock CRM");
  await componentPage.expectStatus(name, "VALID");
  await expect(page.locator("main")).not.toContainText("crm-secret-value");
});
