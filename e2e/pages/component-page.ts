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

  /** The credentials' rows on the page shown (one page of the list, plus the one just saved when it belongs elsewhere). */
  rows(): Locator {
    return this.credentialsTable.locator("tbody tr");
  }

  /** The credentials' names, in the order the page shows them. */
  async names(): Promise<string[]> {
    return this.rows().locator(".credential-name").allTextContents();
  }

  /** The list's "Next" / "Previous" links (absent at the end / the start of the list). */
  pagerLink(which: "Next" | "Previous"): Locator {
    return this.page.getByRole("navigation", { name: "Credentials pages" }).getByRole("link", { name: which });
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

  /** When the credential was last verified, as the `datetime` the page shows. */
  async lastVerifiedAt(credentialName: string): Promise<string | null> {
    return this.cell(credentialName, "Last verified").locator("time").getAttribute("datetime");
  }

  async addCredential(): Promise<void> {
    await this.page.getByRole("link", { name: "Add credential" }).first().click();
    await expect(this.page.getByRole("heading", { level: 1, name: "Add credential" })).toBeVisible();
  }

  /** Renames inline: the name becomes a text box, Save name keeps the new one. */
  async rename(credentialName: string, newName: string): Promise<void> {
    await this.page.getByRole("button", { name: `Rename ${credentialName}`, exact: true }).click();
    const input = this.credentialsTable.getByLabel("New name");
    await expect(input).toBeFocused();
    await input.fill(newName);
    await this.credentialsTable.getByRole("button", { name: "Save name" }).click();
    await expect(this.credentialRow(newName)).toBeVisible();
  }

  /** Opens the delete confirmation of a credential and confirms; returns the dialog. */
  async delete(credentialName: string): Promise<Locator> {
    await this.page.getByRole("button", { name: `Delete ${credentialName}`, exact: true }).click();
    const dialog = this.page.getByRole("dialog", { name: `Delete “${credentialName}”?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Delete credential" }).click();
    return dialog;
  }
}
