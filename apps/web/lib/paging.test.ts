import { describe, expect, test } from "@jest/globals";

import { hrefWith, pageVariables } from "./paging";

describe("pageVariables", () => {
  test("the first page without a cursor, the page after `after`, the page before `before`", () => {
    expect(pageVariables({})).toEqual({ first: 50, after: null, last: null, before: null });
    expect(pageVariables({ after: "c1", q: "x" })).toEqual({ first: 50, after: "c1", last: null, before: null });
    expect(pageVariables({ before: "c0" })).toEqual({ first: null, after: null, last: 50, before: "c0" });
  });

  test("a prefix names another list of the page; repeated or empty parameters are no cursor", () => {
    expect(pageVariables({ after: "c1", "usage-after": "u1" }, "usage-")).toEqual({ first: 50, after: "u1", last: null, before: null });
    expect(pageVariables({ after: ["a", "b"], before: "" })).toEqual({ first: 50, after: null, last: null, before: null });
  });
});

describe("hrefWith", () => {
  test("keeps every other parameter (search, filters) and replaces or removes the cursor", () => {
    expect(hrefWith({ q: "pet store", status: "VALID", before: "c0" }, { before: null, after: "c9" })).toBe("?q=pet+store&status=VALID&after=c9");
    expect(hrefWith({ tag: ["a", "b"] }, { after: "c" })).toBe("?tag=a&tag=b&after=c");
    expect(hrefWith({ after: "c" }, { after: null })).toBe("?");
  });
});
