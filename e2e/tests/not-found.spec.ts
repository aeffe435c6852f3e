// Unknown and malformed ids answer HTTP 404 with the page's own "not found" words (issue 15): no
// loading boundary above these pages starts the response as 200 before the page knows.
import { expect, skipWithoutChromium, test } from "../fixtures";
import { seedValidCredential } from "../support/seed";

skipWithoutChromium();

const UNKNOWN_ID = "00000000-0000-4000-8000-0000000f404e";

const CASES: [path: string, heading: string][] = [
  [`/credentials/${UNKNOWN_ID}`, "Credential not found"],
  [`/credentials/${UNKNOWN_ID}/edit`, "Credential not found"],
  [`/flows/${UNKNOWN_ID}`, "Flow not found"],
  ["/components/no-such-component", "Component not found"],
  ["/settings/components/no-such-component", "Page not found"],
  // Malformed: not a UUID, a quote, an over-long one.
  ["/credentials/not-an-id", "Credential not found"],
  ["/credentials/'%20or%201=1%20--/edit", "Credential not found"],
  [`/flows/${UNKNOWN_ID}0`, "Flow not found"],
  ["/no-such-page", "Page not found"],
];

test("unknown and malformed ids answer 404 and show the not-found page", async ({ page }) => {
  for (const [path, heading] of CASES) {
    const response = await page.goto(path);
    expect({ path, status: response?.status() }).toEqual({ path, status: 404 });
    await expect(page.getByRole("heading", { name: heading }), path).toBeVisible();
    // The header is still there to go elsewhere.
    await expect(page.getByRole("navigation", { name: "Main" }), path).toBeVisible();
  }
});

test("known ids still answer 200 with their page", async ({ page, api }) => {
  const credential = await seedValidCredential(api, "Found");
  for (const [path, heading] of [
    [`/credentials/${credential.id}`, credential.name],
    [`/credentials/${credential.id}/edit`, `Edit “${credential.name}”`],
    ["/components/petstore", "Petstore API"],
    ["/flows", "Flows"],
    ["/", "Credentials"],
  ] as const) {
    const response = await page.goto(path);
    expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
    await expect(page.getByRole("heading", { level: 1, name: heading }), path).toBeVisible();
  }
});
