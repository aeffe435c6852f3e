// Health at a glance, a UI that knows the viewer's role, and words for people (issue 15), on a
// database with an INVALID credential in an ACTIVE flow (its key revoked at a local fake app, then
// re-verified) and a VIEWER account.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { FlowsDocument } from "@latchkey/sdk";
import type { BrowserContext, Page } from "@playwright/test";

import { expect, skipWithoutChromium, test } from "../fixtures";
import { ownerClient, seedInvalidCredentialInActiveFlow, viewerContext, type BrokenFlowData } from "../support/health-data";
import { horizontalOverflow } from "../support/layout";
import { OWNER } from "../support/owner";
import { saveScreenshot } from "../support/screenshots";
import { createFlow, createPetstoreCredential, seedValidCredential, uniqueName } from "../support/seed";

skipWithoutChromium();

let data: BrokenFlowData;
let viewer: BrowserContext;

test.beforeAll(async ({ browser }) => {
  const api = ownerClient();
  data = await seedInvalidCredentialInActiveFlow(api);
  viewer = await viewerContext(browser, api);
});

test.afterAll(async () => {
  await viewer?.close();
  await data?.app.close();
});

test.describe("health at a glance", () => {
  test("the component tile counts its credentials that need attention in red, and the overview filters by them", async ({ page, overviewPage }, testInfo) => {
    await overviewPage.goto();
    const tile = overviewPage.tile(data.component.name);
    await expect(tile.getByTestId("needs-attention")).toHaveText("1 invalid · needs attention");
    const color = await tile.getByTestId("needs-attention").evaluate((element) => getComputedStyle(element).color);
    expect(color).toBe("rgb(200, 30, 30)");
    await saveScreenshot(page, testInfo, "overview-needs-attention-tile");

    await page.getByLabel("Status").selectOption({ label: "Needs attention" });
    await expect(page).toHaveURL(/\?status=NEEDS_ATTENTION$/);
    await expect(overviewPage.tile(data.component.name)).toBeVisible();
    // The demo Petstore's only credential is valid: its tile is not among those that need attention.
    await expect(overviewPage.tile("Petstore API")).toHaveCount(0);
    await expect(page.getByRole("status").filter({ hasText: "that need attention" })).toBeVisible();
    await saveScreenshot(page, testInfo, "overview-filtered-needs-attention");

    // The header's count links to the same filter.
    await page.goto("/");
    await page.getByRole("link", { name: /^\d+ needs? attention$/ }).click();
    await expect(page).toHaveURL(/\?status=NEEDS_ATTENTION$/);
  });

  test("the flows list and the flow's page name the step whose credential is invalid, with a link to fix it", async ({ page }, testInfo) => {
    await page.goto("/flows");
    const banner = page.getByTestId("attention-banner");
    await expect(banner).toContainText(/\d+ active flows? cannot sign in at a step/);
    const item = banner.getByRole("listitem").filter({ hasText: data.flow.name });
    await expect(item).toContainText(`step 1 (${data.component.name}): its credential “${data.credential.name}” is invalid.`);
    await saveScreenshot(page, testInfo, "flows-attention-banner");

    await page.getByRole("link", { name: data.flow.name }).click();
    await expect(page).toHaveURL(new RegExp(`/flows/${data.flow.id}$`));
    const flowBanner = page.getByTestId("attention-banner");
    await expect(flowBanner).toContainText("This active flow has a step without a valid credential");
    await expect(flowBanner).toContainText(`Step 1 (${data.component.name}): its credential “${data.credential.name}” is invalid.`);
    await saveScreenshot(page, testInfo, "flow-attention-banner");
    await flowBanner.getByRole("link", { name: "Fix the credential" }).click();
    await expect(page).toHaveURL(new RegExp(`/credentials/${data.credential.id}$`));
  });

  test("the flows banner counts the whole workspace, also on a page without the broken flow, and links to a list of only those", async ({ page, api, flowsPage }, testInfo) => {
    // A flow that sorts after the broken one, every step valid: it is on the page after it, and needs nothing.
    const credential = await seedValidCredential(api, "Fine flow login");
    const fine = await createFlow(api, { name: uniqueName("zz Fine flow"), componentKey: "petstore", credentialIds: [credential.id] });
    const { flows } = await api.request(FlowsDocument, { status: null, filter: null, first: 200 });
    const cursor = flows.edges.find((edge) => edge.node.id === data.flow.id)?.cursor;
    expect(cursor).toBeTruthy();

    await page.goto(`/flows?after=${encodeURIComponent(cursor!)}`);
    await expect(flowsPage.row(fine.name)).toBeVisible();
    await expect(flowsPage.row(data.flow.name)).toHaveCount(0);
    const banner = page.getByTestId("attention-banner");
    await expect(banner.getByRole("listitem").filter({ hasText: data.flow.name })).toContainText(`its credential “${data.credential.name}” is invalid.`);
    await saveScreenshot(page, testInfo, "flows-attention-banner-other-page");

    await banner.getByRole("link", { name: "Show only the flows that need attention" }).click();
    await expect(page).toHaveURL(/\/flows\?attention=1$/);
    await expect(page.getByRole("heading", { level: 1, name: "Flows that need attention" })).toBeVisible();
    await expect(flowsPage.row(data.flow.name)).toBeVisible();
    await expect(flowsPage.row(fine.name)).toHaveCount(0);
    // Paging keeps the filter in the URL.
    for (const link of await page.getByRole("navigation", { name: "Flows pages" }).getByRole("link").all()) {
      expect(await link.getAttribute("href")).toContain("attention=1");
    }
    await page.reload();
    await expect(flowsPage.row(fine.name)).toHaveCount(0);
    await saveScreenshot(page, testInfo, "flows-needing-attention");
    await page.getByRole("link", { name: "Show all flows" }).first().click();
    await expect(page).toHaveURL(/\/flows$/);
  });
});

