import { randomUUID } from "node:crypto";
import {
  and,
  asc,
  components,
  count,
  credentials,
  eq,
  flows,
  flowSteps,
  ilike,
  inArray,
  sql,
  type Database,
  type SQL,
  type Transaction,
} from "@latchkey/db";
import { z } from "zod";
import { ComponentService } from "../components/component-service";
import { secretHint, splitCredentialValues, validateCredentialValues } from "../components/credential-values";
import type { AuthMethodDescriptor } from "../components/descriptor-schema";
import { openSecrets, sealSecrets, type Keyring } from "../crypto";
import type { ComponentRecord, CredentialRecord, FlowRecord } from "../records";
import { invalidInput, notFound, verificationFailed, type InvalidInput, type NotFound, type VerificationFailed } from "../results";
import { AUTH_TYPES, CREDENTIAL_STATUSES, type CredentialValues, type VerificationResult } from "../types";
import { verifyCredential as runVerifier } from "../verification/registry";
import type { VerifierOptions } from "../verification/verifier";
import { isId, MAX_NAME_LENGTH, parseInput, zName, zValues } from "../validation";
import {
  findCredentialRow,
  findCredentialRows,
  recordVerification,
  toCredentialRecord,
  toStoredVerification,
  type CredentialRow,
} from "./credential-store";
import { toFlowRecord } from "../flows/flow-store";

const zCredentialInput = z.object({
  componentKey: z.string().max(200),
  authType: z.enum(AUTH_TYPES),
  name: z.string().trim().max(MAX_NAME_LENGTH, `Must be at most ${MAX_NAME_LENGTH} characters.`).nullish(),
  values: zValues,
});

const zCredentialFilter = z
  .object({
    componentKey: z.string().max(200).nullish(),
    status: z.enum(CREDENTIAL_STATUSES).nullish(),
    search: z.string().max(200).nullish(),
  })
  .nullish();

export const MAX_PAGE_SIZE = 200;

export interface CredentialCreated {
  __typename: "CredentialCreated";
  credential: CredentialRecord;
  verification: VerificationResult;
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

export interface CredentialPage {
  items: CredentialRecord[];
  cursors: string[];
  hasNextPage: boolean;
  totalCount: number;
}

/** What a verification needs: the component, its chosen auth method, and complete values. */
interface Prepared {
  component: ComponentRecord;
  method: AuthMethodDescriptor;
  values: CredentialValues;
  /** The requested account name, trimmed; empty means "give it a default". */
  name?: string | null;
}

/** Credentials: verify before save, secrets sealed, in-use rule under row locks. */
export class CredentialService {
  constructor(
    private readonly db: Database,
    private readonly keyring: Keyring,
    private readonly verifierOptions: VerifierOptions,
    private readonly components: ComponentService,
  ) {}

  /** Dry run: validates and verifies without saving. */
  async verify(workspaceId: string, input: unknown): Promise<VerificationResult | InvalidInput | NotFound> {
    const prepared = await this.prepare(workspaceId, input);
    if ("__typename" in prepared) return prepared;
    return this.runVerification(prepared);
  }

