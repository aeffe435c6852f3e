import { sql } from "drizzle-orm";
import type { Executor } from "./open-database";
import { credentials, workspaces } from "./schema";

export async function listWorkspaceIds(db: Executor): Promise<string[]> {
  const rows = await db.select({ id: workspaces.id }).from(workspaces);
  return rows.map((r) => r.id);
}

/** Key ids under which stored secrets are sealed (`v1.<keyId>....`), across all workspaces. */
export async function listSecretKeyIds(db: Executor): Promise<string[]> {
  const rows = await db
    .selectDistinct({ keyId: sql<string>`split_part(${credentials.secrets}, '.', 2)` })
    .from(credentials);
  return rows.map((r) => r.keyId);
}
