import { expect, type Locator, type Page } from "@playwright/test";
import type { CredentialStatus } from "@latchkey/sdk";

const STATUS_TEXT: Record<CredentialStatus, string> = {
  VALID: "Valid",
  INVALID: "Invalid",
  EXPIRED: "Expired",
  UNREACHABLE: "Unreachable",
  UNVERIFIED: "Unverified",
};

/** A component's credentials (`/components/[key]`). */
export class ComponentPage {
  readonly heading: Locator;
  readonly credentialsTable: Locator;
  readonly emptyState: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.credentialsTable = page.getByRole("table", { name: /^Credentials for / });
    this.emptyState = page.getByRole("heading", { name: "No credentials yet" });
  }

  async goto(componentKey: string): Promise<void> {
    await this.page.goto(`/components/${encodeURIComponent(componentKey)}`);
  }

  async expectComponent(componentName: string): Promise<void> {
    await expect(this.heading).toHaveText(componentName);
  }

  credentialRow(credentialName: string): Locator {
    return this.credentialsTable
      .getByRole("row")
      .filter({ has: this.page.getByText(credentialName, { exact: true }) });
  }

  /** The status shown for a credential: its icon and text, with the reason as its description. */
  status(credentialName: string): Locator {
    return this.credentialRow(credentialName).locator("[data-status]");
  }

  async expectStatus(credentialName: string, status: CredentialStatus): Promise<void> {
    const indicator = this.status(credentialName);
    await expect(indicator).toHaveAttribute("data-status", status);
    await expect(indicator).toHaveText(STATUS_TEXT[status]);
    await expect(indicator.locator("svg")).toBeVisible();
  }

  cell(credentialName: string, column: "Name" | "Auth type" | "Status" | "Last verified" | "Used by"): Locator {
    return this.credentialRow(credentialName).locator(`[data-label="${column}"]`);
  }
}
