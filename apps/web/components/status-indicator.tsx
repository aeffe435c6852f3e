import type { CredentialStatus } from "@latchkey/sdk";

import { STATUS_LABELS } from "@/lib/format";

import { AlertCircleIcon, CheckCircleIcon, MinusCircleIcon } from "./icons";

const FAILED: ReadonlySet<CredentialStatus> = new Set(["INVALID", "EXPIRED", "UNREACHABLE"]);

interface StatusIndicatorProps {
  status: CredentialStatus;
  /** The latest verification's message: the reason shown on hover and focus for a failed status. */
  reason?: string | null | undefined;
  /** Unique per page; names the reason element. */
  id: string;
}

/** A credential's status as icon plus text; a failed status explains itself on hover and focus. */
export function StatusIndicator({ status, reason, id }: StatusIndicatorProps) {
  const label = STATUS_LABELS[status];
  const tone = status === "VALID" ? "valid" : FAILED.has(status) ? "failed" : "unverified";
  const Icon = tone === "valid" ? CheckCircleIcon : tone === "failed" ? AlertCircleIcon : MinusCircleIcon;

  if (tone !== "failed" || !reason) {
    return (
      <span className={`status status--${tone}`} data-status={status}>
        <Icon className="status__icon" />
        <span className="status__label">{label}</span>
      </span>
    );
  }

  const reasonId = `${id}-reason`;
  return (
    <span className="status-with-reason">
      <span
        className={`status status--${tone}`}
        data-status={status}
        tabIndex={0}
        aria-describedby={reasonId}
      >
        <Icon className="status__icon" />
        <span className="status__label">{label}</span>
      </span>
      <span role="tooltip" id={reasonId} className="status-reason">
        {reason}
      </span>
    </span>
  );
}
