import Link from "next/link";

import { EmptyState } from "@/components/empty-state";

export default function ComponentNotFound() {
  return (
    <EmptyState title="Component not found">
      <p>No component with this key exists in this workspace.</p>
      <p>
        <Link href="/">See all components</Link>
      </p>
    </EmptyState>
  );
}
