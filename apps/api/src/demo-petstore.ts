import type { IncomingMessage, ServerResponse } from "node:http";

/** The API key the demo Petstore accepts, so the product verifies something offline. */
export const DEMO_PETSTORE_KEY = "secret";
export const DEMO_PETSTORE_PREFIX = "/demo/petstore/v2";

/** A tiny stand-in for the public Petstore: GET /user/me answers 200 for `api_key: secret`. */
export function handleDemoPetstore(req: IncomingMessage, res: ServerResponse, pathname: string): void {
  const route = pathname.slice(DEMO_PETSTORE_PREFIX.length);
  res.setHeader("content-type", "application/json");
  if (route !== "/user/me") {
    res.writeHead(404).end(JSON.stringify({ code: 404, message: "Not found" }));
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD" }).end(JSON.stringify({ code: 405, message: "Method not allowed" }));
    return;
  }
  if (req.headers["api_key"] !== DEMO_PETSTORE_KEY) {
    res.writeHead(401).end(JSON.stringify({ code: 401, message: "Invalid API key" }));
    return;
  }
  res.writeHead(200).end(JSON.stringify({ id: 1, username: "demo", email: "demo@petstore.example" }));
}
