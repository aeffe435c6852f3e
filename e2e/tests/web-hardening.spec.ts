import { AuditLogDocument } from "@latchkey/sdk";
import type { Page } from "@playwright/test";

import { expect, skipWithoutChromium, test } from "../fixtures";
import { OWNER } from "../support/owner";
import { WEB_ORIGIN } from "../support/servers";

skipWithoutChromium();

// Browsers of their own: these tests sign in themselves.
test.use({ storageState: { cookies: [], origins: [] } });

async function signIn(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test.describe("the web app's hardening", () => {
  test("a browser's own X-Forwarded-For never reaches the API: the audit log has the real address", async ({ browser, api }) => {
    const startedAt = Date.now();
    const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.9" } });
    const page = await context.newPage();
    await signIn(page, "/sign-in");
    await expect(page).toHaveURL(`${WEB_ORIGIN}/`);
    await context.close();

    const { auditLog } = await api.request(AuditLogDocument, { filter: { objectType: "person" }, first: 50 });
    const signIns = auditLog.edges.map((e) => e.node).filter((e) => e.action === "sign_in" && Date.parse(String(e.at)) >= startedAt - 1_000);
    expect(signIns.length).toBeGreaterThan(0);
    for (const event of signIns) expect(event.remoteAddress).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
  });

  for (const next of ["/\\evil.example/phish", "/\t/evil.example", "//evil.example", "/%5Cevil.example", "https://evil.example/"]) {
    test(`signing in with next=${JSON.stringify(next)} stays on the web app`, async ({ page }) => {
      await signIn(page, `/sign-in?next=${encodeURIComponent(next)}`);
      await expect(page).toHaveURL(`${WEB_ORIGIN}/`);
    });
  }

  test("signing in with next=/settings/members goes there", async ({ page }) => {
    await signIn(page, `/sign-in?next=${encodeURIComponent("/settings/members")}`);
    await expect(page).toHaveURL(`${WEB_ORIGIN}/settings/members`);
  });

  test("pages, error pages and static assets carry the security headers", async ({ page, request }) => {
    await page.goto("/sign-in");
    const asset = await page.locator("script[src^='/_next/static/']").first().getAttribute("src");
    expect(asset).toBeTruthy();
    for (const path of ["/sign-in", "/setup", "/no-such-page", "/credentials/00000000-0000-0000-0000-000000000000", asset!]) {
      const response = await request.get(path, { maxRedirects: 0 });
      const headers = response.headers();
      expect({ path, frame: headers["x-frame-options"], sniff: headers["x-content-type-options"], referrer: headers["referrer-policy"] }).toEqual({
        path,
        frame: "DENY",
        sniff: "nosniff",
        referrer: "no-referrer",
      });
      expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
    }
  });

  test("the Content-Security-Policy lets the app run: signing in and out works with it", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await signIn(page, "/sign-in");
    await expect(page).toHaveURL(`${WEB_ORIGIN}/`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    expect(violations).toEqual([]);
  });
});
