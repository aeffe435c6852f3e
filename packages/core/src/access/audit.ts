import { AsyncLocalStorage } from "node:async_hooks";
import { and, auditEvents, desc, eq, lt, sql, type Database, type Executor } from "@latchkey/db";
import { invalidInput, type InvalidInput } from "../results";

/** Who is acting, for the audit log. The API sets it per request; work outside a request is "system". */
export interface AuditActor {
  type: "person" | "token" | "anonymous" | "system";
  id: string | null;
  name: string | null;
  remoteAddress: string | null;
}

export type AuditObjectType = "credential" | "flow" | "component" | "person" | "session" | "api_token" | "invitation" | "membership" | "workspace";

export interface AuditEventInput {
  workspaceId: string | null;
  action: string;
  objectType: AuditObjectType;
  objectId: string | null;
  /** Non-secret facts only (a role, a reason, a name). */
  details?: Record<string, string | number | boolean | null>;
}

export interface AuditEventRecord {
  seq: number;
  workspaceId: string | null;
  at: Date;
  actorType: AuditActor["type"];
  actorId: string | null;
  actorName: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  remoteAddress: string | null;
  details: Record<string, string | number | boolean | null> | null;
}

const SYSTEM: AuditActor = { type: "system", id: null, name: null, remoteAddress: null };
const actorStorage = new AsyncLocalStorage<AuditActor>();

/** Runs `work` with `actor` as the author of every audit event it records. */
export function withAuditActor<T>(actor: AuditActor, work: () => T): T {
  return actorStorage.run(actor, work);
}

export function currentAuditActor(): AuditActor {
  return actorStorage.getStore() ?? SYSTEM;
}

/** The audit_events row of an event by `actor` (for stores that write it inside their own statement). */
export function auditEventRow(event: AuditEventInput, actor: AuditActor = currentAuditActor()) {
  return {
    workspaceId: event.workspaceId,
    actorType: actor.type,
    actorId: actor.id,
    actorName: actor.name,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId,
    remoteAddress: actor.remoteAddress,
    details: event.details ? wellFormed(event.details) : null,
  };
}

/** Appends one event; pass the transaction of the change so both commit or neither does. */
export async function recordAudit(db: Executor, event: AuditEventInput, actor: AuditActor = currentAuditActor()): Promise<void> {
  await db.insert(auditEvents).values(auditEventRow(event, actor));
}

/**
 * recordAudit as a named prepared statement (parsed and planned once per connection), for hot
 * paths outside a transaction (resolveCredential). The statement's name must be unique in the process.
 */
export function preparedAuditInsert(db: Database, name: string): (event: AuditEventInput, actor?: AuditActor) => Promise<unknown> {
  const p = (key: string) => sql.placeholder(key);
  const query = db
    .insert(auditEvents)
    .values({
      workspaceId: p("workspaceId"),
      actorType: p("actorType"),
      actorId: p("actorId"),
      actorName: p("actorName"),
      action: p("action"),
      objectType: p("objectType"),
      objectId: p("objectId"),
      remoteAddress: p("remoteAddress"),
      // Sent as text: both drivers then pass the JSON through as it is.
      details: sql`(${p("details")}::text)::jsonb`,
    })
    .prepare(name);
  return (event, actor = currentAuditActor()) => {
    const row = auditEventRow(event, actor);
    return query.execute({ ...row, details: row.details && JSON.stringify(row.details) });
  };
}

/** jsonb refuses lone UTF-16 surrogates (a text column silently replaces them): replace them the same way. */
function wellFormed(details: NonNullable<AuditEventInput["details"]>): NonNullable<AuditEventInput["details"]> {
  const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
  return Object.fromEntries(Object.entries(details).map(([k, v]) => [k, typeof v === "string" ? v.replace(loneSurrogate, "\uFFFD") : v]));
}

export interface AuditPage {
  items: AuditEventRecord[];
  hasNextPage: boolean;
}

export const MAX_AUDIT_PAGE = 200;

/** Newest first, continuing below an opaque keyset cursor (the event's sequence number). */
export async function listAuditEvents(
  db: Database,
  workspaceId: string,
  args: { objectType?: string | null; objectId?: string | null; actorId?: string | null; first?: number | null; after?: string | null },
): Promise<AuditPage | InvalidInput> {
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > MAX_AUDIT_PAGE) {
    return invalidInput([{ field: "first", message: `Must be between 1 and ${MAX_AUDIT_PAGE}.` }]);
  }
  let before: number | undefined;
  if (args.after != null) {
    before = decodeAuditCursor(args.after);
    if (before === undefined) return invalidInput([{ field: "after", message: "Not a cursor returned by this API." }]);
  }
  const rows = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.workspaceId, workspaceId),
        args.objectType ? eq(auditEvents.objectType, args.objectType) : undefined,
        args.objectId ? eq(auditEvents.objectId, args.objectId) : undefined,
        args.actorId ? eq(auditEvents.actorId, args.actorId) : undefined,
        before !== undefined ? lt(auditEvents.seq, before) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(first + 1);
  return { items: rows.slice(0, first) as AuditEventRecord[], hasNextPage: rows.length > first };
}

export function encodeAuditCursor(seq: number): string {
  return Buffer.from(`audit:${seq}`).toString("base64url");
}

function decodeAuditCursor(cursor: string): number | undefined {
  const match = /^audit:(\d{1,15})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match ? Number(match[1]) : undefined;
}
