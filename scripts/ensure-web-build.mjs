// Builds the web app (production) unless a build newer than every source it depends on exists.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isFresh } from "./build-freshness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildId = path.join(root, "apps/web/.next/BUILD_ID");
const sources = ["apps/web", "packages/sdk/src"].map((p) => path.join(root, p));
const skip = new Set(["node_modules", ".next", "test-results"]);

export function webBuildIsFresh() {
  return isFresh(buildId, sources, (entry) => skip.has(entry));
}

export function ensureWebBuild() {
  if (webBuildIsFresh()) return;
  console.log("Building the web app (production build; this takes a minute the first time)...");
  const result = spawnSync("npm", ["run", "build", "--workspace", "@latchkey/web"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) {
    console.error("The web app failed to build.");
    process.exit(result.status ?? 1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureWebBuild();
