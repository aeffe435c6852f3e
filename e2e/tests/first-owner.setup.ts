import { expect, test as setup } from "@playwright/test";

import { OWNER, OWNER_STORAGE_STATE } from "../support/owner";

setup.skip(process.env.LATCHKEY_E2E_SKIP_REASON !== undefined, process.env.LATCHKEY_E2E_SKIP_REASON);

// The first-owner test: a new install sends every page to setup; setup signs the owner in.
setup("a new install asks for the first owner, then signs them in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Set up Latchkey" })).toBeVisible();
  // Before setup every page leads back here: the header offers no links to them (no skeleton and back).
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await expect(page.getByRole("banner").getByRole("link")).toHaveCount(0);

  await page.getByLabel("Your name").fill(OWNER.name);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create owner and workspace" }).click();
  // The browser refuses a password under 10 characters before anything is sent.
  await expect(page).toHaveURL(/\/setup$/);

  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByLabel("Workspace name").fill(OWNER.workspaceName);
  await page.getByRole("button", { name: "Create owner and workspace" }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Flows" })).toBeVisible();
  // One workspace: its name, and no switcher to switch to nothing else.
  await expect(page.getByTestId("current-workspace")).toHaveText(OWNER.workspaceName);
  await expect(page.getByRole("button", { name: "Switch" })).toHaveCount(0);
  const cookie = (await page.context().cookies()).find((c) => c.name === "latchkey_session");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  // Setup is done: the page now sends people to sign in.
  await page.context().storageState({ path: OWNER_STORAGE_STATE });
  const fresh = await page.context().browser()!.newContext();
  const other = await fresh.newPage();
  await other.goto("/setup");
  await expect(other).toHaveURL(/\/sign-in$/);
  // Signed out, the same: nothing in the header but the name.
  await expect(other.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await fresh.close();
});
