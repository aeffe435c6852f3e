import { expect, skipWithoutChromium, test } from "../fixtures";
import { horizontalOverflow } from "../support/layout";
import { saveScreenshot } from "../support/screenshots";
import { createPetstoreCredential, uniqueName } from "../support/seed";

skipWithoutChromium();

const PETSTORE = "Petstore API";

// Counts are compared with what the page showed before, so the suite can share one database.
test.describe("Credentials overview", () => {
  test("a Petstore credential with the key `secret` is counted and shows as valid", async ({
    page,
    api,
    overviewPage,
    componentPage,
  }, testInfo) => {
    await overviewPage.goto();
    await expect(overviewPage.tile(PETSTORE)).toBeVisible();
    const before = await overviewPage.credentialCount(PETSTORE);

    const name = uniqueName("Petstore production");
    const result = await createPetstoreCredential(api, { name, apiKey: "secret" });
    expect(result.__typename).toBe("CredentialCreated");

    await overviewPage.reload();
    await overviewPage.expectCredentialCount(PETSTORE, before + 1);

    await overviewPage.openComponent(PETSTORE);
    await expect(page).toHaveURL(/\/components\/petstore$/);
    await componentPage.expectStatus(name, "VALID");
    await expect(componentPage.cell(name, "Auth type")).toHaveText("API key");
    await expect(componentPage.cell(name, "Last verified").locator("time")).toHaveText("just now");
    await expect(componentPage.cell(name, "Used by")).toHaveText("Not used");

    await saveScreenshot(page, testInfo, "component-with-valid-credential");
  });

  test("a Petstore credential with a wrong key is refused and not counted", async ({
    page,
    api,
    overviewPage,
  }, testInfo) => {
    await overviewPage.goto();
    const before = await overviewPage.credentialCount(PETSTORE);

    const name = uniqueName("Petstore wrong key");
    const result = await createPetstoreCredential(api, { name, apiKey: "not-the-key" });
    expect(result.__typename).toBe("VerificationFailed");
    if (result.__typename === "VerificationFailed") {
      expect(result.verification.code).toBe("UNAUTHORIZED");
      expect(result.message).not.toContain("not-the-key");
    }

    await overviewPage.reload();
    await overviewPage.expectCredentialCount(PETSTORE, before);

    await overviewPage.openComponent(PETSTORE);
    await expect(page.getByText(name)).toHaveCount(0);

    await overviewPage.goto();
    await saveScreenshot(page, testInfo, "overview-after-refused-credential");
  });

  test("a component without credentials shows the empty state; an unknown one is not found", async ({
    page,
    componentPage,
  }, testInfo) => {
    await componentPage.goto("stripe");
    await componentPage.expectComponent("Stripe");
    await expect(componentPage.emptyState).toBeVisible();

    await componentPage.goto("no-such-component");
    await expect(page.getByRole("heading", { name: "Component not found" })).toBeVisible();

    await saveScreenshot(page, testInfo, "component-not-found");
  });

  test("the navigation marks the current section; the old Security Credentials address leads to the overview", async ({
    page,
  }, testInfo) => {
    await page.goto("/flows");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Flows" })).toHaveAttribute("aria-current", "page");

    // Credentials are in one place: the old Settings → Security Credentials address leads there.
    await nav.getByText("Settings").click();
    await expect(nav.getByRole("link", { name: "Security Credentials" })).toHaveCount(0);
    await page.goto("/settings/security-credentials");
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1, name: "Credentials" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Components" }).getByText(PETSTORE, { exact: true })).toBeVisible();

    await saveScreenshot(page, testInfo, "settings-security-credentials");
  });
});

test.describe("Credentials overview on a 375 px wide screen", () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test("the overview and a component's credentials fit the screen", async ({
    page,
    api,
    overviewPage,
    componentPage,
  }, testInfo) => {
    const name = uniqueName("Petstore phone");
    expect((await createPetstoreCredential(api, { name, apiKey: "secret" })).__typename).toBe("CredentialCreated");

    await overviewPage.goto();
    await expect(overviewPage.tile(PETSTORE)).toBeVisible();
    expect(await horizontalOverflow(page)).toBe(0);
    await saveScreenshot(page, testInfo, "overview-375px");

    await overviewPage.openComponent(PETSTORE);
    await componentPage.expectStatus(name, "VALID");
    expect(await horizontalOverflow(page)).toBe(0);
    await saveScreenshot(page, testInfo, "component-375px");
  });
});
