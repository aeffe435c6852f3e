// Builds the package into dist/ (npm run build; npm pack runs it as prepack) with tsc, twice and at
// once: ES modules with their declarations (dist/esm), and CommonJS (dist/cjs), which gets a copy
// of the same declarations. The sources import each other with .ts extensions; tsc rewrites them
// to .js in the JavaScript, and this script in the declarations.
import { spawn } from "node:child_process";
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const dist = path.join(packageDir, "dist");

function compile(outDir, options) {
  const args = [tsc, "-p", path.join(packageDir, "tsconfig.build.json"), "--outDir", path.join(dist, outDir), ...options];
  const child = spawn(process.execPath, args, { stdio: "inherit" });
  return new Promise((resolve, reject) =>
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`tsc (${outDir}) exited with ${code}`)))),
  );
}

/** Every .d.ts below `dir`, its relative imports of `./x.ts` rewritten to `./x.js`. */
function rewriteDeclarations(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".d.ts")) continue;
    const file = path.join(entry.parentPath, entry.name);
    const source = readFileSync(file, "utf8");
    writeFileSync(file, source.replace(/((?:from|import)\s*\(?\s*)(["'])(\.{1,2}\/[^"']+)\.ts\2/g, "$1$2$3.js$2"));
  }
}

rmSync(dist, { recursive: true, force: true });
try {
  await Promise.all([compile("esm", []), compile("cjs", ["--module", "CommonJS", "--moduleResolution", "Node10", "--declaration", "false"])]);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
rewriteDeclarations(path.join(dist, "esm"));
cpSync(path.join(dist, "esm"), path.join(dist, "cjs"), { recursive: true, filter: (source) => !source.endsWith(".js") });
// The package is "type": "module"; the .js and .d.ts files of this folder are CommonJS.
writeFileSync(path.join(dist, "cjs", "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
