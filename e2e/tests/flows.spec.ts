// Managing a flow on its page: a step's credential, activation, deactivation, deletion.
import { expect, skipWithoutChromium, test } from "../fixtures";
import { saveScreenshot } from "../support/screenshots";
import { createFlow, seedValidCredential, uniqueName } from "../support/seed";

skipWithoutChromium();

test("choosing the missing credential lets the flow activate; deactivated, it can be deleted", async ({
  page,
  api,
  flowsPage,
  flowPage,
}, testInfo) => {
  const credential = await seedValidCredential(api, "Flow page key");
  const flowName = uniqueName("Managed flow");
  const flow = await createFlow(api, { name: flowName, componentKey: "petstore", credentialIds: [null] });

  await flowsPage.goto();
  await expect(flowsPage.row(flowName)).toContainText("Inactive");
  await expect(flowsPage.row(flowName)).toContainText("1 without a valid credential");
  await flowsPage.row(flowName).click();
  await expect(page).toHaveURL(new RegExp(`/flows/${flow.id}$`));

  await flowPage.chooseCredential(1, credential.name);
  await expect(page.getByRole("status").filter({ hasText: `Step 1 now uses “${credential.name}”.` })).toBeVisible();
  await expect(flowPage.step(1).locator("[data-status]")).toHaveAttribute("data-status", "VALID");

  await flowPage.activate();
  await flowPage.expectStatus("ACTIVE");
  // An active flow cannot be deleted: the dialog says so and offers no delete.
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Delete “${flowName}”?` });
  await expect(dialog).toContainText("Deactivate it first");
  await expect(dialog.getByRole("button", { name: "Delete flow" })).toBeDisabled();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  await flowPage.deactivate();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await dialog.getByRole("button", { name: "Delete flow" }).click();
  await expect(page).toHaveURL(/\/flows$/);
  await expect(flowsPage.row(flowName)).toHaveCount(0);
  await saveScreenshot(page, testInfo, "flow-deleted");
});
