import { expect, skipWithoutChromium, test } from "../fixtures";
import { OWNER } from "../support/owner";

skipWithoutChromium();

// A browser of its own: signing out here ends only this session, not the suite's.
test.use({ storageState: { cookies: [], origins: [] } });

test.describe("sign-in and sign-out", () => {
  test("signed out, pages send you to sign in; a wrong password says so without saying which; sign-out ends the session", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);

    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator(".form-error")).toHaveText("The email or password is not right.");

    // What was typed is kept after a failed attempt.
    await expect(page.getByLabel("Email")).toHaveValue(OWNER.email);
    await page.getByLabel("Password").fill(OWNER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByText(OWNER.name)).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    expect((await page.context().cookies()).find((c) => c.name === "latchkey_session")).toBeUndefined();
    await page.goto("/settings/members");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
