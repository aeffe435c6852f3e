import { ApiTokensDocument, AuditLogDocument, MembersDocument } from "@latchkey/sdk";
import type { Metadata } from "next";
import Link from "next/link";

import { ApiProblemBanner } from "@/components/api-problem-banner";
import { DataTable } from "@/components/data-table";
import { PageHeader } from "@/components/page-header";
import { combineResults, loadFromApi } from "@/lib/api";
import { loadAllPages } from "@/lib/credential-data";
import { formatDateTime } from "@/lib/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;

/** The kinds of objects audit events are about, as stored, with their names for people. */
const OBJECT_TYPES: [string, string][] = [
  ["credential", "Credential"],
  ["flow", "Flow"],
  ["component", "Component"],
  ["api_token", "API token"],
  ["invitation", "Invitation"],
  ["membership", "Membership"],
  ["person", "Person"],
  ["session", "Session"],
  ["workspace", "Workspace"],
];

interface Search {
  objectType?: string;
  objectId?: string;
  actorId?: string;
  after?: string;
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  // Object types are stored in lower case: "Credential" finds them too.
  const filter = { objectType: search.objectType?.trim().toLowerCase() || null, objectId: search.objectId?.trim() || null, actorId: search.actorId || null };
  const loaded = await Promise.all([
      loadFromApi((api) => api.request(AuditLogDocument, { filter, first: PAGE_SIZE, after: search.after || null })),
      // Who can be chosen as the actor, by name: the members and the API tokens.
      loadFromApi(async (api) => {
        const [members, apiTokens] = await Promise.all([
          loadAllPages(async (after) => (await api.request(MembersDocument, { first: 200, after })).members),
          loadAllPages(async (after) => (await api.request(ApiTokensDocument, { first: 200, after })).apiTokens),
        ]);
        return [
          ...members.map((member) => ({ id: member.person.id, label: member.person.name })),
          ...apiTokens.map((token) => ({ id: token.id, label: `API token “${token.name}”` })),
        ];
      }),
  ]);
  const result = combineResults(loaded);
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
  const [{ auditLog }, actors] = result.data;
  const { edges, pageInfo } = auditLog;
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
          <select className="input" name="objectType" defaultValue={filter.objectType ?? ""}>
            <option value="">Any</option>
            {OBJECT_TYPES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Object id</span>
          <input className="input" name="objectId" defaultValue={search.objectId ?? ""} />
        </label>
        <label className="field">
          <span className="field__label">Who</span>
          <select className="input" name="actorId" defaultValue={search.actorId ?? ""}>
            <option value="">Anyone</option>
            {actors.map((actor) => (
              <option key={actor.id} value={actor.id}>
                {actor.label}
              </option>
            ))}
          </select>
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
