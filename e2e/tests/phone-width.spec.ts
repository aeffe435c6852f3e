// Every main page at 375 px wide: nothing scrolls sideways, and the page's main control is usable.
import { expect, skipWithoutChromium, test } from "../fixtures";
import { horizontalOverflow } from "../support/layout";
import { saveScreenshot } from "../support/screenshots";
import { createFlow, seedValidCredential, uniqueName } from "../support/seed";

skipWithoutChromium();

test.use({ viewport: { width: 375, height: 812 } });

test("the main pages fit a 375 px wide screen", async ({ page, api, flowsPage, flowPage, credentialPage }, testInfo) => {
  const credential = await seedValidCredential(api, "Phone key");
  const flow = await createFlow(api, {
    name: uniqueName("Phone flow"),
    componentKey: "petstore",
    credentialIds: [credential.id, null],
  });

  const visits: { name: string; open: () => Promise<void> }[] = [
    { name: "overview", open: () => page.goto("/").then(() => undefined) },
    { name: "component", open: () => page.goto("/components/petstore").then(() => undefined) },
    { name: "add-credential-picker", open: () => page.goto("/credentials/new").then(() => undefined) },
    { name: "add-credential-form", open: () => page.goto("/credentials/new?component=postgresql").then(() => undefined) },
    { name: "credential", open: () => credentialPage.goto(credential.id) },
    { name: "edit-credential", open: () => page.goto(`/credentials/${credential.id}/edit`).then(() => undefined) },
    { name: "flows", open: () => flowsPage.goto() },
    { name: "new-flow", open: () => page.goto("/flows/new").then(() => undefined) },
    { name: "settings-components", open: () => page.goto("/settings/components").then(() => undefined) },
    { name: "settings-component", open: () => page.goto("/settings/components/petstore").then(() => undefined) },
    // Last: the checks after the loop go on on the flow page.
    { name: "flow", open: () => flowPage.goto(flow.id) },
  ];
  for (const visit of visits) {
    await visit.open();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await horizontalOverflow(page), `${visit.name} scrolls sideways`).toBe(0);
    await saveScreenshot(page, testInfo, `375px-${visit.name}`);
  }

  // The flow page's blocking step and the delete dialog fit as well.
  await flowPage.activate();
  await expect(flowPage.problem).toContainText("The flow cannot be activated yet.");
  expect(await horizontalOverflow(page)).toBe(0);
  await saveScreenshot(page, testInfo, "375px-flow-not-ready");
});

test("the OAuth2 return page explains a failed connection and offers a way back", async ({ page }, testInfo) => {
  await page.goto("/oauth2/complete?error=ACCESS_DENIED&message=The%20person%20declined%20access.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The connection was not completed");
  const notice = page.locator("main").getByRole("alert");
  await expect(notice).toContainText("The person declined access.");
  await expect(notice).toContainText("ACCESS_DENIED");
  await expect(page.getByRole("link", { name: "Try again" })).toHaveAttribute("href", "/credentials/new");
  expect(await horizontalOverflow(page)).toBe(0);
  await saveScreenshot(page, testInfo, "375px-oauth2-failed");
});
