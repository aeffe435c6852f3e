import { AsyncLocalStorage } from "node:async_hooks";
import { and, auditEvents, eq, getTableColumns, sql, type Database, type Executor } from "@latchkey/db";
import type { InvalidInput } from "../results";
import { keysetPage, type Page, type PageArgs } from "../paging";

/** Who is acting, for the audit log. The API sets it per request; work outside a request is "system". */
export interface AuditActor {
  type: "person" | "token" | "anonymous" | "system";
  id: string | null;
  name: string | null;
  remoteAddress: string | null;
}

export type AuditObjectType = "credential" | "flow" | "component" | "person" | "session" | "api_token" | "invitation" | "membership" | "workspace" | "webhook_endpoint";

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

const MAX_AUDIT_BATCH = 32;
/**
 * One insert on its way at a time: a lone call waits for none, and the calls that arrive meanwhile
 * go together in the next. With 3 (the earlier value) most rows still went alone under the bench's
 * 10 connections (1.9 statements per resolveCredential against 1.33 now, and 10-15 % more API CPU).
 */
const MAX_AUDIT_WRITERS = 1;

/**
 * recordAudit for a hot path outside a transaction (resolveCredential), written by group commit:
 * while MAX_AUDIT_WRITERS inserts are on their way, the rows of further callers wait and then go
 * together in one multi-row insert (a named prepared statement per row count, so nothing is built or planned per
 * request). A caller's promise settles when the insert holding its row has committed, so awaiting
 * it keeps "recorded before returned". If a batch fails, its rows are written one by one, so one
 * bad row fails only its own caller. `name` must be unique in the process.
 */
export class AuditBatcher {
  private readonly statements = new Map<number, { execute(values: Record<string, unknown>): Promise<unknown> }>();
  private waiting: { row: ReturnType<typeof auditEventRow>; resolve: () => void; reject: (error: unknown) => void }[] = [];
  /** Inserts on their way; rows wait (and then share one) only when MAX_AUDIT_WRITERS are. */
  private writers = 0;

  constructor(
    private readonly db: Database,
    private readonly name: string,
  ) {}

  record(event: AuditEventInput, actor: AuditActor = currentAuditActor()): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ row: auditEventRow(event, actor), resolve, reject });
      if (this.writers < MAX_AUDIT_WRITERS) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writers++;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, MAX_AUDIT_BATCH);
        try {
          await this.write(batch.map((w) => w.row));
          for (const w of batch) w.resolve();
        } catch (error) {
          if (batch.length === 1) batch[0]!.reject(error);
          else await Promise.all(batch.map((w) => this.write([w.row]).then(w.resolve, w.reject)));
        }
      }
    } finally {
      this.writers--;
    }
  }

  private write(rows: ReturnType<typeof auditEventRow>[]): Promise<unknown> {
    const values: Record<string, unknown> = {};
    rows.forEach((row, i) => {
      for (const [key, value] of Object.entries(row)) values[`${key}${i}`] = key === "details" ? value && JSON.stringify(value) : value;
    });
    return this.statement(rows.length).execute(values);
  }

  private statement(count: number) {
    let prepared = this.statements.get(count);
    if (!prepared) {
      const rows = Array.from({ length: count }, (_, i) => {
        const p = (key: string) => sql.placeholder(`${key}${i}`);
        return {
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
        };
      });
      prepared = this.db.insert(auditEvents).values(rows).prepare(`${this.name}_${count}`);
      this.statements.set(count, prepared);
    }
    return prepared;
  }
}

/** jsonb refuses lone UTF-16 surrogates (a text column silently replaces them): replace them the same way. */
function wellFormed(details: NonNullable<AuditEventInput["details"]>): NonNullable<AuditEventInput["details"]> {
  const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
  return Object.fromEntries(Object.entries(details).map(([k, v]) => [k, typeof v === "string" ? v.replace(loneSurrogate, "\uFFFD") : v]));
}

/**
 * Newest first, by keyset cursors on the event's sequence number (see paging.ts). Not counted:
 * a workspace's log grows without bound.
 */
export async function listAuditEvents(
  db: Database,
  workspaceId: string,
  args: PageArgs & { objectType?: string | null; objectId?: string | null; actorId?: string | null },
): Promise<Page<AuditEventRecord> | InvalidInput> {
  const conditions = and(
    eq(auditEvents.workspaceId, workspaceId),
    args.objectType ? eq(auditEvents.objectType, args.objectType) : undefined,
    args.objectId ? eq(auditEvents.objectId, args.objectId) : undefined,
    args.actorId ? eq(auditEvents.actorId, args.actorId) : undefined,
  );
  return keysetPage(args, {
    kind: "audit",
    keys: [{ column: auditEvents.seq, type: "bigint" }],
    descending: true,
    fetch: ({ where, orderBy, limit, cursorKeys }) =>
      db
        .select({ ...getTableColumns(auditEvents), ...cursorKeys })
        .from(auditEvents)
        .where(and(conditions, where))
        .orderBy(...orderBy)
        .limit(limit) as Promise<(AuditEventRecord & Record<string, unknown>)[]>,
  });
}
