import type { Executor } from "./open-database";
import { workspaces } from "./schema";

export async function listWorkspaceIds(db: Executor): Promise<string[]> {
  const rows = await db.select({ id: workspaces.id }).from(workspaces);
  return rows.map((r) => r.id);
}
