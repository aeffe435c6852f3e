import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow();
const updatedAt = () => timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow();

/** A person's or an organization's space; everything else belongs to exactly one. */
export const workspaces = pgTable("workspaces", {
  id: uuid().primaryKey(),
  name: text().notNull(),
  slug: text().notNull().unique(),
  createdAt: createdAt(),
});

/**
 * A component descriptor as this workspace sees it. The built-in catalog is copied into every
 * workspace (source "catalog"); registerComponent adds or replaces one (source "registered").
 */
export const components = pgTable(
  "components",
  {
    id: uuid().primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    key: text().notNull(),
    name: text().notNull(),
    description: text(),
    descriptor: jsonb().notNull().$type<unknown>(),
    source: text().notNull().$type<"catalog" | "registered">(),
    /** Last number handed out for a default account name ("Petstore API account 3"). */
    accountSeq: integer().notNull().default(0),
    /**
     * How many credentials use this component, kept in the transaction that adds or deletes one
     * (core's credential store), so counts and totals need no scan of the credentials.
     */
    credentialCount: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("components_workspace_key_idx").on(t.workspaceId, t.key),
    // The list's keyset order (name, key).
    index("components_workspace_name_idx").on(t.workspaceId, t.name, t.key),
  ],
);

/** The latest verification, denormalized onto the credential so lists need no join. */
export interface StoredVerification {
  ok: boolean;
  code: string;
  status: string;
  message: string;
  checkedAt: string;
  durationMs: number;
  /** What caused the verification (core's VerificationTrigger); missing in results stored before it was recorded. */
  trigger?: string;
  /** The person or API token that caused it, by name, when one did. */
  triggeredBy?: string | null;
}

export interface StoredSecretHint {
  field: string;
  hint: string;
}

/** The statuses in the order of "needs attention first" (CredentialOrder STATUS): a status's rank is its place here. */
export const CREDENTIAL_STATUS_RANKING = ["INVALID", "EXPIRED", "UNREACHABLE", "UNVERIFIED", "VALID"] as const;

/**
 * A credential status's rank in CREDENTIAL_STATUS_RANKING, as SQL (an unknown status ranks last).
 * The same text in the indexes and in the list queries, so the planner matches the expression.
 */
export function credentialStatusRank(status: AnyPgColumn) {
  const cases = CREDENTIAL_STATUS_RANKING.map((name, rank) => `when '${name}' then ${rank}`).join(" ");
  return sql<number>`(case ${status} ${sql.raw(cases)} else ${sql.raw(String(CREDENTIAL_STATUS_RANKING.length))} end)`;
}