  async create(
    workspaceId: string,
    input: unknown,
  ): Promise<CredentialCreated | VerificationFailed | InvalidInput | NotFound> {
    const prepared = await this.prepare(workspaceId, input);
    if ("__typename" in prepared) return prepared;
    const verification = await this.runVerification(prepared);
    if (!verification.ok) return verificationFailed(verification);

    const { component, method, values } = prepared;
    const id = randomUUID();
    const row = await this.db.transaction(async (tx) => {
      // The component's row first (its count, maybe a default name), then the credential: the
      // order recountCredentials locks in.
      const seq = await countCredential(tx, workspaceId, component.id, 1, !prepared.name);
      const name = prepared.name || `${component.name} account ${seq}`;
      const [inserted] = await tx
        .insert(credentials)
        .values({
          id,
          workspaceId,
          componentId: component.id,
          name,
          authType: method.type,
          ...this.sealValues(method, values, { workspaceId, credentialId: id }),
          ...verificationColumns(verification),
        })
        .returning();
      await recordVerification(tx, workspaceId, id, verification);
      return inserted!;
    });
    return { __typename: "CredentialCreated", credential: toCredentialRecord(row), verification };
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

    const stored = this.openValues(existing);
    const secretNames = new Set(context.method.fields.filter((f) => f.secret).map((f) => f.name));
    const keptSecrets = Object.fromEntries(
      Object.entries(stored).filter(([name]) => secretNames.has(name) && !(name in parsedValues.value)),
    );
    const validated = validateCredentialValues(context.method, { ...keptSecrets, ...parsedValues.value });
    if (!validated.ok) return valuesProblem(validated.fieldErrors);

    const verification = await this.runVerification({ ...context, values: validated.values });
    if (!verification.ok) return verificationFailed(verification);

    const row = await this.db.transaction(async (tx) => {
      const locked = await findCredentialRow(tx, workspaceId, id, "update");
      if (!locked) return undefined;
      const [updated] = await tx
        .update(credentials)
        .set({
          ...this.sealValues(context.method, validated.values, { workspaceId, credentialId: id }),
          ...verificationColumns(verification),
          updatedAt: sql`now()`,
        })
        .where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.id, id)))
        .returning();
      await recordVerification(tx, workspaceId, id, verification);
      return updated;
    });
    if (!row) return notFound("Credential", id);
    return { __typename: "CredentialUpdated", credential: toCredentialRecord(row), verification };
  }

  async rename(workspaceId: string, id: string, name: unknown): Promise<CredentialRenamed | InvalidInput | NotFound> {
    const parsed = parseInput(zName, name, "name");
    if (!parsed.ok) return parsed.problem;
    if (!isId(id)) return notFound("Credential", id);
    const [row] = await this.db
      .update(credentials)
      .set({ name: parsed.value, updatedAt: sql`now()` })
      .where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.id, id)))
      .returning();
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
          and(eq(flows.workspaceId, workspaceId), eq(flowSteps.credentialId, id), eq(flows.status, "ACTIVE")),
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
      await countCredential(tx, workspaceId, locked.componentId, -1, false);
      await tx.delete(credentials).where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.id, id)));
      return { __typename: "CredentialDeleted" as const, id };
    });
  }

  /** Verifies the stored values again and stores the result, whatever it is. */
  async reverify(workspaceId: string, id: string): Promise<CredentialVerified | NotFound> {
    const existing = isId(id) ? await findCredentialRow(this.db, workspaceId, id) : undefined;
    if (!existing) return notFound("Credential", id);
    const context = await this.loadContext(existing);
    if ("__typename" in context) return notFound("Credential", id);
    const verification = await this.runVerification({ ...context, values: this.openValues(existing) });
    const row = await this.db.transaction(async (tx) => {
      const [updated] = await tx
        .update(credentials)
        .set({
          ...verificationColumns(verification),
          updatedAt: sql`now()`,
        })
        .where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.id, id)))
        .returning();
      if (updated) await recordVerification(tx, workspaceId, id, verification);
      return updated;
    });
    if (!row) return notFound("Credential", id);
    return { __typename: "CredentialVerified", credential: toCredentialRecord(row), verification };
  }

  async findById(workspaceId: string, id: string): Promise<CredentialRecord | null> {
    if (!isId(id)) return null;
    const row = await findCredentialRow(this.db, workspaceId, id);
    return row ? toCredentialRecord(row) : null;
  }

  async findByIds(workspaceId: string, ids: readonly string[]): Promise<CredentialRecord[]> {
    return (await findCredentialRows(this.db, workspaceId, ids.filter(isId))).map(toCredentialRecord);
  }

  /** The credentials of several components, each list ordered by name, in one query. */
  async listByComponents(workspaceId: string, componentIds: readonly string[]): Promise<Map<string, CredentialRecord[]>> {
    const byComponent = new Map<string, CredentialRecord[]>();
    if (componentIds.length === 0) return byComponent;
    const rows = await this.db
      .select()
      .from(credentials)
      .where(and(eq(credentials.workspaceId, workspaceId), inArray(credentials.componentId, [...componentIds])))
      .orderBy(asc(credentials.name), asc(credentials.id));
    for (const row of rows) {
      const list = byComponent.get(row.componentId) ?? [];
      list.push(toCredentialRecord(row));
      byComponent.set(row.componentId, list);
    }
    return byComponent;
  }

  /** A page ordered by (name, id), continuing after an opaque keyset cursor. */
  async list(
    workspaceId: string,
    args: { filter?: unknown; first?: number | null; after?: string | null },
  ): Promise<CredentialPage | InvalidInput> {
    const filter = parseInput(zCredentialFilter, args.filter, "filter");
    if (!filter.ok) return filter.problem;
    const first = args.first ?? 50;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      return invalidInput([{ field: "first", message: `Must be between 1 and ${MAX_PAGE_SIZE}.` }]);
    }
    const after = args.after == null ? null : decodeCursor(args.after);
    if (after === undefined) return invalidInput([{ field: "after", message: "Not a cursor returned by this API." }]);

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
    if (f?.status != null) conditions.push(eq(credentials.status, f.status));
    if (f?.search) conditions.push(ilike(credentials.name, `%${escapeLike(f.search)}%`));

    const [rows, total] = await Promise.all([
      this.db
        .select()
        .from(credentials)
        .where(
          and(
            ...conditions,
            // A row comparison, so the (workspace, name, id) index seeks straight to the cursor.
            after ? sql`(${credentials.name}, ${credentials.id}) > (${after.name}, ${after.id})` : undefined,
          ),
        )
        .orderBy(asc(credentials.name), asc(credentials.id))
        .limit(first + 1),
      f?.status == null && !f?.search
        ? // Without a status or search filter the components' counts add up to the total.
          this.countFromComponents(workspaceId, f?.componentKey ?? null)
        : this.db.select({ n: count() }).from(credentials).where(and(...conditions)).then(([r]) => Number(r?.n ?? 0)),
    ]);
    const page = rows.slice(0, first);
    return {
      items: page.map(toCredentialRecord),
      cursors: page.map((r) => encodeCursor(r.name, r.id)),
      hasNextPage: rows.length > first,
      totalCount: total,
    };
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
    const validated = validateCredentialValues(method, values);
    if (!validated.ok) return valuesProblem(validated.fieldErrors);
    return { component, method, values: validated.values, name };
  }

  private async loadContext(row: CredentialRow): Promise<Omit<Prepared, "values"> | NotFound> {
    const [component] = await this.components.findByIds(row.workspaceId, [row.componentId]);
    const method = component?.descriptor.authMethods.find((m) => m.type === row.authType);
    if (!component || !method) return notFound("Auth method of the credential's component", null);
    return { component, method };
  }

  private runVerification(prepared: Prepared): Promise<VerificationResult> {
    return runVerifier(
      { descriptor: prepared.component.descriptor, method: prepared.method, values: prepared.values },
      this.verifierOptions,
    );
  }

  private sealValues(
    method: AuthMethodDescriptor,
    values: CredentialValues,
    binding: { workspaceId: string; credentialId: string },
  ) {
    const { config, secrets } = splitCredentialValues(method, values);
    const secretHints = method.fields
      .filter((f) => f.secret && secrets[f.name] !== undefined)
      .map((f) => ({ field: f.name, hint: secretHint(f, String(secrets[f.name])) }));
    return { config, secrets: sealSecrets(this.keyring, secrets, binding), secretHints };
  }

  private openValues(row: CredentialRow): CredentialValues {
    const secrets = openSecrets(this.keyring, row.secrets, { workspaceId: row.workspaceId, credentialId: row.id });
    return { ...(row.config as CredentialValues), ...(secrets as CredentialValues) };
  }
}

