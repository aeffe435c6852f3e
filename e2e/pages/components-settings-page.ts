import { expect, type Locator, type Page } from "@playwright/test";

/** Settings → Components (`/settings/components`): the list, and Import component.json. */
export class ComponentsSettingsPage {
  readonly heading: Locator;
  readonly importSection: Locator;
  readonly text: Locator;
  readonly file: Locator;
  readonly key: Locator;
  readonly previewButton: Locator;
  readonly preview: Locator;
  readonly warnings: Locator;
  /** The read-only credential form of the preview. */
  readonly previewForm: Locator;
  readonly problem: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Components" });
    this.importSection = page.getByRole("region", { name: "Import component.json" });
    this.text = this.importSection.getByLabel("component.json", { exact: true });
    this.file = this.importSection.getByLabel("Upload a component.json");
    this.key = this.importSection.getByLabel("Key (optional)");
    this.previewButton = this.importSection.getByRole("button", { name: "Preview" });
    this.preview = page.getByRole("region", { name: /^Preview: / });
    this.warnings = this.preview.getByRole("list", { name: "Warnings" });
    this.previewForm = this.preview.getByRole("group", { name: "Form preview" });
    this.problem = this.importSection.locator(".notice--error, [role='alert']");
  }

  async goto(): Promise<void> {
    await this.page.goto("/settings/components");
    await expect(this.heading).toBeVisible();
  }

  registerButton(name: string): Locator {
    return this.importSection.getByRole("button", { name: `Register ${name}` });
  }

  /** The row of a component in the list. */
  row(componentName: string): Locator {
    return this.page.getByRole("region", { name: "Components", exact: true }).getByRole("row").filter({ has: this.page.getByRole("rowheader", { name: componentName }) });
  }
}
