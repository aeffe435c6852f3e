import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { randomUUID } from "node:crypto";
import { and, eq, sql, webhookAttempts, webhookEndpoints, webhookMessages, type Database } from "@latchkey/db";
import { recordAudit } from "../access/audit";
import type { Keyring } from "../crypto";
import type { NetworkPolicy, ResolvedAddress } from "../network/network-policy";
import { signingSecrets, type WebhookEndpointRow } from "./webhook-service";
import { webhookHeaders } from "./webhook-signing";
import { resolveWebhookTarget } from "./webhook-target";

/** The waits after the 1st, 2nd, … failed attempt; after the last one the event is given up. About a day in all. */
export const WEBHOOK_BACKOFF_MS = [5_000, 30_000, 120_000, 600_000, 3_600_000, 21_600_000, 43_200_000] as const;
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
/** An endpoint whose deliveries all failed for this long is disabled. */
export const DEFAULT_WEBHOOK_DISABLE_AFTER_MS = 3 * 24 * 60 * 60 * 1000;
/** At most this much of an answer is read (and thrown away). */
const MAX_RESPONSE_BYTES = 64 * 1024;

export interface WebhookDeliveryOptions {
  /** The timeout of one attempt (connect to last byte). */
  timeoutMs: number;
  /** Multiplies every backoff wait (tests shrink it; 1 in production). */
  backoffScale: number;
  /** An endpoint failing this long is disabled. */
  disableAfterMs: number;
}

/** A message leased by this process, with what its delivery needs. */
export interface ClaimedWebhook {
  id: string;
  workspaceId: string;
  endpointId: string;
  eventType: string;
  body: string;
  attempts: number;
  endpoint: Pick<WebhookEndpointRow, "id" | "workspaceId" | "url" | "secrets" | "previousSecretExpiresAt">;
}

export interface WebhookAttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  /** A code-like reason (TIMEOUT, CONNECTION_REFUSED, HTTP_500, BLOCKED_TARGET…), never the receiver's text. */
  error: string | null;
}

/**
 * Leases up to `limit` due messages of enabled endpoints, in one statement (`FOR UPDATE SKIP
 * LOCKED`, as the re-verification claim): concurrent dispatchers pass over each other's rows. A
 * message waits while an earlier message of its ordering key (its credential or flow) to the same
 * endpoint is still pending, so each key's events arrive in order.
 */
export async function claimWebhooks(db: Database, options: { limit: number; leaseMs: number }): Promise<ClaimedWebhook[]> {
  const { rows } = (await db.execute(sql`
    with due as (
      select m.id from webhook_messages m
      join webhook_endpoints e on e.id = m.endpoint_id and e.enabled
      where m.state = 'PENDING' and m.next_attempt_at <= now()
        and (m.lease_until is null or m.lease_until < now())
        and (m.ordering_key is null or not exists (
          select 1 from webhook_messages p
          where p.endpoint_id = m.endpoint_id and p.ordering_key = m.ordering_key and p.state = 'PENDING' and p.seq < m.seq))
      order by m.seq
      limit ${options.limit}
      for update of m skip locked
    )
    update webhook_messages m set lease_until = now() + ${options.leaseMs} * interval '1 millisecond'
    from due, webhook_endpoints e
    where m.id = due.id and e.id = m.endpoint_id
    returning m.id, m.workspace_id, m.endpoint_id, m.event_type, m.body, m.attempts, m.seq,
      e.url, e.secrets, e.previous_secret_expires_at`)) as unknown as {
    rows: {
      id: string;
      workspace_id: string;
      endpoint_id: string;
      event_type: string;
      body: string;
      attempts: number | string;
      seq: number | string;
      url: string;
      secrets: string;
      previous_secret_expires_at: string | Date | null;
    }[];
  };
  return rows
    .sort((a, b) => Number(a.seq) - Number(b.seq))
    .map((r) => ({
      id: r.id,
      workspaceId: r.workspace_id,
      endpointId: r.endpoint_id,
      eventType: r.event_type,
      body: r.body,
      attempts: Number(r.attempts),
      endpoint: {
        id: r.endpoint_id,
        workspaceId: r.workspace_id,
        url: r.url,
        secrets: r.secrets,
        previousSecretExpiresAt: r.previous_secret_expires_at === null ? null : new Date(r.previous_secret_expires_at),
      },
    }));
}

/** Delivered and given-up events (with their attempts) are kept this long, for the deliveries list and resending. */
export const WEBHOOK_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** Deletes delivered and given-up events older than the retention (their attempts go with them); answers how many. */
export async function pruneWebhooks(db: Database, retentionMs = WEBHOOK_RETENTION_MS): Promise<number> {
  const deleted = await db
    .delete(webhookMessages)
    .where(and(sql`${webhookMessages.state} <> 'PENDING'`, sql`${webhookMessages.createdAt} < now() - ${retentionMs} * interval '1 millisecond'`))
    .returning({ id: webhookMessages.id });
  return deleted.length;
}