export const credentials = pgTable(
  "credentials",
  {
    id: uuid().primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    componentId: uuid()
      .notNull()
      .references(() => components.id, { onDelete: "restrict" }),
    name: text().notNull(),
    authType: text().notNull(),
    /** Non-secret values only. */
    config: jsonb().notNull().$type<Record<string, unknown>>(),
    /** AES-256-GCM sealed JSON of the secret values (see core/crypto). */
    secrets: text().notNull(),
    secretHints: jsonb().notNull().$type<StoredSecretHint[]>(),
    /**
     * Where the sealed secrets were verified (core/credentials/destination.ts): they are opened for
     * sending only to this destination. Null only before the start-up backfill binds a legacy row.
     */
    destination: text(),
    status: text().notNull(),
    lastVerification: jsonb().$type<StoredVerification>(),
    verifiedAt: timestamp({ withTimezone: true, mode: "date" }),
    /** OAuth2: the grant the tokens came from; null for other auth types. */
    oauth2Grant: text().$type<"authorization_code" | "client_credentials">(),
    /** OAuth2: when the stored access token expires; null when the provider did not say. */
    tokenExpiresAt: timestamp({ withTimezone: true, mode: "date" }),
    /**
     * OAuth2: set when getting a new token failed for good (e.g. invalid_grant); no refresh is
     * tried again until the values are updated or the credential is re-verified on purpose.
     */
    tokenRefreshFailedAt: timestamp({ withTimezone: true, mode: "date" }),
    /** Scheduled re-verification: the API process that claimed the credential holds it until then. */
    verifyLeaseUntil: timestamp({ withTimezone: true, mode: "date" }),
    /**
     * What wrote the current status (scheduled, reverify, update, token_renewal,
     * component_registered): the `trigger` of the `credential.status_changed` webhook event.
     */
    statusSource: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The credential lists' orders (CredentialOrder), per workspace and per component; each read
    // backward too (`last`/`before`, NEWEST's descending order).
    // NAME: (name, id).
    index("credentials_workspace_name_idx").on(t.workspaceId, t.name, t.id),
    index("credentials_workspace_component_idx").on(t.workspaceId, t.componentId, t.name, t.id),
    // NEWEST: (created_at, id), read backward.
    index("credentials_workspace_created_idx").on(t.workspaceId, t.createdAt, t.id),
    index("credentials_workspace_component_created_idx").on(t.workspaceId, t.componentId, t.createdAt, t.id),
    // STATUS: (status rank, name, id). Also serves `filter: { status }` in the NAME order (the list
    // then asks for rank = that status's rank, which leaves (name, id)), and NEWEST with it.
    index("credentials_workspace_status_rank_idx").on(t.workspaceId, credentialStatusRank(t.status), t.name, t.id),
    index("credentials_workspace_component_status_rank_idx").on(t.workspaceId, t.componentId, credentialStatusRank(t.status), t.name, t.id),
    index("credentials_workspace_status_rank_created_idx").on(t.workspaceId, credentialStatusRank(t.status), t.createdAt, t.id),
    index("credentials_verified_at_idx").on(t.verifiedAt),
    // The credentials that are not VALID: the other side of the flows needing attention (flow-service.ts).
    index("credentials_not_valid_idx").on(t.workspaceId, t.id).where(sql`${t.status} <> 'VALID'`),
    // The start-up backfill of legacy rows (bindLegacyDestinations) finds the few unbound rows without reading the table.
    index("credentials_unbound_idx").on(t.id).where(sql`${t.destination} is null`),
    // A credential's name is unique per component, ignoring case (CREDENTIAL_NAME_UNIQUE in core).
    uniqueIndex("credentials_component_name_unique").on(t.workspaceId, t.componentId, sql`lower(${t.name})`),
  ],
);

/**
 * An OAuth2 authorization code flow that was started and not completed yet: the `state` sent to
 * the provider is the key; the row is deleted when the callback uses it (once) and is worthless
 * after `expiresAt`. The credential it creates gets `id` and goes to `workspaceId`.
 */
