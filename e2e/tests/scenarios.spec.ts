// The seven scenarios of the web UI issue, each on its own: data it needs is made with unique names,
// and counts are read from the page before acting and compared after.
import { expect, skipWithoutChromium, test } from "../fixtures";
import { saveScreenshot } from "../support/screenshots";
import { activateFlow, createFlow, seedValidCredential, uniqueName } from "../support/seed";

skipWithoutChromium();

const PETSTORE = "Petstore API";

test("1. a Petstore credential with a wrong key shows the error, saves nothing, and the count stays", async ({
  page,
  overviewPage,
  componentPage,
  addCredentialPage,
}, testInfo) => {
  await overviewPage.goto();
  const before = await overviewPage.credentialCount(PETSTORE);

  await addCredentialPage.goto();
  await addCredentialPage.chooseComponent("pet", PETSTORE);
  const name = uniqueName("Wrong key");
  const form = addCredentialPage.form;
  await form.fill({ "API key": "not-the-key" });
  await form.setAccountName(name);
  await form.save();

  await form.expectVerificationFailed("UNAUTHORIZED");
  await expect(form.error).toContainText("Nothing was saved");
  await expect(form.error).not.toContainText("not-the-key");
  // The form keeps what was typed, so it can be corrected.
  await expect(form.field("API key")).toHaveValue("not-the-key");
  await expect(page.getByLabel("Account name")).toHaveValue(name);
  await saveScreenshot(page, testInfo, "1-wrong-key-refused");

  await overviewPage.goto();
  await overviewPage.expectCredentialCount(PETSTORE, before);
  await overviewPage.openComponent(PETSTORE);
  await expect(componentPage.credentialRow(name)).toHaveCount(0);
});

test("2. with the key `secret` the credential is saved, shows the valid tick, and the badge goes up by one", async ({
  page,
  overviewPage,
  componentPage,
  addCredentialPage,
}, testInfo) => {
  await overviewPage.goto();
  const before = await overviewPage.credentialCount(PETSTORE);

  await overviewPage.openComponent(PETSTORE);
  await componentPage.addCredential();
  const name = uniqueName("Petstore production");
  const form = addCredentialPage.form;
  await form.fill({ "API key": "secret" });
  await form.setAccountName(name);
  await form.save();

  await expect(page).toHaveURL(/\/components\/petstore\?saved=/);
  await expect(page.getByRole("status").filter({ hasText: `“${name}” was verified and saved.` })).toBeVisible();
  await componentPage.expectStatus(name, "VALID");
  await expect(componentPage.cell(name, "Last verified").locator("time")).toHaveText("just now");
  await expect(componentPage.cell(name, "Used by")).toHaveText("Not used");

  await overviewPage.goto();
  await overviewPage.expectCredentialCount(PETSTORE, before + 1);
  await saveScreenshot(page, testInfo, "2-valid-credential-counted");
});

test("3. one credential chosen in steps of two flows is listed under Used by with both", async ({
  page,
  newFlowPage,
  flowPage,
  credentialPage,
}, testInfo) => {
  const credentialName = uniqueName("Shared key");
  const firstFlow = uniqueName("Nightly sync");
  const secondFlow = uniqueName("Order export");

  // The first flow creates the credential from its step and comes back with it chosen.
  await newFlowPage.goto();
  await newFlowPage.setName(firstFlow);
  await newFlowPage.chooseComponent(1, PETSTORE);
  const form = await newFlowPage.createNewCredential(1);
  await form.fill({ "API key": "secret" });
  await form.setAccountName(credentialName);
  await form.save();
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(newFlowPage.credentialSelect(1).locator("option:checked")).toHaveText(`${credentialName} (Valid)`);
  const firstId = await newFlowPage.create();
  await expect(flowPage.step(1).getByLabel("Credential for step 1").locator("option:checked")).toHaveText(
    `${credentialName} (Valid)`,
  );

  // The second flow chooses the same, existing credential.
  await newFlowPage.goto();
  await newFlowPage.setName(secondFlow);
  await newFlowPage.chooseComponent(1, PETSTORE);
  await newFlowPage.chooseCredential(1, credentialName);
  const secondId = await newFlowPage.create();

  await flowPage.step(1).getByRole("link", { name: "View credential" }).click();
  await expect(credentialPage.heading).toHaveText(credentialName);
  await expect(credentialPage.usageOf(firstFlow)).toContainText("Step 1");
  await expect(credentialPage.usageOf(secondFlow)).toContainText("Step 1");
  await expect(credentialPage.usedBy.getByRole("link", { name: firstFlow })).toHaveAttribute("href", `/flows/${firstId}`);
  await expect(credentialPage.usedBy.getByRole("link", { name: secondFlow })).toHaveAttribute("href", `/flows/${secondId}`);
  await saveScreenshot(page, testInfo, "3-used-by-two-flows");
});

