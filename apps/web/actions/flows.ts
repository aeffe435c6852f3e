"use server";

import {
  ActivateFlowDocument,
  CreateFlowDocument,
  DeactivateFlowDocument,
  DeleteFlowDocument,
  SetStepCredentialDocument,
  type CreateFlowInput,
  type DeleteFlowMutation,
  type FlowResultFieldsFragment,
} from "@latchkey/sdk";

import { mutateThroughApi, type ApiUnavailable } from "@/lib/api";

import { refreshAfter } from "./refresh";

export type FlowOutcome = FlowResultFieldsFragment | ApiUnavailable;
export type DeleteFlowOutcome = DeleteFlowMutation["deleteFlow"] | ApiUnavailable;

/** Creates an inactive flow with its steps (a step may have no credential yet). */
export async function createFlowAction(input: CreateFlowInput): Promise<FlowOutcome> {
  const result = await mutateThroughApi((api) => api.request(CreateFlowDocument, { input }));
  if ("createFlow" in result) return refreshAfter(result.createFlow, "FlowSaved");
  return result;
}

/** Points one step at another credential of its component, or at none. */
export async function setStepCredentialAction(stepId: string, credentialId: string | null): Promise<FlowOutcome> {
  const result = await mutateThroughApi((api) => api.request(SetStepCredentialDocument, { input: { stepId, credentialId } }));
  if ("setStepCredential" in result) return refreshAfter(result.setStepCredential, "FlowSaved");
  return result;
}

/** Activates, unless a step lacks a VALID credential (FlowNotReady lists those steps). */
export async function activateFlowAction(id: string): Promise<FlowOutcome> {
  const result = await mutateThroughApi((api) => api.request(ActivateFlowDocument, { input: { id } }));
  if ("activateFlow" in result) return refreshAfter(result.activateFlow, "FlowSaved");
  return result;
}

export async function deactivateFlowAction(id: string): Promise<FlowOutcome> {
  const result = await mutateThroughApi((api) => api.request(DeactivateFlowDocument, { input: { id } }));
  if ("deactivateFlow" in result) return refreshAfter(result.deactivateFlow, "FlowSaved");
  return result;
}

/** Deletes an inactive flow (an active one must be deactivated first). */
export async function deleteFlowAction(id: string): Promise<DeleteFlowOutcome> {
  const result = await mutateThroughApi((api) => api.request(DeleteFlowDocument, { input: { id } }));
  if ("deleteFlow" in result) return refreshAfter(result.deleteFlow, "FlowDeleted");
  return result;
}
