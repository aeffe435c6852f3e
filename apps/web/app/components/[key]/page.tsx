import { ComponentDocument, type ComponentQuery } from "@latchkey/sdk";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";

import { ApiProblemBanner } from "@/components/api-problem-banner";
import { ComponentAvatar } from "@/components/component-avatar";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { StatusIndicator } from "@/components/status-indicator";
import { loadFromApi } from "@/lib/api";
import { AUTH_TYPE_LABELS, formatCount, formatDateTime, formatRelativeTime } from "@/lib/format";

export const dynamic = "force-dynamic";

type Component = NonNullable<ComponentQuery["component"]>;
type Credential = Component["credentials"][number];

interface ComponentPageProps {
  params: Promise<{ key: string }>;
}

// One API call per request, shared by generateMetadata and the page.
const loadComponent = cache((key: string) => loadFromApi((api) => api.request(ComponentDocument, { key })));

export async function generateMetadata({ params }: ComponentPageProps): Promise<Metadata> {
  const { key } = await params;
  const result = await loadComponent(key);
  return { title: result.ok && result.data.component ? result.data.component.name : "Component" };
}

export default async function ComponentPage({ params }: ComponentPageProps) {
  const { key } = await params;
  const result = await loadComponent(key);

  if (!result.ok) {
    return (
      <>
        <Breadcrumb current={key} />
        <ApiProblemBanner problem={result.problem} />
      </>
    );
  }
  const component = result.data.component;
  if (!component) notFound();

  const authLabels = component.authMethods.map((method) => method.label || AUTH_TYPE_LABELS[method.type]);
  return (
    <>
      <Breadcrumb current={component.name} />
      <PageHeader
        leading={<ComponentAvatar componentKey={component.key} name={component.name} size="lg" />}
        title={component.name}
        description={component.description}
        meta={
          <>
            {formatCount(component.credentials.length, "credential")}
            {authLabels.length > 0 ? <> · Accepts {authLabels.join(", ")}</> : null}
          </>
        }
      />
      <section aria-labelledby="credentials-heading" className="section">
        <h2 id="credentials-heading" className="section__title">
          Credentials
        </h2>
        {component.credentials.length === 0 ? (
          <EmptyState title="No credentials yet">
            <p>Credentials you add for {component.name} are listed here, with their status.</p>
          </EmptyState>
        ) : (
          <CredentialsTable component={component} />
        )}
      </section>
    </>
  );
}

function Breadcrumb({ current }: { current: string }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <ol>
        <li>
          <Link href="/">Credentials</Link>
        </li>
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}

function CredentialsTable({ component }: { component: Component }) {
  const now = Date.now();
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">Credentials for {component.name}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Auth type</th>
            <th scope="col">Status</th>
            <th scope="col">Last verified</th>
            <th scope="col">Used by</th>
          </tr>
        </thead>
        <tbody>
          {component.credentials.map((credential) => (
            <tr key={credential.id} data-credential-id={credential.id}>
              <th scope="row" data-label="Name" className="data-table__name">
                <span className="credential-name">{credential.name}</span>
                <SecretHints component={component} credential={credential} />
              </th>
              <td data-label="Auth type">{authTypeLabel(component, credential)}</td>
              <td data-label="Status">
                <StatusIndicator
                  id={`credential-${credential.id}-status`}
                  status={credential.status}
                  reason={credential.lastVerification?.message}
                />
              </td>
              <td data-label="Last verified">
                {credential.lastVerification ? (
                  <time
                    dateTime={credential.lastVerification.checkedAt}
                    title={formatDateTime(credential.lastVerification.checkedAt)}
                  >
                    {formatRelativeTime(credential.lastVerification.checkedAt, now)}
                  </time>
                ) : (
                  <span className="muted">Never</span>
                )}
              </td>
              <td data-label="Used by">
                <UsageSummary usage={credential.usage} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function authTypeLabel(component: Component, credential: Credential): string {
  const method = component.authMethods.find((candidate) => candidate.type === credential.authType);
  return method?.label || AUTH_TYPE_LABELS[credential.authType];
}

function SecretHints({ component, credential }: { component: Component; credential: Credential }) {
  if (credential.secrets.length === 0) return null;
  const fields = component.authMethods.find((method) => method.type === credential.authType)?.fields ?? [];
  return (
    <span className="secret-hints">
      {credential.secrets.map((secret) => (
        <span key={secret.field} className="secret-hint">
          {fields.find((field) => field.name === secret.field)?.label ?? secret.field}{" "}
          <code>{secret.hint}</code>
        </span>
      ))}
    </span>
  );
}

function UsageSummary({ usage }: { usage: Credential["usage"] }) {
  if (usage.length === 0) return <span className="muted">Not used</span>;
  const flows = new Map(usage.map((entry) => [entry.flow.id, entry.flow.name]));
  const names = [...flows.values()].join(", ");
  return (
    <span title={names}>
      {formatCount(flows.size, "flow")}
      {usage.length > flows.size ? <span className="muted"> · {formatCount(usage.length, "step")}</span> : null}
    </span>
  );
}
