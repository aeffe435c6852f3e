import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runScriptJson } from "./harness";

/**
 * PGlite has no autovacuum, so an embedded database never had planner statistics until the db
 * package analyzed its tables itself (packages/db/src/pglite-maintenance.ts): a credentials page
 * after a cursor became a bitmap scan of the whole workspace plus a sort, and lists slowed down as
 * the database grew. support/pglite-plans.ts fills a workspace by plain inserts (most credentials in
 * one component, named alike) and EXPLAINs the page statements the service sends, on PGlite.
 */
type Plans = Record<string, string[]>;
interface Report {
  before: { statisticsRows: number; plans: Plans };
  afterReopen: { statisticsRows: number; plans: Plans; nextRound: { analyzed: string[]; vacuumed: string[] } };
  afterUpdates: { round: { analyzed: string[]; vacuumed: string[] }; nextRound: { analyzed: string[]; vacuumed: string[] }; plans: Plans };
}

/** The pages whose plan sorts or scans more than the index's range. */
const notServedByIndex = (plans: Plans) =>
  Object.entries(plans)
    .filter(([, nodes]) => !nodes.some((n) => n.startsWith("Index Scan")) || nodes.some((n) => /^(Sort|Incremental Sort|Seq Scan on credentials|Bitmap)/.test(n)))
    .map(([page, nodes]) => `${page}: ${nodes.join(" > ")}`);

let report: Report;
const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-pglite-plans-"));

beforeAll(async () => {
  report = await runScriptJson<Report>(path.join(__dirname, "support/pglite-plans.ts"), { LATCHKEY_DATA_DIR: dataDir });
}, 180_000);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test("without statistics the page after a cursor sorts the whole workspace (what every PGlite database did)", () => {
  expect(report.before.statisticsRows).toBe(0);
  expect(report.before.plans["credentials after"]!.some((n) => n.startsWith("Sort"))).toBe(true);
});

test("reopening the database (the API's restart) analyzes the tables that grew: every page is served by its index", () => {
  expect(report.afterReopen.statisticsRows).toBeGreaterThan(0);
  expect(notServedByIndex(report.afterReopen.plans)).toEqual([]);
  // Nothing changed since the reopen: the next round has nothing to do.
  expect(report.afterReopen.nextRound).toEqual({ analyzed: [], vacuumed: [] });
});

test("in a running process, a round vacuums and analyzes a table after many updates, then rests", () => {
  expect(report.afterUpdates.round.vacuumed).toContain("credentials");
  expect(report.afterUpdates.nextRound).toEqual({ analyzed: [], vacuumed: [] });
  expect(notServedByIndex(report.afterUpdates.plans)).toEqual([]);
});

test("a maintenance round that fails does not stop the database opening or serving, and a later round does the work", async () => {
  const faultDir = mkdtempSync(path.join(tmpdir(), "latchkey-pglite-fault-"));
  try {
    const result = await runScriptJson<{ atOpen: { error?: string }; countAfterOpen: number; roundsFailed: number; clean?: { report: { analyzed: string[] } } }>(
      path.join(__dirname, "support/pglite-maintenance-failure.ts"),
      { LATCHKEY_DATA_DIR: faultDir },
    );
    expect(result.atOpen.error).toMatch(/analyze "probe"[\s\S]*No space left on device/);
    expect(result.countAfterOpen).toBe(500);
    expect(result.clean?.report.analyzed).toContain("probe");
  } finally {
    rmSync(faultDir, { recursive: true, force: true });
  }
}, 60_000);
