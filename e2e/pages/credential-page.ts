import { expect, type Locator, type Page } from "@playwright/test";

/** One credential (`/credentials/[id]`): details, Used by, and its actions. */
export class CredentialPage {
  readonly heading: Locator;
  readonly usedBy: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.usedBy = page.getByRole("list", { name: "Flows and steps using this credential" });
    this.status = page.locator(".facts [data-status]");
  }

  async goto(credentialId: string): Promise<void> {
    await this.page.goto(`/credentials/${credentialId}`);
    await expect(this.heading).toBeVisible();
  }

  usageOf(flowName: string): Locator {
    return this.usedBy.getByRole("listitem").filter({ has: this.page.getByRole("link", { name: flowName, exact: true }) });
  }

  async reverify(name: string): Promise<Locator> {
    await this.page.getByRole("button", { name: `Re-verify ${name}` }).click();
    return this.page.getByRole("status").filter({ hasText: /Verified|Invalid|Unreachable|Expired/ });
  }
}
