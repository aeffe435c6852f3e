import { randomUUID } from "node:crypto";
import {
  and,
  asc,
  auditEvents,
  components,
  oauth2Authorizations,
  lt,
  ne,
  count,
  credentials,
  credentialStatusRank,
  CREDENTIAL_STATUS_RANKING,
  eq,
  flows,
  flowSteps,
  ilike,
  sql,
  type Database,
  type SQL,
  type Transaction,
  verificationResults,
} from "@latchkey/db";
import { z } from "zod";
import { ComponentService } from "../components/component-service";
import { splitCredentialValues, validateCredentialValues } from "../components/credential-values";
import { shapeResolvedValues } from "../components/resolve-shape";
import { hasTemplates, openComponentSettings, renderOAuth2Method } from "../components/component-settings";
import { TemplateError } from "../components/template";
import type { AuthMethodDescriptor } from "../components/descriptor-schema";
import { sealSecrets, type Keyring } from "../crypto";
import {
  buildAuthorizationUrl,
  checkAuthorizationResponse,
  describeTokenFailure,
  exchangeAuthorizationCode,
  newAuthorizationSecrets,
  refreshAccessToken,
  requestClientCredentialsToken,
  type OAuth2Grant,
  type OAuth2Method,
  type OAuth2Tokens,
  type TokenResult,
} from "../oauth2/oauth2-client";
import type { ComponentRecord, CredentialRecord, FlowRecord } from "../records";
import { ReverificationWriter } from "./reverification-writer";
import { invalidInput, notFound, verificationFailed, type InvalidInput, type NotFound, type VerificationFailed } from "../results";
import { AUTH_TYPES, CREDENTIAL_ORDERS, CREDENTIAL_STATUSES, type CredentialOrder, type CredentialStatus, type CredentialValues, type TriggeredVerification, type VerificationResult } from "../types";
import { verifyCredential as runVerifier } from "../verification/registry";
import { createVerificationResult, type VerifierOptions } from "../verification/verifier";
import { isId, MAX_NAME_LENGTH, parseInput, zName, zValues } from "../validation";
import {
  claimDueCredentials,
  releaseCredentialClaims,
  credentialRecordColumns,
  findCredentialRow,
  findCredentialRows,
  pageVerificationHistory,
  prepareCredentialWithComponent,
  ComponentDescriptorCache,
  recordVerification,
  toCredentialRecord,
  verificationRow,
  toStoredVerification,
  withTrigger,
  type CredentialRow,
} from "./credential-store";
import { currentDestination, openCredentialValues, sealCredentialValues, type StoredTokens } from "./credential-secrets";
import { DestinationChangedError, destinationChangedResult, destinationOf } from "./destination";
import { DEFAULT_REFRESH_MARGIN_MS, OAuth2TokenKeeper, type FreshResult, type TokenTarget } from "./oauth2-tokens";
import { toFlowRecord } from "../flows/flow-store";
import { AuditBatcher, auditEventRow, recordAudit } from "../access/audit";
import { countOf, keysetPage, mapPage, type KeysetList, type Page, type PageArgs } from "../paging";

const zCredentialInput = z.object({
  componentKey: z.string().max(200),
  authType: z.enum(AUTH_TYPES),
  name: z.string().trim().max(MAX_NAME_LENGTH, `Must be at most ${MAX_NAME_LENGTH} characters.`).nullish(),
  values: zValues,
});

const zReconnectInput = z.object({ id: z.string().max(100) });

const zCredentialFilter = z
  .object({
    componentKey: z.string().max(200).nullish(),
    status: z.enum(CREDENTIAL_STATUSES).nullish(),
    search: z.string().max(200).nullish(),
  })
  .nullish();

const zCredentialOrder = z.enum(CREDENTIAL_ORDERS).nullish();

/** The arguments of a credentials list: a page, in an order (NAME when not given). */
export interface CredentialListArgs extends PageArgs {
  orderBy?: unknown;
}

/**
 * The sort keys of each order of the credential lists, the last one the id so ties never skip or
 * repeat an item. Each order names its own cursors (a NAME cursor keeps the kind it always had),
 * so a cursor of one order is refused by another. Every order has an index per workspace and per
 * component (schema.ts).
 */
const CREDENTIAL_ORDER_KEYS: Record<CredentialOrder, Pick<KeysetList<unknown>, "kind" | "keys" | "descending">> = {
  NAME: {
    kind: "credentials",
    keys: [
      { column: credentials.name, type: "text" },
      { column: credentials.id, type: "uuid" },
    ],
  },
  NEWEST: {
    kind: "credentials:newest",
    keys: [
      { column: credentials.createdAt, type: "timestamptz" },
      { column: credentials.id, type: "uuid" },
    ],
    descending: true,
  },
  STATUS: {
    kind: "credentials:status",
    keys: [
      { column: credentialStatusRank(credentials.status), type: "integer" },
      { column: credentials.name, type: "text" },
      { column: credentials.id, type: "uuid" },
    ],
  },
};

export interface CredentialCreated {
  __typename: "CredentialCreated";
  credential: CredentialRecord;
  verification: VerificationResult;
  /** The credential's component as the insert left it (its count included), so the answer needs no read of it. */
  component: ComponentRecord;
}
export interface CredentialUpdated {
  __typename: "CredentialUpdated";
  credential: CredentialRecord;
  verification: VerificationResult;
}
export interface CredentialRenamed {
  __typename: "CredentialRenamed";
  credential: CredentialRecord;
}
export interface CredentialDeleted {
  __typename: "CredentialDeleted";
  id: string;
}
export interface CredentialVerified {
  __typename: "CredentialVerified";
  credential: CredentialRecord;
  verification: VerificationResult;
}
export interface CredentialInUse {
  __typename: "CredentialInUse";
  message: string;
  flows: FlowRecord[];
}

/** A credential leased for scheduled re-verification, with its component as the claim read it. */
export interface ClaimedCredential {
  row: CredentialRow;
  component: ComponentRecord | undefined;
}

/** A credential whose status a scheduled re-verification changed. */
export interface StatusChange {
  id: string;
  workspaceId: string;
  from: CredentialStatus;
  to: CredentialStatus;
}

/** What a verification needs: the component, its chosen auth method, and complete values. */
interface Prepared {
  component: ComponentRecord;
  method: AuthMethodDescriptor;
  values: CredentialValues;
  /** The requested account name, trimmed; empty means "give it a default". */
  name?: string | null;
}

/** Settings of the OAuth2 flows; every one has a default. */
export interface OAuth2Settings {
  /** A token this close to its expiry is renewed before use (default 5 minutes). */
  refreshMarginMs?: number;
  /** How long a started authorization code flow may take (default 10 minutes). */
  authorizationTtlMs?: number;
}

