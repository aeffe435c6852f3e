import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
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
  (t) => [uniqueIndex("components_workspace_key_idx").on(t.workspaceId, t.key)],
);

/** The latest verification, denormalized onto the credential so lists need no join. */
export interface StoredVerification {
  ok: boolean;
  code: string;
  status: string;
  message: string;
  checkedAt: string;
  durationMs: number;
}

export interface StoredSecretHint {
  field: string;
  hint: string;
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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("credentials_workspace_name_idx").on(t.workspaceId, t.name, t.id),
    index("credentials_workspace_component_idx").on(t.workspaceId, t.componentId, t.name, t.id),
    index("credentials_workspace_status_idx").on(t.workspaceId, t.status),
    index("credentials_verified_at_idx").on(t.verifiedAt),
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
    redirectUri: text().notNull(),
    expiresAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("oauth2_authorizations_expires_at_idx").on(t.expiresAt)],
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
  },
  (t) => [index("verification_results_credential_idx").on(t.credentialId, t.checkedAt.desc())],
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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("flows_workspace_name_idx").on(t.workspaceId, t.name, t.id)],
);

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
    index("flow_steps_credential_idx")
      .on(t.workspaceId, t.credentialId)
      .where(sql`${t.credentialId} is not null`),
  ],
);

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
