import { expect, type Locator, type Page } from "@playwright/test";

/** Settings → Webhooks (`/settings/webhooks`): add an endpoint, and each endpoint with its deliveries. */
export class WebhooksSettingsPage {
  readonly heading: Locator;
  readonly url: Locator;
  readonly description: Locator;
  readonly addButton: Locator;
  /** The signing secret, shown once after adding. */
  readonly secret: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Webhooks" });
    this.url = page.getByLabel("Endpoint URL");
    this.description = page.getByLabel("Description (optional)");
    this.addButton = page.getByRole("button", { name: "Add endpoint" });
    this.secret = page.getByRole("textbox", { name: /Signing secret/ });
  }

  async goto(): Promise<void> {
    await this.page.goto("/settings/webhooks");
    await expect(this.heading).toBeVisible();
  }

  /** Adds an endpoint for the event types checked; answers the signing secret it shows once. */
  async add(url: string, description: string, events: string[]): Promise<string> {
    await this.url.fill(url);
    await this.description.fill(description);
    for (const type of events) await this.page.getByRole("checkbox", { name: new RegExp(type.replace(".", "\\.")) }).check();
    await this.addButton.click();
    await expect(this.secret).toHaveValue(/^whsec_/);
    return this.secret.inputValue();
  }

  endpoint(url: string): Locator {
    return this.page.getByRole("article", { name: `Endpoint ${url}` });
  }

  /** A delivery attempt of an event type in an endpoint's recent deliveries. */
  delivery(url: string, eventType: string): Locator {
    return this.endpoint(url).getByRole("row", { name: new RegExp(eventType.replace(".", "\\.")) });
  }
}
