import { createClient, type LatchkeyClient } from "@latchkey/sdk";
import { test as base } from "@playwright/test";

import { ComponentPage } from "./pages/component-page";
import { ComponentsSettingsPage } from "./pages/components-settings-page";
import { AddCredentialPage, EditCredentialPage } from "./pages/credential-form-page";
import { CredentialPage } from "./pages/credential-page";
import { CredentialsOverviewPage } from "./pages/credentials-overview-page";
import { FlowPage, FlowsPage, NewFlowPage } from "./pages/flow-pages";
import { WebhooksSettingsPage } from "./pages/webhooks-settings-page";
import { ownerSession } from "./support/owner";
import { API_GRAPHQL_URL } from "./support/servers";

export { expect } from "@playwright/test";

interface Fixtures {
  /** The typed SDK, talking to the API the suite started, as the first owner (the setup project's session). */
  api: LatchkeyClient;
  overviewPage: CredentialsOverviewPage;
  componentPage: ComponentPage;
  componentsSettingsPage: ComponentsSettingsPage;
  addCredentialPage: AddCredentialPage;
  editCredentialPage: EditCredentialPage;
  credentialPage: CredentialPage;
  flowsPage: FlowsPage;
  newFlowPage: NewFlowPage;
  flowPage: FlowPage;
  webhooksPage: WebhooksSettingsPage;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructured fixtures argument
  api: async ({}, use) => {
    await use(createClient({ url: API_GRAPHQL_URL, headers: { cookie: `latchkey_session=${ownerSession()}` } }));
  },
  overviewPage: async ({ page }, use) => {
    await use(new CredentialsOverviewPage(page));
  },
  componentPage: async ({ page }, use) => {
    await use(new ComponentPage(page));
  },
  componentsSettingsPage: async ({ page }, use) => {
    await use(new ComponentsSettingsPage(page));
  },
  addCredentialPage: async ({ page }, use) => {
    await use(new AddCredentialPage(page));
  },
  editCredentialPage: async ({ page }, use) => {
    await use(new EditCredentialPage(page));
  },
  credentialPage: async ({ page }, use) => {
    await use(new CredentialPage(page));
  },
  flowsPage: async ({ page }, use) => {
    await use(new FlowsPage(page));
  },
  newFlowPage: async ({ page }, use) => {
    await use(new NewFlowPage(page));
  },
  flowPage: async ({ page }, use) => {
    await use(new FlowPage(page));
  },
  webhooksPage: async ({ page }, use) => {
    await use(new WebhooksSettingsPage(page));
  },
});

/** Call at the top of every spec: skips its tests when playwright.config.ts found no Chromium. */
export function skipWithoutChromium(): void {
  const reason = process.env.LATCHKEY_E2E_SKIP_REASON;
  test.skip(reason !== undefined, reason);
}
