// Compiles the API to one JavaScript file (apps/api/dist/main.mjs) unless a build newer than every
// source it bundles exists. The workspace packages (@latchkey/core, db, catalog: TypeScript and
// JSON) are bundled; every other package stays a plain import from node_modules. Files the API
// reads at run time next to its sources (the modules' schema.graphql, db's migrations) are found
// through each bundled file's own location: its `import.meta.url` becomes its source file's URL,
// written relative to the bundle, so the build keeps working when the checkout moves.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { isFresh } from "./build-freshness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const apiBundle = path.join(root, "apps/api/dist/main.mjs");
const sources = ["apps/api/src", "packages/core/src", "packages/db/src", "packages/catalog", "scripts/ensure-api-build.mjs", "package-lock.json"].map((p) => path.join(root, p));
const skip = new Set(["node_modules", "dist", "generated-tests"]);

export function apiBuildIsFresh() {
  return isFresh(apiBundle, sources, (entry) => skip.has(entry) || entry.endsWith(".test.ts"));
}

/**
 * A deep import into a package without an `exports` map ("graphql/execution/values") names its
 * file as Node's ES module loader needs it ("graphql/execution/values.js"); others stay as written.
 */
function esmSpecifier(specifier, resolveDir) {
  const parts = specifier.split("/");
  const nameLength = specifier.startsWith("@") ? 2 : 1;
  if (specifier.startsWith("node:") || parts.length <= nameLength) return specifier;
  const name = parts.slice(0, nameLength).join("/");
  const require = createRequire(path.join(resolveDir, "index.js"));
  let manifest;
  try {
    manifest = require.resolve(`${name}/package.json`);
  } catch {
    return specifier; // an exports map that hides package.json: Node resolves the import by it
  }
  if (JSON.parse(readFileSync(manifest, "utf8")).exports) return specifier;
  return `${name}/${path.relative(path.dirname(manifest), require.resolve(specifier)).split(path.sep).join("/")}`;
}

/**
 * Workspace packages and relative imports are bundled; any other bare import is left to Node.
 * `import.meta.url` in a bundled file becomes that source file's URL, relative to `outfile`.
 */
const workspaceOnly = (outfile) => ({
  name: "workspace-only",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith("@latchkey/") ? undefined : { path: esmSpecifier(args.path, args.resolveDir), external: true },
    );
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      if (!source.includes("import.meta.url")) return { contents: source, loader: "ts" };
      const relative = path.relative(path.dirname(outfile), args.path).split(path.sep).join("/");
      return { contents: source.replaceAll("import.meta.url", `new URL(${JSON.stringify(relative)}, import.meta.url).href`), loader: "ts" };
    });
  },
});

/** Compiles one TypeScript entry point and what it imports from this repository to one ES module. */
export async function compileBundle(entry, outfile) {
  const { build } = await import("esbuild");
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    logLevel: "warning",
    plugins: [workspaceOnly(outfile)],
    // Some bundled code may still call require() (CommonJS interop of external packages).
    banner: { js: 'import { createRequire as __latchkeyCreateRequire } from "node:module"; const require = __latchkeyCreateRequire(import.meta.url);' },
  });
}

export async function ensureApiBuild({ force = false } = {}) {
  if (!force && apiBuildIsFresh()) return false;
  await compileBundle(path.join(root, "apps/api/src/main.ts"), apiBundle);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  // No top-level await: the bench (CommonJS through tsx) requires this module.
  void ensureApiBuild({ force: process.argv.includes("--force") }).then((built) =>
    console.log(built ? `API compiled to ${path.relative(root, apiBundle)} in ${Math.round(performance.now() - started)} ms` : "API build is fresh"),
  );
}
