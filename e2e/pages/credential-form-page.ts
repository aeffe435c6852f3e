import { expect, type Locator, type Page } from "@playwright/test";

/**
 * The credential form, on the Add and Edit pages or in the flow editor's dialog: `root` is the
 * element that holds it (the page's main area or the dialog).
 */
export class CredentialForm {
  readonly saveButton: Locator;
  readonly error: Locator;

  constructor(
    readonly page: Page,
    readonly root: Locator,
  ) {
    this.saveButton = root.getByRole("button", { name: /^Verify and save/ });
    this.error = root.getByRole("alert");
  }

  field(label: string): Locator {
    return this.root.getByLabel(label, { exact: false }).first();
  }

  async fill(values: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(values)) await this.field(label).fill(value);
  }

  async setAccountName(name: string): Promise<void> {
    await this.root.getByLabel("Account name").fill(name);
  }

  async save(): Promise<void> {
    await this.saveButton.click();
  }

  /** The error shown next to a field (its accessible description). */
  fieldError(label: string): Locator {
    return this.root.locator(".field").filter({ has: this.page.getByLabel(label, { exact: false }) }).locator(".field__error");
  }

  async expectVerificationFailed(code: string): Promise<void> {
    await expect(this.error).toContainText("Verification failed");
    await expect(this.error).toContainText(code);
  }
}

/** Add credential (`/credentials/new`): the component picker, then the component's form. */
export class AddCredentialPage {
  readonly heading: Locator;
  readonly form: CredentialForm;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Add credential" });
    this.form = new CredentialForm(page, page.locator("main"));
  }

  async goto(componentKey?: string): Promise<void> {
    await this.page.goto(componentKey ? `/credentials/new?component=${encodeURIComponent(componentKey)}` : "/credentials/new");
    await expect(this.heading).toBeVisible();
  }

  /** Searches the component picker and chooses the component. */
  async chooseComponent(search: string, componentName: string): Promise<void> {
    await this.page.getByLabel("Search components").fill(search);
    await this.page
      .getByRole("list", { name: "Components to choose from" })
      .getByRole("link")
      .filter({ hasText: componentName })
      .first()
      .click();
    await expect(this.page.getByText(componentName, { exact: true }).first()).toBeVisible();
    await expect(this.form.saveButton).toBeVisible();
  }
}

/** Edit credential (`/credentials/[id]/edit`). */
export class EditCredentialPage {
  readonly form: CredentialForm;

  constructor(readonly page: Page) {
    this.form = new CredentialForm(page, page.locator("main"));
  }

  async goto(credentialId: string): Promise<void> {
    await this.page.goto(`/credentials/${credentialId}/edit`);
    await expect(this.page.getByRole("heading", { level: 1, name: /^Edit / })).toBeVisible();
  }
}
