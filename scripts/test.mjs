// `npm test`: every check, in order; stops at the first failing step and closes with a count.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureInstall } from "./ensure-install.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
ensureInstall();
const reports = path.join(root, "node_modules/.cache/latchkey-test");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const jestReport = path.join(reports, "jest.json");
const e2eReport = path.join(reports, "playwright.json");

const steps = [
  ["generated code is up to date", "npx", ["graphql-codegen", "--config", "codegen.ts", "--check", "--silent"]],
  ["typecheck", "npm", ["run", "typecheck", "--silent"]],
  ["lint", "npm", ["run", "lint", "--silent"]],
  ["unit and integration tests (Jest)", "npx", ["jest", "--json", `--outputFile=${jestReport}`]],
  ["end-to-end tests (Playwright, Chromium)", "npm", ["run", "test:e2e", "--silent"], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport }],
];

const database = process.env.DATABASE_URL ? `PostgreSQL (${new URL(process.env.DATABASE_URL).host})` : "PGlite";
console.log(`Latchkey tests against ${database}\n`);

function counts() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (existsSync(jestReport)) {
    const jest = JSON.parse(readFileSync(jestReport, "utf8"));
    passed += jest.numPassedTests;
    failed += jest.numFailedTests;
    skipped += jest.numPendingTests + jest.numTodoTests;
  }
  if (existsSync(e2eReport)) {
    const { stats } = JSON.parse(readFileSync(e2eReport, "utf8"));
    passed += stats.expected ?? 0;
    failed += (stats.unexpected ?? 0) + (stats.flaky ?? 0);
    skipped += stats.skipped ?? 0;
  }
  return { passed, failed, skipped };
}

let failedStep;
for (const [title, command, args, extraEnv] of steps) {
  console.log(`\n=== ${title} ===`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...extraEnv } });
  if (result.status !== 0) {
    failedStep = title;
    break;
  }
}

const { passed, failed, skipped } = counts();
console.log(`\n${failedStep ? `FAILED at: ${failedStep}` : "All checks passed."}`);
console.log(`${passed} passed, ${failedStep && failed === 0 ? 1 : failed} failed, ${skipped} skipped`);
process.exit(failedStep ? 1 : 0);
