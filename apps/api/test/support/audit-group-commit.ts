// resolveCredential's audit group commit (AuditBatcher), straight on the database (test only, no
// API running): eight rows recorded at once, then eight again with one bad row among them. Prints
// one JSON line: the statements each round sent, which callers were answered, and what was stored.
import { randomUUID } from "node:crypto";
import { AuditBatcher, withAuditActor } from "@latchkey/core";
import { auditEvents, eq, sql } from "@latchkey/db";
import { withFirstWorkspace } from "./in-process";

await withFirstWorkspace(
  "Audit Owner",
  "audit.test",
  async ({ handle, workspaceId }) => {
    const batcher = new AuditBatcher(handle.db, "test_audit_group");
    const actor = { type: "token", id: "t1", name: "Runtime", remoteAddress: null } as const;

    /** Eight calls at once; `badAt` names a workspace that does not exist (a foreign key violation). */
    const round = async (label: string, badAt?: number) => {
      const before = handle.statementCount();
      const outcomes = await withAuditActor(actor, () =>
        Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            batcher
              .record({ workspaceId: i === badAt ? randomUUID() : workspaceId, action: "credential.resolve", objectType: "credential", objectId: `${label}-${i}` })
              .then(() => "recorded", () => "refused"),
          ),
        ),
      );
      const stored = await handle.db
        .select({ objectId: auditEvents.objectId })
        .from(auditEvents)
        .where(sql`${auditEvents.objectId} like ${`${label}-%`} and ${eq(auditEvents.workspaceId, workspaceId)}`)
        .orderBy(auditEvents.objectId);
      return { statements: handle.statementCount() - before - 1, outcomes, stored: stored.map((r) => r.objectId) };
    };
    console.log(JSON.stringify({ good: await round("good"), withBadRow: await round("bad", 3) }));
  },
  { countStatements: true },
);
