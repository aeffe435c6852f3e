import { AuditLogDocument } from "@latchkey/sdk";
import type { Metadata } from "next";
import Link from "next/link";

import { ApiProblemBanner } from "@/components/api-problem-banner";
import { DataTable } from "@/components/data-table";
import { PageHeader } from "@/components/page-header";
import { loadFromApi } from "@/lib/api";
import { formatDateTime } from "@/lib/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;

interface Search {
  objectType?: string;
  objectId?: string;
  actorId?: string;
  after?: string;
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const filter = { objectType: search.objectType || null, objectId: search.objectId || null, actorId: search.actorId || null };
  const result = await loadFromApi((api) => api.request(AuditLogDocument, { filter, first: PAGE_SIZE, after: search.after || null }));
  const header = (
    <PageHeader title="Audit log" eyebrow="Settings" description="Who did what, to which object, when and from where. Newest first; never a secret value." />
  );
  if (!result.ok) {
    return (
      <>
        {header}
        <ApiProblemBanner problem={result.problem} />
      </>
    );
  }
  const { edges, pageInfo } = result.data.auditLog;
  const filtered = (params: Record<string, string | null | undefined>) => {
    const query = new URLSearchParams(Object.entries({ ...filter, ...params }).filter((e): e is [string, string] => !!e[1]));
    return `/settings/audit-log${query.size > 0 ? `?${query}` : ""}`;
  };
  return (
    <>
      {header}
      <form className="form form--inline" method="get" action="/settings/audit-log">
        <label className="field">
          <span className="field__label">Object type</span>
          <input className="input" name="objectType" defaultValue={search.objectType ?? ""} placeholder="credential" />
        </label>
        <label className="field">
          <span className="field__label">Object id</span>
          <input className="input" name="objectId" defaultValue={search.objectId ?? ""} />
        </label>
        <label className="field">
          <span className="field__label">Actor id</span>
          <input className="input" name="actorId" defaultValue={search.actorId ?? ""} />
        </label>
        <div className="form__actions">
          <button type="submit" className="button">
            Filter
          </button>
          <Link className="button button--secondary" href="/settings/audit-log">
            Clear
          </Link>
        </div>
      </form>
      <section className="section">
        {edges.length === 0 ? (
          <p className="muted">No events.</p>
        ) : (
          <DataTable columns={["When", "Who", "Action", "Object", "Address"]}>
            {edges.map(({ node }) => (
              <tr key={node.id}>
                <td data-label="When">{formatDateTime(node.at)}</td>
                <td data-label="Who">
                  {node.actorId ? <Link href={filtered({ actorId: node.actorId })}>{node.actorName ?? node.actorId}</Link> : node.actorType.toLowerCase()}
                  {node.actorType === "API_TOKEN" ? <span className="muted"> (token)</span> : null}
                </td>
                <td data-label="Action">
                  <code>{node.action}</code>
                </td>
                <td data-label="Object">
                  {node.objectId ? (
                    <Link href={filtered({ objectType: node.objectType, objectId: node.objectId })}>
                      {node.objectType} {node.details && typeof node.details.name === "string" ? `“${node.details.name}”` : node.objectId.slice(0, 8)}
                    </Link>
                  ) : (
                    node.objectType
                  )}
                </td>
                <td data-label="Address">{node.remoteAddress ?? "—"}</td>
              </tr>
            ))}
          </DataTable>
        )}
        {pageInfo.hasNextPage && pageInfo.endCursor ? (
          <p>
            <Link className="button button--secondary" href={filtered({ after: pageInfo.endCursor })}>
              Older events
            </Link>
          </p>
        ) : null}
      </section>
    </>
  );
}