/** Gives up leases (a dispatcher stopping): other processes may deliver those messages at once. */
export async function releaseWebhooks(db: Database, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`update webhook_messages set lease_until = null where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
}

/**
 * One attempt: the endpoint's URL checked and resolved once through the network policy, a POST
 * of the stored body to that address with the Standard Webhooks headers (signed with every valid
 * secret), no redirect followed, bounded by the timeout. 2xx is delivered.
 */
export async function attemptWebhook(message: ClaimedWebhook, deps: { keyring: Keyring; policy: NetworkPolicy; timeoutMs: number }): Promise<WebhookAttemptOutcome> {
  const startedAt = performance.now();
  const done = (outcome: Omit<WebhookAttemptOutcome, "durationMs">): WebhookAttemptOutcome => ({ ...outcome, durationMs: Math.round(performance.now() - startedAt) });
  const url = new URL(message.endpoint.url);
  const target = await resolveWebhookTarget(deps.policy, url);
  if (!target.ok) return done({ ok: false, statusCode: null, error: target.problem.kind === "blocked" ? "BLOCKED_TARGET" : target.problem.kind === "unresolved" ? "UNRESOLVED" : "HTTPS_REQUIRED" });
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    "content-type": "application/json",
    "user-agent": "Latchkey-Webhooks/1",
    ...webhookHeaders(signingSecrets(deps.keyring, message.endpoint), message.id, timestamp, message.body),
  };
  const answer = await post(url, target.address, headers, message.body, deps.timeoutMs);
  if ("error" in answer) return done({ ok: false, statusCode: null, error: answer.error });
  const ok = answer.statusCode >= 200 && answer.statusCode < 300;
  return done({ ok, statusCode: answer.statusCode, error: ok ? null : `HTTP_${answer.statusCode}` });
}

function post(url: URL, address: ResolvedAddress, headers: Record<string, string>, body: string, timeoutMs: number): Promise<{ statusCode: number } | { error: string }> {
  // The address checked above, for this connection only: nothing looks the name up again.
  const lookup = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [address]);
    else callback(null, address.address, address.family);
  }) as unknown as LookupFunction;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (value: { statusCode: number } | { error: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(value);
    };
    const request = (url.protocol === "https:" ? https : http).request(
      url,
      { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, lookup, agent: false },
      (response) => {
        let read = 0;
        response.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) settle({ statusCode: response.statusCode ?? 0 });
        });
        response.on("end", () => settle({ statusCode: response.statusCode ?? 0 }));
        response.on("error", () => settle({ statusCode: response.statusCode ?? 0 }));
      },
    );
    const timer = setTimeout(() => settle({ error: "TIMEOUT" }), timeoutMs);
    request.on("error", (error: NodeJS.ErrnoException) => settle({ error: connectionError(error) }));
    request.end(body);
  });
}

function connectionError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "ECONNREFUSED":
      return "CONNECTION_REFUSED";
    case "ECONNRESET":
    case "EPIPE":
      return "CONNECTION_RESET";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "UNRESOLVED";
    default:
      return error.code?.startsWith("ERR_TLS") || /CERT|SSL/.test(error.code ?? "") ? "TLS_ERROR" : "CONNECTION_FAILED";
  }
}

/** The wait before attempt `attempts + 1`, with ±20 % jitter; undefined when the event is given up. */
export function nextBackoffMs(attempts: number, scale: number, random = Math.random): number | undefined {
  const base = WEBHOOK_BACKOFF_MS[attempts - 1];
  if (base === undefined) return undefined;
  return Math.round(base * scale * (0.8 + 0.4 * random()));
}

/**
 * Stores an attempt in one transaction: its row, the message's new state (delivered, due again
 * after the backoff, or given up) with its lease cleared, and the endpoint's failing streak; an
 * endpoint failing longer than `disableAfterMs` is disabled (audited, shown to admins).
 */
export async function recordWebhookAttempt(db: Database, message: ClaimedWebhook, outcome: WebhookAttemptOutcome, options: WebhookDeliveryOptions): Promise<void> {
  const attempts = message.attempts + 1;
  const backoff = outcome.ok ? undefined : nextBackoffMs(attempts, options.backoffScale);
  await db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values({
      id: randomUUID(),
      workspaceId: message.workspaceId,
      endpointId: message.endpointId,
      messageId: message.id,
      eventType: message.eventType,
      ok: outcome.ok,
      statusCode: outcome.statusCode,
      durationMs: outcome.durationMs,
      error: outcome.error,
    });
    await tx
      .update(webhookMessages)
      .set({
        attempts,
        leaseUntil: null,
        ...(outcome.ok
          ? { state: "DELIVERED", deliveredAt: sql`now()` }
          : backoff === undefined
            ? { state: "FAILED" }
            : { nextAttemptAt: sql`now() + ${backoff} * interval '1 millisecond'` }),
      })
      .where(eq(webhookMessages.id, message.id));
    if (outcome.ok) {
      await tx
        .update(webhookEndpoints)
        .set({ failingSince: null })
        .where(and(eq(webhookEndpoints.id, message.endpointId), sql`${webhookEndpoints.failingSince} is not null`));
      return;
    }
    const [disabled] = await tx
      .update(webhookEndpoints)
      .set({
        failingSince: sql`coalesce(${webhookEndpoints.failingSince}, now())`,
        enabled: sql`not (${webhookEndpoints.failingSince} is not null and ${webhookEndpoints.failingSince} < now() - ${options.disableAfterMs} * interval '1 millisecond')`,
        disabledReason: sql`case when ${webhookEndpoints.failingSince} is not null and ${webhookEndpoints.failingSince} < now() - ${options.disableAfterMs} * interval '1 millisecond' then 'FAILING' else ${webhookEndpoints.disabledReason} end`,
      })
      .where(and(eq(webhookEndpoints.id, message.endpointId), eq(webhookEndpoints.enabled, true)))
      .returning({ enabled: webhookEndpoints.enabled, url: webhookEndpoints.url });
    if (disabled && !disabled.enabled) {
      // The dispatcher works outside any request: the actor is "system".
      await recordAudit(tx, {
        workspaceId: message.workspaceId,
        action: "webhook_endpoint.disable",
        objectType: "webhook_endpoint",
        objectId: message.endpointId,
        details: { url: disabled.url, reason: "FAILING" },
      });
    }
  });
}
