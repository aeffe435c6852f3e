// Builds the web app (production) unless a build newer than every source it depends on exists.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildId = path.join(root, "apps/web/.next/BUILD_ID");
const sources = ["apps/web", "packages/sdk/src"].map((p) => path.join(root, p));
const skip = new Set(["node_modules", ".next", "test-results"]);

function newestMtime(target) {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (!skip.has(entry)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

export function webBuildIsFresh() {
  if (!existsSync(buildId)) return false;
  const built = statSync(buildId).mtimeMs;
  return sources.every((s) => newestMtime(s) <= built);
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
