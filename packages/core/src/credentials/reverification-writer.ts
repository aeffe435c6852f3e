import { randomUUID } from "node:crypto";
import { sql, type Executor } from "@latchkey/db";
import { auditEventRow } from "../access/audit";
import type { TriggeredVerification, VerificationTrigger } from "../types";
import { toStoredVerification, VERIFICATION_HISTORY_LIMIT } from "./credential-store";

/** Undefined when the credential is gone; else its new updatedAt, or null when a newer result was stored already. */
export type StoredReverification = { updatedAt: Date | null } | undefined;

interface Item {
  workspaceId: string;
  credentialId: string;
  result: TriggeredVerification;
  audit: ReturnType<typeof auditEventRow>;
  resolve: (stored: StoredReverification) => void;
  reject: (error: unknown) => void;
}

/** At most this many results go into one statement. */
const MAX_BATCH = 200;

/**
 * Stores re-verification results. Results that arrive together (the scheduled job finishes dozens
 * a second) are stored together: while one statement runs, the next results wait and then go in
 * one statement, instead of one statement (and one commit) each. A lone result is stored at once,
 * on the next turn of the event loop. Each caller gets its own credential's outcome.
 */
export class ReverificationWriter {
  private pending: Item[] = [];
  private running = false;

  constructor(private readonly db: Executor) {}

  store(workspaceId: string, credentialId: string, result: TriggeredVerification): Promise<StoredReverification> {
    // The audit actor is the caller's (the person re-verifying, or the system for the job).
    const audit = auditEventRow({ workspaceId, action: "credential.verify", objectType: "credential", objectId: credentialId, details: { status: result.status } });
    return new Promise((resolve, reject) => {
      this.pending.push({ workspaceId, credentialId, result, audit, resolve, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        // One result per credential in a statement (an UPDATE changes a row once); a second one waits its turn.
        const batch: Item[] = [];
        const rest: Item[] = [];
        const ids = new Set<string>();
        for (const item of this.pending) {
          if (batch.length < MAX_BATCH && !ids.has(item.credentialId)) {
            ids.add(item.credentialId);
            batch.push(item);
          } else {
            rest.push(item);
          }
        }
        this.pending = rest;
        try {
          const stored = await storeReverifications(this.db, batch);
          batch.forEach((item, i) => item.resolve(stored[i]));
        } catch (error) {
          for (const item of batch) item.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

/** What wrote a status (the `trigger` of the `credential.status_changed` webhook event), by the result's trigger. */
const STATUS_SOURCES: Partial<Record<VerificationTrigger, string>> = {
  SCHEDULED: "scheduled",
  MANUAL: "reverify",
  COMPONENT_REGISTERED: "component_registered",
};

/**
 * Stores re-verification results of distinct credentials in one statement (so in one round trip,
 * atomically): each result's history entry, the trim of each history to its limit (the trim sees
 * the histories before the insert, so it keeps the limit minus one older entries), the audit
 * events, and — unless a newer result is stored already (a slower concurrent verification only
 * joins the history) — each credential's latest-verification columns, with its re-verification
 * lease cleared. Answers in the order of `items`.
 */
export async function storeReverifications(
  db: Executor,
  items: Pick<Item, "workspaceId" | "credentialId" | "result" | "audit">[],
): Promise<StoredReverification[]> {
  const input = items.map(({ workspaceId, credentialId, result, audit }, n) => {
    const source = STATUS_SOURCES[result.trigger];
    if (!source) throw new Error(`A ${result.trigger} result is not stored as a re-verification.`);
    const stored = toStoredVerification(result);
    return {
      n,
      workspace_id: workspaceId,
      credential_id: credentialId,
      result_id: randomUUID(),
      ok: result.ok,
      code: result.code,
      status: result.status,
      message: result.message,
      checked_at: stored.checkedAt,
      duration_ms: result.durationMs,
      trigger: result.trigger,
      triggered_by: result.triggeredBy,
      last_verification: stored,
      action: audit.action,
      object_type: audit.objectType,
      object_id: audit.objectId,
      actor_type: audit.actorType,
      actor_id: audit.actorId,
      actor_name: audit.actorName,
      remote_address: audit.remoteAddress,
      details: audit.details,
      status_source: source,
    };
  });
  const { rows } = (await db.execute(sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as i(
        n int, workspace_id uuid, credential_id uuid, result_id uuid, ok boolean, code text, status text, message text,
        checked_at timestamptz, duration_ms int, trigger text, triggered_by text, last_verification jsonb, action text, object_type text, object_id text,
        actor_type text, actor_id text, actor_name text, remote_address text, details jsonb, status_source text)
    ), target as (
      select input.* from input join credentials c on c.workspace_id = input.workspace_id and c.id = input.credential_id
    ), updated as (
      update credentials c
      set status = t.status, last_verification = t.last_verification, verified_at = t.checked_at,
          verify_lease_until = null, status_source = t.status_source, updated_at = now()
      from target t
      where c.workspace_id = t.workspace_id and c.id = t.credential_id
        and (c.verified_at is null or c.verified_at <= t.checked_at)
      returning c.id, c.updated_at
    ), recorded as (
      insert into verification_results (id, workspace_id, credential_id, ok, code, status, message, checked_at, duration_ms, trigger, triggered_by)
      select result_id, workspace_id, credential_id, ok, code, status, message, checked_at, duration_ms, trigger, triggered_by from target
    ), trimmed as (
      delete from verification_results
      where id in (
        select id from (
          select v.id, row_number() over (partition by v.credential_id order by v.checked_at desc, v.id desc) as rank
          from verification_results v
          where v.credential_id in (select credential_id from target)
        ) ranked
        where ranked.rank > ${VERIFICATION_HISTORY_LIMIT - 1}
      )
    ), audited as (
      insert into audit_events (workspace_id, actor_type, actor_id, actor_name, action, object_type, object_id, remote_address, details)
      select workspace_id, actor_type, actor_id, actor_name, action, object_type, object_id, remote_address, details
      from target
    )
    select input.n, target.n is not null as found, updated.updated_at
    from input
    left join target on target.n = input.n
    left join updated on updated.id = input.credential_id`)) as unknown as {
    rows: { n: number | string; found: boolean | string; updated_at: string | Date | null }[];
  };
  const answers: StoredReverification[] = items.map(() => undefined);
  for (const row of rows) {
    const found = row.found === true || row.found === "t" || row.found === "true";
    if (found) answers[Number(row.n)] = { updatedAt: row.updated_at === null ? null : new Date(row.updated_at) };
  }
  return answers;
}
