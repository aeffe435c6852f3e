import { randomUUID } from "node:crypto";
import {
  and,
  asc,
  components,
  count,
  credentials,
  eq,
  flowCounts,
  getTableColumns,
  flows,
  flowSteps,
  inArray,
  sql,
  type Database,
  type Transaction,
} from "@latchkey/db";
import { z } from "zod";
import type { ComponentService } from "../components/component-service";
import { findCredentialRows } from "../credentials/credential-store";
import type { CredentialUsageRecord, FlowRecord, FlowStepRecord } from "../records";
import { invalidInput, notFound, type InvalidInput, type NotFound } from "../results";
import { FLOW_STATUSES, type FlowStatus } from "../types";
import { isId, MAX_NAME_LENGTH, parseInput, zName } from "../validation";
import { recordAudit } from "../access/audit";
import { countOf, keysetPage, mapPage, type Page, type PageArgs } from "../paging";
import { findFlowRow, findStepRows, toFlowRecord, toFlowStepRecord, type FlowRow, type FlowStepRow } from "./flow-store";

export const MAX_STEPS = 100;

const zCreateFlowInput = z.object({
  name: zName,
  steps: z
    .array(
      z.object({
        name: z.string().trim().max(MAX_NAME_LENGTH, `Must be at most ${MAX_NAME_LENGTH} characters.`).nullish(),
        componentKey: z.string().max(200),
        credentialId: z.string().nullish(),
      }),
    )
    .max(MAX_STEPS, `A flow has at most ${MAX_STEPS} steps.`),
});
export type CreateFlowInput = z.input<typeof zCreateFlowInput>;

const zFlowFilter = z.object({ needsAttention: z.boolean().nullish() }).nullish();

/**
 * What makes a step need attention, on a step left-joined to its credential: no credential, or one
 * that is not VALID. The one rule of `stepsNeedingAttention` and of the flows' attention filter.
 */
const credentialNotValid = sql`${credentials.status} is distinct from 'VALID'`;

/**
 * A step of the outer query's flow (`flows` in the FROM of the statement this is used in) that needs
 * attention, for EXISTS: a page walks the flows' (name, id) index and stops once it is full, which
 * is quick when many flows need attention. The steps' (flow_id, position) index finds the flow's
 * steps, the credentials' primary key each credential.
 */
function stepNeedingAttention(workspaceId: string) {
  return sql`select 1 from ${flowSteps} left join ${credentials} on ${credentials.id} = ${flowSteps.credentialId} and ${credentials.workspaceId} = ${workspaceId}
    where ${flowSteps.flowId} = ${flows.id} and ${flowSteps.workspaceId} = ${workspaceId} and ${credentialNotValid}`;
}

/**
 * The same rule as a set, found from the broken side: the ids of the flows with a step without a
 * credential (a partial index of those steps) or whose credential is not VALID (a partial index of
 * those credentials, then the steps' credential index). Its cost follows how many steps need
 * attention, not how many flows there are. Used as `flows.id = any(array(...))`, so the set is
 * computed once and its flows are found by primary key.
 */
function flowIdsNeedingAttention(workspaceId: string) {
  return sql`array(select ${flowSteps.flowId} from ${flowSteps} where ${flowSteps.workspaceId} = ${workspaceId} and ${flowSteps.credentialId} is null
    union
    select ${flowSteps.flowId} from ${credentials}
      join ${flowSteps} on ${flowSteps.workspaceId} = ${workspaceId} and ${flowSteps.credentialId} = ${credentials.id}
    where ${credentials.workspaceId} = ${workspaceId} and ${credentials.status} <> 'VALID')`;
}

/**
 * How many flows needing attention (of those the other conditions leave) a page is taken from the
 * set for, sorted (at most this many rows); past it, the page walks the flows in order with EXISTS,
 * which then fills a page after a few flows per row.
 */
export const ATTENTION_SET_LIMIT = 1_000;

