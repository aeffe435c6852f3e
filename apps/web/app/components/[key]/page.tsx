import { ComponentDocument, type ComponentQuery } from "@latchkey/sdk";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";

import { ApiProblemBanner } from "@/components/api-problem-banner";
import { Breadcrumb } from "@/components/breadcrumb";
import { ComponentAvatar } from "@/components/component-avatar";
import { CredentialRow, type CredentialRowData } from "@/components/credential-row";
import { EmptyState } from "@/components/empty-state";
import { LastVerified } from "@/components/last-verified";
import { PageHeader } from "@/components/page-header";
import { SortSelect } from "@/components/sort-select";
import { SuccessNotice } from "@/components/success-notice";
import { Pager } from "@/components/pager";
import { loadFromApi, loadViewer } from "@/lib/api";
import { authMethodLabel, CREDENTIAL_SORTS, fieldLabel, formatCount, savedNoticeText, type CredentialSort } from "@/lib/format";
import { pageVariables } from "@/lib/paging";
import { permissionsOf, readOnlyReason } from "@/lib/permissions";

export const dynamic = "force-dynamic";

type Component = NonNullable<ComponentQuery["component"]>;
type Credential = Component["credentials"]["edges"][number]["node"];

interface ComponentPageProps {
  params: Promise<{ key: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

// One API call per request, shared by generateMetadata and the page (the metadata asks for the first page).
const loadComponent = cache((key: string, after: string | null = null, before: string | null = null) =>
  loadFromApi((api) => api.request(ComponentDocument, { key, ...pageVariables({ after: after ?? undefined, before: before ?? undefined }) })),
);

export async function generateMetadata({ params }: ComponentPageProps): Promise<Metadata> {
  const { key } = await params;
  const result = await loadComponent(key);
  return { title: result.ok && result.data.component ? result.data.component.name : "Component" };
}

export default async function ComponentPage({ params, searchParams }: ComponentPageProps) {
  const { key } = await params;
  const search = await searchParams;
  const { saved, sort: sortParam, deleted } = search;
  const sort: CredentialSort = typeof sortParam === "string" && sortParam in CREDENTIAL_SORTS ? (sortParam as CredentialSort) : "name";
  const page = pageVariables(search);
  const [result, viewer] = await Promise.all([loadComponent(key, page.after, page.before), loadViewer()]);
  const permissions = permissionsOf(viewer.ok ? viewer.data.viewer : null);
  const trail = [{ href: "/", label: "Credentials" }];

  if (!result.ok) {
    return (
      <>
        <Breadcrumb trail={trail} current={key} />
        <ApiProblemBanner problem={result.problem} />
      </>
    );
  }
  const component = result.data.component;
  if (!component) notFound();

  const addHref = `/credentials/new?component=${encodeURIComponent(component.key)}`;
  const credentials = component.credentials.edges.map((edge) => edge.node);
  const savedCredential = credentials.find((credential) => credential.id === saved);
  const authLabels = component.authMethods.map((method) => authMethodLabel(method));
  const now = Date.now();
  return (
    <>
      <Breadcrumb trail={trail} current={component.name} />
      <PageHeader
        leading={<ComponentAvatar componentKey={component.key} name={component.name} size="lg" />}
        title={component.name}
        description={component.description}
        meta={
          <>
            {formatCount(component.credentials.totalCount, "credential")}
            {authLabels.length > 0 ? <> · Accepts {authLabels.join(", ")}</> : null}
          </>
        }
        actions={
          component.authMethods.length > 0 && permissions.canWrite ? (
            <Link className="button" href={addHref}>
              Add credential
            </Link>
          ) : null
        }
      />
      {savedCredential ? <SuccessNotice>{savedNoticeText(savedCredential)}</SuccessNotice> : null}
      {typeof deleted === "string" && deleted ? <SuccessNotice>“{deleted.slice(0, 200)}” was deleted.</SuccessNotice> : null}
      {permissions.canWrite ? null : (
        <p className="read-only-note" data-testid="read-only-note">
          {readOnlyReason(permissions)}
        </p>
      )}
      <section aria-labelledby="credentials-heading" className="section">
        <h2 id="credentials-heading" className="section__title">
          Credentials
        </h2>
        {component.credentials.totalCount === 0 ? (
          <EmptyState title="No credentials yet">
            <p>Credentials you add for {component.name} are listed here, with their status.</p>
            {component.authMethods.length > 0 && permissions.canWrite ? (
              <p>
                <Link className="button" href={addHref}>
                  Add the first credential
                </Link>
              </p>
            ) : null}
          </EmptyState>
        ) : (
          <>
          <SortSelect value={sort} />
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
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sortCredentials(credentials, sort, savedCredential?.id).map((credential) => (
                  <CredentialRow
                    key={credential.id}
                    highlighted={credential.id === savedCredential?.id}
                    credential={toRowData(component, credential)}
                    lastVerified={<LastVerified checkedAt={credential.lastVerification?.checkedAt} now={now} />}
                  />
                ))}
              </tbody>
            </table>
          </div>
          </>
        )}
        <Pager pageInfo={component.credentials.pageInfo} search={search} label="Credentials" />
      </section>
    </>
  );
}

const STATUS_ORDER: Record<Credential["status"], number> = { INVALID: 0, EXPIRED: 1, UNREACHABLE: 2, UNVERIFIED: 3, VALID: 4 };

/** The credentials in the chosen order; the one just saved comes first, whatever the order. */
function sortCredentials(credentials: readonly Credential[], sort: CredentialSort, savedId: string | undefined): Credential[] {
  const byName = (a: Credential, b: Credential) => a.name.localeCompare(b.name);
  const compare =
    sort === "newest"
      ? (a: Credential, b: Credential) => b.createdAt.localeCompare(a.createdAt) || byName(a, b)
      : sort === "status"
        ? (a: Credential, b: Credential) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || byName(a, b)
        : byName;
  return [...credentials].sort((a, b) => Number(b.id === savedId) - Number(a.id === savedId) || compare(a, b));
}

function toRowData(component: Component, credential: Credential): CredentialRowData {
  const method = component.authMethods.find((candidate) => candidate.type === credential.authType);
  const flows = new Map(credential.usage.edges.map(({ node }) => [node.flow.id, node.flow.name]));
  return {
    id: credential.id,
    name: credential.name,
    authLabel: authMethodLabel(method ?? { type: credential.authType }),
    status: credential.status,
    reason: credential.lastVerification?.message ?? null,
    secretHints: credential.secrets.map((secret) => ({
      label: fieldLabel(method, secret.field),
      hint: secret.hint,
    })),
    usedByFlows: flows.size,
    usedBySteps: credential.usage.totalCount,
    usedByNames: [...flows.values()].join(", "),
  };
}
