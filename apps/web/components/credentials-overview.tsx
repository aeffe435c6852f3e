import type { CredentialStatus } from "@latchkey/sdk";
import Link from "next/link";

import { loadFromApi, loadViewer } from "@/lib/api";
import { loadAllComponents, loadAllCredentials } from "@/lib/credential-data";
import { ATTENTION_STATUSES, formatCount, NEEDS_ATTENTION, STATUS_LABELS } from "@/lib/format";
import { permissionsOf } from "@/lib/permissions";

import { ApiProblemBanner } from "./api-problem-banner";
import { ComponentAvatar } from "./component-avatar";
import { EmptyState } from "./empty-state";
import { ChevronRightIcon } from "./icons";
import { OverviewFilters } from "./overview-filters";
import { PageHeader } from "./page-header";

export interface OverviewSearchParams {
  q?: string | string[];
  status?: string | string[];
}

interface CredentialsOverviewProps {
  title: string;
  /** Shown above the title, e.g. the settings section the overview is reached from. */
  eyebrow?: string;
  searchParams: OverviewSearchParams;
}

/** Every component with its number of credentials; each tile opens the component's credentials. */
export async function CredentialsOverview({ title, eyebrow, searchParams }: CredentialsOverviewProps) {
  const query = typeof searchParams.q === "string" ? searchParams.q.trim() : "";
  const status = parseStatus(searchParams.status);
  const attentionOnly = searchParams.status === NEEDS_ATTENTION;
  const filtering = query !== "" || status !== undefined || attentionOnly;
  const [result, viewer] = await Promise.all([
    loadFromApi(async (api) => {
      // The credentials that need attention are few (or should be): loaded per status for the tiles' red counts.
      const [components, matches, ...attention] = await Promise.all([
        loadAllComponents(api),
        filtering && !attentionOnly ? loadAllCredentials(api, status ? { status } : {}) : Promise.resolve([]),
        ...ATTENTION_STATUSES.map((needing) => loadAllCredentials(api, { status: needing })),
      ]);
      const needingAttention = attention.flat();
      return { components, matches: attentionOnly ? needingAttention : matches, needingAttention };
    }),
    loadViewer(),
  ]);
  const canWrite = viewer.ok && permissionsOf(viewer.data.viewer).canWrite;
  const description =
    "Credentials are grouped by the application they sign in to. Open one to see its credentials and their status.";
  const addButton = canWrite ? (
    <Link className="button" href="/credentials/new">
      Add credential
    </Link>
  ) : null;

  if (!result.ok) {
    return (
      <>
        <PageHeader title={title} eyebrow={eyebrow} description={description} />
        <ApiProblemBanner problem={result.problem} />
      </>
    );
  }

  const all = [...result.data.components].sort((a, b) => a.name.localeCompare(b.name));
  const total = all.reduce((sum, component) => sum + component.credentialCount, 0);
  const needle = query.toLowerCase();
  const nameMatches = (text: string | null | undefined) => (text ?? "").toLowerCase().includes(needle);

  // Per component and status: its credentials that need attention (Invalid, Expired, Unreachable).
  const attentionByComponent = new Map<string, Map<CredentialStatus, number>>();
  for (const credential of result.data.needingAttention) {
    const counts = attentionByComponent.get(credential.component.key) ?? new Map<CredentialStatus, number>();
    counts.set(credential.status, (counts.get(credential.status) ?? 0) + 1);
    attentionByComponent.set(credential.component.key, counts);
  }
  const attentionTotal = result.data.needingAttention.length;

  // Per component: how many of its credentials match the filters (by their name, or their component's).
  const matchCounts = new Map<string, number>();
  for (const credential of result.data.matches) {
    const key = credential.component.key;
    if (!needle || nameMatches(credential.name) || nameMatches(credential.component.name)) {
      matchCounts.set(key, (matchCounts.get(key) ?? 0) + 1);
    }
  }
  const shown = all.filter((component) => {
    if (!filtering) return true;
    if ((matchCounts.get(component.key) ?? 0) > 0) return true;
    return status === undefined && !attentionOnly && [component.name, component.key, component.description].some(nameMatches);
  });

  return (
    <>
      <PageHeader
        title={title}
        eyebrow={eyebrow}
        description={description}
        meta={
          <>
            {formatCount(all.length, "component")} · {formatCount(total, "credential")}
            {attentionTotal > 0 ? (
              <>
                {" · "}
                <Link href={`?status=${NEEDS_ATTENTION}`} className="attention-link">
                  {attentionTotal} need{attentionTotal === 1 ? "s" : ""} attention
                </Link>
              </>
            ) : null}
          </>
        }
        actions={all.length > 0 ? addButton : null}
      />
      {all.length === 0 ? (
        <EmptyState title="No components yet">
          <p>Components come from the built-in catalog or are registered through the API.</p>
        </EmptyState>
      ) : (
        <>
          <OverviewFilters query={query} status={attentionOnly ? NEEDS_ATTENTION : status} />
          <p className="results-line" role="status">
            {filtering
              ? `${formatCount(shown.length, "component")} with matching ${status ? `${STATUS_LABELS[status].toLowerCase()} ` : ""}credentials${attentionOnly ? " that need attention" : ""}${query ? ` for “${query}”` : ""}`
              : null}
          </p>
          {shown.length === 0 ? (
            <EmptyState title="Nothing matches">
              <p>No component or credential matches these filters.</p>
              <p>
                <Link href="?">Clear the filters</Link>
              </p>
            </EmptyState>
          ) : (
            <ul className="tile-grid" aria-label="Components">
              {shown.map((component) => {
                const matching = matchCounts.get(component.key) ?? 0;
                const attention = [...(attentionByComponent.get(component.key) ?? new Map<CredentialStatus, number>())];
                return (
                  <li key={component.id}>
                    <Link className="tile" href={`/components/${encodeURIComponent(component.key)}`}>
                      <ComponentAvatar componentKey={component.key} name={component.name} />
                      <span className="tile__body">
                        <span className="tile__name">{component.name}</span>
                        {component.description ? (
                          <span className="tile__description">{component.description}</span>
                        ) : null}
                        {filtering && matching > 0 ? (
                          <span className={`tile__match${attentionOnly || (status && status !== "VALID" && status !== "UNVERIFIED") ? " tile__match--failed" : ""}`}>
                            {matching} matching{status ? ` · ${STATUS_LABELS[status].toLowerCase()}` : ""}
                          </span>
                        ) : null}
                        {attention.length > 0 ? (
                          <span className="tile__attention" data-testid="needs-attention">
                            {attention.map(([needing, count]) => `${count} ${STATUS_LABELS[needing].toLowerCase()}`).join(", ")}
                            {" · needs attention"}
                          </span>
                        ) : null}
                      </span>
                      <span
                        className={`count-badge${component.credentialCount === 0 ? " count-badge--zero" : ""}`}
                        data-testid="credential-count"
                      >
                        {component.credentialCount}
                        <span className="visually-hidden">
                          {component.credentialCount === 1 ? " credential" : " credentials"}
                        </span>
                      </span>
                      <ChevronRightIcon className="tile__chevron" />
                    </Link>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </>
  );
}

function parseStatus(value: string | string[] | undefined): CredentialStatus | undefined {
  return typeof value === "string" && value in STATUS_LABELS ? (value as CredentialStatus) : undefined;
}
