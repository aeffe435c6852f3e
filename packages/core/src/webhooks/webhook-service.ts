import { randomUUID } from "node:crypto";
import { and, count, eq, inArray, sql, webhookAttempts, webhookEndpoints, webhookMessages, type Database, type Executor } from "@latchkey/db";
import { z } from "zod";
import { recordAudit } from "../access/audit";
import { openSecrets, sealSecrets, type Keyring } from "../crypto";
import type { NetworkPolicy } from "../network/network-policy";
import { countOf, keysetPage, mapPage, type Page, type PageArgs } from "../paging";
import { invalidInput, notFound, type InvalidInput, type NotFound } from "../results";
import { isId, parseInput } from "../validation";
import { newWebhookSecret } from "./webhook-signing";
import { resolveWebhookTarget, webhookUrlProblem } from "./webhook-target";

/** The events an endpoint can subscribe to (an empty list: all of them). `webhook.test` goes to one endpoint on request. */
export const WEBHOOK_EVENT_TYPES = ["credential.status_changed", "credential.deleted", "flow.needs_attention", "flow.recovered"] as const;
export const WEBHOOK_TEST_EVENT = "webhook.test";

/** How long the secret before a rotation stays valid (both signatures are sent meanwhile). */
export const PREVIOUS_SECRET_VALIDITY_MS = 24 * 60 * 60 * 1000;
export const MAX_WEBHOOK_ENDPOINTS = 50;

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;

/** An endpoint without its secrets. */
export interface WebhookEndpointRecord {
  id: string;
  workspaceId: string;
  url: string;
  description: string | null;
  events: string[];
  enabled: boolean;
  disabledReason: "MANUAL" | "FAILING" | null;
  failingSince: Date | null;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One delivery attempt of one event. */
export interface WebhookDeliveryRecord {
  id: string;
  webhookId: string;
  eventType: string;
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  attemptedAt: Date;
}

export interface WebhookEndpointWithSecret {
  endpoint: WebhookEndpointRecord;
  /** The signing secret, shown once. */
  secret: string;
}

const zEvents = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { message: `Must be one of ${WEBHOOK_EVENT_TYPES.join(", ")}.` }))
  .max(WEBHOOK_EVENT_TYPES.length)
  .nullish();