export interface OAuth2AuthorizationStarted {
  __typename: "OAuth2Authorization";
  authorizationUrl: string;
  state: string;
}

/** Why an authorization code flow ended without a credential; `code` goes to the web app. */
export type OAuth2CallbackFailureCode =
  | "STATE_INVALID"
  | "STATE_EXPIRED"
  | "PROVIDER_ERROR"
  | "EXCHANGE_FAILED"
  | "VERIFICATION_FAILED"
  /** The component's endpoints moved since the flow started: the client secret is not sent. */
  | "DESTINATION_CHANGED"
  /** Set by the API's callback route when completing threw. */
  | "INTERNAL_ERROR";

export type OAuth2CallbackResult =
  | { ok: true; credentialId: string; workspaceId: string }
  | { ok: false; code: OAuth2CallbackFailureCode; message: string };

/** A credential's values for a flow runtime: secrets decrypted, OAuth2 access token fresh. */
export interface ResolvedCredential {
  __typename: "ResolvedCredential";
  credential: CredentialRecord;
  /** The credential's component, as read with it (the API answers `credential.component` from it). */
  component: ComponentRecord;
  secrets: Record<string, unknown>;
  /** Every value under its field id, shaped as the component's format expects (shapeResolvedValues). */
  values: Record<string, unknown>;
  /** When the OAuth2 access token expires; null for other auth types and tokens without an expiry. */
  expiresAt: Date | null;
}

/** The API route an OAuth2 provider redirects the browser to. */
export const OAUTH2_CALLBACK_PATH = "/oauth2/callback";

export const DEFAULT_AUTHORIZATION_TTL_MS = 10 * 60 * 1000;
// Expired pending authorizations are kept this long, so a late callback hears "expired", not "unknown".
const EXPIRED_AUTHORIZATION_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Credentials: verify before save, secrets sealed, in-use rule under row locks. */
export class CredentialService {
  private readonly tokens: OAuth2TokenKeeper;
  private readonly authorizationTtlMs: number;
  /** Stores re-verification results, many in one statement when they finish together. */
  private readonly reverifications: ReverificationWriter;
  /** resolveCredential's two statements, prepared once: the read (credential and component) and the audit row (batched). */
  private readonly credentialWithComponent: ReturnType<typeof prepareCredentialWithComponent>;
  private readonly resolveAudit: AuditBatcher;
  private readonly descriptorCache = new ComponentDescriptorCache();

  constructor(
    private readonly db: Database,
    private readonly keyring: Keyring,
    private readonly verifierOptions: VerifierOptions,
    private readonly components: ComponentService,
    oauth2: OAuth2Settings = {},
  ) {
    this.tokens = new OAuth2TokenKeeper(db, keyring, verifierOptions, oauth2.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS);
    this.authorizationTtlMs = oauth2.authorizationTtlMs ?? DEFAULT_AUTHORIZATION_TTL_MS;
    this.reverifications = new ReverificationWriter(db);
    this.credentialWithComponent = prepareCredentialWithComponent(db);
    this.resolveAudit = new AuditBatcher(db, "latchkey_audit_resolve");
  }

  /** Dry run: validates and verifies without saving. */
  async verify(workspaceId: string, input: unknown): Promise<VerificationResult | InvalidInput | NotFound> {
    const prepared = await this.prepare(workspaceId, input);
    if ("__typename" in prepared) return prepared;
    const grantProblem = clientCredentialsProblem(prepared);
    if (grantProblem) return grantProblem;
    return (await this.verifyNewValues(prepared)).verification;
  }

  async create(
    workspaceId: string,
    input: unknown,
  ): Promise<CredentialCreated | VerificationFailed | InvalidInput | NotFound> {
    const prepared = await this.prepare(workspaceId, input);
    if ("__typename" in prepared) return prepared;
    const grantProblem = clientCredentialsProblem(prepared);
    if (grantProblem) return grantProblem;
    const { verification: result, tokens } = await this.verifyNewValues(prepared);
    if (!result.ok) return verificationFailed(result);
    const verification = withTrigger(result, "CREATED");
    let created: Awaited<ReturnType<typeof this.insertCredential>>;
    try {
      created = await this.insertCredential(randomUUID(), workspaceId, prepared, verification, tokens && { grant: "client_credentials", tokens });
    } catch (error) {
      // Another request took the name since prepare() checked it.
      if (isNameTaken(error)) return nameTakenProblem(prepared.component.name, prepared.name ?? "");
      throw error;
    }
    return { __typename: "CredentialCreated", credential: toCredentialRecord(created.row), verification, component: created.component };
  }