export interface FlowSaved {
  __typename: "FlowSaved";
  flow: FlowRecord;
}
export interface FlowDeleted {
  __typename: "FlowDeleted";
  id: string;
}
export interface CredentialMismatch {
  __typename: "CredentialMismatch";
  message: string;
  stepIndex: number;
}
export interface FlowNotReady {
  __typename: "FlowNotReady";
  message: string;
  steps: FlowStepRecord[];
}
export type FlowResult = FlowSaved | InvalidInput | NotFound | CredentialMismatch | FlowNotReady;

/**
 * Flows and their steps. Every change that can make a flow ACTIVE with a credential runs in one
 * transaction that locks the flow row, then share-locks the credentials it relies on, so a
 * concurrent deleteCredential (which locks the credential for update) cannot interleave.
 */
export class FlowService {
  constructor(
    private readonly db: Database,
    private readonly components: ComponentService,
  ) {}

  /**
   * A page of the workspace's flows ordered by (name, id); only those with `status` when given, and
   * with `filter.needsAttention` only those that have (true) or have no (false) step whose
   * credential is missing or not VALID, decided in SQL over the whole workspace.
   */
  async list(workspaceId: string, args: PageArgs & { status?: FlowStatus | null; filter?: unknown }): Promise<Page<FlowRecord> | InvalidInput> {
    if (args.status != null && !FLOW_STATUSES.includes(args.status)) return invalidInput([{ field: "status", message: "Not a flow status." }]);
    const filter = parseInput(zFlowFilter, args.filter, "filter");
    if (!filter.ok) return filter.problem;
    const needsAttention = filter.value?.needsAttention;
    const base = and(eq(flows.workspaceId, workspaceId), args.status ? eq(flows.status, args.status) : undefined);
    const countOfFlows = (where: ReturnType<typeof and>) => countOf(this.db.select({ n: count() }).from(flows).where(where));
    let conditions = needsAttention === false ? and(base, sql`not exists (${stepNeedingAttention(workspaceId)})`) : base;
    let total: number | undefined;
    if (needsAttention === true) {
      // Counted from the broken side first (the /flows banner asks on every view: its cost follows the
      // flows needing attention, not the workspace's flows); the page then comes from that set when
      // it is small, else from the ordered walk.
      const inSet = sql`${flows.id} = any(${flowIdsNeedingAttention(workspaceId)})`;
      total = await countOfFlows(and(base, inSet));
      conditions = and(base, total <= ATTENTION_SET_LIMIT ? inSet : sql`exists (${stepNeedingAttention(workspaceId)})`);
    }
    const page = await keysetPage(args, {
      kind: "flows",
      keys: [
        { column: flows.name, type: "text" },
        { column: flows.id, type: "uuid" },
      ],
      fetch: ({ where, orderBy, limit, cursorKeys }) =>
        this.db
          .select({ ...getTableColumns(flows), ...cursorKeys })
          .from(flows)
          .where(and(conditions, where))
          .orderBy(...orderBy)
          .limit(limit),
      count: () => {
        if (total !== undefined) return Promise.resolve(total);
        // Without the filter, the counts the flows' trigger keeps; `needsAttention: false` counts its rows.
        return needsAttention == null ? this.countByStatus(workspaceId, args.status ?? null) : countOfFlows(conditions);
      },
    });
    return mapPage(page, toFlowRecord);
  }

  /** The workspace's flows (with `status`, those only), from the counts the flows' trigger keeps (migration 0020). */
  private async countByStatus(workspaceId: string, status: FlowStatus | null): Promise<number> {
    const [row] = await this.db
      .select({ total: flowCounts.total, active: flowCounts.active })
      .from(flowCounts)
      .where(eq(flowCounts.workspaceId, workspaceId));
    if (!row) return 0;
    return status === "ACTIVE" ? row.active : status === "INACTIVE" ? row.total - row.active : row.total;
  }

  async findById(workspaceId: string, id: string): Promise<FlowRecord | null> {
    if (!isId(id)) return null;
    const row = await findFlowRow(this.db, workspaceId, id);
    return row ? toFlowRecord(row) : null;
  }

