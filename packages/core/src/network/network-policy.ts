import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupAddress, LookupOneOptions } from "node:dns";
import type { LookupFunction } from "node:net";
import { Agent } from "undici";
import { embeddedIpv4, inCidr, parseCidr, parseIp, unbracket, type Cidr, type IpBytes } from "./ip-address";

/** One resolved address of a host name. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (default: the system resolver, like dns.lookup). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface NetworkPolicyOptions {
  /** Refuse private, loopback and shared ranges too (LATCHKEY_BLOCK_PRIVATE_NETWORKS). */
  blockPrivateNetworks?: boolean;
  /** Host names and CIDR ranges exempt from the private-range block (LATCHKEY_ALLOWED_HOSTS). */
  allowedHosts?: readonly string[];
  /** Replaces the system resolver (tests, or a deployment with its own DNS). */
  resolve?: HostResolver;
}

/**
 * The SSRF guard of every outgoing verification. A host is resolved once, every address it
 * resolves to is checked, and the connection goes to a checked address: nothing looks the name up
 * a second time, so a DNS answer that changes in between cannot slip a forbidden address in.
 */
export interface NetworkPolicy {
  /** Why a literal address (or a host name's address) is refused; undefined when allowed. */
  reasonToRefuse(address: string, hostname?: string): string | undefined;
  /**
   * Whether the address is in a private, loopback or shared range that this policy lets through
   * (LATCHKEY_BLOCK_PRIVATE_NETWORKS off, or the host or range on the allow-list). Webhook
   * endpoints may use plain `http` only then.
   */
  allowsPrivate(address: string, hostname?: string): boolean;
  /** Resolves and checks a host: the address to connect to. Rejects with BlockedTargetError or the resolver's error. */
  resolveTarget(hostname: string): Promise<ResolvedAddress>;
  /** A dns.lookup-compatible function for `http.request`, `net.connect` and undici's `connect.lookup`. */
  lookup: LookupFunction;
  /** Throws BlockedTargetError when the URL's host is a refused literal address (net.connect skips lookup for those). */
  assertUrlAllowed(url: URL): void;
  /** `fetch` through this policy: every connection checked, redirects never followed. */
  fetch: typeof fetch;
  /** Closes the pooled connections of `fetch`. */
  close(): Promise<void>;
}

/** A target the network policy refuses; no packet was sent to it. */
export class BlockedTargetError extends Error {
  override name = "BlockedTargetError";
  readonly code = BLOCKED_TARGET_CODE;
  constructor(
    readonly host: string,
    readonly address: string,
    readonly reason: string,
  ) {
    super(`${host === address ? address : `${host} (${address})`} is not allowed by the network policy: ${reason}`);
  }
}

export const BLOCKED_TARGET_CODE = "LATCHKEY_BLOCKED_TARGET";

/** Finds a BlockedTargetError in an error or its `cause` chain (fetch wraps connection errors). */
export function findBlockedTarget(error: unknown): BlockedTargetError | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof BlockedTargetError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

interface Range {
  cidr: Cidr;
  reason: string;
}

const range = (text: string, reason: string): Range => ({ cidr: parseCidr(text)!, reason });

/** Refused whatever the configuration says. */
const ALWAYS_REFUSED: Range[] = [
  range("0.0.0.0/8", "0.0.0.0/8 is the unspecified \"this network\" range"),
  range("169.254.0.0/16", "169.254.0.0/16 is link-local, where cloud metadata services answer"),
  range("224.0.0.0/4", "224.0.0.0/4 is multicast"),
  range("240.0.0.0/4", "240.0.0.0/4 is reserved (and holds the broadcast address)"),
  range("::/128", ":: is the unspecified address"),
  range("fe80::/10", "fe80::/10 is link-local, where cloud metadata services answer"),
  range("ff00::/8", "ff00::/8 is multicast"),
];

/** Refused when LATCHKEY_BLOCK_PRIVATE_NETWORKS is on, unless the allow-list names the host or range. */
const PRIVATE: Range[] = [
  range("127.0.0.0/8", "127.0.0.0/8 is loopback"),
  range("10.0.0.0/8", "10.0.0.0/8 is a private network"),
  range("172.16.0.0/12", "172.16.0.0/12 is a private network"),
  range("192.168.0.0/16", "192.168.0.0/16 is a private network"),
  range("100.64.0.0/10", "100.64.0.0/10 is shared (carrier-grade NAT) address space"),
  range("::1/128", "::1 is loopback"),
  range("fc00::/7", "fc00::/7 is a unique local (private) network"),
  range("fec0::/10", "fec0::/10 is site-local (private)"),
];

export interface AllowedHosts {
  hostnames: Set<string>;
  ranges: Cidr[];
}

/** Parses LATCHKEY_ALLOWED_HOSTS: comma-separated host names and CIDR ranges; the bad entry on error. */
export function parseAllowedHosts(entries: readonly string[]): { ok: true; allowed: AllowedHosts } | { ok: false; entry: string } {
  const allowed: AllowedHosts = { hostnames: new Set(), ranges: [] };
  for (const raw of entries.map((entry) => entry.trim()).filter(Boolean)) {
    const cidr = parseCidr(raw);
    if (cidr) allowed.ranges.push(cidr);
    else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(raw)) allowed.hostnames.add(normalizeHost(raw));
    else return { ok: false, entry: raw };
  }
  return { ok: true, allowed };
}