  /** Replaces the values (secrets left out keep their stored value) and verifies; on failure nothing changes. */
  async update(
    workspaceId: string,
    id: string,
    values: unknown,
  ): Promise<CredentialUpdated | VerificationFailed | InvalidInput | NotFound> {
    const parsedValues = parseInput(zValues, values, "values");
    if (!parsedValues.ok) return parsedValues.problem;
    const existing = isId(id) ? await findCredentialRow(this.db, workspaceId, id) : undefined;
    if (!existing) return notFound("Credential", id);
    const context = await this.loadContext(existing);
    if ("__typename" in context) return context;

    // Where the new values send the secrets; secrets kept from before may only go where they were verified.
    const { method, component } = context;
    const input = parsedValues.value;
    const stored = new Set(existing.secretHints.map((hint) => hint.field));
    const kept = method.fields.filter((f) => f.secret && stored.has(f.name) && !(f.name in input)).map((f) => f.name);
    const connected = method.type === "OAUTH2" && existing.oauth2Grant === "authorization_code";
    const config = validateCredentialValues(nonSecretPart(method), pickNonSecret(method, input));
    if (!config.ok) {
      const all = validateCredentialValues(method, input);
      return valuesProblem(all.ok ? config.fieldErrors : all.fieldErrors.filter((e) => !kept.includes(e.field)));
    }
    const destination = destinationOf(component.descriptor, method, config.values, this.verifierOptions);
    if (destination !== existing.destination) {
      if (connected) {
        return invalidInput([{ field: "values", message: `${component.name} now gets its tokens elsewhere: connect the account again.` }]);
      }
      if (kept.length > 0) return invalidInput(kept.map((name) => ({ field: `values.${name}`, message: DESTINATION_MOVED })), DESTINATION_MOVED_SUMMARY);
    }
    const opened = kept.length > 0 || connected ? openCredentialValues(this.keyring, existing, destination) : { values: {} };
    const keptSecrets = Object.fromEntries(kept.filter((name) => name in opened.values).map((name) => [name, opened.values[name]]));
    const storedTokens = "tokens" in opened ? opened.tokens : undefined;
    const validated = validateCredentialValues(method, { ...keptSecrets, ...input });
    if (!validated.ok) return valuesProblem(validated.fieldErrors);

    const prepared = { ...context, values: validated.values };
    const grantProblem = connected ? undefined : clientCredentialsProblem(prepared);
    if (grantProblem) return grantProblem;
    const { verification: result, tokens } =
      connected && context.method.type === "OAUTH2"
        ? await this.verifyByRefresh({ ...prepared, method: context.method }, storedTokens)
        : await this.verifyNewValues(prepared);
    if (!result.ok) return verificationFailed(result);
    const verification = withTrigger(result, "UPDATED");

    const row = await this.db.transaction(async (tx) => {
      const locked = await findCredentialRow(tx, workspaceId, id, "update");
      if (!locked) return undefined;
      const [updated] = await tx
        .update(credentials)
        .set({
          ...sealCredentialValues(this.keyring, context.method, validated.values, { workspaceId, credentialId: id, destination }, tokens),
          ...(tokens ? { tokenExpiresAt: tokens.expiresAt, tokenRefreshFailedAt: null } : {}),
          ...verificationColumns(verification),
          statusSource: "update",
          updatedAt: sql`now()`,
        })
        .where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.id, id)))
        .returning();
      await recordVerification(tx, workspaceId, id, verification);
      await recordAudit(tx, { workspaceId, action: "credential.update", objectType: "credential", objectId: id });
      return updated;
    });
    if (!row) return notFound("Credential", id);
    return { __typename: "CredentialUpdated", credential: toCredentialRecord(row), verification };
  }

  async rename(workspaceId: string, id: string, name: unknown): Promise<CredentialRenamed | InvalidInput | NotFound> {
    const parsed = parseInput(zName, name, "name");
    if (!parsed.ok) return parsed.problem;
    if (!isId(id)) return notFound("Credential", id);
    const existing = await findCredentialRow(this.db, workspaceId, id);
    if (!existing) return notFound("Credential", id);
    const taken = () => this.components.findByIds(workspaceId, [existing.componentId]).then(([c]) => nameTakenProblem(c?.name ?? "This component", parsed.value));
    if (await credentialNameTaken(this.db, workspaceId, existing.componentId, parsed.value, id)) return taken();
    const row = await this.db.transaction(async (tx) => {
      const [renamed] = await tx
        .update(credentials)
        .set({ name: parsed.value, updatedAt: sql`now()` })
        .where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.id, id)))
        .returning();
      if (renamed) await recordAudit(tx, { workspaceId, action: "credential.rename", objectType: "credential", objectId: id, details: { name: parsed.value } });
      return renamed;
    }).catch((error: unknown) => {
      if (isNameTaken(error)) return "taken" as const;
      throw error;
    });
    if (row === "taken") return taken();
    return row ? { __typename: "CredentialRenamed", credential: toCredentialRecord(row) } : notFound("Credential", id);
  }

  /**
   * Deletes unless an ACTIVE flow uses the credential. The row lock taken first makes any
   * concurrent activateFlow / setStepCredential (which share-lock the credential) either finish
   * before the check sees them, or wait and then find the credential gone.
   */
  async delete(workspaceId: string, id: string): Promise<CredentialDeleted | CredentialInUse | NotFound> {
    if (!isId(id)) return notFound("Credential", id);
    return this.db.transaction(async (tx) => {
      const locked = await findCredentialRow(tx, workspaceId, id, "update");
      if (!locked) return notFound("Credential", id);
      const activeFlows = await tx
        .selectDistinct({ flow: flows })
        .from(flows)
        .innerJoin(flowSteps, eq(flowSteps.flowId, flows.id))
        .where(
          // The steps' own workspace too: their (workspace, credential) index then finds them.
          and(eq(flows.workspaceId, workspaceId), eq(flowSteps.workspaceId, workspaceId), eq(flowSteps.credentialId, id), eq(flows.status, "ACTIVE")),
        )
        .orderBy(asc(flows.name));
      if (activeFlows.length > 0) {
        const names = activeFlows.map((r) => `"${r.flow.name}"`).join(", ");
        const [flowWord, it, its] = activeFlows.length === 1 ? ["flow", "it", "its"] : ["flows", "them", "their"];
        return {
          __typename: "CredentialInUse" as const,
          message: `"${locked.name}" is used by the active ${flowWord} ${names}. Deactivate ${it}, delete ${it}, or point ${its} steps at another credential first.`,
          flows: activeFlows.map((r) => toFlowRecord(r.flow)),
        };
      }
      // Steps of inactive flows lose their credential (ON DELETE SET NULL).
      await countCredential(tx, workspaceId, locked.componentId, -1);
      await tx.delete(credentials).where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.id, id)));
      await recordAudit(tx, { workspaceId, action: "credential.delete", objectType: "credential", objectId: id, details: { name: locked.name } });
      return { __typename: "CredentialDeleted" as const, id };
    });
  }

  /**
   * Verifies the stored values again and stores the result, whatever it is. On purpose (the
   * default) an OAuth2 credential whose token renewal failed for good is tried again; a scheduled
   * re-verification passes `{ onPurpose: false }` and leaves it as it is.
   */
  async reverify(workspaceId: string, id: string, options: { onPurpose?: boolean } = {}): Promise<CredentialVerified | NotFound> {
    const existing = isId(id) ? await findCredentialRow(this.db, workspaceId, id) : undefined;
    const stored = existing ? await this.verifyAndStore(existing, (options.onPurpose ?? true) ? "MANUAL" : "SCHEDULED") : undefined;
    return stored ? { __typename: "CredentialVerified", ...stored } : notFound("Credential", id);
  }

  /**
   * Scheduled re-verification, step 1: claims (leases) up to `limit` credentials not verified
   * within `intervalMs` (not an OAuth2 credential whose renewal failed for good), with their
   * components read in one query per workspace of the batch.
   */
  async claimDue(options: { intervalMs: number; limit: number; leaseMs: number }): Promise<ClaimedCredential[]> {
    const rows = await claimDueCredentials(this.db, options);
    const components = new Map<string, ComponentRecord>();
    const workspaces = new Map<string, Set<string>>();
    for (const row of rows) workspaces.set(row.workspaceId, (workspaces.get(row.workspaceId) ?? new Set()).add(row.componentId));
    const found = await Promise.all([...workspaces].map(([workspaceId, ids]) => this.components.findByIds(workspaceId, [...ids])));
    for (const component of found.flat()) components.set(component.id, component);
    return rows.map((row) => ({ row, component: components.get(row.componentId) }));
  }

  /** Scheduled re-verification, on shutdown: the leases of claimed credentials that were not verified are released. */
  async releaseClaims(ids: readonly string[]): Promise<void> {
    await releaseCredentialClaims(this.db, ids);
  }

  /**
   * Scheduled re-verification, step 2: verifies a claimed credential outside any transaction (not
   * on purpose) and stores the result, whatever it is. Answers the status change, if any.
   */
  async reverifyClaimed({ row, component }: ClaimedCredential): Promise<StatusChange | undefined> {
    const stored = await this.verifyAndStore(row, "SCHEDULED", component);
    if (!stored || stored.credential.status === row.status) return undefined;
    return { id: row.id, workspaceId: row.workspaceId, from: row.status as CredentialStatus, to: stored.credential.status };
  }

  /** A page of one credential's verification results, newest first. */
  async history(workspaceId: string, credentialId: string, args: PageArgs): Promise<Page<VerificationResult> | InvalidInput> {
    return pageVerificationHistory(this.db, workspaceId, credentialId, args);
  }

  /**
   * A credential's values for use by a flow: decrypted, with an OAuth2 access token that is not
   * within the refresh margin of its expiry (renewed first when it is). The one place that hands
   * out secrets; callers must check the caller's right to them.
   */
  async resolveForUse(workspaceId: string, id: string): Promise<ResolvedCredential | VerificationFailed | NotFound> {
    if (!isId(id)) return notFound("Credential", id);
    const held = this.descriptorCache.held(id);
    const [found] = await this.credentialWithComponent.execute({
      workspaceId,
      id,
      knownComponentId: held?.componentId ?? null,
      knownVersion: held?.version ?? null,
    });
    if (!found) return notFound("Credential", id);
    // No descriptor sent: the held one is current (the statement compared its version).
    const descriptor = (found.descriptor == null ? held!.descriptor : this.descriptorCache.keep(id, found.component.id, found.version, found.descriptor)) as ComponentRecord["descriptor"];
    const component: ComponentRecord = { ...found.component, descriptor };
    const context = await this.loadContext(found.credential, component);
    if ("__typename" in context) return notFound("Credential", id);
    try {
      return await this.resolveFresh(found.credential, context);
    } catch (error) {
      if (error instanceof DestinationChangedError) return verificationFailed(destinationChangedResult(context.component.name));
      throw error;
    }
  }

  private async resolveFresh(existing: CredentialRow, context: Omit<Prepared, "values">): Promise<ResolvedCredential | VerificationFailed | NotFound> {
    const { id } = existing;
    const secretOf = (values: CredentialValues) => splitCredentialValues(context.method, values).secrets;
    if (context.method.type !== "OAUTH2") {
      const { values } = openCredentialValues(this.keyring, existing, currentDestination(existing, context, this.verifierOptions));
      return {
        __typename: "ResolvedCredential",
        credential: toCredentialRecord(existing),
        component: context.component,
        secrets: secretOf(values),
        values: shapeResolvedValues(context.method, values),
        expiresAt: null,
      };
    }
    const fresh = await this.tokens.fresh(existing, { ...context, method: context.method });
    if ("missing" in fresh) return notFound("Credential", id);
    if (!fresh.ok) return verificationFailed(fresh.verification);
    // The refresh token too, for the component's own code (imported component.json files read it).
    const { accessToken, refreshToken, expiresAt, row } = fresh.fresh;
    return {
      __typename: "ResolvedCredential",
      credential: toCredentialRecord(row),
      component: context.component,
      secrets: { ...secretOf(fresh.fresh.values), accessToken },
      values: shapeResolvedValues(context.method, fresh.fresh.values, { accessToken, refreshToken, expiresAt }),
      expiresAt,
    };
  }

  /**
   * Starts an authorization code flow (PKCE S256 + state) for a new OAuth2 credential: the input
   * is validated as createCredential validates it, and kept (secrets sealed) until the callback.
   */
  async startOAuth2Authorization(workspaceId: string, input: unknown): Promise<OAuth2AuthorizationStarted | InvalidInput | NotFound> {
    const prepared = await this.prepare(workspaceId, input);
    if ("__typename" in prepared) return prepared;
    const { component, method, values } = prepared;
    if (method.type !== "OAUTH2") {
      return invalidInput([{ field: "authType", message: "Only OAUTH2 credentials are connected through an authorization flow." }]);
    }
    if (!method.oauth2.grantTypes.includes("authorization_code")) {
      return invalidInput([
        { field: "authType", message: `${component.name} does not offer the authorization code grant; create the credential with createCredential.` },
      ]);
    }
    const { state, codeVerifier } = newAuthorizationSecrets();
    const id = randomUUID();
    const redirectUri = this.oauth2RedirectUri();
    const { config, secrets } = splitCredentialValues(method, values);
    const now = Date.now();
    await this.db.transaction(async (tx) => {
      await tx.delete(oauth2Authorizations).where(lt(oauth2Authorizations.expiresAt, new Date(now - EXPIRED_AUTHORIZATION_RETENTION_MS)));
      await tx.insert(oauth2Authorizations).values({
        id,
        workspaceId,
        state,
        componentId: component.id,
        authType: method.type,
        name: prepared.name || null,
        config,
        secrets: sealSecrets(this.keyring, { ...secrets, codeVerifier }, { workspaceId, credentialId: id }),
        destination: destinationOf(component.descriptor, method, values, this.verifierOptions),
        redirectUri,
        expiresAt: new Date(now + this.authorizationTtlMs),
      });
    });
    const url = await buildAuthorizationUrl(method, values, { state, codeVerifier, redirectUri });
    return { __typename: "OAuth2Authorization", authorizationUrl: url.toString(), state };
  }

  /**
   * Starts an authorization code flow for an existing OAuth2 credential (its stored client values,
   * sent only to the destination they were verified against). On the callback, once the new tokens
   * verify, they replace the credential's in place: its id, name and flow steps stay.
   */
  async reconnectOAuth2Credential(workspaceId: string, input: unknown): Promise<OAuth2AuthorizationStarted | InvalidInput | NotFound> {
    const parsed = parseInput(zReconnectInput, input);
    if (!parsed.ok) return parsed.problem;
    const { id } = parsed.value;
    const existing = isId(id) ? await findCredentialRow(this.db, workspaceId, id) : undefined;
    if (!existing) return notFound("Credential", id);
    const context = await this.loadContext(existing);
    if ("__typename" in context) return context;
    const { component, method } = context;
    if (method.type !== "OAUTH2" || !method.oauth2.grantTypes.includes("authorization_code")) {
      return invalidInput([{ field: "id", message: `This ${component.name} credential is not connected through the provider's sign-in, so it cannot be reconnected; edit its values instead.` }]);
    }
    const destination = destinationOf(component.descriptor, method, existing.config as CredentialValues, this.verifierOptions);
    let values: CredentialValues;
    try {
      values = openCredentialValues(this.keyring, existing, destination).values;
    } catch (error) {
      if (!(error instanceof DestinationChangedError)) throw error;
      return invalidInput([{ field: "id", message: `${component.name} now signs in elsewhere: edit the credential and enter its client values again.` }]);
    }
    const { state, codeVerifier } = newAuthorizationSecrets();
    const authorizationId = randomUUID();
    const redirectUri = this.oauth2RedirectUri();
    const { config, secrets } = splitCredentialValues(method, values);
    const now = Date.now();
    await this.db.transaction(async (tx) => {
      await tx.delete(oauth2Authorizations).where(lt(oauth2Authorizations.expiresAt, new Date(now - EXPIRED_AUTHORIZATION_RETENTION_MS)));
      await tx.insert(oauth2Authorizations).values({
        id: authorizationId,
        workspaceId,
        state,
        componentId: component.id,
        authType: method.type,
        name: existing.name,
        config,
        secrets: sealSecrets(this.keyring, { ...secrets, codeVerifier }, { workspaceId, credentialId: authorizationId }),
        destination,
        redirectUri,
        expiresAt: new Date(now + this.authorizationTtlMs),
        reconnectCredentialId: existing.id,
      });
    });
    const url = await buildAuthorizationUrl(method, values, { state, codeVerifier, redirectUri });
    return { __typename: "OAuth2Authorization", authorizationUrl: url.toString(), state };
  }

  /** Reconnect's callback: the verified new tokens (and the values) replace the credential's, which keeps its id, name and steps. */
  private async replaceTokens(
    workspaceId: string,
    id: string,
    prepared: Prepared,
    verification: TriggeredVerification,
    tokens: OAuth2Tokens,
  ): Promise<boolean> {
    const { component, method, values } = prepared;
    const destination = destinationOf(component.descriptor, method, values, this.verifierOptions);
    return this.db.transaction(async (tx) => {
      const locked = await findCredentialRow(tx, workspaceId, id, "update");
      if (!locked) return false;
      await tx
        .update(credentials)
        .set({
          ...sealCredentialValues(this.keyring, method, values, { workspaceId, credentialId: id, destination }, tokens),
          oauth2Grant: "authorization_code",
          tokenExpiresAt: tokens.expiresAt,
          tokenRefreshFailedAt: null,
          ...verificationColumns(verification),
          updatedAt: sql`now()`,
        })
        .where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.id, id)));
      await recordVerification(tx, workspaceId, id, verification);
      await recordAudit(tx, { workspaceId, action: "credential.reconnect", objectType: "credential", objectId: id });
      return true;
    });
  }

  /**
   * The provider's redirect back: uses the pending authorization named by `state` (once; it is
   * deleted first), exchanges the code with the PKCE verifier, verifies, and saves the credential
   * in the workspace that started the flow. Any failure saves nothing.
   */
  async completeOAuth2Authorization(params: URLSearchParams): Promise<OAuth2CallbackResult> {
    const state = params.get("state");
    if (!state || state.length > 512) return callbackFailure("STATE_INVALID", "The authorization answer has no valid state.");
    const [pending] = await this.db.delete(oauth2Authorizations).where(eq(oauth2Authorizations.state, state)).returning();
    if (!pending) {
      return callbackFailure("STATE_INVALID", "This authorization is unknown or was already used: start connecting the account again.");
    }
    if (pending.expiresAt.getTime() <= Date.now()) {
      return callbackFailure("STATE_EXPIRED", "This authorization took too long and expired: start connecting the account again.");
    }
    const { workspaceId } = pending;
    const [component] = await this.components.findByIds(workspaceId, [pending.componentId]);
    const method = component?.descriptor.authMethods.find((m) => m.type === pending.authType);
    if (!component || method?.type !== "OAUTH2") {
      return callbackFailure("STATE_INVALID", "The component of this authorization no longer offers OAuth2.");
    }
    const rendered = await this.withTemplates(component, method, pending.config as CredentialValues);
    if (rendered instanceof TemplateError || rendered.type !== "OAUTH2") return callbackFailure("STATE_INVALID", "The component's OAuth2 endpoints cannot be filled in: check its settings.");
    let opened: CredentialValues;
    try {
      opened = openCredentialValues(this.keyring, pending, currentDestination(pending, { component, method: rendered }, this.verifierOptions)).values;
    } catch (error) {
      if (!(error instanceof DestinationChangedError)) throw error;
      return callbackFailure("DESTINATION_CHANGED", `${component.name}'s OAuth2 endpoints changed since this authorization started: start connecting the account again.`);
    }
    const { codeVerifier, ...values } = opened;

    const answer = checkAuthorizationResponse(rendered, values, params, state);
    if (!answer.ok) return callbackFailure("PROVIDER_ERROR", `${component.name} did not authorize the connection: ${answer.error}.`);
    const startedAt = performance.now();
    const exchanged = await exchangeAuthorizationCode(
      rendered,
      values,
      { params: answer.params, redirectUri: pending.redirectUri, codeVerifier: String(codeVerifier) },
      this.verifierOptions,
    );
    if (!exchanged.ok) {
      const outcome = describeTokenFailure(component.name, exchanged.failure, "authorization_code", this.verifierOptions.timeoutMs);
      return callbackFailure("EXCHANGE_FAILED", createVerificationResult({ descriptor: component.descriptor, method, values }, outcome, startedAt).message);
    }
    const prepared = { component, method: rendered, values, name: pending.name };
    const result = await this.runVerification(prepared, exchanged.tokens.accessToken);
    if (!result.ok) return callbackFailure("VERIFICATION_FAILED", result.message);
    if (pending.reconnectCredentialId) {
      const verification = withTrigger(result, "OAUTH2_RECONNECTED");
      const replaced = await this.replaceTokens(workspaceId, pending.reconnectCredentialId, prepared, verification, exchanged.tokens);
      if (!replaced) return callbackFailure("STATE_INVALID", "The credential being reconnected was deleted meanwhile: nothing was saved.");
      return { ok: true, credentialId: pending.reconnectCredentialId, workspaceId };
    }
    const oauth2 = { grant: "authorization_code" as const, tokens: exchanged.tokens };
    const verification = withTrigger(result, "OAUTH2_CONNECTED");
    await this.insertCredential(pending.id, workspaceId, prepared, verification, oauth2).catch((error: unknown) => {
      // The name was taken while the person was at the provider: the connection is kept under a default name.
      if (!isNameTaken(error) || !prepared.name) throw error;
      return this.insertCredential(pending.id, workspaceId, { ...prepared, name: null }, verification, oauth2);
    });
    return { ok: true, credentialId: pending.id, workspaceId };
  }

  /** Where the provider sends the browser back: the API's public URL (or own origin) + /oauth2/callback. */
  oauth2RedirectUri(): string {
    return `${this.verifierOptions.serverUrl.replace(/\/+$/, "")}${OAUTH2_CALLBACK_PATH}`;
  }

  /**
   * Verifies a stored credential (OAuth2: its token renewed first when due) and stores the result,
   * clearing a re-verification lease. Undefined when the credential or its auth method is gone; a
   * lease is then kept until it runs out, so the scheduled job does not claim it again at once.
   */
  private async verifyAndStore(
    row: CredentialRow,
    trigger: "MANUAL" | "SCHEDULED",
    component?: ComponentRecord,
  ): Promise<Omit<CredentialVerified, "__typename"> | undefined> {
    const context = await this.loadContext(row, component);
    if ("__typename" in context) return undefined;
    try {
      return await this.verifyStored(row, context, trigger);
    } catch (error) {
      // The descriptor moved the credential's destination: nothing was sent, and the user sees why.
      if (error instanceof DestinationChangedError) return this.storeReverification(row, withTrigger(destinationChangedResult(context.component.name), trigger));
      throw error;
    }
  }

  private async verifyStored(
    row: CredentialRow,
    context: Omit<Prepared, "values">,
    trigger: "MANUAL" | "SCHEDULED",
  ): Promise<Omit<CredentialVerified, "__typename"> | undefined> {
    const { workspaceId, id } = row;
    if (context.method.type === "OAUTH2") {
      // On purpose (MANUAL), a renewal that failed for good is tried again; the job leaves it.
      const checked = await this.verifyStoredToken(row, { ...context, method: context.method }, trigger === "MANUAL");
      if ("missing" in checked) return undefined;
      if (checked.recorded) {
        // A renewal refused for good has stored its own result already.
        const [current] = await this.db
          .update(credentials)
          .set({ verifyLeaseUntil: null })
          .where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.id, id)))
          .returning();
        return current ? { credential: toCredentialRecord(current), verification: checked.verification } : undefined;
      }
      return this.storeReverification(row, withTrigger(checked.verification, trigger));
    }
    const { values } = openCredentialValues(this.keyring, row, currentDestination(row, context, this.verifierOptions));
    const verification = await this.runVerification({ ...context, values });
    return this.storeReverification(row, withTrigger(verification, trigger));
  }

  /**
   * Records a result in the history (and the audit log), in one statement. The credential's status
   * follows the newest result: one that finished earlier than what is stored (a slower concurrent
   * verification) only joins the history, and the credential is then read as it is.
   */
  private async storeReverification(row: CredentialRow, verification: TriggeredVerification): Promise<Omit<CredentialVerified, "__typename"> | undefined> {
    const stored = await this.reverifications.store(row.workspaceId, row.id, verification);
    if (!stored) return undefined;
    const current = stored.updatedAt
      ? { ...row, ...verificationColumns(verification), verifyLeaseUntil: null, updatedAt: stored.updatedAt }
      : (await findCredentialRows(this.db, row.workspaceId, [row.id]))[0];
    return current ? { credential: toCredentialRecord(current), verification } : undefined;
  }

  /**
   * resolveCredential: resolveForUse, written to the audit log before the values are handed out,
   * so a resolve that could not be recorded returns nothing.
   */
  async resolve(workspaceId: string, id: string): Promise<ResolvedCredential | VerificationFailed | NotFound> {
    const result = await this.resolveForUse(workspaceId, id);
    if (result.__typename === "NotFound") return result;
    await this.resolveAudit.record({
      workspaceId,
      action: "credential.resolve",
      objectType: "credential",
      objectId: id,
      details: { outcome: result.__typename === "ResolvedCredential" ? "resolved" : "verification_failed" },
    });
    return result;
  }

  async findById(workspaceId: string, id: string): Promise<CredentialRecord | null> {
    if (!isId(id)) return null;
    const [row] = await findCredentialRows(this.db, workspaceId, [id]);
    return row ? toCredentialRecord(row) : null;
  }

  async findByIds(workspaceId: string, ids: readonly string[]): Promise<CredentialRecord[]> {
    return (await findCredentialRows(this.db, workspaceId, ids.filter(isId))).map(toCredentialRecord);
  }

  /** A page in the asked order (CREDENTIAL_ORDER_KEYS; by name when not given), by keyset cursors (see paging.ts). */
  async list(workspaceId: string, args: CredentialListArgs & { filter?: unknown }): Promise<Page<CredentialRecord> | InvalidInput> {
    const filter = parseInput(zCredentialFilter, args.filter, "filter");
    if (!filter.ok) return filter.problem;
    const conditions: SQL[] = [eq(credentials.workspaceId, workspaceId)];
    const f = filter.value;
    if (f?.componentKey != null) {
      conditions.push(
        eq(
          credentials.componentId,
          sql`(select ${components.id} from ${components} where ${components.workspaceId} = ${workspaceId} and ${components.key} = ${f.componentKey})`,
        ),
      );
    }
    if (f?.status != null) {
      // The status's rank too (the same thing said twice): the status-rank indexes then seek to
      // that status and give every order within it.
      const rank = CREDENTIAL_STATUS_RANKING.indexOf(f.status);
      conditions.push(eq(credentials.status, f.status), sql`${credentialStatusRank(credentials.status)} = ${sql.raw(String(rank))}`);
    }
    if (f?.search) conditions.push(ilike(credentials.name, `%${escapeLike(f.search)}%`));
    return this.pageOf(args, conditions, () =>
      f?.status == null && !f?.search
        ? // Without a status or search filter the components' counts add up to the total.
          this.countFromComponents(workspaceId, f?.componentKey ?? null)
        : countOf(this.db.select({ n: count() }).from(credentials).where(and(...conditions))),
    );
  }

  /** One component's credentials, a page in the asked order (by name when not given). */
  async listOfComponent(workspaceId: string, component: ComponentRecord, args: CredentialListArgs): Promise<Page<CredentialRecord> | InvalidInput> {
    const conditions = [eq(credentials.workspaceId, workspaceId), eq(credentials.componentId, component.id)];
    return this.pageOf(args, conditions, async () => component.credentialCount);
  }

  private async pageOf(args: CredentialListArgs, conditions: SQL[], total: () => Promise<number>): Promise<Page<CredentialRecord> | InvalidInput> {
    const order = parseInput(zCredentialOrder, args.orderBy, "orderBy");
    if (!order.ok) return order.problem;
    const page = await keysetPage(args, {
      ...CREDENTIAL_ORDER_KEYS[order.value ?? "NAME"],
      // A row comparison on the order's keys, so its (workspace, [component,] keys) index seeks to the cursor.
      fetch: ({ where, orderBy, limit, cursorKeys }) =>
        this.db
          .select({ ...credentialRecordColumns, ...cursorKeys })
          .from(credentials)
          .where(and(...conditions, where))
          .orderBy(...orderBy)
          .limit(limit),
      count: total,
    });
    return mapPage(page, toCredentialRecord);
  }

  private async countFromComponents(workspaceId: string, componentKey: string | null): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<string>`coalesce(sum(${components.credentialCount}), 0)` })
      .from(components)
      .where(and(eq(components.workspaceId, workspaceId), componentKey == null ? undefined : eq(components.key, componentKey)));
    return Number(row?.n ?? 0);
  }

  private async prepare(workspaceId: string, input: unknown): Promise<Prepared | InvalidInput | NotFound> {
    const parsed = parseInput(zCredentialInput, input);
    if (!parsed.ok) return parsed.problem;
    const { componentKey, authType, name, values } = parsed.value;
    const component = await this.components.findByKey(workspaceId, componentKey);
    if (!component) return { ...notFound("Component", null), message: `No component with key "${componentKey}".` };
    const method = component.descriptor.authMethods.find((m) => m.type === authType);
    if (!method) {
      return invalidInput([
        { field: "authType", message: `${component.name} does not accept ${authType}; it accepts ${component.descriptor.authMethods.map((m) => m.type).join(", ")}.` },
      ]);
    }
    if (name && (await credentialNameTaken(this.db, workspaceId, component.id, name))) return nameTakenProblem(component.name, name);
    const validated = validateCredentialValues(method, values);
    if (!validated.ok) return valuesProblem(validated.fieldErrors);
    const rendered = await this.withTemplates(component, method, validated.values);
    if (rendered instanceof TemplateError) return invalidInput([{ field: "values", message: rendered.message }]);
    return { component, method: rendered, values: validated.values, name };
  }

  /**
   * Imported components: an OAuth2 method's endpoints and client filled from the component's
   * settings and the credential's non-secret values (renderOAuth2Method); other methods as they are.
   */
  private async withTemplates(component: ComponentRecord, method: AuthMethodDescriptor, values: CredentialValues): Promise<AuthMethodDescriptor | TemplateError> {
    if (!hasTemplates(method)) return method;
    const settings = await openComponentSettings(this.db, this.keyring, component.workspaceId, component.id);
    try {
      return renderOAuth2Method(method, { values, settings, serverUrl: this.verifierOptions.serverUrl });
    } catch (error) {
      if (error instanceof TemplateError) return error;
      throw error;
    }
  }

  private async loadContext(row: CredentialRow, loaded?: ComponentRecord): Promise<Omit<Prepared, "values"> | NotFound> {
    const [component] = loaded ? [loaded] : await this.components.findByIds(row.workspaceId, [row.componentId]);
    const method = component?.descriptor.authMethods.find((m) => m.type === row.authType);
    if (!component || !method) return notFound("Auth method of the credential's component", null);
    const rendered = await this.withTemplates(component, method, row.config as CredentialValues);
    if (rendered instanceof TemplateError) return { ...notFound("Auth method of the credential's component", null), message: rendered.message };
    return { component, method: rendered };
  }

  private runVerification(prepared: Prepared, accessToken?: string): Promise<VerificationResult> {
    return runVerifier(
      { descriptor: prepared.component.descriptor, method: prepared.method, values: prepared.values, accessToken },
      this.verifierOptions,
    );
  }

  /** Verifies submitted values; OAuth2 values first get a token by the client credentials grant. */
  private async verifyNewValues(prepared: Prepared): Promise<{ verification: VerificationResult; tokens?: OAuth2Tokens }> {
    const { method } = prepared;
    if (method.type !== "OAUTH2") return { verification: await this.runVerification(prepared) };
    return this.verifyWithToken({ ...prepared, method }, "client_credentials", () =>
      requestClientCredentialsToken(method, prepared.values, this.verifierOptions),
    );
  }

  /** Verifies new values of an authorization code credential: a refresh with them, then verify.http. */
  private verifyByRefresh(
    prepared: Prepared & { method: OAuth2Method },
    stored: StoredTokens | undefined,
  ): Promise<{ verification: VerificationResult; tokens?: OAuth2Tokens }> {
    const refreshToken = stored?.refreshToken;
    return this.verifyWithToken(prepared, "refresh", async () => {
      if (!refreshToken) return { ok: false, failure: { kind: "no-refresh-token" } };
      const result = await refreshAccessToken(prepared.method, prepared.values, refreshToken, this.verifierOptions);
      return result.ok ? { ok: true, tokens: { ...result.tokens, refreshToken: result.tokens.refreshToken ?? refreshToken } } : result;
    });
  }

  private async verifyWithToken(
    prepared: Prepared & { method: OAuth2Method },
    step: "client_credentials" | "refresh",
    getToken: () => Promise<TokenResult>,
  ): Promise<{ verification: VerificationResult; tokens?: OAuth2Tokens }> {
    const startedAt = performance.now();
    const result = await getToken();
    if (!result.ok) {
      const outcome = describeTokenFailure(prepared.component.name, result.failure, step, this.verifierOptions.timeoutMs);
      const target = { descriptor: prepared.component.descriptor, method: prepared.method, values: prepared.values };
      return { verification: createVerificationResult(target, outcome, startedAt) };
    }
    return { verification: await this.runVerification(prepared, result.tokens.accessToken), tokens: result.tokens };
  }

  /**
   * Verifies a stored OAuth2 credential: its token renewed first when due, and once more when
   * verify.http answers 401 (then verified again with the new token).
   */
  private async verifyStoredToken(
    row: CredentialRow,
    target: TokenTarget,
    onPurpose: boolean,
  ): Promise<Exclude<FreshResult, { ok: true }> | { ok: true; verification: VerificationResult; recorded: false }> {
    const fresh = await this.tokens.fresh(row, target, { retryFailed: onPurpose });
    if (!fresh.ok) return fresh;
    const prepared = { ...target, values: fresh.fresh.values };
    const verification = await this.runVerification(prepared, fresh.fresh.accessToken);
    if (verification.code !== "UNAUTHORIZED" || !target.method.verify) return { ok: true, verification, recorded: false };
    const renewed = await this.tokens.renewRejected(fresh.fresh.row, target, fresh.fresh.accessToken);
    if (!renewed.ok) return renewed;
    return { ok: true, verification: await this.runVerification(prepared, renewed.fresh.accessToken), recorded: false };
  }

  private async insertCredential(
    id: string,
    workspaceId: string,
    prepared: Prepared,
    verification: TriggeredVerification,
    oauth2?: { grant: OAuth2Grant; tokens: OAuth2Tokens },
  ): Promise<{ row: CredentialRow; component: ComponentRecord }> {
    const { component, method, values } = prepared;
    const sealed = sealCredentialValues(
      this.keyring,
      method,
      values,
      { workspaceId, credentialId: id, destination: destinationOf(component.descriptor, method, values, this.verifierOptions) },
      oauth2?.tokens,
    );
    // A default name's number comes from its own short statement, never from the insert below, so
    // a number taken by an add that then fails is skipped, never handed out twice.
    const defaultName = async () => `${component.name} account ${await nextAccountNumber(this.db, workspaceId, component.id)}`;
    let name = prepared.name ?? (await defaultName());
    for (;;) {
      try {
        const { row, credentialCount } = await this.insertCredentialRow(id, workspaceId, prepared, name, sealed, verification, oauth2);
        return { row, component: { ...component, credentialCount } };
      } catch (error) {
        // A default name someone already gave by hand: the count goes on to the next free one.
        if (prepared.name || !isNameTaken(error)) throw error;
        name = await defaultName();
      }
    }
  }

  /**
   * The credential, its first verification, its audit event and the component's count, in one
   * statement: it commits whole or not at all, and the component's row lock (for the count) is
   * held only while the database runs it, never across a round trip to this process. A name
   * another credential of the component has fails it as a whole (CREDENTIAL_NAME_UNIQUE).
   */
  private async insertCredentialRow(
    id: string,
    workspaceId: string,
    prepared: Prepared,
    name: string,
    sealed: ReturnType<typeof sealCredentialValues>,
    verification: TriggeredVerification,
    oauth2: { grant: OAuth2Grant; tokens: OAuth2Tokens } | undefined,
  ): Promise<{ row: CredentialRow; credentialCount: number }> {
    const { component, method } = prepared;
    const db = this.db;
    const inserted = db.$with("inserted").as(
      db
        .insert(credentials)
        .values({
          id,
          workspaceId,
          componentId: component.id,
          name,
          authType: method.type,
          ...sealed,
          ...(oauth2 ? { oauth2Grant: oauth2.grant, tokenExpiresAt: oauth2.tokens.expiresAt } : {}),
          ...verificationColumns(verification),
        })
        .returning(),
    );
    const verified = db.$with("verified").as(db.insert(verificationResults).values(verificationRow(workspaceId, id, verification)).returning({ id: verificationResults.id }));
    const audited = db.$with("audited").as(
      db
        .insert(auditEvents)
        .values(auditEventRow({ workspaceId, action: "credential.create", objectType: "credential", objectId: id, details: { name } }))
        .returning({ seq: auditEvents.seq }),
    );
    const counted = db.$with("counted").as(
      db
        .update(components)
        .set({ credentialCount: sql`${components.credentialCount} + 1` })
        .where(and(eq(components.workspaceId, workspaceId), eq(components.id, component.id)))
        .returning({ credentialCount: components.credentialCount }),
    );
    // Unread, the three inserts and the update still run, exactly once (PostgreSQL runs every data-modifying WITH).
    const [result] = await db.with(inserted, verified, audited, counted).select().from(inserted).crossJoin(counted);
    if (!result) throw new Error("The credential insert returned no row.");
    return { row: result.inserted, credentialCount: result.counted.credentialCount };
  }
}

