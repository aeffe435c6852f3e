import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, databaseEnv, runScriptJson } from "./harness";

/**
 * The members list pages by the name each membership keeps (migration 0015: filled from the
 * person on insert, followed when the person is renamed), so its order is one index's. On the
 * database the suite runs on (PGlite, or PostgreSQL with DATABASE_URL).
 */
test("members are listed by name, and a renamed person moves to their new place", async () => {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-members-"));
  try {
    const order = await runScriptJson<{ before: string[]; after: string[] }>(path.join(__dirname, "support/member-names.ts"), databaseEnv(dataDir, database.url));
    expect(order).toEqual({ before: ["Anna First", "Mona Owner", "Zed Last"], after: ["Aaron Renamed", "Anna First", "Mona Owner"] });
  } finally {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