const zDescription = z.string().trim().max(500, "Must be at most 500 characters.").nullish();
const zUrl = z.string().trim().superRefine((text, ctx) => {
  const problem = webhookUrlProblem(text);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
const zCreate = z.object({ url: zUrl, events: zEvents, description: zDescription });
const zUpdate = z.object({ id: z.string(), url: zUrl.nullish(), events: zEvents, description: zDescription, enabled: z.boolean().nullish() });
const zById = z.object({ id: z.string() });

/** Webhook endpoints of a workspace (admins): their settings, secrets, test events and delivery log. */
export class WebhookService {
  constructor(
    private readonly db: Database,
    private readonly keyring: Keyring,
    private readonly policy: NetworkPolicy,
  ) {}

  /** A page of the workspace's endpoints, oldest first. */
  async list(workspaceId: string, args: PageArgs): Promise<Page<WebhookEndpointRecord> | InvalidInput> {
    const conditions = eq(webhookEndpoints.workspaceId, workspaceId);
    return mapPage(
      await keysetPage(args, {
        kind: "webhook_endpoints",
        keys: [
          { column: webhookEndpoints.createdAt, type: "timestamptz" },
          { column: webhookEndpoints.id, type: "uuid" },
        ],
        fetch: ({ where, orderBy, limit, cursorKeys }) =>
          this.db
            .select({ row: webhookEndpoints, ...cursorKeys })
            .from(webhookEndpoints)
            .where(and(conditions, where))
            .orderBy(...orderBy)
            .limit(limit),
        count: () => countOf(this.db.select({ n: count() }).from(webhookEndpoints).where(conditions)),
      }),
      (r) => toEndpointRecord(r.row),
    );
  }

  async findById(workspaceId: string, id: string): Promise<WebhookEndpointRecord | null> {
    const row = isId(id) ? await findEndpoint(this.db, workspaceId, id) : undefined;
    return row ? toEndpointRecord(row) : null;
  }

  /** The workspace's endpoints and delivery attempts among these ids (for `node`/`nodes`): one query each. */
  async findNodes(workspaceId: string, ids: readonly string[]): Promise<{ endpoints: WebhookEndpointRecord[]; deliveries: WebhookDeliveryRecord[] }> {
    const uuids = ids.filter(isId);
    if (uuids.length === 0) return { endpoints: [], deliveries: [] };
    const [endpoints, attempts] = await Promise.all([
      this.db
        .select()
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.workspaceId, workspaceId), inArray(webhookEndpoints.id, uuids))),
      this.db
        .select()
        .from(webhookAttempts)
        .where(and(eq(webhookAttempts.workspaceId, workspaceId), inArray(webhookAttempts.id, uuids))),
    ]);
    return { endpoints: endpoints.map(toEndpointRecord), deliveries: attempts.map(toDeliveryRecord) };
  }

  async create(workspaceId: string, input: unknown): Promise<({ __typename: "WebhookEndpointCreated" } & WebhookEndpointWithSecret) | InvalidInput> {
    const parsed = parseInput(zCreate, input);
    if (!parsed.ok) return parsed.problem;
    const { url, events, description } = parsed.value;
    const targetProblem = await this.targetProblem(url);
    if (targetProblem) return targetProblem;
    const id = randomUUID();
    const secret = newWebhookSecret();
    const row = await this.db.transaction(async (tx) => {
      const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(webhookEndpoints).where(eq(webhookEndpoints.workspaceId, workspaceId));
      if (n >= MAX_WEBHOOK_ENDPOINTS) return undefined;
      const [inserted] = await tx
        .insert(webhookEndpoints)
        .values({ id, workspaceId, url, description: description || null, events: events ?? [], secrets: sealSecrets(this.keyring, { current: secret }, binding(workspaceId, id)) })
        .returning();
      await recordAudit(tx, { workspaceId, action: "webhook_endpoint.create", objectType: "webhook_endpoint", objectId: id, details: { url } });
      return inserted;
    });
    if (!row) return invalidInput([{ field: "url", message: `A workspace has at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints.` }]);
    return { __typename: "WebhookEndpointCreated", endpoint: toEndpointRecord(row), secret };
  }

  async update(workspaceId: string, input: unknown): Promise<{ __typename: "WebhookEndpointUpdated"; endpoint: WebhookEndpointRecord } | InvalidInput | NotFound> {
    const parsed = parseInput(zUpdate, input);
    if (!parsed.ok) return parsed.problem;
    const { id, url, events, description, enabled } = parsed.value;
    if (!isId(id)) return notFound("Webhook endpoint", id);
    if (url != null) {
      const targetProblem = await this.targetProblem(url);
      if (targetProblem) return targetProblem;
    }
    const row = await this.db.transaction(async (tx) => {
      const [updated] = await tx
        .update(webhookEndpoints)
        .set({
          ...(url != null ? { url } : {}),
          ...(events !== undefined ? { events: events ?? [] } : {}),
          ...(description !== undefined ? { description: description || null } : {}),
          ...(enabled != null ? { enabled, disabledReason: enabled ? null : "MANUAL", failingSince: null } : {}),
          updatedAt: sql`now()`,
        })
        .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)))
        .returning();
      if (!updated) return undefined;
      await recordAudit(tx, {
        workspaceId,
        action: enabled === true ? "webhook_endpoint.enable" : enabled === false ? "webhook_endpoint.disable" : "webhook_endpoint.update",
        objectType: "webhook_endpoint",
        objectId: id,
        details: { url: updated.url, events: updated.events.join(",") || "all" },
      });
      return updated;
    });
    return row ? { __typename: "WebhookEndpointUpdated", endpoint: toEndpointRecord(row) } : notFound("Webhook endpoint", id);
  }

  async delete(workspaceId: string, input: unknown): Promise<{ __typename: "WebhookEndpointDeleted"; id: string } | InvalidInput | NotFound> {
    const parsed = parseInput(zById, input);
    if (!parsed.ok) return parsed.problem;
    const { id } = parsed.value;
    if (!isId(id)) return notFound("Webhook endpoint", id);
    const deleted = await this.db.transaction(async (tx) => {
      const [row] = await tx
        .delete(webhookEndpoints)
        .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)))
        .returning({ url: webhookEndpoints.url });
      if (row) await recordAudit(tx, { workspaceId, action: "webhook_endpoint.delete", objectType: "webhook_endpoint", objectId: id, details: { url: row.url } });
      return row;
    });
    return deleted ? { __typename: "WebhookEndpointDeleted", id } : notFound("Webhook endpoint", id);
  }

  /** A new secret; the one before stays valid (both signatures sent) for 24 hours. */
  async rotateSecret(workspaceId: string, input: unknown): Promise<({ __typename: "WebhookSecretRotated" } & WebhookEndpointWithSecret) | InvalidInput | NotFound> {
    const parsed = parseInput(zById, input);
    if (!parsed.ok) return parsed.problem;
    const { id } = parsed.value;
    if (!isId(id)) return notFound("Webhook endpoint", id);
    const secret = newWebhookSecret();
    const row = await this.db.transaction(async (tx) => {
      const existing = await findEndpoint(tx, workspaceId, id, true);
      if (!existing) return undefined;
      const { current } = openEndpointSecrets(this.keyring, existing);
      const [updated] = await tx
        .update(webhookEndpoints)
        .set({
          secrets: sealSecrets(this.keyring, { current: secret, previous: current }, binding(workspaceId, id)),
          previousSecretExpiresAt: new Date(Date.now() + PREVIOUS_SECRET_VALIDITY_MS),
          updatedAt: sql`now()`,
        })
        .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)))
        .returning();
      await recordAudit(tx, { workspaceId, action: "webhook_endpoint.rotate_secret", objectType: "webhook_endpoint", objectId: id });
      return updated;
    });
    return row ? { __typename: "WebhookSecretRotated", endpoint: toEndpointRecord(row), secret } : notFound("Webhook endpoint", id);
  }

  /** Queues a `webhook.test` event to one (enabled) endpoint. */
  async sendTest(workspaceId: string, input: unknown): Promise<{ __typename: "WebhookTestQueued"; webhookId: string } | InvalidInput | NotFound> {
    const parsed = parseInput(zById, input);
    if (!parsed.ok) return parsed.problem;
    const { id } = parsed.value;
    const endpoint = isId(id) ? await findEndpoint(this.db, workspaceId, id) : undefined;
    if (!endpoint) return notFound("Webhook endpoint", id);
    if (!endpoint.enabled) return invalidInput([{ field: "id", message: "The endpoint is disabled: enable it first." }]);
    const webhookId = newWebhookId();
    const body = JSON.stringify({ type: WEBHOOK_TEST_EVENT, timestamp: new Date().toISOString(), data: { endpoint: { id } } });
    await this.db.transaction(async (tx) => {
      await tx.insert(webhookMessages).values({ id: webhookId, workspaceId, endpointId: id, eventType: WEBHOOK_TEST_EVENT, body });
      await recordAudit(tx, { workspaceId, action: "webhook_endpoint.test", objectType: "webhook_endpoint", objectId: id, details: { webhookId } });
    });
    return { __typename: "WebhookTestQueued", webhookId };
  }

  /** Sends an attempted event again, now, with the same webhook-id (and its place in its credential's order). */
  async resend(workspaceId: string, input: unknown): Promise<{ __typename: "WebhookDeliveryQueued"; webhookId: string } | InvalidInput | NotFound> {
    const parsed = parseInput(z.object({ deliveryId: z.string() }), input);
    if (!parsed.ok) return parsed.problem;
    const { deliveryId } = parsed.value;
    if (!isId(deliveryId)) return notFound("Webhook delivery", deliveryId);
    return this.db.transaction(async (tx) => {
      const [attempt] = await tx
        .select({ messageId: webhookAttempts.messageId, endpointId: webhookAttempts.endpointId })
        .from(webhookAttempts)
        .where(and(eq(webhookAttempts.workspaceId, workspaceId), eq(webhookAttempts.id, deliveryId)));
      if (!attempt) return notFound("Webhook delivery", deliveryId);
      // A message in flight keeps its lease; otherwise it is due now, whatever its state was.
      await tx
        .update(webhookMessages)
        .set({ state: "PENDING", nextAttemptAt: sql`now()`, deliveredAt: null })
        .where(and(eq(webhookMessages.workspaceId, workspaceId), eq(webhookMessages.id, attempt.messageId)));
      await recordAudit(tx, { workspaceId, action: "webhook_endpoint.resend", objectType: "webhook_endpoint", objectId: attempt.endpointId, details: { webhookId: attempt.messageId } });
      return { __typename: "WebhookDeliveryQueued" as const, webhookId: attempt.messageId };
    });
  }

  /** An endpoint's delivery attempts, newest first. */
  /** A page of the delivery attempts to one endpoint, newest first. */
  async deliveries(workspaceId: string, endpointId: string, args: PageArgs): Promise<Page<WebhookDeliveryRecord> | InvalidInput> {
    const conditions = and(eq(webhookAttempts.workspaceId, workspaceId), eq(webhookAttempts.endpointId, endpointId));
    return mapPage(
      await keysetPage(args, {
        kind: "webhook_attempts",
        keys: [{ column: webhookAttempts.seq, type: "bigint" }],
        descending: true,
        fetch: ({ where, orderBy, limit, cursorKeys }) =>
          this.db
            .select({ row: webhookAttempts, ...cursorKeys })
            .from(webhookAttempts)
            .where(and(conditions, where))
            .orderBy(...orderBy)
            .limit(limit),
        count: () => countOf(this.db.select({ n: count() }).from(webhookAttempts).where(conditions)),
      }),
      (r) => toDeliveryRecord(r.row),
    );
  }

  private async targetProblem(url: string): Promise<InvalidInput | undefined> {
    const target = await resolveWebhookTarget(this.policy, new URL(url));
    // A name that does not resolve yet may later; every attempt checks again.
    if (target.ok || target.problem.kind === "unresolved") return undefined;
    return invalidInput([{ field: "url", message: target.problem.message }]);
  }
}