/** OAuth2 credentials made from values alone come from the client credentials grant; others must be connected. */
function clientCredentialsProblem(prepared: Prepared): InvalidInput | undefined {
  const { component, method } = prepared;
  if (method.type !== "OAUTH2" || method.oauth2.grantTypes.includes("client_credentials")) return undefined;
  return invalidInput([
    {
      field: "authType",
      message: `${component.name}'s ${method.label} uses the authorization code grant: connect it with startOAuth2Authorization.`,
    },
  ]);
}

function callbackFailure(code: OAuth2CallbackFailureCode, message: string): OAuth2CallbackResult {
  return { ok: false, code, message };
}

/** Adds `delta` to the component's credential count, in the caller's transaction. */
async function countCredential(tx: Transaction, workspaceId: string, componentId: string, delta: 1 | -1): Promise<void> {
  await tx
    .update(components)
    .set({ credentialCount: sql`${components.credentialCount} + ${delta}` })
    .where(and(eq(components.workspaceId, workspaceId), eq(components.id, componentId)));
}

/** The next account number of a component's default credential names, in one statement of its own. */
async function nextAccountNumber(db: Database, workspaceId: string, componentId: string): Promise<number> {
  const [row] = await db
    .update(components)
    .set({ accountSeq: sql`${components.accountSeq} + 1` })
    .where(and(eq(components.workspaceId, workspaceId), eq(components.id, componentId)))
    .returning({ seq: components.accountSeq });
  return row?.seq ?? 1;
}

