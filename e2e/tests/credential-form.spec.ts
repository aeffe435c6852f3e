// The Add credential form is generated from the component's descriptor.
import { expect, skipWithoutChromium, test } from "../fixtures";
import { saveScreenshot } from "../support/screenshots";

skipWithoutChromium();

test("the form follows the descriptor, and each InvalidInput error sits next to its field", async ({
  page,
  addCredentialPage,
}, testInfo) => {
  await addCredentialPage.goto("postgresql");
  const form = addCredentialPage.form;
  // Labels, required marks, defaults, a password input for the secret, a checkbox for a boolean.
  await expect(form.field("Host")).toHaveAttribute("aria-required", "true");
  await expect(form.field("Port")).toHaveValue("5432");
  await expect(form.field("Password")).toHaveAttribute("type", "password");
  await expect(form.field("Use TLS")).toHaveAttribute("type", "checkbox");
  await expect(page.getByText("Host name or IP address of the PostgreSQL server.")).toBeVisible();

  await form.fill({ Host: "db.example.com" });
  await form.save();
  await expect(form.error).toContainText("Some values need attention.");
  for (const label of ["Database", "User name", "Password"]) {
    await expect(form.fieldError(label)).toHaveText(`${label} is required.`);
    await expect(form.field(label)).toHaveAttribute("aria-invalid", "true");
  }
  await expect(form.fieldError("Host")).toHaveCount(0);
  // The first field in error has the focus, and what was typed stays.
  await expect(form.field("Database")).toBeFocused();
  await expect(form.field("Host")).toHaveValue("db.example.com");
  await saveScreenshot(page, testInfo, "field-errors-next-to-fields");
});

test("an OAuth2 method offers Connect, and bad input to it is shown next to the fields", async ({
  page,
  addCredentialPage,
}, testInfo) => {
  await addCredentialPage.goto("github");
  await page.getByRole("radio", { name: /OAuth app/ }).check();
  const form = addCredentialPage.form;
  await expect(form.field("Client secret")).toHaveAttribute("type", "password");
  await expect(page.getByText("Connect signs in with GitHub")).toBeVisible();
  await page.getByRole("button", { name: "Connect with GitHub" }).click();
  await expect(form.fieldError("Client ID")).toHaveText("Client ID is required.");
  await expect(form.fieldError("Client secret")).toHaveText("Client secret is required.");
  await expect(page).toHaveURL(/\/credentials\/new\?component=github$/);
  await saveScreenshot(page, testInfo, "oauth2-connect-field-errors");
});
