import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, databaseEnv, runScriptJson } from "./harness";

type Counts = { w: string; total: number; active: number }[];
interface Report {
  afterInsert: { stored: Counts; counted: Counts };
  afterChanges: { stored: Counts; counted: Counts };
  totals: Record<string, number>;
  afterWorkspaceDeleted: { stored: Counts; counted: Counts };
  other: string;
}

/**
 * The flows list's totalCount comes from counts the flows' trigger keeps (migration 0020), not from
 * counting the rows. They must follow every insert, status change and delete, also the cascade of a
 * deleted workspace. On the database the suite runs on (PGlite, or PostgreSQL with DATABASE_URL).
 */
test("each workspace's flow counts follow its flows through inserts, status changes, deletes and a deleted workspace", async () => {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-flow-counts-"));
  try {
    const report = await runScriptJson<Report>(path.join(__dirname, "support/flow-counts.ts"), databaseEnv(dataDir, database.url));
    for (const stage of [report.afterInsert, report.afterChanges, report.afterWorkspaceDeleted]) expect(stage.stored).toEqual(stage.counted);
    // 30 flows with 10 ACTIVE; then 2 activated, 1 deactivated, 1 unchanged, 2 deleted (Counted 6 was ACTIVE).
    expect(report.totals).toEqual({ null: 28, ACTIVE: 10, INACTIVE: 18 });
    expect(report.afterInsert.stored.find((c) => c.w === report.other)).toEqual({ w: report.other, total: 5, active: 5 });
    expect(report.afterWorkspaceDeleted.stored.map((c) => c.w)).not.toContain(report.other);
  } finally {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