/**
 * Adds `delta` to the component's credential count (and, for a default name, takes the next
 * account number, which it returns) in the caller's transaction.
 */
async function countCredential(tx: Transaction, workspaceId: string, componentId: string, delta: 1 | -1, nextAccount: boolean) {
  const [row] = await tx
    .update(components)
    .set({
      credentialCount: sql`${components.credentialCount} + ${delta}`,
      ...(nextAccount ? { accountSeq: sql`${components.accountSeq} + 1` } : {}),
    })
    .where(and(eq(components.workspaceId, workspaceId), eq(components.id, componentId)))
    .returning({ seq: components.accountSeq });
  return row?.seq ?? 1;
}

/** The credential columns that follow its latest verification. */
function verificationColumns(verification: VerificationResult) {
  return {
    status: verification.status,
    lastVerification: toStoredVerification(verification),
    verifiedAt: verification.checkedAt,
  };
}

function valuesProblem(fieldErrors: { field: string; message: string }[]): InvalidInput {
  return invalidInput(fieldErrors.map((e) => ({ field: `values.${e.field}`, message: e.message })));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function encodeCursor(name: string, id: string): string {
  return Buffer.from(JSON.stringify([name, id])).toString("base64url");
}

function decodeCursor(cursor: string): { name: string; id: string } | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && typeof value[0] === "string" && isId(value[1])) return { name: value[0], id: value[1] };
  } catch {
    // fall through: not a cursor of ours
  }
  return undefined;
}
