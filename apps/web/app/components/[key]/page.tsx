import { ComponentDocument, type ComponentQuery, type CredentialOrder } from "@latchkey/sdk";
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
import { loadCredential } from "@/lib/credential-data";
import { authMethodLabel, CREDENTIAL_ORDERS, credentialSortOf, fieldLabel, formatCount, savedNoticeText } from "@/lib/format";
import { pageVariables } from "@/lib/paging";
import { permissionsOf, readOnlyReason } from "@/lib/permissions";

export const dynamic = "force-dynamic";

type Component = NonNullable<ComponentQuery["component"]>;
type Credential = Component["credentials"]["edges"][number]["node"];

interface ComponentPageProps {
  params: Promise<{ key: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

// One API call per request, shared by generateMetadata and the page: the component with the page
// of its credentials the URL asks for, in the order it asks for (`?sort=`), sorted by the API.
const loadComponent = cache((key: string, orderBy: CredentialOrder, after: string | null, before: string | null) =>
  loadFromApi((api) => api.request(ComponentDocument, { key, orderBy, ...pageVariables({ after: after ?? undefined, before: before ?? undefined }) })),
);

/** The component and its credentials as the page's URL asks for them. */
function loadPage(key: string, search: Record<string, string | string[] | undefined>) {
  const page = pageVariables(search);
  return loadComponent(key, CREDENTIAL_ORDERS[credentialSortOf(search.sort)], page.after, page.before);
}

export async function generateMetadata({ params, searchParams }: ComponentPageProps): Promise<Metadata> {
  const [{ key }, search] = await Promise.all([params, searchParams]);
  const result = await loadPage(key, search);
  return { title: result.ok && result.data.component ? result.data.component.name : "Component" };
}

export default async function ComponentPage({ params, searchParams }: ComponentPageProps) {
  const { key } = await params;
  const search = await searchParams;
  const { saved, deleted } = search;
  const sort = credentialSortOf(search.sort);
  const [result, viewer] = await Promise.all([loadPage(key, search), loadViewer()]);
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
  const savedCredential = typeof saved === "string" ? await findSaved(component, credentials, saved) : undefined;
  // The page in the API's order; the credential just saved first, also when its place is on another page.
  const rows = savedCredential ? [savedCredential, ...credentials.filter((credential) => credential.id !== savedCredential.id)] : credentials;
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
                {rows.map((credential) => (
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
        {/* The order is kept from page to page; the one-time notices (saved, deleted) are not. */}
        <Pager pageInfo={component.credentials.pageInfo} search={{ ...search, saved: undefined, deleted: undefined }} label="Credentials" />
      </section>
    </>
  );
}

/**
 * The credential just saved (`?saved=<id>`): from this page when it is on it, else read by id (its
 * place in the order may be on another page); undefined when it is not one of this component's.
 */
async function findSaved(component: Component, credentials: readonly Credential[], id: string): Promise<Credential | undefined> {
  const onPage = credentials.find((credential) => credential.id === id);
  if (onPage) return onPage;
  const result = await loadCredential(id);
  const credential = result.ok ? result.data.credential : null;
  return credential && credential.component.key === component.key ? credential : undefined;
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
