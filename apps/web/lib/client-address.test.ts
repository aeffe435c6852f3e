import { describe, expect, test } from "@jest/globals";
import type { IncomingHttpHeaders } from "node:http";

import { parseTrustedProxies, setForwardedHeaders } from "./client-address";

const forwarded = (headers: IncomingHttpHeaders, remoteAddress: string | undefined, trusted = "", encrypted = false) => {
  const copy = { ...headers };
  setForwardedHeaders(copy, { remoteAddress, encrypted }, parseTrustedProxies(trusted));
  return { for: copy["x-forwarded-for"], proto: copy["x-forwarded-proto"], host: copy["x-forwarded-host"] };
};

describe("setForwardedHeaders", () => {
  test("a browser's own X-Forwarded-* headers are replaced by the connection's", () => {
    expect(forwarded({ "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https", "x-forwarded-host": "evil.example" }, "127.0.0.1")).toEqual({
      for: "127.0.0.1",
      proto: "http",
      host: undefined,
    });
    expect(forwarded({}, "::ffff:192.0.2.1", "", true)).toEqual({ for: "::ffff:192.0.2.1", proto: "https", host: undefined });
  });

  test("not even a trusted proxy's address makes an untrusted peer's chain believed", () => {
    expect(forwarded({ "x-forwarded-for": "203.0.113.9, 10.0.0.2" }, "192.0.2.7", "10.0.0.2").for).toBe("192.0.2.7");
  });

  test("behind a trusted proxy the chain is kept and ends with the address the proxies vouch for", () => {
    expect(forwarded({ "x-forwarded-for": "198.51.100.4", "x-forwarded-proto": "https", "x-forwarded-host": "latchkey.example" }, "10.0.0.2", "10.0.0.2")).toEqual({
      for: "198.51.100.4",
      proto: "https",
      host: "latchkey.example",
    });
    // A forged entry left of the real client stays left of it: the API reads the last entry.
    expect(forwarded({ "x-forwarded-for": "203.0.113.9, 198.51.100.4, 10.0.0.3" }, "::ffff:10.0.0.2", "10.0.0.2,10.0.0.3").for).toBe("203.0.113.9, 198.51.100.4");
    // The proxy calling on its own behalf.
    expect(forwarded({}, "10.0.0.2", "10.0.0.2").for).toBe("10.0.0.2");
  });

  test("the trusted proxies setting takes IP addresses only", () => {
    expect(() => parseTrustedProxies("10.0.0.1, proxy.internal")).toThrow(/"proxy.internal" is not an IP address/);
    expect([...parseTrustedProxies(" ::FFFF:10.0.0.1 ,::1")]).toEqual(["10.0.0.1", "::1"]);
  });
});
