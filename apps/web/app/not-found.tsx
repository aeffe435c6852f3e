import Link from "next/link";

import { EmptyState } from "@/components/empty-state";

export default function NotFound() {
  return (
    <EmptyState title="Page not found">
      <p>There is nothing at this address.</p>
      <p>
        <Link href="/">Go to Credentials</Link>
      </p>
    </EmptyState>
  );
}
