import { FlowDocument } from "@latchkey/sdk";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";

import { ApiProblemBanner } from "@/components/api-problem-banner";
import { FlowAttentionBanner } from "@/components/attention-banner";
import { Breadcrumb } from "@/components/breadcrumb";
import { FlowManager } from "@/components/flow-manager";
import { PageHeader } from "@/components/page-header";
import { loadFromApi } from "@/lib/api";
import { loadFlowEditorData } from "@/lib/credential-data";
import { formatCount, formatDateTime } from "@/lib/format";

export const dynamic = "force-dynamic";

interface FlowPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string | string[] }>;
}

const loadFlow = cache((id: string) =>
  loadFromApi(async (api) => {
    const [{ flow }, editor] = await Promise.all([api.request(FlowDocument, { id }), loadFlowEditorData(api)]);
    return { flow, ...editor };
  }),
);

export async function generateMetadata({ params }: FlowPageProps): Promise<Metadata> {
  const { id } = await params;
  const result = await loadFlow(id);
  return { title: result.ok && result.data.flow ? result.data.flow.name : "Flow" };
}

export default async function FlowPage({ params, searchParams }: FlowPageProps) {
  const { id } = await params;
  const { created } = await searchParams;
  const result = await loadFlow(id);
  const trail = [{ href: "/flows", label: "Flows" }];
  if (!result.ok) {
    return (
      <>
        <Breadcrumb trail={trail} current="Flow" />
        <ApiProblemBanner problem={result.problem} />
      </>
    );
  }
  const { flow, components, credentials } = result.data;
  if (!flow) notFound();
  return (
    <>
      <Breadcrumb trail={trail} current={flow.name} />
      <PageHeader
        eyebrow="Flow"
        title={flow.name}
        meta={`${formatCount(flow.steps.length, "step")} · updated ${formatDateTime(flow.updatedAt)}`}
      />
      <FlowAttentionBanner flow={flow} />
      <FlowManager
        flow={flow}
        components={components}
        credentials={credentials}
        justCreated={created === "1"}
      />
    </>
  );
}