const systemResolver: HostResolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => ({
    address: entry.address,
    family: entry.family === 6 ? 6 : 4,
  }));

export function createNetworkPolicy(options: NetworkPolicyOptions = {}): NetworkPolicy {
  const parsed = parseAllowedHosts(options.allowedHosts ?? []);
  if (!parsed.ok) throw new Error(`Not a host name or CIDR range: "${parsed.entry}"`);
  const allowed = parsed.allowed;
  const resolve = options.resolve ?? systemResolver;
  const blockPrivate = options.blockPrivateNetworks ?? false;

  const reasonToRefuse = (address: string, hostname?: string): string | undefined => {
    const ip = parseIp(address);
    if (!ip) return `${address} is not an IP address`;
    const candidates: IpBytes[] = [ip];
    const v4 = embeddedIpv4(ip);
    if (v4) candidates.push(v4);
    for (const candidate of candidates) {
      const always = ALWAYS_REFUSED.find((r) => inCidr(candidate, r.cidr));
      if (always) return always.reason;
    }
    if (!blockPrivate) return undefined;
    if (hostname !== undefined && allowed.hostnames.has(normalizeHost(hostname))) return undefined;
    if (candidates.some((candidate) => allowed.ranges.some((cidr) => inCidr(candidate, cidr)))) return undefined;
    for (const candidate of candidates) {
      const blocked = PRIVATE.find((r) => inCidr(candidate, r.cidr));
      if (blocked) return `${blocked.reason}, and LATCHKEY_BLOCK_PRIVATE_NETWORKS is on`;
    }
    return undefined;
  };

  /** Every address of the host, each checked; the first refused one fails the whole host. */
  const resolveChecked = async (hostname: string): Promise<ResolvedAddress[]> => {
    const host = unbracket(hostname);
    const literal = parseIp(host);
    const addresses: ResolvedAddress[] = literal ? [{ address: host, family: literal.family }] : await resolve(host);
    for (const { address } of addresses) {
      const reason = reasonToRefuse(address, literal ? undefined : host);
      if (reason) throw new BlockedTargetError(host, address, reason);
    }
    if (addresses.length === 0) throw Object.assign(new Error(`${host} has no address`), { code: "ENOTFOUND" });
    return addresses;
  };

  const createLookup = (onBlocked?: (error: BlockedTargetError) => void) =>
    ((hostname: string, lookupOptions: LookupOneOptions | number | undefined, callback: LookupCallback) => {
      const opts = typeof lookupOptions === "number" ? { family: lookupOptions } : (lookupOptions ?? {});
      const cb = (typeof lookupOptions === "function" ? lookupOptions : callback) as LookupCallback;
      resolveChecked(hostname).then(
        (addresses) => {
          const family = opts.family === 4 || opts.family === 6 ? opts.family : undefined;
          const usable = family ? addresses.filter((a) => a.family === family) : addresses;
          if (usable.length === 0) {
            cb(Object.assign(new Error(`${hostname} has no IPv${family} address`), { code: "ENOTFOUND" }), "", 0);
          } else if ((opts as { all?: boolean }).all) {
            cb(null, usable as LookupAddress[]);
          } else {
            cb(null, usable[0]!.address, usable[0]!.family);
          }
        },
        (error: Error) => {
          if (error instanceof BlockedTargetError) onBlocked?.(error);
          cb(error, "", 0);
        },
      );
    }) as LookupFunction;

  const assertUrlAllowed = (url: URL) => {
    const host = unbracket(url.hostname);
    if (!parseIp(host)) return;
    const reason = reasonToRefuse(host);
    if (reason) throw new BlockedTargetError(host, host, reason);
  };

  // fetch may hand a connection error on as a copy (undici re-wraps errors of another realm,
  // e.g. under Jest): the refusals of its lookup are kept by host, so fetch rethrows the original.
  const refusedByFetch = new Map<string, BlockedTargetError>();
  const agent = new Agent({ connect: { lookup: createLookup((error) => refusedByFetch.set(error.host, error)) } });
  const guardedFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input);
    assertUrlAllowed(url);
    const host = unbracket(url.hostname);
    refusedByFetch.delete(host);
    try {
      // Node's fetch is undici: the dispatcher's lookup checks every name it connects to.
      return await fetch(input, { ...init, redirect: "manual", dispatcher: agent } as RequestInit);
    } catch (error) {
      const refused = refusedByFetch.get(host);
      refusedByFetch.delete(host);
      throw refused ?? error;
    }
  }) as typeof fetch;

  const allowsPrivate = (address: string, hostname?: string): boolean => {
    const ip = parseIp(address);
    if (!ip || reasonToRefuse(address, hostname)) return false;
    const v4 = embeddedIpv4(ip);
    return [ip, ...(v4 ? [v4] : [])].some((candidate) => PRIVATE.some((r) => inCidr(candidate, r.cidr)));
  };

  return {
    reasonToRefuse,
    allowsPrivate,
    resolveTarget: async (hostname) => (await resolveChecked(hostname))[0]!,
    lookup: createLookup(),
    assertUrlAllowed,
    fetch: guardedFetch,
    close: () => agent.close(),
  };
}

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

function normalizeHost(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, "");
}
