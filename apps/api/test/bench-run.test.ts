// `npm run bench` itself, at a size that runs in about a minute: every case must still answer what
// it checks, without errors, and land in the results file. The figures are not judged here (speed
// is never a test assertion); this keeps the bench able to measure them.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runScript } from "./harness";

const root = path.resolve(__dirname, "../../..");

interface MeasuredCase {
  case: string;
  requests: number;
  errors: number;
  non2xx: number;
  statementsPerRequest: number;
}

function expectMeasured(c: MeasuredCase | undefined, name: string): void {
  expect(c).toMatchObject({ case: expect.stringContaining(name), errors: 0, non2xx: 0 });
  expect(c!.requests).toBeGreaterThan(0);
}

test("npm run bench measures every case (small sizes, one short round) and writes its results", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "latchkey-bench-run-"));
  const resultsFile = path.join(dir, "results.json");
  try {
    const env: Record<string, string> = {
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
      // A scale whose deep page (at 90%) is still a full page of 50, and more flows than case 3's 50.
      BENCH_SCALES: "600",
      BENCH_FLOWS: "100",
      BENCH_REVERIFY: "20",
      BENCH_LIST_SIZES: "60:300,120:600",
      BENCH_RESTART_WORKSPACES: "3",
      BENCH_NPM_START: "0",
      BENCH_WEBHOOK_EVENTS: "20",
      BENCH_WEBHOOK_CHANGES: "5",
      BENCH_DURATION: "1",
      BENCH_ROUNDS: "1",
      BENCH_WARMUP: "0",
      BENCH_RESULTS: resultsFile,
    };
    // Fails with the bench's output if it exits with an error.
    const output = await runScript(path.join(root, "bench/bench.ts"), env);
    expect(output).toContain("Latchkey bench:");

    const results = JSON.parse(readFileSync(resultsFile, "utf8"));
    expect(results.database).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
    const [scale] = results.scales;
    for (const name of ["1a", "5a", "1b", "5b", "2 ", "3 ", "4 "]) expectMeasured(scale.cases.find((c: MeasuredCase) => c.case.startsWith(name)), name);
    // A page costs the same statements at 10, 50 and 200 items (about three: count, page, components).
    expect(Object.values(scale.statementsPerRequestByPageSize).every((n) => (n as number) <= 4)).toBe(true);
    expect(scale.reverify).toMatchObject({ credentials: 20, allValid: true });
    const ratios = results.summary.case1OverCase5["600"];
    for (const key of ["firstPage", "deepPage", "firstPagePaired", "deepPagePaired", "firstPageByApiCpu", "deepPageByApiCpu"]) expect(ratios[key]).toBeGreaterThan(0);

    expect(results.lists.sizes).toHaveLength(2);
    for (const size of results.lists.sizes) {
      expectMeasured(size.flowsCase, "7 flows");
      expectMeasured(size.auditCase, "8 audit history");
      expect(size.rssAfterMiB).toBeGreaterThan(0);
    }

    for (const name of ["10a", "10b", "10c", "11a", "11b"]) expectMeasured(results.hotPaths.cases.find((c: MeasuredCase) => c.case.startsWith(name)), name);
    expect(results.hotPaths.resolveOverFloorPaired).toBeGreaterThan(0);
    expect(results.hotPaths.restart).toMatchObject({ workspaces: 3, oneWorkspaceMs: expect.any(Number), manyWorkspacesMs: expect.any(Number) });

    expect(results.webhooks).toMatchObject({ events: 20, statusChanges: 5 });
    expect(results.webhooks.deliveredPerSecond).toBeGreaterThan(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);
