"use client";

import type { CredentialStatus } from "@latchkey/sdk";
import Link from "next/link";
import { useState, type ReactNode } from "react";

import { formatCount } from "@/lib/format";

import { CredentialActionBar, RenameForm } from "./credential-actions";
import { StatusIndicator } from "./status-indicator";

export interface CredentialRowData {
  id: string;
  name: string;
  authLabel: string;
  status: CredentialStatus;
  reason: string | null;
  /** Masked hints of the stored secrets, with their field labels. */
  secretHints: { label: string; hint: string }[];
  usedByFlows: number;
  usedBySteps: number;
  usedByNames: string;
}

/** One row of a component's credentials table, with its actions; Rename turns the name into a text box. */
export function CredentialRow({
  credential,
  lastVerified,
  highlighted = false,
}: {
  credential: CredentialRowData;
  lastVerified: ReactNode;
  /** The credential just saved: marked, and scrolled into view. */
  highlighted?: boolean;
}) {
  const [renaming, setRenaming] = useState(false);
  const { id, name } = credential;
  return (
    <tr
      data-credential-id={id}
      data-highlighted={highlighted || undefined}
      className={highlighted ? "highlight-row" : undefined}
      ref={highlighted ? (row) => row?.scrollIntoView({ block: "nearest" }) : undefined}
    >
      <th scope="row" data-label="Name" className="data-table__name">
        {renaming ? (
          <RenameForm id={id} name={name} onDone={() => setRenaming(false)} />
        ) : (
          <Link href={`/credentials/${id}`} className="credential-name">
            {name}
          </Link>
        )}
        {credential.secretHints.length > 0 ? (
          <span className="secret-hints">
            {credential.secretHints.map((secret) => (
              <span key={secret.label} className="secret-hint">
                {secret.label} <code>{secret.hint}</code>
              </span>
            ))}
          </span>
        ) : null}
      </th>
      <td data-label="Auth type">{credential.authLabel}</td>
      <td data-label="Status">
        <StatusIndicator id={`credential-${id}-status`} status={credential.status} reason={credential.reason} />
      </td>
      <td data-label="Last verified">{lastVerified}</td>
      <td data-label="Used by">
        {credential.usedByFlows === 0 ? (
          <span className="muted">Not used</span>
        ) : (
          <Link href={`/credentials/${id}#used-by`} title={credential.usedByNames}>
            {formatCount(credential.usedByFlows, "flow")}
            {credential.usedBySteps > credential.usedByFlows ? (
              <span className="muted"> · {credential.usedBySteps} steps</span>
            ) : null}
          </Link>
        )}
      </td>
      <td data-label="Actions" className="data-table__actions">
        <CredentialActionBar id={id} name={name} onRename={() => setRenaming(true)} usedBySteps={credential.usedBySteps} />
      </td>
    </tr>
  );
}
