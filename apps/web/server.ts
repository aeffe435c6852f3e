// The web app's HTTP server (`npm start` and the e2e suite run it compiled, by
// scripts/ensure-web-build.mjs, as .next/latchkey/server.mjs): Next.js's request
// handler behind a plain Node server that first sets the forwarding headers from the connection
// it accepted (lib/client-address.ts). `next start` passes a browser's own X-Forwarded-For on
// (Next.js only fills it when missing), and the API trusts this server's word.
//   node apps/web/.next/latchkey/server.mjs [-p <port>] [-H <hostname>]   (tsx server.ts in development)
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import next from "next";

import { ConfigurationError, getEnv, type Env } from "./env";
import { REQUESTED_PATH_HEADER, setForwardedHeaders } from "./lib/client-address";

const { values: args } = parseArgs({
  options: { port: { type: "string", short: "p", default: "3000" }, hostname: { type: "string", short: "H" } },
});
const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid port: ${args.port}`);
  process.exit(1);
}

let env: Env;
try {
  env = getEnv();
} catch (error) {
  if (!(error instanceof ConfigurationError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const app = next({ dir: path.dirname(fileURLToPath(import.meta.url)), dev: false, hostname: args.hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  setForwardedHeaders(req.headers, { remoteAddress: req.socket.remoteAddress, encrypted: "encrypted" in req.socket }, env.LATCHKEY_WEB_TRUSTED_PROXIES);
  // The page asked for, for the way back after sign-in (lib/api.ts); always this server's word.
  if (req.method === "GET" && req.url && !req.headers.rsc) req.headers[REQUESTED_PATH_HEADER] = req.url;
  else delete req.headers[REQUESTED_PATH_HEADER];
  void handle(req, res);
});
server.listen(port, args.hostname, () => console.log(`Ready: the web app listens on http://${args.hostname ?? "localhost"}:${port}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
