"use server";

import {
  PreviewComponentDocument,
  RegisterComponentDocument,
  SetComponentSettingsDocument,
  type PreviewComponentQuery,
  type RegisterComponentMutation,
} from "@latchkey/sdk";
import { revalidatePath } from "next/cache";

import type { FormState } from "@/lib/form-state";
import { mutateThroughApi, type ApiUnavailable } from "@/lib/api";

import { refreshAfter } from "./refresh";

export type PreviewComponentOutcome = PreviewComponentQuery["previewComponent"] | ApiUnavailable;
export type RegisterComponentOutcome = RegisterComponentMutation["registerComponent"] | ApiUnavailable;

/** The key as typed: empty means "derive it from the file's title". */
const keyOrNull = (key: string) => (key.trim() === "" ? null : key.trim());

/**
 * What registering a component.json would give (its form and warnings), without storing it. The
 * API parses the text, so JSON that does not parse is answered with its line and column.
 */
export async function previewComponentAction(text: string, key: string): Promise<PreviewComponentOutcome> {
  const result = await mutateThroughApi((api) => api.request(PreviewComponentDocument, { descriptorText: text, format: "ELASTICIO", key: keyOrNull(key) }));
  return "previewComponent" in result ? result.previewComponent : result;
}

/** Registers a component.json unchanged; text that no longer parses is answered as the preview answers it. */
export async function registerComponentAction(text: string, key: string): Promise<RegisterComponentOutcome | PreviewComponentOutcome> {
  let descriptor: Record<string, unknown>;
  try {
    descriptor = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return previewComponentAction(text, key);
  }
  if (typeof descriptor !== "object" || descriptor === null || Array.isArray(descriptor)) return previewComponentAction(text, key);
  const result = await mutateThroughApi((api) => api.request(RegisterComponentDocument, { input: { descriptor, format: "ELASTICIO", key: keyOrNull(key) } }));
  return "registerComponent" in result ? refreshAfter(result.registerComponent, "ComponentRegistered") : result;
}

/**
 * Sets the settings typed into the form (`setting:<name>`); an empty input keeps the stored value,
 * a ticked `clear:<name>` clears it. Secret values are never sent back to the page.
 */
export async function setComponentSettingsAction(_: FormState, form: FormData): Promise<FormState> {
  const componentKey = String(form.get("componentKey") ?? "");
  const settings: { name: string; value: string | null }[] = [];
  for (const [field, value] of form.entries()) {
    if (field.startsWith("setting:") && typeof value === "string" && value !== "") settings.push({ name: field.slice("setting:".length), value });
    if (field.startsWith("clear:")) settings.push({ name: field.slice("clear:".length), value: null });
  }
  if (settings.length === 0) return { error: "Nothing to change: type a value, or tick Clear next to a setting." };
  const result = await mutateThroughApi((api) => api.request(SetComponentSettingsDocument, { input: { componentKey, settings } }));
  if (!("setComponentSettings" in result)) return { error: result.problem.message };
  const outcome = result.setComponentSettings;
  switch (outcome.__typename) {
    case "ComponentSettingsSet":
      revalidatePath("/settings/components", "layout");
      return {};
    case "InvalidInput":
      return { error: outcome.message, fieldErrors: Object.fromEntries(outcome.fieldErrors.map((e) => [e.field, e.message])) };
    case "NotFound":
      return { error: outcome.message };
  }
}