/** The unique index that keeps credential names unique per component, ignoring case (migration 0014). */
const CREDENTIAL_NAME_UNIQUE = "credentials_component_name_unique";

/** Whether another credential of the component (not `exceptId`) has this name, ignoring case. */
async function credentialNameTaken(db: Database | Transaction, workspaceId: string, componentId: string, name: string, exceptId?: string) {
  const [row] = await db
    .select({ id: credentials.id })
    .from(credentials)
    .where(
      and(
        eq(credentials.workspaceId, workspaceId),
        eq(credentials.componentId, componentId),
        sql`lower(${credentials.name}) = lower(${name})`,
        ...(exceptId ? [ne(credentials.id, exceptId)] : []),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** A write refused by CREDENTIAL_NAME_UNIQUE (a concurrent request took the name after the check). */
function isNameTaken(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const { code, constraint } = current as { code?: unknown; constraint?: unknown };
    if (code === "23505" && (constraint === CREDENTIAL_NAME_UNIQUE || current.message.includes(CREDENTIAL_NAME_UNIQUE))) return true;
  }
  return false;
}

function nameTakenProblem(componentName: string, name: string): InvalidInput {
  return invalidInput(
    [{ field: "name", message: `${componentName} already has a credential named “${name}” (names are compared ignoring case). Choose another name.` }],
    `Another ${componentName} credential is already named “${name}”.`,
  );
}

/** The credential columns that follow its latest verification. */
function verificationColumns(verification: VerificationResult) {
  return {
    status: verification.status,
    lastVerification: toStoredVerification(verification),
    verifiedAt: verification.checkedAt,
  };
}

const DESTINATION_MOVED = "Re-enter this: the destination changed.";
const DESTINATION_MOVED_SUMMARY =
  "The destination changed (host, port, base URL or endpoints): re-enter every secret, so it is verified there before it is sent there.";

/** The method with only its non-secret fields: what says where the secrets go. */
function nonSecretPart(method: AuthMethodDescriptor): AuthMethodDescriptor {
  return { ...method, fields: method.fields.filter((f) => !f.secret) } as AuthMethodDescriptor;
}

function pickNonSecret(method: AuthMethodDescriptor, values: Record<string, unknown>): Record<string, unknown> {
  const secret = new Set(method.fields.filter((f) => f.secret).map((f) => f.name));
  return Object.fromEntries(Object.entries(values).filter(([name]) => !secret.has(name)));
}

function valuesProblem(fieldErrors: { field: string; message: string }[]): InvalidInput {
  return invalidInput(fieldErrors.map((e) => ({ field: `values.${e.field}`, message: e.message })));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