test.describe("role-aware UI", () => {
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructured fixtures argument
  test("a viewer is offered no change: no add, edit, rename, re-verify, delete, activate; admins' settings are not listed", async ({}, testInfo) => {
    const page = await viewer.newPage();
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Credentials" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Add credential" })).toHaveCount(0);
    await page.getByRole("navigation", { name: "Main" }).getByText("Settings").click();
    const menu = page.getByRole("navigation", { name: "Main" });
    await expect(menu.getByRole("link", { name: "Components" })).toBeVisible();
    for (const adminPage of ["Members", "API tokens", "Audit log"]) await expect(menu.getByRole("link", { name: adminPage })).toHaveCount(0);
    await saveScreenshot(page, testInfo, "viewer-overview");

    await page.goto(`/components/${data.component.key}`);
    await expect(page.getByRole("link", { name: "Add credential" })).toHaveCount(0);
    await expect(page.getByTestId("read-only-note")).toContainText("your role is Viewer");
    const row = page.locator(`tr[data-credential-id="${data.credential.id}"]`);
    await expect(row).toBeVisible();
    await expect(row.getByRole("button")).toHaveCount(0);
    await expect(row.getByRole("link", { name: /^Edit / })).toHaveCount(0);
    await saveScreenshot(page, testInfo, "viewer-component");

    await page.goto(`/credentials/${data.credential.id}`);
    await expect(page.getByRole("heading", { level: 1, name: data.credential.name })).toBeVisible();
    for (const name of [/^Edit /, /^Rename /, /^Re-verify/, /^Delete/]) {
      await expect(page.getByRole("main").getByRole("button", { name })).toHaveCount(0);
      await expect(page.getByRole("main").getByRole("link", { name })).toHaveCount(0);
    }

    await page.goto("/flows");
    await expect(page.getByRole("link", { name: "New flow" })).toHaveCount(0);
    await page.goto(`/flows/${data.flow.id}`);
    await expect(page.getByRole("button", { name: "Deactivate" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Delete", exact: true })).toHaveCount(0);
    await expect(page.getByLabel("Credential for step 1")).toBeDisabled();
    await expect(page.getByTestId("read-only-note")).toContainText("your role is Viewer");
    await saveScreenshot(page, testInfo, "viewer-flow");

    await page.goto("/credentials/new");
    await expect(page.getByTestId("read-only-note")).toBeVisible();
    await page.goto("/flows/new");
    await expect(page.getByTestId("read-only-note")).toBeVisible();

    // A page the API refuses says so in a sentence; the code is folded away.
    await page.goto("/settings/members");
    const refused = page.locator("main").getByRole("alert");
    await expect(refused).toContainText("Your role in this workspace does not allow this.");
    await expect(refused.getByText("FORBIDDEN")).toBeHidden();
    await saveScreenshot(page, testInfo, "viewer-members-refused");
    await page.close();
  });
});

// -- Words for people ------------------------------------------------------------------------------

const e2eDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const introspection = JSON.parse(readFileSync(path.join(e2eDir, "../packages/sdk/introspection.json"), "utf8")) as {
  __schema: { types: { name: string; kind: string; fields?: { name: string }[] | null }[] };
};

