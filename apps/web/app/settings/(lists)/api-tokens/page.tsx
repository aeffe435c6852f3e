import { ApiTokensDocument, type ApiTokenScope } from "@latchkey/sdk";
import type { Metadata } from "next";

import { ActionForm } from "@/components/access/action-form";
import { ConfirmForm } from "@/components/access/confirm-form";
import { ApiProblemBanner } from "@/components/api-problem-banner";
import { DataTable } from "@/components/data-table";
import { PageHeader } from "@/components/page-header";
import { Pager } from "@/components/pager";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/access-actions";
import { loadFromApi } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { pageVariables } from "@/lib/paging";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API tokens" };

const SCOPES: { scope: ApiTokenScope; label: string; hint: string }[] = [
  { scope: "READ", label: "read", hint: "list components, credentials and flows" },
  { scope: "WRITE", label: "write", hint: "create, change and delete credentials and flows" },
  { scope: "COMPONENTS_WRITE", label: "components:write", hint: "register and change components, which decide where credentials' secrets are sent" },
  { scope: "CREDENTIALS_USE", label: "credentials:use", hint: "read credentials' decrypted secrets (for the programs that run flows)" },
];
const SCOPE_LABELS = Object.fromEntries(SCOPES.map((s) => [s.scope, s.label])) as Record<ApiTokenScope, string>;

export default async function ApiTokensPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const search = await searchParams;
  const result = await loadFromApi((api) => api.request(ApiTokensDocument, pageVariables(search)));
  const header = (
    <PageHeader
      title="API tokens"
      eyebrow="Settings"
      description={
        <>
          Integrations and flow runtimes call the API with <code>Authorization: Bearer &lt;token&gt;</code>. A token is shown
          once, when it is created, and stored only as a digest. A token is revoked when the person who created it leaves
          the workspace.
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
  const now = Date.now();
  return (
    <>
      {header}
      <section className="section" aria-labelledby="create-title">
        <h2 id="create-title" className="section__title">
          Create a token
        </h2>
        <ActionForm action={createApiTokenAction} submitLabel="Create token" revealLabel="Your new token (it will not be shown again)">
          <label className="field">
            <span className="field__label">Name</span>
            <input className="input" name="name" required maxLength={200} placeholder="e.g. Flow runtime" />
          </label>
          <fieldset className="checks">
            <legend className="field__label">Scopes</legend>
            {SCOPES.map(({ scope, label, hint }) => (
              <label key={scope}>
                <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === "READ"} /> <code>{label}</code>{" "}
                <span className="field__help">{hint}</span>
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span className="field__label">Expires on (optional)</span>
            <input className="input" name="expiresOn" type="date" />
          </label>
        </ActionForm>
      </section>

      <section className="section" aria-labelledby="tokens-title">
        <h2 id="tokens-title" className="section__title">
          Tokens
        </h2>
        {result.data.apiTokens.totalCount === 0 ? (
          <p className="muted">No tokens yet.</p>
        ) : (
          <DataTable columns={["Name", "Token", "Scopes", "Created by", "Last used", "Status", { label: "Revoke", hidden: true }]}>
            {result.data.apiTokens.edges.map(({ node: token }) => {
              const expired = token.expiresAt !== null && Date.parse(token.expiresAt) <= now;
              const status = token.revokedAt ? "Revoked" : expired ? "Expired" : token.expiresAt ? `Expires ${formatDateTime(token.expiresAt)}` : "Active";
              return (
                <tr key={token.id}>
                  <th scope="row" data-label="Name" className="data-table__name">
                    {token.name}
                  </th>
                  <td data-label="Token">
                    <code>{token.tokenStart}…</code>
                  </td>
                  <td data-label="Scopes">{token.scopes.map((s) => SCOPE_LABELS[s]).join(", ")}</td>
                  <td data-label="Created by">{token.createdBy?.name ?? <span className="muted">Not recorded</span>}</td>
                  <td data-label="Last used">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Never"}</td>
                  <td data-label="Status">{status}</td>
                  <td>
                    {token.revokedAt ? null : (
                      <ConfirmForm
                        action={revokeApiTokenAction}
                        fields={{ id: token.id }}
                        triggerLabel="Revoke"
                        triggerAriaLabel={`Revoke ${token.name}`}
                        title={`Revoke “${token.name}”?`}
                        confirmLabel="Revoke token"
                      >
                        <p>Every program that uses this token is refused from now on. This cannot be undone.</p>
                      </ConfirmForm>
                    )}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
        <Pager pageInfo={result.data.apiTokens.pageInfo} search={search} label="API tokens" />
      </section>
    </>
  );
}
