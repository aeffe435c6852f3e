// The flows list is paged: 50 flows a page, "Next" and "Previous" by the API's cursors, the page in the URL.
import { expect, skipWithoutChromium, test } from "../fixtures";
import { createFlow, uniqueName } from "../support/seed";

skipWithoutChromium();

test("the flows list pages by 50 with Next and Previous, and the URL keeps the page", async ({ page, api, flowsPage }) => {
  // Named to sort after every other flow of the suite, so they fill the last pages.
  const prefix = uniqueName("zz Paged");
  const names = Array.from({ length: 55 }, (_, i) => `${prefix} ${String(i).padStart(2, "0")}`);
  for (const name of names) await createFlow(api, { name, componentKey: "petstore", credentialIds: [null] });

  await flowsPage.goto();
  await expect(flowsPage.rows()).toHaveCount(50);
  await expect(flowsPage.pagerLink("Previous")).toHaveCount(0);

  // Forward to the last page: it holds the last of these flows and offers no "Next".
  let pages = 1;
  while ((await flowsPage.pagerLink("Next").count()) > 0) {
    const href = await flowsPage.pagerLink("Next").getAttribute("href");
    await flowsPage.pagerLink("Next").click();
    await page.waitForURL((url) => url.search === href);
    expect(href).toMatch(/^\?after=/);
    pages += 1;
  }
  expect(pages).toBeGreaterThanOrEqual(2);
  await expect(flowsPage.row(names.at(-1)!)).toBeVisible();
  await expect(flowsPage.row(names[0]!)).toHaveCount(0);

  // The page is in the URL: a reload shows the same flows.
  await page.reload();
  await expect(flowsPage.row(names.at(-1)!)).toBeVisible();

  // Back one page: a full page again, with "Next" offered.
  const back = await flowsPage.pagerLink("Previous").getAttribute("href");
  expect(back).toMatch(/^\?before=/);
  await flowsPage.pagerLink("Previous").click();
  await page.waitForURL((url) => url.search === back);
  await expect(flowsPage.rows()).toHaveCount(50);
  await expect(flowsPage.pagerLink("Next")).toBeVisible();
});