export const oauth2Authorizations = pgTable(
  "oauth2_authorizations",
  {
    id: uuid().primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    state: text().notNull().unique(),
    componentId: uuid()
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    authType: text().notNull(),
    /** The requested account name; null means "give it a default". */
    name: text(),
    /** Non-secret values of the input. */
    config: jsonb().notNull().$type<Record<string, unknown>>(),
    /** Sealed JSON of the secret values and the PKCE code verifier, bound to (workspaceId, id). */
    secrets: text().notNull(),
    /** The destination (token and authorization endpoints) the flow was started with; the callback sends only there. */
    destination: text(),
    redirectUri: text().notNull(),
    expiresAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    /** Reconnecting: the existing credential whose tokens the callback replaces (null: a new credential). */
    reconnectCredentialId: uuid().references(() => credentials.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [index("oauth2_authorizations_expires_at_idx").on(t.expiresAt)],
);

/**
 * Component settings: values an admin sets once per workspace and component, which the
 * component's templates use ({{settings.NAME}}, e.g. an imported component.json's OAuth2 client id
 * and secret). A setting whose name looks secret is sealed (bound to the workspace and the row's
 * id) and never returned; others are kept in `value`.
 */
export const componentSettings = pgTable(
  "component_settings",
  {
    id: uuid().primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    componentId: uuid()
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    name: text().notNull(),
    /** The value of a non-secret setting; null for a secret one. */
    value: text(),
    /** The sealed value of a secret setting; null for a non-secret one. */
    sealed: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("component_settings_component_name_idx").on(t.workspaceId, t.componentId, t.name)],
);

/** Every verification of a saved credential, newest first per credential. */
export const verificationResults = pgTable(
  "verification_results",
  {
    id: uuid().primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    credentialId: uuid()
      .notNull()
      .references(() => credentials.id, { onDelete: "cascade" }),
    ok: boolean().notNull(),
    code: text().notNull(),
    status: text().notNull(),
    message: text().notNull(),
    checkedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    durationMs: integer().notNull(),
    /**
     * What caused the verification (core's VerificationTrigger: CREATED, UPDATED, MANUAL,
     * SCHEDULED, OAUTH2_CONNECTED, OAUTH2_RECONNECTED, TOKEN_REFRESH, COMPONENT_REGISTERED).
     * Every writer of this version names its trigger (core's types require it). Rows from before
     * migration 0017 hold UNKNOWN, and so does a row written by an older replica during a rolling
     * upgrade (the default, restored by migration 0018, keeps its inserts working).
     */
    trigger: text().notNull().default("UNKNOWN"),
    /** The person or API token that caused it, by name (as the audit log has it), when one did. */
    triggeredBy: text(),
  },
  // The history's keyset order (checked_at, id), read backwards for newest first.
  (t) => [index("verification_results_credential_idx").on(t.credentialId, t.checkedAt, t.id)],
);

export const flows = pgTable(
  "flows",
  {
    id: uuid().primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text().notNull(),
    status: text().notNull().$type<"ACTIVE" | "INACTIVE">().default("INACTIVE"),
    /**
     * Whether `flow.needs_attention` was announced for this ACTIVE flow (and `flow.recovered` not
     * yet): kept by the credentials' status trigger (migration 0011), reset on activation.
     */
    attentionAnnounced: boolean().notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("flows_workspace_name_idx").on(t.workspaceId, t.name, t.id),
    // flows(status:) in the list's keyset order.
    index("flows_workspace_status_name_idx").on(t.workspaceId, t.status, t.name, t.id),
  ],
);

/**
 * How many flows each workspace has, and how many of them are ACTIVE: the flows list's totalCount
 * without counting the rows (a count of 20,000 flows took ~2 ms of the database on every /flows
 * view). Kept by the flows' trigger (migration 0020) in the transaction of each insert, delete and
 * status change, so it is never out of step with the rows.
 */
export const flowCounts = pgTable("flow_counts", {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  total: integer().notNull().default(0),
  active: integer().notNull().default(0),
});

export const flowSteps = pgTable(
  "flow_steps",
  {
    id: uuid().primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    flowId: uuid()
      .notNull()
      .references(() => flows.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    name: text().notNull(),
    componentId: uuid()
      .notNull()
      .references(() => components.id, { onDelete: "restrict" }),
    credentialId: uuid().references(() => credentials.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("flow_steps_flow_position_idx").on(t.flowId, t.position),
    // Credential.usage's keyset order (flow, position) for one credential.
    index("flow_steps_credential_idx")
      .on(t.workspaceId, t.credentialId, t.flowId, t.position)
      .where(sql`${t.credentialId} is not null`),
    // The steps without a credential: one side of the flows needing attention (flow-service.ts).
    index("flow_steps_missing_credential_idx").on(t.workspaceId, t.flowId).where(sql`${t.credentialId} is null`),
  ],
);

// ---------------------------------------------------------------------------------------------
// People and access

/** Someone who signs in to the web app. Emails are stored lower-cased. */
export const people = pgTable("people", {
  id: uuid().primaryKey(),
  email: text().notNull().unique(),
  name: text().notNull(),
  /** argon2id PHC string. */
  passwordHash: text().notNull(),
  createdAt: createdAt(),
});

export type StoredRole = "OWNER" | "ADMIN" | "MEMBER" | "VIEWER";

/** A person's role in a workspace. */
export const memberships = pgTable(
  "memberships",
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    personId: uuid()
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    role: text().notNull().$type<StoredRole>(),
    /**
     * The person's name, kept by triggers (migration 0015: filled on insert, followed on rename), so
     * the members list pages in name order from an index of the workspace's memberships alone.
     */
    personName: text().notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.personId] }),
    index("memberships_person_idx").on(t.personId),
    index("memberships_workspace_name_idx").on(t.workspaceId, t.personName, t.personId),
  ],
);

