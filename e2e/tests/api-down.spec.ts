// A web app whose API is down shows a readable banner on every page, and refuses changes in words.
import { expect, skipWithoutChromium, test } from "../fixtures";
import { saveScreenshot } from "../support/screenshots";
import { freePort, startWebApp, type RunningWebApp } from "../support/web-server";

skipWithoutChromium();

let webApp: RunningWebApp | undefined;

test.beforeAll(async () => {
  // Nothing listens on this port: the API is "down" for this second web app.
  webApp = await startWebApp(`http://127.0.0.1:${await freePort()}/graphql`);
});

test.afterAll(async () => {
  await webApp?.stop();
});

test("with the API down, each page shows a banner that says so, not a blank page", async ({ page }, testInfo) => {
  const origin = webApp!.origin;
  for (const path of ["/", "/components/petstore", "/credentials/new", "/flows", "/flows/new"]) {
    await page.goto(origin + path);
    const banner = page.locator("main").getByRole("alert");
    await expect(banner, path).toContainText("Latchkey cannot reach its API");
    // Words for people: no commands or variable names, the address only in the folded details.
    await expect(banner, path).not.toContainText("npm start");
    await expect(banner.getByText(/127\.0\.0\.1/)).toBeHidden();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  }
  await page.goto(origin + "/");
  await saveScreenshot(page, testInfo, "api-down-banner");
});
