// Builds the web app (production) unless a build newer than every source it depends on exists,
// and compiles its HTTP server (apps/web/server.ts) to JavaScript next to the build
// (apps/web/.next/latchkey/server.mjs), so `npm start` and the e2e suite run it without tsx.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isFresh } from "./build-freshness.mjs";
import { compileBundle } from "./ensure-api-build.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildId = path.join(root, "apps/web/.next/BUILD_ID");
export const webServerBundle = path.join(root, "apps/web/.next/latchkey/server.mjs");
const sources = ["apps/web", "packages/sdk/src"].map((p) => path.join(root, p));
const skip = new Set(["node_modules", ".next", "test-results"]);
const serverSources = ["apps/web", "scripts/ensure-web-build.mjs", "scripts/ensure-api-build.mjs"].map((p) => path.join(root, p));

const fresh = (output, from) => isFresh(output, from, (entry) => skip.has(entry));

/** Builds what is stale; resolves once the Next.js build and the compiled server are both fresh. */
export async function ensureWebBuild() {
  if (!fresh(buildId, sources)) {
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
  // After `next build`, which empties .next; the server's freshness is its own (it may change alone).
  if (!fresh(webServerBundle, serverSources)) {
    await compileBundle(path.join(root, "apps/web/server.ts"), webServerBundle);
  }
}

// No top-level await: the bench (CommonJS through tsx) requires this module.
if (process.argv[1] === fileURLToPath(import.meta.url)) void ensureWebBuild();
