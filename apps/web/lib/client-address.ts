// Who the browser is, as the web server passes it on to the API (the audit log's address, the
// per-address sign-in limit, Secure cookies). Used by server.ts before Next.js sees a request.
import type { IncomingHttpHeaders } from "node:http";
import { isIP } from "node:net";

/** An address as the socket or a proxy writes it; IPv4-mapped IPv6 (::ffff:10.0.0.1) as its IPv4. */
function normalise(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped ? mapped[1]! : address).toLowerCase();
}

/** Parses LATCHKEY_WEB_TRUSTED_PROXIES: comma-separated IP addresses; throws naming a bad entry. */
export function parseTrustedProxies(text: string): ReadonlySet<string> {
  const entries = text.split(",").map((a) => a.trim()).filter(Boolean);
  const bad = entries.find((entry) => isIP(entry) === 0);
  if (bad !== undefined) throw new Error(`"${bad}" is not an IP address`);
  return new Set(entries.map(normalise));
}

const isTrusted = (address: string, trusted: ReadonlySet<string>) => trusted.has(normalise(address));

function headerList(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(",") : (value ?? "");
  return joined.split(",").map((part) => part.trim()).filter(Boolean);
}

export interface Connection {
  /** The peer of the accepted socket (req.socket.remoteAddress). */
  remoteAddress: string | undefined;
  /** Whether the socket is TLS. */
  encrypted: boolean;
}

/**
 * Sets the forwarding headers of a request from the connection the web server accepted, in place.
 * The client's own X-Forwarded-* headers are dropped, unless the peer is one of `trustedProxies`
 * (LATCHKEY_WEB_TRUSTED_PROXIES, default none): then the peer is appended to the incoming
 * X-Forwarded-For chain and trusted proxies are taken off its end, so its last entry is the first
 * address no trusted proxy vouches for. The API believes the last entry (it trusts this server),
 * so a browser can never put an address of its choosing there. Next.js only fills these headers
 * when they are missing (`??=`), so what is set here is what the app and the API see.
 */
export function setForwardedHeaders(headers: IncomingHttpHeaders, connection: Connection, trustedProxies: ReadonlySet<string>): void {
  const peer = connection.remoteAddress;
  const trusted = peer !== undefined && isTrusted(peer, trustedProxies);
  const chain = trusted ? headerList(headers["x-forwarded-for"]) : [];
  if (peer !== undefined) chain.push(peer);
  while (chain.length > 1 && isTrusted(chain.at(-1)!, trustedProxies)) chain.pop();
  const proto = trusted ? headerList(headers["x-forwarded-proto"]).at(-1) : undefined;
  if (!trusted) {
    for (const name of ["x-forwarded-host", "x-forwarded-port", "forwarded"]) delete headers[name];
  }
  if (chain.length > 0) headers["x-forwarded-for"] = chain.join(", ");
  else delete headers["x-forwarded-for"];
  headers["x-forwarded-proto"] = proto === "https" || proto === "http" ? proto : connection.encrypted ? "https" : "http";
}

/** Set by server.ts on every page request to the path asked for (a browser's own value is replaced or removed). */
export const REQUESTED_PATH_HEADER = "x-latchkey-requested-path";
