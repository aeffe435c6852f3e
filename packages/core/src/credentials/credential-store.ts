import { randomUUID } from "node:crypto";
import {
  and,
  asc,
  components,
  count,
  credentials,
  eq,
  getTableColumns,
  inArray,
  isNull,
  lt,
  lte,
  or,
  sql,
  verificationResults,
  type Database,
  type Executor,
  type StoredVerification,
} from "@latchkey/db";
import { currentAuditActor, type AuditActor } from "../access/audit";
import type { CredentialRecord } from "../records";
import { countOf, keysetPage, type Page, type PageArgs } from "../paging";
import type { InvalidInput } from "../results";
import type { AuthType, CredentialStatus, TriggeredVerification, VerificationResult, VerificationTrigger } from "../types";

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

/**
 * A result with what caused it, ready to be stored: the trigger the storing path names, and the
 * person or API token acting (the audit actor), by name; the job and the OAuth2 callback have none.
 */
export function withTrigger(result: VerificationResult, trigger: VerificationTrigger, actor: AuditActor = currentAuditActor()): TriggeredVerification {
  const triggeredBy = actor.type === "person" || actor.type === "token" ? actor.name : null;
  return { ...result, trigger, triggeredBy };
}

/** A stored result (history row or latest column) as the API answers it; results from before triggers were recorded say UNKNOWN. */
function storedResult(stored: StoredVerification): VerificationResult {
  return {
    ...stored,
    checkedAt: new Date(stored.checkedAt),
    trigger: (stored.trigger ?? "UNKNOWN") as VerificationTrigger,
    triggeredBy: stored.triggeredBy ?? null,
  } as VerificationResult;
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
    lastVerification: last ? storedResult(last) : null,
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

/**
 * One credential (with its sealed secrets) and its component, in one statement, prepared once
 * (named on PostgreSQL): the read of resolveCredential. The component's descriptor comes only when
 * it is not the one the caller already holds (`knownComponentId` at `knownVersion`, its updated_at
 * as text); else it is null and the caller's copy is current.
 */
export function prepareCredentialWithComponent(db: Database) {
  return db
    .select({
      credential: credentials,
      component: {
        id: components.id,
        workspaceId: components.workspaceId,
        key: components.key,
        name: components.name,
        description: components.description,
        credentialCount: components.credentialCount,
      },
      version: sql<string>`${components.updatedAt}::text`,
      descriptor: sql<unknown>`case when ${components.id} = ${sql.placeholder("knownComponentId")}::uuid and ${components.updatedAt} = ${sql.placeholder("knownVersion")}::timestamptz then null else ${components.descriptor} end`,
    })
    .from(credentials)
    .innerJoin(components, and(eq(components.workspaceId, credentials.workspaceId), eq(components.id, credentials.componentId)))
    .where(and(eq(credentials.workspaceId, sql.placeholder("workspaceId")), eq(credentials.id, sql.placeholder("id"))))
    .prepare("latchkey_credential_with_component");
}

const DESCRIPTOR_CACHE_MAX = 2_000;

/**
 * Component descriptors resolveCredential has read, by component id with their version
 * (updated_at), and which component each credential uses (it never changes). Never stale: every
 * read asks the database whether the held version is still current, in the same statement.
 */
export class ComponentDescriptorCache {
  private readonly descriptors = new Map<string, { version: string; descriptor: unknown }>();
  private readonly componentOf = new Map<string, string>();

  /** The descriptor held for this credential's component, if any: send its id and version with the read. */
  held(credentialId: string): { componentId: string; version: string; descriptor: unknown } | undefined {
    const componentId = this.componentOf.get(credentialId);
    const held = componentId === undefined ? undefined : this.descriptors.get(componentId);
    return held && { componentId: componentId!, ...held };
  }

  /** Keeps a descriptor the read sent (the held one was missing or not current) and answers it. */
  keep(credentialId: string, componentId: string, version: string, sent: unknown): unknown {
    const descriptor = typeof sent === "string" ? (JSON.parse(sent) as unknown) : sent;
    remember(this.descriptors, componentId, { version, descriptor }, DESCRIPTOR_CACHE_MAX);
    remember(this.componentOf, credentialId, componentId, DESCRIPTOR_CACHE_MAX * 10);
    return descriptor;
  }
}

function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  if (map.size >= max) map.delete(map.keys().next().value!);
  map.set(key, value);
}