/** The secrets that sign a delivery now: the current one, and the one before while it is valid. */
export function signingSecrets(keyring: Keyring, row: Pick<WebhookEndpointRow, "id" | "workspaceId" | "secrets" | "previousSecretExpiresAt">, now = new Date()): string[] {
  const { current, previous } = openEndpointSecrets(keyring, row);
  return previous && row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? [current, previous] : [current];
}

function openEndpointSecrets(keyring: Keyring, row: Pick<WebhookEndpointRow, "id" | "workspaceId" | "secrets">): { current: string; previous?: string } {
  const opened = openSecrets(keyring, row.secrets, binding(row.workspaceId, row.id));
  return { current: String(opened.current), ...(typeof opened.previous === "string" ? { previous: opened.previous } : {}) };
}

/** The endpoint's sealed secrets are bound to its row, as a credential's are. */
function binding(workspaceId: string, id: string) {
  return { workspaceId, credentialId: id };
}

/** A Standard Webhooks message id: `msg_` + 32 hex digits. The outbox triggers make the same. */
export function newWebhookId(): string {
  return `msg_${randomUUID().replaceAll("-", "")}`;
}

function toDeliveryRecord(row: typeof webhookAttempts.$inferSelect): WebhookDeliveryRecord {
  const { id, messageId, eventType, ok, statusCode, durationMs, error, attemptedAt } = row;
  return { id, webhookId: messageId, eventType, ok, statusCode, durationMs, error, attemptedAt };
}

async function findEndpoint(db: Executor, workspaceId: string, id: string, lock = false): Promise<WebhookEndpointRow | undefined> {
  const query = db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)));
  const [row] = lock ? await query.for("update") : await query;
  return row;
}

export function toEndpointRecord(row: WebhookEndpointRow): WebhookEndpointRecord {
  const { secrets: _secrets, ...record } = row;
  return { ...record, disabledReason: row.disabledReason ?? null };
}

