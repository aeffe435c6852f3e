import { expect, type Locator, type Page } from "@playwright/test";

import { CredentialForm } from "./credential-form-page";

/** Chooses the option of a step's credential select whose text names `credentialName`. */
async function chooseCredentialIn(select: Locator, step: number, credentialName: string): Promise<void> {
  const value = await select.locator("option").filter({ hasText: credentialName }).getAttribute("value");
  if (!value) throw new Error(`Step ${step} offers no credential named ${credentialName}`);
  await select.selectOption(value);
}

/** The flows list (`/flows`). */
export class FlowsPage {
  readonly heading: Locator;
  readonly list: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Flows" });
    this.list = page.getByRole("list", { name: "Flows" });
  }

  async goto(): Promise<void> {
    await this.page.goto("/flows");
    await expect(this.heading).toBeVisible();
  }

  row(flowName: string): Locator {
    return this.list.getByRole("link").filter({ hasText: flowName });
  }

  /** The flows on the page shown (one page of the list: at most 50). */
  rows(): Locator {
    return this.list.getByRole("listitem");
  }

  /** The list's "Next" / "Previous" links (absent at the end / the start of the list). */
  pagerLink(which: "Next" | "Previous"): Locator {
    return this.page.getByRole("navigation", { name: "Flows pages" }).getByRole("link", { name: which });
  }
}

/** New flow (`/flows/new`): a name and steps, each a component and a credential. */
export class NewFlowPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/flows/new");
    await expect(this.page.getByRole("heading", { level: 1, name: "New flow" })).toBeVisible();
  }

  step(number: number): Locator {
    return this.page.getByRole("list", { name: "Steps", exact: true }).getByRole("listitem", { name: `Step ${number}` });
  }

  async setName(name: string): Promise<void> {
    await this.page.getByLabel("Flow name").fill(name);
  }

  async addStep(): Promise<void> {
    await this.page.getByRole("button", { name: "+ Add step" }).click();
  }

  async chooseComponent(step: number, componentName: string): Promise<void> {
    await this.step(step).getByLabel("Component").selectOption({ label: componentName });
  }

  credentialSelect(step: number): Locator {
    return this.step(step).getByLabel("Credential");
  }

  async chooseCredential(step: number, credentialName: string): Promise<void> {
    await chooseCredentialIn(this.credentialSelect(step), step, credentialName);
  }

  /** Chooses "Create new credential…": the Add credential dialog opens for the step's component. */
  async createNewCredential(step: number): Promise<CredentialForm> {
    await this.credentialSelect(step).selectOption({ label: "+ Create new credential…" });
    const dialog = this.page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    return new CredentialForm(this.page, dialog);
  }

  /** Creates the flow and waits for its page; returns its id. */
  async create(): Promise<string> {
    await this.page.getByRole("button", { name: "Create flow" }).click();
    await expect(this.page).toHaveURL(/\/flows\/[0-9a-f-]{36}/);
    const id = new URL(this.page.url()).pathname.split("/")[2];
    if (!id) throw new Error("No flow id in the address");
    return id;
  }
}

/** One flow (`/flows/[id]`): status, Activate / Deactivate / Delete, and each step's credential. */
export class FlowPage {
  readonly status: Locator;
  readonly problem: Locator;

  constructor(readonly page: Page) {
    this.status = page.locator(".flow-toolbar [data-flow-status]");
    this.problem = page.locator("main").getByRole("alert");
  }

  async goto(flowId: string): Promise<void> {
    await this.page.goto(`/flows/${flowId}`);
    await expect(this.status).toBeVisible();
  }

  async expectStatus(status: "ACTIVE" | "INACTIVE"): Promise<void> {
    await expect(this.status).toHaveAttribute("data-flow-status", status);
  }

  step(number: number): Locator {
    return this.page.getByRole("list", { name: "Steps", exact: true }).getByRole("listitem").nth(number - 1);
  }

  async activate(): Promise<void> {
    await this.page.getByRole("button", { name: "Activate" }).click();
  }

  async deactivate(): Promise<void> {
    await this.page.getByRole("button", { name: "Deactivate" }).click();
    await this.expectStatus("INACTIVE");
  }

  /** Sets a step's credential (the page saves the change at once). */
  async chooseCredential(step: number, credentialName: string): Promise<void> {
    await chooseCredentialIn(this.step(step).getByLabel(`Credential for step ${step}`), step, credentialName);
  }
}