/**
 * The API's own identifiers people must not read: operation names (root fields) and type names
 * made of several words (`CredentialInUse`); one-word ones (`credentials`, `Flow`) are plain English.
 */
const API_IDENTIFIERS = new Set<string>();
const SEVERAL_WORDS = /^[A-Za-z][a-z0-9]+[A-Z]/;
for (const type of introspection.__schema.types) {
  if (type.name.startsWith("__")) continue;
  if (type.name === "Query" || type.name === "Mutation") {
    for (const field of type.fields ?? []) if (SEVERAL_WORDS.test(field.name)) API_IDENTIFIERS.add(field.name);
  }
  if (SEVERAL_WORDS.test(type.name)) API_IDENTIFIERS.add(type.name);
}
/** camelCase words (a lower-case start and a capital inside): `personId`, `componentKey`, `startOAuth2Authorization`. */
const CAMEL_CASE = /\b[a-z]+[A-Z][A-Za-z0-9]*\b/g;
/** Error codes: FORBIDDEN, BAD_USER_INPUT, NOT_FOUND ... */
const CODES = /\b(?:FORBIDDEN|UNAUTHENTICATED|[A-Z]{2,}_[A-Z_]{2,})\b/g;

/** What a person reads on the page (closed details elements, where codes go, are not rendered). */
async function developerWords(page: Page): Promise<string[]> {
  const text = await page.locator("body").innerText();
  const words = text.split(/[^A-Za-z0-9_]+/).filter((word) => API_IDENTIFIERS.has(word));
  return [...words, ...(text.match(CAMEL_CASE) ?? []), ...(text.match(CODES) ?? [])];
}

test("no page shows an operation name, an API type name, a camelCase identifier or an error code", async ({ page }, testInfo) => {
  expect(API_IDENTIFIERS.has("startOAuth2Authorization")).toBe(true);
  expect(API_IDENTIFIERS.has("CredentialInUse")).toBe(true);
  const paths = [
    "/",
    `/?status=NEEDS_ATTENTION`,
    `/components/${data.component.key}`,
    "/components/petstore",
    `/credentials/${data.credential.id}`,
    `/credentials/${data.credential.id}/edit`,
    "/credentials/new",
    "/credentials/new?component=petstore",
    "/flows",
    `/flows/${data.flow.id}`,
    "/flows/new",
    "/settings/members",
    "/settings/api-tokens",
    "/settings/audit-log",
    "/settings/components",
    "/settings/components/petstore",
  ];
  const viewerPage = await viewer.newPage();
  const found: string[] = [];
  for (const [who, current] of [
    ["owner", page],
    ["viewer", viewerPage],
  ] as const) {
    for (const target of paths) {
      await current.goto(target);
      await expect(current.locator("main")).not.toBeEmpty();
      for (const word of await developerWords(current)) found.push(`${who} ${target}: ${word}`);
      expect(await horizontalOverflow(current), `${who} ${target}`).toBe(0);
    }
  }
  await viewerPage.close();
  await saveScreenshot(page, testInfo, "words-last-page");
  expect(found).toEqual([]);
});

test.describe("at 375 px", () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test("no page scrolls sideways, the header's Sign out included", async ({ page }, testInfo) => {
    const paths = [
      "/",
      `/components/${data.component.key}`,
      `/credentials/${data.credential.id}`,
      "/flows",
      `/flows/${data.flow.id}`,
      "/settings/members",
      "/settings/api-tokens",
      "/settings/audit-log",
      "/settings/components",
    ];
    for (const target of paths) {
      await page.goto(target);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const wide = await page.evaluate(() =>
        Array.from(document.querySelectorAll("body *"))
          .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          .map((element) => `${element.tagName.toLowerCase()}.${Array.from(element.classList).join(".")}`)
          .slice(0, 5),
      );
      expect(await horizontalOverflow(page), `${target} scrolls sideways: ${wide.join(", ")}`).toBe(0);
      const signOut = page.getByRole("button", { name: "Sign out" });
      const box = await signOut.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 375, `${target}: Sign out is on the screen`).toBe(true);
    }
    await page.goto(`/flows/${data.flow.id}`);
    await saveScreenshot(page, testInfo, "375px-flow-with-banner");
  });
});