  async findByIds(workspaceId: string, ids: readonly string[]): Promise<FlowRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .select()
      .from(flows)
      .where(and(eq(flows.workspaceId, workspaceId), inArray(flows.id, [...ids])));
    return rows.map(toFlowRecord);
  }

  /** Steps by their own ids (for `node`/`nodes`), in one query. */
  async findStepsByIds(workspaceId: string, ids: readonly string[]): Promise<FlowStepRecord[]> {
    const stepIds = ids.filter(isId);
    if (stepIds.length === 0) return [];
    const rows = await this.db
      .select()
      .from(flowSteps)
      .where(and(eq(flowSteps.workspaceId, workspaceId), inArray(flowSteps.id, stepIds)));
    return rows.map(toFlowStepRecord);
  }

  async stepsOf(workspaceId: string, flowIds: readonly string[]): Promise<FlowStepRecord[]> {
    return (await findStepRows(this.db, workspaceId, flowIds)).map(toFlowStepRecord);
  }

  /**
   * A page of the steps (with their flows) that use one credential, grouped by flow (in the order
   * of its id: the credential index serves it, however many steps use the credential), then position.
   */
  async usageOf(workspaceId: string, credentialId: string, args: PageArgs): Promise<Page<CredentialUsageRecord> | InvalidInput> {
    const conditions = and(eq(flowSteps.workspaceId, workspaceId), eq(flowSteps.credentialId, credentialId));
    const page = await keysetPage(args, {
      kind: "usage",
      keys: [
        { column: flowSteps.flowId, type: "uuid" },
        { column: flowSteps.position, type: "integer" },
      ],
      fetch: ({ where, orderBy, limit, cursorKeys }) =>
        this.db
          .select({ flow: flows, step: flowSteps, ...cursorKeys })
          .from(flowSteps)
          .innerJoin(flows, eq(flows.id, flowSteps.flowId))
          .where(and(conditions, where))
          .orderBy(...orderBy)
          .limit(limit),
      count: () => countOf(this.db.select({ n: count() }).from(flowSteps).where(conditions)),
    });
    if ("__typename" in page) return page;
    return { ...page, items: page.items.map(({ flow, step }) => ({ flow: toFlowRecord(flow), step: toFlowStepRecord(step) })) };
  }

  /**
   * The steps of these flows whose credential is missing or not VALID, ordered by flow and
   * position: one query for a page's flows.
   */
  async stepsNeedingAttention(workspaceId: string, flowIds: readonly string[]): Promise<FlowStepRecord[]> {
    if (flowIds.length === 0) return [];
    const rows = await this.db
      .select({ step: flowSteps })
      .from(flowSteps)
      .leftJoin(credentials, and(eq(credentials.workspaceId, workspaceId), eq(credentials.id, flowSteps.credentialId)))
      .where(
        and(
          eq(flowSteps.workspaceId, workspaceId),
          inArray(flowSteps.flowId, [...flowIds]),
          credentialNotValid,
        ),
      )
      .orderBy(asc(flowSteps.flowId), asc(flowSteps.position));
    return rows.map((r) => toFlowStepRecord(r.step));
  }

  async create(workspaceId: string, input: unknown): Promise<FlowResult> {
    const parsed = parseInput(zCreateFlowInput, input);
    if (!parsed.ok) return parsed.problem;
    const { name, steps } = parsed.value;

    const keys = [...new Set(steps.map((s) => s.componentKey))];
    const componentsByKey = new Map((await this.components.findByKeys(workspaceId, keys)).map((c) => [c.key, c]));
    const unknownKeys = steps.flatMap((s, i) =>
      componentsByKey.has(s.componentKey)
        ? []
        : [{ field: `steps.${i}.componentKey`, message: `No component with key "${s.componentKey}".` }],
    );
    if (unknownKeys.length > 0) return invalidInput(unknownKeys);
    const badIds = steps.flatMap((s, i) =>
      s.credentialId != null && !isId(s.credentialId) ? [{ index: i, id: s.credentialId }] : [],
    );
    if (badIds[0]) return notFound("Credential", badIds[0].id);

    return this.db.transaction(async (tx) => {
      const wanted = [...new Set(steps.flatMap((s) => (s.credentialId ? [s.credentialId] : [])))];
      const found = new Map((await findCredentialRows(tx, workspaceId, wanted, "share")).map((c) => [c.id, c]));
      const rows = [];
      for (const [index, step] of steps.entries()) {
        const component = componentsByKey.get(step.componentKey)!;
        if (step.credentialId) {
          const credential = found.get(step.credentialId);
          if (!credential) return notFound("Credential", step.credentialId);
          if (credential.componentId !== component.id) {
            return mismatch(index, component.name, credential.name);
          }
        }
        rows.push({
          id: randomUUID(),
          workspaceId,
          position: index,
          name: step.name || component.name,
          componentId: component.id,
          credentialId: step.credentialId ?? null,
        });
      }
      const flowId = randomUUID();
      const [flow] = await tx.insert(flows).values({ id: flowId, workspaceId, name, status: "INACTIVE" }).returning();
      if (rows.length > 0) await tx.insert(flowSteps).values(rows.map((r) => ({ ...r, flowId })));
      await recordAudit(tx, { workspaceId, action: "flow.create", objectType: "flow", objectId: flowId, details: { name } });
      return saved(flow!);
    });
  }

  async rename(workspaceId: string, id: string, name: unknown): Promise<FlowResult> {
    const parsed = parseInput(zName, name, "name");
    if (!parsed.ok) return parsed.problem;
    if (!isId(id)) return notFound("Flow", id);
    const row = await updateFlow(this.db, workspaceId, id, { name: parsed.value }, "flow.rename", { name: parsed.value });
    return row ? saved(row) : notFound("Flow", id);
  }

  async setStepCredential(workspaceId: string, stepId: string, credentialId: string | null | undefined): Promise<FlowResult> {
    if (!isId(stepId)) return notFound("Step", stepId);
    if (credentialId != null && !isId(credentialId)) return notFound("Credential", credentialId);
    return this.db.transaction(async (tx) => {
      const [step] = await tx
        .select()
        .from(flowSteps)
        .where(and(eq(flowSteps.workspaceId, workspaceId), eq(flowSteps.id, stepId)));
      if (!step) return notFound("Step", stepId);
      const flow = await findFlowRow(tx, workspaceId, step.flowId, "update");
      if (!flow) return notFound("Step", stepId);

      if (credentialId != null) {
        const [credential] = await findCredentialRows(tx, workspaceId, [credentialId], "share");
        if (!credential) return notFound("Credential", credentialId);
        if (credential.componentId !== step.componentId) {
          // Inside the transaction: on PGlite a query on `this.db` would wait for this very transaction.
          const [component] = await tx
            .select({ name: components.name })
            .from(components)
            .where(and(eq(components.workspaceId, workspaceId), eq(components.id, step.componentId)));
          return mismatch(step.position, component?.name ?? "this component", credential.name);
        }
        if (flow.status === "ACTIVE" && credential.status !== "VALID") {
          return notReady([step], `The flow "${flow.name}" is active and "${credential.name}" is ${credential.status}: an active flow's steps need a VALID credential.`);
        }
      } else if (flow.status === "ACTIVE") {
        return notReady([step], `The flow "${flow.name}" is active: step "${step.name}" cannot be left without a credential. Deactivate the flow first.`);
      }
      await tx
        .update(flowSteps)
        .set({ credentialId: credentialId ?? null })
        .where(and(eq(flowSteps.workspaceId, workspaceId), eq(flowSteps.id, stepId)));
      await recordAudit(tx, {
        workspaceId,
        action: "flow.set_step_credential",
        objectType: "flow",
        objectId: flow.id,
        details: { stepId, credentialId: credentialId ?? null },
      });
      return saved(await touch(tx, flow));
    });
  }

  async activate(workspaceId: string, id: string): Promise<FlowResult> {
    if (!isId(id)) return notFound("Flow", id);
    return this.db.transaction(async (tx) => {
      const flow = await findFlowRow(tx, workspaceId, id, "update");
      if (!flow) return notFound("Flow", id);
      const steps = await findStepRows(tx, workspaceId, [id]);
      if (steps.length === 0) return notReady([], `The flow "${flow.name}" has no steps.`);
      const credentialIds = [...new Set(steps.flatMap((s) => (s.credentialId ? [s.credentialId] : [])))];
      const locked = new Map((await findCredentialRows(tx, workspaceId, credentialIds, "share")).map((c) => [c.id, c]));
      const blocking = steps.flatMap((step) => {
        const credential = step.credentialId ? locked.get(step.credentialId) : undefined;
        if (!credential) return [{ step, why: "has no credential" }];
        if (credential.status !== "VALID") return [{ step, why: `uses "${credential.name}", which is ${credential.status}` }];
        return [];
      });
      if (blocking.length > 0) {
        const reasons = blocking.map((b) => `step ${b.step.position + 1} "${b.step.name}" ${b.why}`).join("; ");
        return notReady(blocking.map((b) => b.step), `The flow "${flow.name}" cannot be activated: ${reasons}.`);
      }
      if (flow.status === "ACTIVE") return saved(flow);
      const updated = await updateFlowIn(tx, workspaceId, id, { status: "ACTIVE" }, "flow.activate");
      return saved(updated!);
    });
  }

  async deactivate(workspaceId: string, id: string): Promise<FlowResult> {
    if (!isId(id)) return notFound("Flow", id);
    const row = await updateFlow(this.db, workspaceId, id, { status: "INACTIVE" }, "flow.deactivate");
    return row ? saved(row) : notFound("Flow", id);
  }

  async delete(workspaceId: string, id: string): Promise<FlowDeleted | InvalidInput | NotFound> {
    if (!isId(id)) return notFound("Flow", id);
    return this.db.transaction(async (tx) => {
      const flow = await findFlowRow(tx, workspaceId, id, "update");
      if (!flow) return notFound("Flow", id);
      if (flow.status === "ACTIVE") {
        return invalidInput(
          [{ field: "id", message: "The flow is active; deactivate it before deleting it." }],
          `The flow "${flow.name}" is active; deactivate it before deleting it.`,
        );
      }
      await tx.delete(flows).where(and(eq(flows.workspaceId, workspaceId), eq(flows.id, id)));
      await recordAudit(tx, { workspaceId, action: "flow.delete", objectType: "flow", objectId: id, details: { name: flow.name } });
      return { __typename: "FlowDeleted" as const, id };
    });
  }
}

