"use server";

import {
  CreateWebhookEndpointDocument,
  DeleteWebhookEndpointDocument,
  LatchkeyError,
  ResendWebhookDeliveryDocument,
  RotateWebhookSecretDocument,
  SendTestWebhookDocument,
  UpdateWebhookEndpointDocument,
} from "@latchkey/sdk";
import { revalidatePath } from "next/cache";

import type { FormState } from "./access-actions";
import { getApiClient } from "./api";

const PAGE = "/settings/webhooks";
const field = (form: FormData, name: string) => String(form.get(name) ?? "");

/** Runs a webhook mutation for a form: the page is stale after a success; an expected problem or an API refusal becomes the form's message. */
async function webhookForm(work: () => Promise<{ reveal?: string } | { __typename: string; message?: string; fieldErrors?: { field: string; message: string }[] }>): Promise<FormState> {
  try {
    const outcome = await work();
    if ("__typename" in outcome) {
      const fieldErrors = Object.fromEntries((outcome.fieldErrors ?? []).map((e) => [e.field, e.message]));
      return { error: outcome.message ?? "That did not work.", fieldErrors };
    }
    revalidatePath(PAGE);
    return outcome;
  } catch (error) {
    if (error instanceof LatchkeyError && error.status !== undefined && error.code !== "UNAUTHENTICATED") return { error: error.message };
    throw error;
  }
}

/** Adds an endpoint; the answer's signing secret is shown once. */
export async function createWebhookEndpointAction(_: FormState, form: FormData): Promise<FormState> {
  return webhookForm(async () => {
    const { createWebhookEndpoint: result } = await (await getApiClient()).request(CreateWebhookEndpointDocument, {
      input: { url: field(form, "url"), description: field(form, "description") || null, events: form.getAll("events").map(String) },
    });
    return result.__typename === "WebhookEndpointCreated" ? { reveal: result.secret } : result;
  });
}

/** A new signing secret, shown once; the old one keeps working for 24 hours. */
export async function rotateWebhookSecretAction(_: FormState, form: FormData): Promise<FormState> {
  return webhookForm(async () => {
    const { rotateWebhookSecret: result } = await (await getApiClient()).request(RotateWebhookSecretDocument, { input: { id: field(form, "id") } });
    return result.__typename === "WebhookSecretRotated" ? { reveal: result.secret } : result;
  });
}

export async function sendTestWebhookAction(_: FormState, form: FormData): Promise<FormState> {
  return webhookForm(async () => {
    const { sendTestWebhook: result } = await (await getApiClient()).request(SendTestWebhookDocument, { input: { id: field(form, "id") } });
    return result.__typename === "WebhookTestQueued" ? {} : result;
  });
}

export async function setWebhookEnabledAction(_: FormState, form: FormData): Promise<FormState> {
  return webhookForm(async () => {
    const { updateWebhookEndpoint: result } = await (await getApiClient()).request(UpdateWebhookEndpointDocument, {
      input: { id: field(form, "id"), enabled: field(form, "enabled") === "true" },
    });
    return result.__typename === "WebhookEndpointUpdated" ? {} : result;
  });
}

export async function resendWebhookDeliveryAction(_: FormState, form: FormData): Promise<FormState> {
  return webhookForm(async () => {
    const { resendWebhookDelivery: result } = await (await getApiClient()).request(ResendWebhookDeliveryDocument, { input: { deliveryId: field(form, "deliveryId") } });
    return result.__typename === "WebhookDeliveryQueued" ? {} : result;
  });
}

export async function deleteWebhookEndpointAction(_: FormState, form: FormData): Promise<FormState> {
  return webhookForm(async () => {
    const { deleteWebhookEndpoint: result } = await (await getApiClient()).request(DeleteWebhookEndpointDocument, { input: { id: field(form, "id") } });
    return result.__typename === "WebhookEndpointDeleted" ? {} : result;
  });
}