test.describe("layout and admin fixes", () => {
  test("a refused role change puts the role back; deleting says what was deleted; the favicon is served", async ({ page, api }, testInfo) => {
    // The only owner may not make themselves a viewer: refused, and the picker shows Owner again.
    await page.goto("/settings/members");
    const role = page.getByLabel("Role of E2E Owner");
    await role.selectOption("VIEWER");
    await page.getByRole("row", { name: /E2E Owner/ }).getByRole("button", { name: "Change" }).click();
    await expect(page.getByRole("row", { name: /E2E Owner/ }).getByRole("alert")).toBeVisible();
    await expect(role).toHaveValue("OWNER");
    await saveScreenshot(page, testInfo, "role-change-refused");

    const doomed = await createPetstoreCredential(api, { name: uniqueName("Doomed key"), apiKey: "secret" });
    if (doomed.__typename !== "CredentialCreated") throw new Error(doomed.__typename);
    await page.goto(`/credentials/${doomed.credential.id}`);
    await page.getByRole("button", { name: `Delete ${doomed.credential.name}`, exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete credential" }).click();
    await expect(page).toHaveURL(/\/components\/petstore\?deleted=/);
    await expect(page.getByRole("status").filter({ hasText: `“${doomed.credential.name}” was deleted.` })).toBeVisible();

    const icon = await page.request.get("/favicon.ico");
    expect(icon.status()).toBe(200);
    await expect(page.locator('link[rel="icon"]')).toHaveCount(1);
  });

  test("the audit log is filtered by who (by name) and what kind of object, in any letter case", async ({ page }, testInfo) => {
    await page.goto("/settings/audit-log");
    await page.getByLabel("Who").selectOption({ label: OWNER.name });
    await page.getByLabel("Object type").selectOption({ label: "Flow" });
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/objectType=flow/);
    const rows = page.locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    for (const row of await rows.all()) await expect(row).toContainText("flow.");
    await saveScreenshot(page, testInfo, "audit-log-filtered");
    // A type typed by hand in capitals finds the same events.
    await page.goto("/settings/audit-log?objectType=FLOW");
    await expect(page.locator("tbody tr").first()).toContainText("flow.");
  });

  test("after sign-in a person lands on the page they opened", async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await page.goto(`/flows/${data.flow.id}`);
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password").fill(OWNER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(new RegExp(`/flows/${data.flow.id}$`));
    await context.close();
  });

  test("a new credential is listed first and highlighted; the order is kept in the URL", async ({ page, api }, testInfo) => {
    await seedValidCredential(api, "Aardvark key");
    await page.goto("/credentials/new?component=petstore");
    const name = uniqueName("Zulu key");
    await page.getByLabel("API key", { exact: false }).first().fill("secret");
    await page.getByLabel("Account name").fill(name);
    await page.getByRole("button", { name: "Verify and save" }).click();
    await expect(page).toHaveURL(/\/components\/petstore\?saved=/);
    const first = page.locator("tbody tr").first();
    await expect(first).toContainText(name);
    await expect(first).toHaveAttribute("data-highlighted", "true");
    await saveScreenshot(page, testInfo, "new-credential-first");

    await page.getByLabel("Sort by").selectOption("newest");
    await expect(page).toHaveURL(/\?sort=newest$/);
    await expect(page.locator("tbody tr").first()).toContainText(name);
    await page.getByLabel("Sort by").selectOption("name");
    await expect(page).toHaveURL(/\/components\/petstore$/);

    // The same name again, in other letters' case: refused next to the name, nothing saved.
    await page.goto("/credentials/new?component=petstore");
    await page.getByLabel("API key", { exact: false }).first().fill("secret");
    await page.getByLabel("Account name").fill(name.toUpperCase());
    await page.getByRole("button", { name: "Verify and save" }).click();
    await expect(page.locator(".field").filter({ has: page.getByLabel("Account name") }).locator(".field__error")).toContainText(
      "already has a credential named",
    );
    await expect(page).toHaveURL(/\/credentials\/new\?component=petstore$/);
    await saveScreenshot(page, testInfo, "duplicate-name-refused");
  });

  test("the verification history lists the results, newest first, each with what caused it", async ({ page }, testInfo) => {
    await page.goto(`/credentials/${data.credential.id}`);
    const history = page.getByRole("list", { name: "Verification history" }).getByRole("listitem");
    await expect(history).toHaveCount(2);
    await expect(history.first()).toHaveAttribute("data-status", "INVALID");
    // The owner re-verified it after the key was revoked; the first result is the creation's.
    await expect(history.first().locator(".timeline__trigger")).toHaveText(`Re-verified by ${OWNER.name}`);
    await expect(history.last()).toHaveAttribute("data-status", "VALID");
    await expect(history.last().locator(".timeline__trigger")).toHaveText(`When ${OWNER.name} created it`);
    await saveScreenshot(page, testInfo, "verification-history");
  });
});