/** A signed-in browser. Only the SHA-256 of the session token is stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid().primaryKey(),
    tokenHash: text().notNull().unique(),
    personId: uuid()
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** The workspace the person is working in (switchWorkspace changes it). */
    workspaceId: uuid().references(() => workspaces.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    revokedAt: timestamp({ withTimezone: true, mode: "date" }),
    lastUsedAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [index("sessions_person_idx").on(t.personId)],
);

/** `components:write` (registerComponent) is separate from `write`: a component decides where stored secrets are sent. */
export type StoredScope = "read" | "write" | "components:write" | "credentials:use";

/** An API token of a workspace. Only the SHA-256 of the token is stored, and its first characters for recognition. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid().primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text().notNull(),
    tokenHash: text().notNull().unique(),
    /** The token's first characters (prefix and 4 more), shown in lists. */
    tokenStart: text().notNull(),
    scopes: jsonb().notNull().$type<StoredScope[]>(),
    createdBy: uuid().references(() => people.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true, mode: "date" }),
    revokedAt: timestamp({ withTimezone: true, mode: "date" }),
    lastUsedAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [index("api_tokens_workspace_idx").on(t.workspaceId, t.createdAt, t.id)],
);

/** A single-use invitation link to join a workspace with a role; only its token's hash is stored. */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid().primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    role: text().notNull().$type<StoredRole>(),
    tokenHash: text().notNull().unique(),
    createdBy: uuid().references(() => people.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    acceptedAt: timestamp({ withTimezone: true, mode: "date" }),
    acceptedBy: uuid().references(() => people.id, { onDelete: "set null" }),
    revokedAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [index("invitations_workspace_idx").on(t.workspaceId, t.createdAt, t.id)],
);

/**
 * What happened, by whom, to what, from where. Never a secret value. `workspace_id` is null only
 * for failed sign-ins with an unknown email, which no workspace may see.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    seq: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: uuid().references(() => workspaces.id, { onDelete: "cascade" }),
    at: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    actorType: text().notNull().$type<"person" | "token" | "anonymous" | "system">(),
    actorId: text(),
    actorName: text(),
    action: text().notNull(),
    objectType: text().notNull(),
    objectId: text(),
    remoteAddress: text(),
    details: jsonb().$type<Record<string, string | number | boolean | null>>(),
  },
  (t) => [
    // Ascending: read backwards they give exactly `ORDER BY seq DESC` (newest first), forwards the
    // `last`/`before` pages. (A `seq DESC NULLS LAST` index matches neither, so PostgreSQL scanned
    // the whole table backwards.)
    index("audit_events_workspace_idx").on(t.workspaceId, t.seq),
    index("audit_events_object_idx").on(t.workspaceId, t.objectType, t.objectId, t.seq),
    index("audit_events_actor_idx").on(t.workspaceId, t.actorId, t.seq),
  ],
);

/** Failed sign-ins per account and per address, in a sliding window, shared by every API process. */
export const signInFailures = pgTable("sign_in_failures", {
  key: text().primaryKey(),
  failures: integer().notNull(),
  windowStartedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
});

/**
 * Token buckets of rate limits shared by every API process on one PostgreSQL database (PGlite,
 * one process, keeps them in memory), e.g. `verify:<workspace id>`. Each take is one statement
 * (rate-limits.ts).
 */
