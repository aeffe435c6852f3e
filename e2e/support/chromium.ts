import { existsSync } from "node:fs";

import { chromium } from "@playwright/test";

export const SYSTEM_CHROMIUM = "/usr/bin/chromium";

export type ChromiumLookup =
  | { found: true; executablePath: string; source: string }
  | { found: false; searched: string[] };

/**
 * Finds the Chromium to drive: PLAYWRIGHT_CHROMIUM_PATH, else the system's, else Playwright's own.
 * A PLAYWRIGHT_CHROMIUM_PATH that points nowhere is a mistake, not a reason to look elsewhere.
 */
export function findChromium(configuredPath: string | undefined): ChromiumLookup {
  if (configuredPath) {
    if (!existsSync(configuredPath)) {
      throw new Error(`PLAYWRIGHT_CHROMIUM_PATH is set to "${configuredPath}", but there is no file there.`);
    }
    return { found: true, executablePath: configuredPath, source: "PLAYWRIGHT_CHROMIUM_PATH" };
  }
  if (existsSync(SYSTEM_CHROMIUM)) {
    return { found: true, executablePath: SYSTEM_CHROMIUM, source: "the system's Chromium" };
  }
  let bundled: string | undefined;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = undefined;
  }
  if (bundled && existsSync(bundled)) {
    return { found: true, executablePath: bundled, source: "Playwright's own Chromium" };
  }
  return {
    found: false,
    searched: [
      "PLAYWRIGHT_CHROMIUM_PATH (not set)",
      SYSTEM_CHROMIUM,
      `${bundled ?? "Playwright's own Chromium"} (npx playwright install chromium)`,
    ],
  };
}

/** Launch flags for a container or CI machine: no sandbox, no GPU, no background traffic. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
