import type { Metadata } from "next";

import { ApiProblemBanner } from "@/components/api-problem-banner";
import { Breadcrumb } from "@/components/breadcrumb";
import { FlowEditor } from "@/components/flow-editor";
import { PageHeader } from "@/components/page-header";
import { RequireWrite } from "@/components/permissions";
import { loadFromApi } from "@/lib/api";
import { loadFlowEditorData } from "@/lib/credential-data";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "New flow" };

export default async function NewFlowPage() {
  const result = await loadFromApi(loadFlowEditorData);
  return (
    <>
      <Breadcrumb trail={[{ href: "/flows", label: "Flows" }]} current="New flow" />
      <PageHeader
        title="New flow"
        description="Name the flow and add its steps. Each step talks to one component and uses one of its credentials; a new flow starts inactive."
      />
      {result.ok ? (
        <RequireWrite what="create flows">
          <div className="panel">
            <FlowEditor components={result.data.components} credentials={result.data.credentials} />
          </div>
        </RequireWrite>
      ) : (
        <ApiProblemBanner problem={result.problem} />
      )}
    </>
  );
}