test("4. delete is refused while an active flow uses the credential; after deactivating it, delete works", async ({
  page,
  api,
  overviewPage,
  componentPage,
  flowPage,
}, testInfo) => {
  const credential = await seedValidCredential(api, "In use");
  const flowName = uniqueName("Active flow");
  const flow = await createFlow(api, { name: flowName, componentKey: "petstore", credentialIds: [credential.id] });
  await activateFlow(api, flow.id);

  await overviewPage.goto();
  const before = await overviewPage.credentialCount(PETSTORE);
  await overviewPage.openComponent(PETSTORE);

  const dialog = await componentPage.delete(credential.name);
  const refusal = dialog.getByRole("alert");
  await expect(refusal).toContainText("This credential is in use and was not deleted.");
  await expect(refusal).toContainText(flowName);
  const flowLink = refusal.getByRole("link", { name: flowName });
  await expect(flowLink).toHaveAttribute("href", `/flows/${flow.id}`);
  await saveScreenshot(page, testInfo, "4a-delete-refused");

  await flowLink.click();
  await expect(page).toHaveURL(new RegExp(`/flows/${flow.id}$`));
  await flowPage.expectStatus("ACTIVE");
  await flowPage.deactivate();

  await componentPage.goto("petstore");
  const retry = await componentPage.delete(credential.name);
  await expect(retry).toBeHidden();
  await expect(componentPage.credentialRow(credential.name)).toHaveCount(0);

  await overviewPage.goto();
  await overviewPage.expectCredentialCount(PETSTORE, before - 1);
  await saveScreenshot(page, testInfo, "4b-deleted-badge-down");
});

test("5. rename changes the name and runs no verification", async ({ page, api, componentPage }, testInfo) => {
  const credential = await seedValidCredential(api, "Before rename");
  await componentPage.goto("petstore");
  const verifiedAt = await componentPage.lastVerifiedAt(credential.name);
  expect(verifiedAt).not.toBeNull();

  const newName = uniqueName("After rename");
  await componentPage.rename(credential.name, newName);

  await expect(componentPage.credentialRow(credential.name)).toHaveCount(0);
  await componentPage.expectStatus(newName, "VALID");
  expect(await componentPage.lastVerifiedAt(newName)).toBe(verifiedAt);
  // Still so after a fresh load: the stored record, not only the page, kept its verification time.
  await page.reload();
  expect(await componentPage.lastVerifiedAt(newName)).toBe(verifiedAt);
  await saveScreenshot(page, testInfo, "5-renamed");
});

test("6. editing with a wrong key is refused and the stored credential still works", async ({
  page,
  api,
  editCredentialPage,
  credentialPage,
}, testInfo) => {
  const credential = await seedValidCredential(api, "Edit me");
  await editCredentialPage.goto(credential.id);
  const form = editCredentialPage.form;
  // The secret is not shown: only its masked hint, and the field starts empty.
  await expect(form.field("API key")).toHaveValue("");
  await expect(page.locator("main")).toContainText("Stored: ••••••••");

  await form.fill({ "API key": "a-wrong-key" });
  await form.save();
  await form.expectVerificationFailed("UNAUTHORIZED");
  await expect(form.error).toContainText("Nothing was changed");
  await expect(form.field("API key")).toHaveValue("a-wrong-key");
  await saveScreenshot(page, testInfo, "6a-edit-refused");

  await credentialPage.goto(credential.id);
  await expect(credentialPage.status).toHaveAttribute("data-status", "VALID");
  const result = await credentialPage.reverify(credential.name);
  await expect(result).toHaveText("Verified: Valid");
  await expect(credentialPage.status).toHaveAttribute("data-status", "VALID");
  await saveScreenshot(page, testInfo, "6b-still-valid-after-reverify");
});

test("7. a flow with a step lacking a credential cannot be activated; the blocking step is shown", async ({
  page,
  api,
  newFlowPage,
  flowPage,
}, testInfo) => {
  const credential = await seedValidCredential(api, "Step one key");
  const flowName = uniqueName("Half ready");
  await newFlowPage.goto();
  await newFlowPage.setName(flowName);
  await newFlowPage.chooseComponent(1, PETSTORE);
  await newFlowPage.chooseCredential(1, credential.name);
  await newFlowPage.addStep();
  await newFlowPage.chooseComponent(2, PETSTORE);
  await newFlowPage.create();

  await flowPage.expectStatus("INACTIVE");
  await flowPage.activate();
  await expect(flowPage.problem).toContainText("The flow cannot be activated yet.");
  await expect(flowPage.problem).toContainText("FlowNotReady");
  const blocking = flowPage.problem.getByRole("list", { name: "Steps blocking activation" }).getByRole("listitem");
  await expect(blocking).toHaveCount(1);
  await expect(blocking).toContainText("Step 2");
  await expect(blocking).toContainText("no credential chosen");
  await expect(flowPage.step(2)).toHaveAttribute("data-blocking", "true");
  await expect(flowPage.step(2)).toContainText("Blocks activation");
  await expect(flowPage.step(1)).not.toHaveAttribute("data-blocking", "true");
  await flowPage.expectStatus("INACTIVE");
  await saveScreenshot(page, testInfo, "7-flow-not-ready");
});
