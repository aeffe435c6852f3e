import type { Metadata } from "next";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Flows" };

export default function FlowsPage() {
  return (
    <>
      <PageHeader
        title="Flows"
        description="A flow is an ordered list of steps; each step uses a credential of its component."
      />
      <EmptyState title="Managing flows here comes later">
        <p>
          Until then, flows can be created, activated and deleted through the GraphQL API or the
          typed SDK. Their credentials are listed under Credentials.
        </p>
      </EmptyState>
    </>
  );
}
