import { expect, skipWithoutChromium, test } from "../fixtures";
import { OWNER } from "../support/owner";

skipWithoutChromium();

test.describe("access settings", () => {
  test("an API token is shown once, listed by its start and creator, and revocable; the audit log records it", async ({ page }) => {
    await page.goto("/settings/api-tokens");
    await page.getByLabel("Name").fill("E2E runtime");
    await page.getByRole("checkbox", { name: /credentials:use/ }).check();
    await page.getByRole("checkbox", { name: /components:write/ }).check();
    await page.getByRole("button", { name: "Create token" }).click();
    const reveal = page.getByRole("textbox", { name: /Your new token/ });
    await expect(reveal).toHaveValue(/^lkt_/);
    const token = await reveal.inputValue();

    await page.reload();
    await expect(page.getByRole("textbox", { name: /Your new token/ })).toHaveCount(0);
    const row = page.getByRole("row", { name: /E2E runtime/ });
    await expect(row).toContainText(token.slice(0, 8));
    await expect(row).not.toContainText(token);
    await expect(row).toContainText("components:write");
    await expect(row).toContainText(OWNER.name);
    // Revoking asks first; Cancel changes nothing.
    await row.getByRole("button", { name: "Revoke E2E runtime" }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke “E2E runtime”?" });
    await expect(dialog).toContainText("Every program that uses this token is refused");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(row).toContainText("Active");
    await row.getByRole("button", { name: "Revoke E2E runtime" }).click();
    await dialog.getByRole("button", { name: "Revoke token" }).click();
    await expect(row).toContainText("Revoked");

    await page.goto("/settings/audit-log");
    await expect(page.getByRole("cell", { name: "api_token.revoke" })).toBeVisible();
    await expect(page.getByRole("cell", { name: "api_token.create" }).first()).toBeVisible();
  });

  test("an invitation link lets someone new join with the role it names", async ({ page, browser }) => {
    await page.goto("/settings/members");
    await page.getByLabel("Role of the invited person").selectOption("VIEWER");
    await page.getByRole("button", { name: "Create invitation link" }).click();
    const link = await page.getByRole("textbox", { name: "Invitation link" }).inputValue();
    expect(link).toMatch(/\/invitations\/lki_/);

    const guest = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const guestPage = await guest.newPage();
    await guestPage.goto(link);
    await expect(guestPage.getByRole("heading", { name: /Join E2E workspace/ })).toBeVisible();
    const email = `viewer-${Date.now()}@e2e.latchkey.test`;
    await guestPage.getByLabel("Your name").fill("E2E Viewer");
    await guestPage.getByLabel("Email").fill(email);
    await guestPage.getByLabel("Password").fill("viewer password 1");
    await guestPage.getByRole("button", { name: "Create account and join" }).click();
    await expect(guestPage).toHaveURL(/\/$/);
    await expect(guestPage.getByText("E2E Viewer")).toBeVisible();
    // A viewer may not manage members.
    await guestPage.goto("/settings/members");
    await expect(guestPage.locator(".banner--error")).toContainText("Your role in this workspace does not allow this.");
    await guest.close();

    await page.reload();
    await expect(page.getByRole("row", { name: /E2E Viewer/ })).toContainText(email);
  });
});
