import type { ServerResponse } from "node:http";

/**
 * Headers every API response carries, whatever answers it (GraphQL, health, the OAuth2 callback,
 * the demo Petstore, a 404): never shown in a frame (clickjacking), never MIME-sniffed into
 * something else, and no Referer sent from it. The web app sets its own (apps/web/next.config.ts).
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-frame-options": "DENY",
  "content-security-policy": "frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) res.setHeader(name, value);
}
