import { ComponentsDocument } from "@latchkey/sdk";
import Link from "next/link";

import { loadFromApi } from "@/lib/api";
import { formatCount } from "@/lib/format";

import { ApiProblemBanner } from "./api-problem-banner";
import { ComponentAvatar } from "./component-avatar";
import { EmptyState } from "./empty-state";
import { ChevronRightIcon } from "./icons";
import { PageHeader } from "./page-header";

interface CredentialsOverviewProps {
  title: string;
  /** Shown above the title, e.g. the settings section the overview is reached from. */
  eyebrow?: string;
}

/** Every component with its number of credentials; each tile opens the component's credentials. */
export async function CredentialsOverview({ title, eyebrow }: CredentialsOverviewProps) {
  const result = await loadFromApi((api) => api.request(ComponentsDocument));
  const description =
    "Credentials are grouped by the application they sign in to. Open one to see its credentials and their status.";

  if (!result.ok) {
    return (
      <>
        <PageHeader title={title} eyebrow={eyebrow} description={description} />
        <ApiProblemBanner problem={result.problem} />
      </>
    );
  }

  const components = [...result.data.components].sort((a, b) => a.name.localeCompare(b.name));
  const total = components.reduce((sum, component) => sum + component.credentialCount, 0);

  return (
    <>
      <PageHeader
        title={title}
        eyebrow={eyebrow}
        description={description}
        meta={`${formatCount(components.length, "component")} · ${formatCount(total, "credential")}`}
      />
      {components.length === 0 ? (
        <EmptyState title="No components yet">
          <p>Components come from the built-in catalog or are registered through the API.</p>
        </EmptyState>
      ) : (
        <ul className="tile-grid" aria-label="Components">
          {components.map((component) => (
            <li key={component.id}>
              <Link className="tile" href={`/components/${encodeURIComponent(component.key)}`}>
                <ComponentAvatar componentKey={component.key} name={component.name} />
                <span className="tile__body">
                  <span className="tile__name">{component.name}</span>
                  {component.description ? (
                    <span className="tile__description">{component.description}</span>
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
          ))}
        </ul>
      )}
    </>
  );
}
