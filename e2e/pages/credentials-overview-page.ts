import { expect, type Locator, type Page } from "@playwright/test";

/** The Credentials overview (`/`): one tile per component with its number of credentials. */
export class CredentialsOverviewPage {
  readonly heading: Locator;
  readonly tiles: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Credentials" });
    this.tiles = page.getByRole("list", { name: "Components" }).getByRole("link");
  }

  async goto(): Promise<void> {
    await this.page.goto("/");
    await expect(this.heading).toBeVisible();
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await expect(this.heading).toBeVisible();
  }

  tile(componentName: string): Locator {
    return this.tiles.filter({ has: this.page.getByText(componentName, { exact: true }) });
  }

  countBadge(componentName: string): Locator {
    return this.tile(componentName).getByTestId("credential-count");
  }

  async credentialCount(componentName: string): Promise<number> {
    const text = (await this.countBadge(componentName).textContent()) ?? "";
    const count = Number.parseInt(text, 10);
    if (Number.isNaN(count)) throw new Error(`The badge of ${componentName} shows no number: "${text}"`);
    return count;
  }

  async expectCredentialCount(componentName: string, count: number): Promise<void> {
    await expect(this.countBadge(componentName)).toHaveText(`${count} ${count === 1 ? "credential" : "credentials"}`);
  }

  async openComponent(componentName: string): Promise<void> {
    await this.tile(componentName).click();
    await expect(this.page.getByRole("heading", { level: 1, name: componentName })).toBeVisible();
  }
}
