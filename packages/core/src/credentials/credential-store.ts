import { randomUUID } from "node:crypto";
import {
  and,
  credentials,
  eq,
  getTableColumns,
  inArray,
  sql,
  verificationResults,
  type Executor,
  type StoredVerification,
} from "@latchkey/db";
import type { CredentialRecord } from "../records";
import type { AuthType, CredentialStatus, VerificationResult } from "../types";

export type CredentialRow = typeof credentials.$inferSelect;

const { secrets: _sealed, ...recordColumns } = getTableColumns(credentials);
/**
 * Every column but the sealed secrets: what reads that only show a credential select (lists,
 * lookups), so pages do not carry ciphertext they never open.
 */
export const credentialRecordColumns = recordColumns;
export type CredentialRecordRow = Omit<CredentialRow, "secrets">;

/** How many verification results are kept per credential. */
export const VERIFICATION_HISTORY_LIMIT = 50;

export function toStoredVerification(v: VerificationResult): StoredVerification {
  return { ...v, checkedAt: v.checkedAt.toISOString() };
}

export function toCredentialRecord(row: CredentialRecordRow): CredentialRecord {
  const last = row.lastVerification;
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    componentId: row.componentId,
    name: row.name,
    authType: row.authType as AuthType,
    config: row.config,
    secretHints: row.secretHints,
    status: row.status as CredentialStatus,
    lastVerification: last
      ? ({ ...last, checkedAt: new Date(last.checkedAt) } as VerificationResult)
      : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function findCredentialRow(
  db: Executor,
  workspaceId: string,
  id: string,
  lock?: "update" | "share",
): Promise<CredentialRow | undefined> {
  const query = db
    .select()
    .from(credentials)
    .where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.id, id)));
  const [row] = lock ? await query.for(lock) : await query;
  return row;
}

export async function findCredentialRows(
  db: Executor,
  workspaceId: string,
  ids: readonly string[],
  lock?: "share",
): Promise<CredentialRow[]> {
  if (ids.length === 0) return [];
  const query = db
    .select()
    .from(credentials)
    .where(and(eq(credentials.workspaceId, workspaceId), inArray(credentials.id, [...ids])));
  return lock ? query.orderBy(credentials.id).for(lock) : query;
}

/** Appends a result to the credential's history and drops what falls past the limit. */
export async function recordVerification(
  db: Executor,
  workspaceId: string,
  credentialId: string,
  result: VerificationResult,
): Promise<void> {
  await db.insert(verificationResults).values({
    id: randomUUID(),
    workspaceId,
    credentialId,
    ok: result.ok,
    code: result.code,
    status: result.status,
    message: result.message,
    checkedAt: result.checkedAt,
    durationMs: result.durationMs,
  });
  await db.execute(sql`
    delete from ${verificationResults}
    where ${verificationResults.credentialId} = ${credentialId}
      and ${verificationResults.id} not in (
        select ${verificationResults.id} from ${verificationResults}
        where ${verificationResults.credentialId} = ${credentialId}
        order by ${verificationResults.checkedAt} desc
        limit ${VERIFICATION_HISTORY_LIMIT}
      )`);
}

/**
 * Stores a re-verification in one statement (so in one round trip, atomically): the credential's
 * latest-verification columns, a new history entry, and the trim of the history to its limit
 * (the trim sees the history before the insert, so it keeps the limit minus one older entries).
 * Returns the credential's new updatedAt, or undefined when the credential is gone.
 */
export async function storeReverification(
  db: Executor,
  workspaceId: string,
  credentialId: string,
  result: VerificationResult,
): Promise<{ updatedAt: Date } | undefined> {
  const stored = toStoredVerification(result);
  const { rows } = (await db.execute(sql`
    with updated as (
      update credentials
      set status = ${result.status}, last_verification = ${JSON.stringify(stored)}::jsonb,
          verified_at = ${stored.checkedAt}::timestamptz, updated_at = now()
      where workspace_id = ${workspaceId} and id = ${credentialId}
      returning id, updated_at
    ), recorded as (
      insert into verification_results (id, workspace_id, credential_id, ok, code, status, message, checked_at, duration_ms)
      select ${randomUUID()}, ${workspaceId}, updated.id, ${result.ok}, ${result.code}, ${result.status}, ${result.message},
             ${stored.checkedAt}::timestamptz, ${result.durationMs}
      from updated
    ), trimmed as (
      delete from verification_results
      where id in (
        select id from verification_results
        where credential_id = (select id from updated)
        order by checked_at desc
        offset ${VERIFICATION_HISTORY_LIMIT - 1}
      )
    )
    select updated_at from updated`)) as unknown as { rows: { updated_at: string | Date }[] };
  const row = rows[0];
  return row ? { updatedAt: new Date(row.updated_at) } : undefined;
}
