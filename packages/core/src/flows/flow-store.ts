import { and, asc, eq, flows, flowSteps, inArray, type Executor } from "@latchkey/db";
import type { FlowRecord, FlowStepRecord } from "../records";

export type FlowRow = typeof flows.$inferSelect;
export type FlowStepRow = typeof flowSteps.$inferSelect;

export function toFlowRecord(row: FlowRow): FlowRecord {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toFlowStepRecord(row: FlowStepRow): FlowStepRecord {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    flowId: row.flowId,
    position: row.position,
    name: row.name,
    componentId: row.componentId,
    credentialId: row.credentialId,
  };
}

export async function findFlowRow(
  db: Executor,
  workspaceId: string,
  id: string,
  lock?: "update",
): Promise<FlowRow | undefined> {
  const query = db.select().from(flows).where(and(eq(flows.workspaceId, workspaceId), eq(flows.id, id)));
  const [row] = lock ? await query.for(lock) : await query;
  return row;
}

export async function findStepRows(db: Executor, workspaceId: string, flowIds: readonly string[]): Promise<FlowStepRow[]> {
  if (flowIds.length === 0) return [];
  return db
    .select()
    .from(flowSteps)
    .where(and(eq(flowSteps.workspaceId, workspaceId), inArray(flowSteps.flowId, [...flowIds])))
    .orderBy(asc(flowSteps.flowId), asc(flowSteps.position));
}
