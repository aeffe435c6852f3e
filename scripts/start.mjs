// `npm start`: builds the web app and compiles the API when needed, then runs both together
// (the API as compiled JavaScript; tsx is for development and tests).
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { apiBundle, ensureApiBuild } from "./ensure-api-build.mjs";
import { ensureWebBuild, webServerBundle } from "./ensure-web-build.mjs";
import { ensureInstall } from "./ensure-install.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const apiPort = process.env.PORT || "4000";
const webPort = process.env.WEB_PORT || "3000";

ensureInstall();
if (await ensureApiBuild()) console.log("Compiled the API.");
await ensureWebBuild();

const env = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
const children = [];
let stopping = false;

function run(name, command, args, extraEnv, readyPattern) {
  const child = spawn(command, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  const ready = new Promise((resolve) => {
    child.stdout.on("data", (chunk) => {
      const text = chunk.toString();
      process.stdout.write(text.replace(/^(?=.)/gm, `[${name}] `));
      if (readyPattern.test(text)) resolve();
    });
  });
  child.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`[${name}] exited (${signal ?? code}); stopping Latchkey.`);
    stop(code || 1);
  });
  return ready;
}

function stop(code = 0) {
  stopping = true;
  // Each child bounds its own shutdown (the API closes its database within 10 s); wait for them.
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null))).then(() =>
    process.exit(code),
  );
}

process.once("SIGINT", () => stop(0));
process.once("SIGTERM", () => stop(0));

const apiReady = run("api", process.execPath, ["--enable-source-maps", apiBundle], { PORT: apiPort }, /listening on/);
await apiReady;
const webReady = run(
  "web",
  process.execPath,
  // Next.js behind the web app's own server, which sets X-Forwarded-For from the connection
  // (apps/web/server.ts, compiled like the API).
  ["--enable-source-maps", webServerBundle, "-p", webPort],
  { LATCHKEY_API_URL: `http://127.0.0.1:${apiPort}/graphql` },
  /Ready|started server|Local:/i,
);
await webReady;
console.log(`
  Latchkey is running.
    Web UI:      http://localhost:${webPort}
    GraphQL API: http://localhost:${apiPort}/graphql
  First start: the web UI asks for the first owner (name, email, password); sign in after that.
  Press Ctrl+C to stop.
`);
