import { FlowsDocument } from "@latchkey/sdk";
import type { Metadata } from "next";
import Link from "next/link";

import { ApiProblemBanner } from "@/components/api-problem-banner";
import { FlowsAttentionBanner } from "@/components/attention-banner";
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

const ATTENTION_DESCRIPTION = "Flows with a step whose credential is missing or not valid: active ones cannot sign in there, inactive ones cannot be activated yet.";

export default async function FlowsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const search = await searchParams;
  // `?attention=1`: only the flows that need attention (decided by the API over the whole workspace).
  const attentionOnly = search.attention === "1";
  const [result, viewer] = await Promise.all([
    loadFromApi((api) => api.request(FlowsDocument, { status: null, filter: attentionOnly ? { needsAttention: true } : null, ...pageVariables(search) })),
    loadViewer(),
  ]);
  const newFlow =
    viewer.ok && permissionsOf(viewer.data.viewer).canWrite ? (
      <Link className="button" href="/flows/new">
        New flow
      </Link>
    ) : null;
  const title = attentionOnly ? "Flows that need attention" : "Flows";
  if (!result.ok) {
    return (
      <>
        <PageHeader title={title} description={attentionOnly ? ATTENTION_DESCRIPTION : DESCRIPTION} />
        <ApiProblemBanner problem={result.problem} />
      </>
    );
  }
  const { pageInfo, totalCount } = result.data.flows;
  const flows = result.data.flows.edges.map((edge) => edge.node);
  const activeCount = result.data.active.totalCount;
  return (
    <>
      {attentionOnly ? (
        <PageHeader
          title={title}
          description={ATTENTION_DESCRIPTION}
          meta={
            <>
              {formatCount(totalCount, "flow")} · <Link href="/flows">Show all flows</Link>
            </>
          }
        />
      ) : (
        <PageHeader
          title={title}
          description={DESCRIPTION}
          meta={`${formatCount(totalCount, "flow")} · ${activeCount} active`}
          actions={totalCount > 0 ? newFlow : null}
        />
      )}
      <FlowsAttentionBanner attention={result.data.attention} filtered={attentionOnly} />
      {totalCount === 0 ? (
        attentionOnly ? (
          <EmptyState title="No flow needs attention">
            <p>Every step of every flow has a valid credential.</p>
            <p>
              <Link href="/flows">Show all flows</Link>
            </p>
          </EmptyState>
        ) : (
          <EmptyState title="No flows yet">
            <p>Create a flow and choose a credential for each of its steps.</p>
            <p>{newFlow}</p>
          </EmptyState>
        )
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
