import { limitHeapGrowth } from "./heap";

describe("limitHeapGrowth", () => {
  const execArgv = process.execArgv;
  afterEach(() => {
    process.execArgv = execArgv;
  });

  test("sets V8's heap growth unless told 0, or node was given its own", () => {
    expect(limitHeapGrowth(0)).toBe(false);
    expect(limitHeapGrowth(100)).toBe(true);
    process.execArgv = [...execArgv, "--heap-growing-percent=50"];
    expect(limitHeapGrowth(100)).toBe(false);
  });
});
