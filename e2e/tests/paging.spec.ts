// The lists are paged: 50 items a page, "Next" and "Previous" by the API's cursors, the page (and the order) in the URL.
import { CreateCredentialDocument, RegisterComponentDocument } from "@latchkey/sdk";

import { expect, skipWithoutChromium, test } from "../fixtures";
import { startFakeApp } from "../support/health-data";
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

test("a component's credentials page in the chosen order: page 2 of “Newest first” continues it, and the one just saved shows first", async ({
  page,
  api,
  componentPage,
}) => {
  // A component of its own (a local fake app verifies its key), with 55 credentials named in an
  // order that is neither their order of creation nor its reverse.
  const apiKey = `ak_paged_${Date.now().toString(36)}`;
  const app = await startFakeApp([apiKey]);
  try {
    const component = { key: `paged-${Date.now().toString(36)}`, name: uniqueName("Paged App") };
    const { registerComponent } = await api.request(RegisterComponentDocument, {
      input: {
        descriptor: {
          ...component,
          baseUrl: app.url,
          authMethods: [
            {
              type: "API_KEY",
              label: "API key",
              fields: [{ name: "apiKey", label: "API key", type: "PASSWORD", secret: true, required: true }],
              apply: { in: "header", name: "X-Api-Key" },
              verify: { http: { method: "GET", path: "/me" } },
            },
          ],
        },
      },
    });
    expect(registerComponent.__typename).toBe("ComponentRegistered");
    const created: { id: string; name: string }[] = [];
    for (let i = 0; i < 55; i++) {
      const name = `Key ${String((i * 17) % 55).padStart(2, "0")}`;
      const { createCredential } = await api.request(CreateCredentialDocument, { input: { componentKey: component.key, authType: "API_KEY", name, values: { apiKey } } });
      if (createCredential.__typename !== "CredentialCreated") throw new Error(createCredential.__typename);
      created.push({ id: createCredential.credential.id, name });
    }
    const newest = created.map((c) => c.name).reverse();

    await page.goto(`/components/${component.key}?sort=newest`);
    await expect(componentPage.rows()).toHaveCount(50);
    expect(await componentPage.names()).toEqual(newest.slice(0, 50));
    await expect(componentPage.pagerLink("Previous")).toHaveCount(0);

    // Page 2 continues the newest-first order (the API sorts, not the browser), and keeps ?sort=.
    const next = await componentPage.pagerLink("Next").getAttribute("href");
    expect(new URLSearchParams(next!).get("sort")).toBe("newest");
    await componentPage.pagerLink("Next").click();
    await page.waitForURL((url) => url.search === next);
    await expect(componentPage.rows()).toHaveCount(5);
    expect(await componentPage.names()).toEqual(newest.slice(50));
    await expect(page.getByLabel("Sort by")).toHaveValue("newest");

    // Back: the first page again, in the same order.
    const back = await componentPage.pagerLink("Previous").getAttribute("href");
    expect(new URLSearchParams(back!).get("sort")).toBe("newest");
    await componentPage.pagerLink("Previous").click();
    await page.waitForURL((url) => url.search === back);
    expect(await componentPage.names()).toEqual(newest.slice(0, 50));

    // By name, page 2 is the end of the alphabet.
    await page.getByLabel("Sort by").selectOption("name");
    await expect(page).toHaveURL(new RegExp(`/components/${component.key}$`));
    await componentPage.pagerLink("Next").click();
    await expect(componentPage.rows()).toHaveCount(5);
    expect(await componentPage.names()).toEqual(["Key 50", "Key 51", "Key 52", "Key 53", "Key 54"]);

    // The one just saved whose place is on page 2 (the oldest, under newest first): on page 1, first and highlighted.
    await page.goto(`/components/${component.key}?sort=newest&saved=${created[0]!.id}`);
    await expect(componentPage.rows().first()).toContainText(created[0]!.name);
    await expect(componentPage.rows().first()).toHaveAttribute("data-highlighted", "true");
    await expect(componentPage.rows()).toHaveCount(51);
    // The pager keeps the order, not the notice.
    const after = new URLSearchParams((await componentPage.pagerLink("Next").getAttribute("href"))!);
    expect([after.get("sort"), after.get("saved")]).toEqual(["newest", null]);
  } finally {
    await app.close();
  }
});
