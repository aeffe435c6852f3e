import { FlowsDocument } from "@latchkey/sdk";
import type { Metadata } from "next";
import Link from "next/link";

import { ApiProblemBanner } from "@/components/api-problem-banner";
import { AttentionBanner } from "@/components/attention-banner";
import { ComponentAvatar } from "@/components/component-avatar";
import { EmptyState } from "@/components/empty-state";
import { FlowStatusBadge } from "@/components/flow-status-badge";
import { ChevronRightIcon } from "@/components/icons";
import { PageHeader } from "@/components/page-header";
import { Pager } from "@/components/pager";
import { loadFromApi, loadViewer } from "@/lib/api";
import { pageVariables } from "@/lib/paging";
import { formatCount } from "@/lib/format";
import { permissionsOf } from "@/lib/permissions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Flows" };

const DESCRIPTION = "A flow is an ordered list of steps; each step uses a credential of its component.";

export default async function FlowsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const search = await searchParams;
  const [result, viewer] = await Promise.all([loadFromApi((api) => api.request(FlowsDocument, { status: null, ...pageVariables(search) })), loadViewer()]);
  const newFlow =
    viewer.ok && permissionsOf(viewer.data.viewer).canWrite ? (
      <Link className="button" href="/flows/new">
        New flow
      </Link>
    ) : null;
  if (!result.ok) {
    return (
      <>
        <PageHeader title="Flows" description={DESCRIPTION} />
        <ApiProblemBanner problem={result.problem} />
      </>
    );
  }
  const { pageInfo, totalCount } = result.data.flows;
  const flows = result.data.flows.edges.map((edge) => edge.node);
  const activeCount = result.data.active.totalCount;
  return (
    <>
      <PageHeader
        title="Flows"
        description={DESCRIPTION}
        meta={`${formatCount(totalCount, "flow")} · ${activeCount} active`}
        actions={totalCount > 0 ? newFlow : null}
      />
      <AttentionBanner flows={flows} listing />
      {totalCount === 0 ? (
        <EmptyState title="No flows yet">
          <p>Create a flow and choose a credential for each of its steps.</p>
          <p>{newFlow}</p>
        </EmptyState>
      ) : (
        <ul className="flow-list" aria-label="Flows">
          {flows.map((flow) => {
            const missing = flow.stepsNeedingAttention.length;
            return (
              <li key={flow.id}>
                <Link className="flow-row" href={`/flows/${flow.id}`}>
                  <span className="flow-row__main">
                    <span className="flow-row__name">{flow.name}</span>
                    <span className="flow-row__steps">
                      <span className="avatar-stack" aria-hidden="true">
                        {flow.steps.slice(0, 5).map((step) => (
                          <ComponentAvatar key={step.id} componentKey={step.component.key} name={step.component.name} />
                        ))}
                      </span>
                      {formatCount(flow.steps.length, "step")}
                      {missing > 0 ? (
                        <span className="flow-row__warning"> · {missing} without a valid credential</span>
                      ) : null}
                    </span>
                  </span>
                  <FlowStatusBadge status={flow.status} />
                  <ChevronRightIcon className="tile__chevron" />
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      <Pager pageInfo={pageInfo} search={search} label="Flows" />
    </>
  );
}
