import type { CredentialStatus } from "@latchkey/sdk";
import Link from "next/link";

import { loadFromApi } from "@/lib/api";
import { loadAllComponents, loadAllCredentials } from "@/lib/credential-data";
import { formatCount, STATUS_LABELS } from "@/lib/format";

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
  const filtering = query !== "" || status !== undefined;
  const result = await loadFromApi(async (api) => {
    const [components, matches] = await Promise.all([
      loadAllComponents(api),
      filtering ? loadAllCredentials(api, status ? { status } : {}) : Promise.resolve([]),
    ]);
    return { components, matches };
  });
  const description =
    "Credentials are grouped by the application they sign in to. Open one to see its credentials and their status.";
  const addButton = (
    <Link className="button" href="/credentials/new">
      Add credential
    </Link>
  );

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
    return status === undefined && [component.name, component.key, component.description].some(nameMatches);
  });

  return (
    <>
      <PageHeader
        title={title}
        eyebrow={eyebrow}
        description={description}
        meta={`${formatCount(all.length, "component")} · ${formatCount(total, "credential")}`}
        actions={all.length > 0 ? addButton : null}
      />
      {all.length === 0 ? (
        <EmptyState title="No components yet">
          <p>Components come from the built-in catalog or are registered through the API.</p>
        </EmptyState>
      ) : (
        <>
          <OverviewFilters query={query} status={status} />
          <p className="results-line" role="status">
            {filtering
              ? `${formatCount(shown.length, "component")} with matching ${status ? `${STATUS_LABELS[status].toLowerCase()} ` : ""}credentials${query ? ` for “${query}”` : ""}`
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
                          <span className={`tile__match${status && status !== "VALID" && status !== "UNVERIFIED" ? " tile__match--failed" : ""}`}>
                            {matching} matching{status ? ` · ${STATUS_LABELS[status].toLowerCase()}` : ""}
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
