import Link from "next/link";

import { EmptyState } from "@/components/empty-state";

export default function CredentialNotFound() {
  return (
    <EmptyState title="Credential not found">
      <p>It may have been deleted, or it belongs to another workspace.</p>
      <p>
        <Link href="/">See all credentials</Link>
      </p>
    </EmptyState>
  );
}
