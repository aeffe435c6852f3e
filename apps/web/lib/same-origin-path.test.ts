import { describe, expect, test } from "@jest/globals";

import { sameOriginPath } from "./same-origin-path";

describe("sameOriginPath", () => {
  test.each([
    "/\\evil.example/phish",
    "/\t/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    "//evil.example",
    "///evil.example",
    "/%5Cevil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%E0%A4%A", // not decodable
    "http://evil.example/",
    "https:evil.example",
    "javascript:alert(1)",
    "evil.example",
    " /credentials",
    "/credentials\u0000",
    "/\u2028/evil.example".replace("\u2028", "\u0085"),
    "",
  ])("%j goes to /", (target) => {
    expect(sameOriginPath(target)).toBe("/");
  });

  test.each([
    ["/", "/"],
    ["/credentials", "/credentials"],
    ["/credentials/abc?tab=history#latest", "/credentials/abc?tab=history#latest"],
    ["/flows/../settings/members", "/settings/members"],
    ["/credentials?search=a%20b", "/credentials?search=a%20b"],
  ])("%j is kept as %j", (target, kept) => {
    expect(sameOriginPath(target)).toBe(kept);
  });

  test("a missing target and a chosen fallback", () => {
    expect(sameOriginPath(undefined)).toBe("/");
    expect(sameOriginPath(null, "/credentials")).toBe("/credentials");
    expect(sameOriginPath("//evil.example", "/credentials")).toBe("/credentials");
  });
});
