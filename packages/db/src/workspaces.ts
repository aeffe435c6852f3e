import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Executor } from "./open-database";
import { workspaces } from "./schema";

export const DEFAULT_WORKSPACE_SLUG = "default";

/** Creates the default workspace on first start; returns its id, and whether it was just created. */
export async function ensureDefaultWorkspace(db: Executor): Promise<{ id: string; created: boolean }> {
  const [inserted] = await db
    .insert(workspaces)
    .values({ id: randomUUID(), name: "Default workspace", slug: DEFAULT_WORKSPACE_SLUG })
    .onConflictDoNothing({ target: workspaces.slug })
    .returning({ id: workspaces.id });
  if (inserted) return { id: inserted.id, created: true };
  const [row] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.slug, DEFAULT_WORKSPACE_SLUG));
  if (!row) throw new Error("The default workspace could not be created.");
  return { id: row.id, created: false };
}

export async function listWorkspaceIds(db: Executor): Promise<string[]> {
  const rows = await db.select({ id: workspaces.id }).from(workspaces);
  return rows.map((r) => r.id);
}