/** The credentials with these ids, without their sealed secrets; share-locked (in id order) on request. */
export async function findCredentialRows(
  db: Executor,
  workspaceId: string,
  ids: readonly string[],
  lock?: "share",
): Promise<CredentialRecordRow[]> {
  if (ids.length === 0) return [];
  const query = db
    .select(credentialRecordColumns)
    .from(credentials)
    .where(and(eq(credentials.workspaceId, workspaceId), inArray(credentials.id, [...ids])));
  return lock ? query.orderBy(credentials.id).for(lock) : query;
}

/** The verification_results row of a result (for stores that write it inside their own statement). */
export function verificationRow(workspaceId: string, credentialId: string, result: TriggeredVerification) {
  return {
    id: randomUUID(),
    workspaceId,
    credentialId,
    ok: result.ok,
    code: result.code,
    status: result.status,
    message: result.message,
    checkedAt: result.checkedAt,
    durationMs: result.durationMs,
    trigger: result.trigger,
    triggeredBy: result.triggeredBy,
  };
}

/** Appends a result to the credential's history and drops what falls past the limit. */
export async function recordVerification(
  db: Executor,
  workspaceId: string,
  credentialId: string,
  result: TriggeredVerification,
): Promise<void> {
  await db.insert(verificationResults).values(verificationRow(workspaceId, credentialId, result));
  await db.execute(sql`
    delete from ${verificationResults}
    where ${verificationResults.credentialId} = ${credentialId}
      and ${verificationResults.id} not in (
        select ${verificationResults.id} from ${verificationResults}
        where ${verificationResults.credentialId} = ${credentialId}
        order by ${verificationResults.checkedAt} desc, ${verificationResults.id} desc
        limit ${VERIFICATION_HISTORY_LIMIT}
      )`);
}

/**
 * Claims up to `limit` credentials not verified within `intervalMs` and not leased by another
 * process, leasing them for `leaseMs`, in one statement: `FOR UPDATE SKIP LOCKED` makes concurrent
 * claimers (other API processes) pass over each other's rows instead of waiting or sharing them.
 */
export async function claimDueCredentials(
  db: Executor,
  options: { intervalMs: number; leaseMs: number; limit: number },
): Promise<CredentialRow[]> {
  const due = db
    .select({ id: credentials.id })
    .from(credentials)
    .where(
      and(
        or(isNull(credentials.verifiedAt), lte(credentials.verifiedAt, sql`now() - ${options.intervalMs} * interval '1 millisecond'`)),
        or(isNull(credentials.verifyLeaseUntil), lt(credentials.verifyLeaseUntil, sql`now()`)),
        // No retry storm: a token renewal that failed for good waits for new values or a deliberate re-verification.
        isNull(credentials.tokenRefreshFailedAt),
        // Nor one whose destination moved: only re-entered secrets (or a deliberate re-verification) clear that.
        sql`coalesce(${credentials.lastVerification}->>'code', '') <> 'DESTINATION_CHANGED'`,
      ),
    )
    .orderBy(asc(credentials.verifiedAt))
    .limit(options.limit)
    .for("update", { skipLocked: true });
  return db
    .update(credentials)
    .set({ verifyLeaseUntil: sql`now() + ${options.leaseMs} * interval '1 millisecond'` })
    .where(inArray(credentials.id, due))
    .returning();
}

/** Gives up the leases of claimed credentials that were not verified (a process stopping): others may claim them at once. */
export async function releaseCredentialClaims(db: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.update(credentials).set({ verifyLeaseUntil: null }).where(inArray(credentials.id, [...ids]));
}

/** A page of one credential's stored results, newest first (keyset: checked_at, id). */
export async function pageVerificationHistory(
  db: Executor,
  workspaceId: string,
  credentialId: string,
  args: PageArgs,
): Promise<Page<VerificationResult> | InvalidInput> {
  const conditions = and(eq(verificationResults.workspaceId, workspaceId), eq(verificationResults.credentialId, credentialId));
  return keysetPage(args, {
    kind: "verifications",
    keys: [
      { column: verificationResults.checkedAt, type: "timestamptz" },
      { column: verificationResults.id, type: "uuid" },
    ],
    descending: true,
    fetch: ({ where, orderBy, limit, cursorKeys }) =>
      db
        .select({
          ok: verificationResults.ok,
          code: verificationResults.code,
          status: verificationResults.status,
          message: verificationResults.message,
          checkedAt: verificationResults.checkedAt,
          durationMs: verificationResults.durationMs,
          trigger: verificationResults.trigger,
          triggeredBy: verificationResults.triggeredBy,
          ...cursorKeys,
        })
        .from(verificationResults)
        .where(and(conditions, where))
        .orderBy(...orderBy)
        .limit(limit) as Promise<(VerificationResult & Record<string, unknown>)[]>,
    count: () => countOf(db.select({ n: count() }).from(verificationResults).where(conditions)),
  });
}