export const rateLimitBuckets = pgTable("rate_limit_buckets", {
  key: text().primaryKey(),
  tokens: doublePrecision().notNull(),
  /** Whether the last take got a token. */
  taken: boolean().notNull(),
  updatedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
});

/**
 * The API processes running against this database and the encryption key ids each holds, kept
 * fresh by a heartbeat. Not workspace data: a key rotation reads it to re-seal secrets under a
 * new key only once every live process can open them.
 */
export const apiInstances = pgTable("api_instances", {
  id: uuid().primaryKey(),
  host: text().notNull(),
  pid: integer().notNull(),
  /** The key id this process seals with. */
  activeKeyId: text().notNull(),
  /** Every key id this process can open, the active one first. */
  keyIds: jsonb().notNull().$type<string[]>(),
  startedAt: createdAt(),
  seenAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/**
 * Where a workspace's webhook events go. `secrets` is sealed like a credential's (bound to this
 * row's id): `{ current, previous? }`, `previous` valid until `previousSecretExpiresAt`.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid().primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    url: text().notNull(),
    description: text(),
    /** Event types to send; empty: every event. */
    events: jsonb().notNull().$type<string[]>().default([]),
    secrets: text().notNull(),
    previousSecretExpiresAt: timestamp({ withTimezone: true, mode: "date" }),
    enabled: boolean().notNull().default(true),
    /** Why it is disabled: "MANUAL" (an admin) or "FAILING" (every delivery failed for 3 days). */
    disabledReason: text().$type<"MANUAL" | "FAILING">(),
    /** Since when every delivery failed; null after a success. */
    failingSince: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("webhook_endpoints_workspace_idx").on(t.workspaceId, t.createdAt, t.id)],
);

/**
 * The transactional outbox: one row per event and endpoint, written by triggers in the
 * transaction of the change (migration 0011). `id` is the `webhook-id` of every attempt; `body`
 * is signed as it is, byte for byte, on every retry.
 */
export const webhookMessages = pgTable(
  "webhook_messages",
  {
    id: text().primaryKey(),
    seq: bigint({ mode: "number" }).notNull().generatedAlwaysAsIdentity(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    endpointId: uuid()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventType: text().notNull(),
    /** Messages of one key (a credential, a flow) to one endpoint are delivered in `seq` order. */
    orderingKey: text(),
    body: text().notNull(),
    state: text().notNull().$type<"PENDING" | "DELIVERED" | "FAILED">().default("PENDING"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** The dispatcher that claimed it holds it until then (the lease pattern of re-verification). */
    leaseUntil: timestamp({ withTimezone: true, mode: "date" }),
    deliveredAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("webhook_messages_due_idx").on(t.nextAttemptAt).where(sql`${t.state} = 'PENDING'`),
    index("webhook_messages_order_idx").on(t.endpointId, t.orderingKey, t.seq).where(sql`${t.state} = 'PENDING'`),
  ],
);

/** Every delivery attempt of a message: what `WebhookEndpoint.deliveries` lists. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    seq: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    id: uuid().notNull().unique(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    endpointId: uuid()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    messageId: text()
      .notNull()
      .references(() => webhookMessages.id, { onDelete: "cascade" }),
    eventType: text().notNull(),
    ok: boolean().notNull(),
    statusCode: integer(),
    durationMs: integer().notNull(),
    error: text(),
    attemptedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("webhook_attempts_endpoint_idx").on(t.workspaceId, t.endpointId, t.seq.desc()),
    index("webhook_attempts_message_idx").on(t.messageId),
  ],
);

/**
 * What the start-up catalog sync last copied into every workspace: a hash of the built-in
 * catalog. A start with the same hash skips the sync (its time does not grow with workspaces).
 */
export const catalogSync = pgTable("catalog_sync", {
  /** One row: "builtin". */
  id: text().primaryKey(),
  hash: text().notNull(),
  syncedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
