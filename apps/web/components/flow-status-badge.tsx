import type { FlowStatus } from "@latchkey/sdk";

/** ACTIVE or INACTIVE, as a pill with text (never colour alone). */
export function FlowStatusBadge({ status }: { status: FlowStatus }) {
  return (
    <span className={`pill pill--${status === "ACTIVE" ? "active" : "inactive"}`} data-flow-status={status}>
      <span className="pill__dot" aria-hidden="true" />
      {status === "ACTIVE" ? "Active" : "Inactive"}
    </span>
  );
}