function saved(row: FlowRow): FlowSaved {
  return { __typename: "FlowSaved", flow: toFlowRecord(row) };
}

function notReady(steps: FlowStepRow[], message: string): FlowNotReady {
  return { __typename: "FlowNotReady", message, steps: steps.map(toFlowStepRecord) };
}

function mismatch(stepIndex: number, componentName: string, credentialName: string): CredentialMismatch {
  return {
    __typename: "CredentialMismatch",
    message: `Step ${stepIndex + 1} talks to ${componentName}, but "${credentialName}" is a credential of another component.`,
    stepIndex,
  };
}

type FlowChange = { name?: string; status?: FlowStatus };

/** One change of a flow's own columns, audited in the same transaction. */
function updateFlow(
  db: Database,
  workspaceId: string,
  id: string,
  set: FlowChange,
  action: string,
  details?: Record<string, string>,
): Promise<FlowRow | undefined> {
  return db.transaction((tx) => updateFlowIn(tx, workspaceId, id, set, action, details));
}

/** updateFlow inside the caller's transaction. */
async function updateFlowIn(
  tx: Transaction,
  workspaceId: string,
  id: string,
  set: FlowChange,
  action: string,
  details?: Record<string, string>,
): Promise<FlowRow | undefined> {
  const [row] = await tx
    .update(flows)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(flows.workspaceId, workspaceId), eq(flows.id, id)))
    .returning();
  if (row) await recordAudit(tx, { workspaceId, action, objectType: "flow", objectId: id, details });
  return row;
}

async function touch(tx: Transaction, flow: FlowRow): Promise<FlowRow> {
  const [row] = await tx
    .update(flows)
    .set({ updatedAt: sql`now()` })
    .where(and(eq(flows.workspaceId, flow.workspaceId), eq(flows.id, flow.id)))
    .returning();
  return row ?? flow;
}
