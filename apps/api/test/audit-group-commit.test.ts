import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, databaseEnv, runScriptJson } from "./harness";

interface Round {
  statements: number;
  outcomes: ("recorded" | "refused")[];
  stored: string[];
}

/**
 * resolveCredential's audit rows go by group commit (AuditBatcher): one insert on its way at a
 * time, the rows that arrive meanwhile together in the next. Each caller is answered only once its
 * own row committed, and a bad row fails only its own caller. On the database the suite runs on.
 */
test("concurrent audit rows share one insert, and one bad row fails only its own caller", async () => {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-audit-"));
  try {
    const { good, withBadRow } = await runScriptJson<{ good: Round; withBadRow: Round }>(
      path.join(__dirname, "support/audit-group-commit.ts"),
      databaseEnv(dataDir, database.url),
    );
    // The first row goes at once; the seven that arrived while it was on its way share the next insert.
    expect(good.statements).toBe(2);
    expect(good.outcomes).toEqual(Array(8).fill("recorded"));
    expect(good.stored).toEqual(Array.from({ length: 8 }, (_, i) => `good-${i}`));

    expect(withBadRow.outcomes).toEqual(["recorded", "recorded", "recorded", "refused", "recorded", "recorded", "recorded", "recorded"]);
    expect(withBadRow.stored).toEqual([0, 1, 2, 4, 5, 6, 7].map((i) => `bad-${i}`));
  } finally {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
