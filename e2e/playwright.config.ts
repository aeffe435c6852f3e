import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { defineConfig } from "@playwright/test";

import { CHROMIUM_ARGS, findChromium } from "./support/chromium";
import { OWNER_STORAGE_STATE } from "./support/owner";
import { API_GRAPHQL_URL, API_ORIGIN, API_PORT, WEB_ORIGIN, WEB_PORT } from "./support/servers";

const e2eDir = path.dirname(fileURLToPath(import.meta.url));
const rootDir = path.resolve(e2eDir, "..");
// Playwright evaluates this file in the runner and again in every worker; only the runner starts
// servers and prints, and it hands its decisions to the workers through the environment.
const isRunner = process.env.TEST_WORKER_INDEX === undefined;

const chromium = findChromium(process.env.PLAYWRIGHT_CHROMIUM_PATH);
if (!chromium.found) {
  const searched = chromium.searched.map((place) => `      - ${place}`).join("\n");
  if (process.env.E2E_REQUIRED === "1") {
    throw new Error(
      `E2E_REQUIRED=1 but no Chromium was found, so the browser tests cannot run.\n` +
        `    Searched:\n${searched}\n` +
        `    Install Chromium (Debian: apt-get install chromium) or set PLAYWRIGHT_CHROMIUM_PATH.`,
    );
  }
  process.env.LATCHKEY_E2E_SKIP_REASON = "No Chromium found (see the warning above); browser tests skipped.";
  if (isRunner) {
    const bar = "!".repeat(78);
    console.warn(
      [
        "",
        bar,
        "!!  NO CHROMIUM FOUND: THE END-TO-END BROWSER TESTS ARE SKIPPED.",
        "!!  Searched:",
        ...chromium.searched.map((place) => `!!    - ${place}`),
        "!!  Install Chromium (Debian: apt-get install chromium), or set",
        "!!  PLAYWRIGHT_CHROMIUM_PATH to a Chromium executable, then run again.",
        "!!  Set E2E_REQUIRED=1 to make a missing browser fail the run (as CI does).",
        bar,
        "",
      ].join("\n"),
    );
  }
}

// A fresh database for every run, removed when the run ends (a LATCHKEY_E2E_DATA_DIR set by hand is
// used as it is and kept).
if (isRunner && chromium.found && !process.env.LATCHKEY_E2E_DATA_DIR) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-e2e-"));
  process.env.LATCHKEY_E2E_DATA_DIR = dataDir;
  process.on("exit", () => rmSync(dataDir, { recursive: true, force: true }));
}

export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  // The tests share one API and database and compare credential counts, so they run one at a time.
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ["list"],
    ["html", { open: "never", outputFolder: "./playwright-report" }],
    // `npm test` reads the counts from here for its closing line.
    ...(process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["json"] as ["json"]] : []),
  ],
  use: {
    baseURL: WEB_ORIGIN,
    browserName: "chromium",
    headless: true,
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      ...(chromium.found ? { executablePath: chromium.executablePath } : {}),
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    // First-owner setup through the UI; it saves the signed-in state every other test starts from.
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    { name: "chromium", dependencies: ["setup"], use: { storageState: OWNER_STORAGE_STATE } },
  ],
  webServer: chromium.found
    ? [
        {
          name: "API",
          command: "npx tsx apps/api/src/main.ts",
          cwd: rootDir,
          env: {
            PORT: String(API_PORT),
            LATCHKEY_DATA_DIR: process.env.LATCHKEY_E2E_DATA_DIR ?? "",
            // Where the OAuth2 callback sends the browser when it is done: the suite's web app.
            LATCHKEY_WEB_URL: WEB_ORIGIN,
            // The suite verifies dozens of credentials in one workspace within a minute; the
            // per-workspace verification rate limit is tested on its own (apps/api/test/limits).
            LATCHKEY_VERIFY_RATE_LIMIT: "100000",
          },
          url: `${API_ORIGIN}/healthz`,
          reuseExistingServer: false,
          timeout: 120_000,
          gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
        },
        {
          name: "Web",
          // The web app's own server (apps/web/server.ts, compiled next to the build), as `npm start` runs it.
          command: `node scripts/ensure-web-build.mjs && node --enable-source-maps apps/web/.next/latchkey/server.mjs -p ${WEB_PORT} -H 127.0.0.1`,
          cwd: rootDir,
          env: {
            NODE_ENV: "production",
            LATCHKEY_API_URL: API_GRAPHQL_URL,
            NEXT_TELEMETRY_DISABLED: "1",
          },
          url: WEB_ORIGIN,
          reuseExistingServer: false,
          // The first run builds the web app.
          timeout: 240_000,
          gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
        },
      ]
    : [],
});
