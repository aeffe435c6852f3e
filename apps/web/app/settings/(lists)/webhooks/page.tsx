import { WebhookEndpointsDocument } from "@latchkey/sdk";
import type { Metadata } from "next";

import { ActionForm } from "@/components/access/action-form";
import { ApiProblemBanner } from "@/components/api-problem-banner";
import { DataTable } from "@/components/data-table";
import { PageHeader } from "@/components/page-header";
import { loadFromApi } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import {
  createWebhookEndpointAction,
  deleteWebhookEndpointAction,
  resendWebhookDeliveryAction,
  rotateWebhookSecretAction,
  sendTestWebhookAction,
  setWebhookEnabledAction,
} from "@/lib/webhook-actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Webhooks" };

const EVENTS: { type: string; hint: string }[] = [
  { type: "credential.status_changed", hint: "a credential's status changed (e.g. VALID → INVALID after a scheduled check)" },
  { type: "credential.deleted", hint: "a credential was deleted" },
  { type: "flow.needs_attention", hint: "an active flow has a step whose credential is not VALID" },
  { type: "flow.recovered", hint: "every step of that flow is VALID again" },
];

export default async function WebhooksPage() {
  const result = await loadFromApi((api) => api.request(WebhookEndpointsDocument, { first: 50, deliveries: 10 }));
  const header = (
    <PageHeader
      title="Webhooks"
      eyebrow="Settings"
      description={
        <>
          Latchkey POSTs an event to each endpoint when a credential breaks or recovers, signed per the Standard Webhooks
          specification (<code>webhook-id</code>, <code>webhook-timestamp</code>, <code>webhook-signature</code>). Failed
          deliveries are retried for about a day with the same <code>webhook-id</code>; an endpoint failing for 3 days is disabled.
        </>
      }
    />
  );
  if (!result.ok) {
    return (
      <>
        {header}
        <ApiProblemBanner problem={result.problem} />
      </>
    );
  }
  const endpoints = result.data.webhookEndpoints.edges.map((edge) => edge.node);
  return (
    <>
      {header}
      <section className="section" aria-labelledby="add-webhook-title">
        <h2 id="add-webhook-title" className="section__title">
          Add an endpoint
        </h2>
        <ActionForm action={createWebhookEndpointAction} submitLabel="Add endpoint" revealLabel="Signing secret (it will not be shown again)">
          <label className="field">
            <span className="field__label">Endpoint URL</span>
            <input className="input" name="url" type="url" required maxLength={2000} placeholder="https://example.com/latchkey-events" />
          </label>
          <label className="field">
            <span className="field__label">Description (optional)</span>
            <input className="input" name="description" maxLength={500} />
          </label>
          <fieldset className="checks">
            <legend className="field__label">Events to send (none checked: all)</legend>
            {EVENTS.map(({ type, hint }) => (
              <label key={type}>
                <input type="checkbox" name="events" value={type} /> <code>{type}</code> <span className="field__help">{hint}</span>
              </label>
            ))}
          </fieldset>
        </ActionForm>
      </section>

      <section className="section" aria-labelledby="webhooks-title">
        <h2 id="webhooks-title" className="section__title">
          Endpoints
        </h2>
        {endpoints.length === 0 ? <p className="muted">No endpoints yet.</p> : null}
        {endpoints.map((endpoint) => {
          const status = endpoint.enabled
            ? endpoint.failingSince
              ? `Enabled, failing since ${formatDateTime(endpoint.failingSince)}`
              : "Enabled"
            : endpoint.disabledReason === "FAILING"
              ? "Disabled: every delivery failed for 3 days"
              : "Disabled";
          return (
            <article key={endpoint.id} className="section" aria-label={`Endpoint ${endpoint.url}`}>
              <h3 className="section__title">
                <code>{endpoint.url}</code>
              </h3>
              {endpoint.description ? <p>{endpoint.description}</p> : null}
              <p role="status" className={endpoint.enabled && !endpoint.failingSince ? "muted" : "form-error"}>
                {status}
              </p>
              <p className="muted">
                Events: {endpoint.events.length === 0 ? "all" : endpoint.events.join(", ")}
                {endpoint.previousSecretExpiresAt ? ` · previous secret valid until ${formatDateTime(endpoint.previousSecretExpiresAt)}` : ""}
              </p>
              <div className="form--inline">
                <ActionForm action={sendTestWebhookAction} submitLabel="Send test event" className="form--inline" submitClassName="button button--secondary button--small">
                  <input type="hidden" name="id" value={endpoint.id} />
                </ActionForm>
                <ActionForm action={setWebhookEnabledAction} submitLabel={endpoint.enabled ? "Disable" : "Enable"} className="form--inline" submitClassName="button button--secondary button--small">
                  <input type="hidden" name="id" value={endpoint.id} />
                  <input type="hidden" name="enabled" value={endpoint.enabled ? "false" : "true"} />
                </ActionForm>
                <ActionForm
                  action={rotateWebhookSecretAction}
                  submitLabel="Rotate secret"
                  revealLabel="New signing secret (the old one works for 24 hours; it will not be shown again)"
                  className="form--inline"
                  submitClassName="button button--secondary button--small"
                >
                  <input type="hidden" name="id" value={endpoint.id} />
                </ActionForm>
                <ActionForm action={deleteWebhookEndpointAction} submitLabel="Delete endpoint" className="form--inline" submitClassName="link-button">
                  <input type="hidden" name="id" value={endpoint.id} />
                </ActionForm>
              </div>
              <h4>Recent deliveries</h4>
              {endpoint.deliveries.edges.length === 0 ? (
                <p className="muted">No deliveries yet.</p>
              ) : (
                <DataTable columns={["Event", "Status", "Duration", "When", { label: "Resend", hidden: true }]}>
                  {endpoint.deliveries.edges.map(({ node: delivery }) => (
                    <tr key={delivery.id}>
                      <th scope="row" data-label="Event" className="data-table__name">
                        <code>{delivery.eventType}</code> <span className="muted">{delivery.webhookId}</span>
                      </th>
                      <td data-label="Status">{delivery.ok ? `Delivered (${delivery.statusCode})` : `Failed: ${delivery.error ?? delivery.statusCode}`}</td>
                      <td data-label="Duration">{delivery.durationMs} ms</td>
                      <td data-label="When">{formatDateTime(delivery.attemptedAt)}</td>
                      <td>
                        <ActionForm action={resendWebhookDeliveryAction} submitLabel="Resend" className="form--inline" submitClassName="link-button">
                          <input type="hidden" name="deliveryId" value={delivery.id} />
                        </ActionForm>
                      </td>
                    </tr>
                  ))}
                </DataTable>
              )}
            </article>
          );
        })}
      </section>
    </>
  );
}
