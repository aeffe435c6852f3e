"use server";

import {
  CreateWebhookEndpointDocument,
  DeleteWebhookEndpointDocument,
  ResendWebhookDeliveryDocument,
  RotateWebhookSecretDocument,
  SendTestWebhookDocument,
  UpdateWebhookEndpointDocument,
} from "@latchkey/sdk";
import { revalidatePath } from "next/cache";

import { getApiClient } from "./api";
import { attempt, problem, text, type FormState } from "./form-state";

const PAGE = "/settings/webhooks";

/** Runs a webhook mutation for a form: the page is stale after a success; an expected problem or an API refusal becomes the form's message. */
function webhookForm(work: () => Promise<FormState | { __typename: string; message?: string; fieldErrors?: { field: string; message: string }[] }>): Promise<FormState> {
  return attempt(async () => {
    const outcome = await work();
    if ("__typename" in outcome) return problem(outcome);
    revalidatePath(PAGE);
    return outcome;
  });
}

/** Adds an endpoint; the answer's signing secret is shown once. */
export async function createWebhookEndpointAction(_: FormState, form: FormData): Promise<FormState> {
  return webhookForm(async () => {
    const { createWebhookEndpoint: result } = await (await getApiClient()).request(CreateWebhookEndpointDocument, {
      input: { url: text(form, "url"), description: text(form, "description") || null, events: form.getAll("events").map(String) },
    });
    return result.__typename === "WebhookEndpointCreated" ? { reveal: result.secret } : result;
  });
}

/** A new signing secret, shown once; the old one keeps working for 24 hours. */
export async function rotateWebhookSecretAction(_: FormState, form: FormData): Promise<FormState> {
  return webhookForm(async () => {
    const { rotateWebhookSecret: result } = await (await getApiClient()).request(RotateWebhookSecretDocument, { input: { id: text(form, "id") } });
    return result.__typename === "WebhookSecretRotated" ? { reveal: result.secret } : result;
  });
}

export async function sendTestWebhookAction(_: FormState, form: FormData): Promise<FormState> {
  return webhookForm(async () => {
    const { sendTestWebhook: result } = await (await getApiClient()).request(SendTestWebhookDocument, { input: { id: text(form, "id") } });
    return result.__typename === "WebhookTestQueued" ? {} : result;
  });
}

export async function setWebhookEnabledAction(_: FormState, form: FormData): Promise<FormState> {
  return webhookForm(async () => {
    const { updateWebhookEndpoint: result } = await (await getApiClient()).request(UpdateWebhookEndpointDocument, {
      input: { id: text(form, "id"), enabled: text(form, "enabled") === "true" },
    });
    return result.__typename === "WebhookEndpointUpdated" ? {} : result;
  });
}

export async function resendWebhookDeliveryAction(_: FormState, form: FormData): Promise<FormState> {
  return webhookForm(async () => {
    const { resendWebhookDelivery: result } = await (await getApiClient()).request(ResendWebhookDeliveryDocument, { input: { deliveryId: text(form, "deliveryId") } });
    return result.__typename === "WebhookDeliveryQueued" ? {} : result;
  });
}

export async function deleteWebhookEndpointAction(_: FormState, form: FormData): Promise<FormState> {
  return webhookForm(async () => {
    const { deleteWebhookEndpoint: result } = await (await getApiClient()).request(DeleteWebhookEndpointDocument, { input: { id: text(form, "id") } });
    return result.__typename === "WebhookEndpointDeleted" ? {} : result;
  });
}
