import Link from "next/link";

import { EmptyState } from "@/components/empty-state";

export default function FlowNotFound() {
  return (
    <EmptyState title="Flow not found">
      <p>It may have been deleted, or it belongs to another workspace.</p>
      <p>
        <Link href="/flows">See all flows</Link>
      </p>
    </EmptyState>
  );
}
