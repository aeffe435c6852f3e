import { maintenanceOf, type TableState } from "./pglite-maintenance";

/** autovacuum's default thresholds, applied to what PGlite keeps (see pglite-maintenance.ts). */
const table = (state: Partial<TableState>): TableState => ({
  name: "credentials",
  reltuples: 10_000,
  relpages: 700,
  pages: 700,
  hasStatistics: true,
  modified: 0,
  dead: 0,
  ...state,
});

test("a table with rows but no statistics is analyzed; an empty one is left alone", () => {
  expect(maintenanceOf(table({ reltuples: -1, relpages: 0, hasStatistics: false }))).toBe("analyze");
  expect(maintenanceOf(table({ hasStatistics: false }))).toBe("analyze");
  expect(maintenanceOf(table({ reltuples: -1, relpages: 0, pages: 0, hasStatistics: false }))).toBe("none");
});

test("a table whose size moved by more than a tenth since its statistics is analyzed (the counters do not survive a restart)", () => {
  expect(maintenanceOf(table({ pages: 760 }))).toBe("none");
  expect(maintenanceOf(table({ pages: 780 }))).toBe("analyze");
  expect(maintenanceOf(table({ pages: 600 }))).toBe("analyze");
});

test("changed rows past 50 + 10 % analyze, dead rows past 50 + 20 % vacuum", () => {
  expect(maintenanceOf(table({ modified: 1_050 }))).toBe("none");
  expect(maintenanceOf(table({ modified: 1_051 }))).toBe("analyze");
  expect(maintenanceOf(table({ modified: 3_000, dead: 2_050 }))).toBe("analyze");
  expect(maintenanceOf(table({ modified: 3_000, dead: 2_051 }))).toBe("vacuum");
});
