import { isIP } from "node:net";

/** An IP address as bytes: 4 for IPv4, 16 for IPv6. */
export interface IpBytes {
  family: 4 | 6;
  bytes: number[];
}

/** A host without the brackets of an IPv6 literal ("[::1]" → "::1"); anything else unchanged. */
export function unbracket(host: string): string {
  return host.replace(/^\[(.*)\]$/, "$1");
}

/** Parses a literal IPv4 or IPv6 address (brackets and an IPv6 zone id allowed); undefined for anything else. */
export function parseIp(text: string): IpBytes | undefined {
  const address = unbracket(text).replace(/%.*$/, "");
  const family = isIP(address);
  if (family === 4) return { family: 4, bytes: address.split(".").map(Number) };
  if (family !== 6) return undefined;
  // A trailing dotted quad (::ffff:1.2.3.4) becomes the two hex groups it stands for.
  const hex = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) =>
    [(Number(a) << 8) | Number(b), (Number(c) << 8) | Number(d)].map((group) => group.toString(16)).join(":"),
  );
  const [left = "", right] = hex.split("::");
  const groups = (part: string | undefined) => (part ? part.split(":").map((group) => parseInt(group, 16)) : []);
  const leftGroups = groups(left);
  const rightGroups = groups(right);
  const zeros = right === undefined ? [] : new Array<number>(8 - leftGroups.length - rightGroups.length).fill(0);
  const bytes = [...leftGroups, ...zeros, ...rightGroups].flatMap((group) => [group >> 8, group & 0xff]);
  return bytes.length === 16 ? { family: 6, bytes } : undefined;
}

/**
 * The IPv4 address an IPv6 address stands for when it embeds one: IPv4-mapped (::ffff:a.b.c.d),
 * IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) forms reach, or may reach, that IPv4 host.
 */
export function embeddedIpv4(ip: IpBytes): IpBytes | undefined {
  if (ip.family !== 6) return undefined;
  const b = ip.bytes;
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const v4 = { family: 4 as const, bytes: b.slice(12) };
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return v4;
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return v4;
  // ::a.b.c.d, but not :: (unspecified) or ::1 (loopback), which are IPv6 addresses of their own.
  if (zeros(0, 12) && !zeros(12, 15)) return v4;
  return undefined;
}

export interface Cidr {
  family: 4 | 6;
  bytes: number[];
  prefix: number;
}

/** Parses "a.b.c.d/n", "x::y/n" or a bare address (a /32 or /128). */
export function parseCidr(text: string): Cidr | undefined {
  const [address, prefixText, extra] = text.trim().split("/");
  if (extra !== undefined || address === undefined) return undefined;
  const ip = parseIp(address);
  if (!ip) return undefined;
  const max = ip.family === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return undefined;
  return { ...ip, prefix };
}

export function inCidr(ip: IpBytes, cidr: Cidr): boolean {
  if (ip.family !== cidr.family) return false;
  for (let bit = 0; bit < cidr.prefix; bit += 8) {
    const bits = Math.min(8, cidr.prefix - bit);
    const mask = (0xff << (8 - bits)) & 0xff;
    if ((ip.bytes[bit / 8]! & mask) !== (cidr.bytes[bit / 8]! & mask)) return false;
  }
  return true;
}
