"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import {
  deleteCredentialAction,
  renameCredentialAction,
  reverifyCredentialAction,
  type DeleteCredentialOutcome,
  type RenameCredentialOutcome,
  type ReverifyCredentialOutcome,
} from "@/actions/credentials";
import { STATUS_LABELS } from "@/lib/format";
import { settle, type Unexpected } from "@/lib/settle";

import { ConfirmDeleteButton } from "./confirm-delete-button";
import { usePermissions } from "./permissions";
import { CommonProblemNotice, ProblemNotice, UNEXPECTED_FAILURE } from "./problem-notice";

interface RenameFormProps {
  id: string;
  name: string;
  onDone: () => void;
}

/** Inline rename: the name becomes a text box; Enter saves, Escape cancels. No verification runs. */
export function RenameForm({ id, name, onDone }: RenameFormProps) {
  const [value, setValue] = useState(name);
  const [outcome, setOutcome] = useState<RenameCredentialOutcome | Unexpected>();
  const [pending, startTransition] = useTransition();
  const inputId = `rename-${id}`;
  const error =
    outcome?.__typename === "InvalidInput"
      ? (outcome.fieldErrors[0]?.message ?? outcome.message)
      : outcome?.__typename === "NotFound"
        ? outcome.message
        : outcome?.__typename === "ApiUnavailable"
          ? "The Latchkey API is not reachable; the name was not changed."
          : outcome?.__typename === "Unexpected"
            ? UNEXPECTED_FAILURE
            : undefined;

  return (
    <form
      className="rename-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (value.trim() === name) return onDone();
        startTransition(async () => {
          const result = await settle(() => renameCredentialAction(id, value));
          if (result.__typename === "CredentialRenamed") onDone();
          else setOutcome(result);
        });
      }}
    >
      <label htmlFor={inputId} className="visually-hidden">
        New name
      </label>
      <input
        id={inputId}
        className="input input--compact"
        value={value}
        autoFocus
        disabled={pending}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error` : undefined}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.preventDefault();
            onDone();
          }
        }}
      />
      <span className="rename-form__buttons">
        <button type="submit" className="button button--small" disabled={pending}>
          {pending ? "Saving…" : "Save name"}
        </button>
        <button type="button" className="button button--small button--ghost" onClick={onDone} disabled={pending}>
          Cancel
        </button>
      </span>
      {error ? (
        <p id={`${inputId}-error`} className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** Re-verifies a saved credential; the new status replaces the old one, and is announced. */
export function ReverifyButton({ id, name }: { id: string; name: string }) {
  const [outcome, setOutcome] = useState<ReverifyCredentialOutcome | Unexpected>();
  const [pending, startTransition] = useTransition();
  return (
    <>
      <button
        type="button"
        className="button button--small button--secondary"
        disabled={pending}
        aria-label={`Re-verify ${name}`}
        onClick={() =>
          startTransition(async () => {
            setOutcome(await settle(() => reverifyCredentialAction(id)));
          })
        }
      >
        {pending ? <span className="spinner" aria-hidden="true" /> : null}
        {pending ? "Verifying…" : "Re-verify"}
      </button>
      <span role="status" className="action-result">
        {pending ? null : <ReverifyResult outcome={outcome} />}
      </span>
    </>
  );
}

function ReverifyResult({ outcome }: { outcome: ReverifyCredentialOutcome | Unexpected | undefined }) {
  if (!outcome) return null;
  switch (outcome.__typename) {
    case "CredentialVerified":
      return outcome.verification.ok ? (
        <span className="action-result__ok">Verified: {STATUS_LABELS[outcome.verification.status]}</span>
      ) : (
        <span className="action-result__failed">
          {STATUS_LABELS[outcome.verification.status]}: {outcome.verification.message}
        </span>
      );
    case "NotFound":
      return <span className="action-result__failed">{outcome.message}</span>;
    case "ApiUnavailable":
      return <span className="action-result__failed">The Latchkey API is not reachable.</span>;
    case "Unexpected":
      return <span className="action-result__failed">{UNEXPECTED_FAILURE}</span>;
  }
}

interface DeleteCredentialButtonProps {
  id: string;
  name: string;
  /** Where to go once deleted (from the credential's own page); else the current page refreshes. */
  afterDeleteHref?: string;
  /** How many flow steps use it (unknown: undefined), for what the dialog says. */
  usedBySteps?: number;
}

/** Delete with a confirmation; CredentialInUse keeps the dialog open and links every active flow. */
export function DeleteCredentialButton({ id, name, afterDeleteHref, usedBySteps }: DeleteCredentialButtonProps) {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <ConfirmDeleteButton
      triggerClassName="button button--small button--danger-ghost"
      triggerAriaLabel={`Delete ${name}`}
      title={`Delete “${name}”?`}
      confirmLabel="Delete credential"
      run={() => deleteCredentialAction(id)}
      isDone={(result) => result.__typename === "CredentialDeleted"}
      onDone={() => {
        // The page it lands on says what was deleted.
        router.push(`${afterDeleteHref ?? pathname}?deleted=${encodeURIComponent(name)}`);
      }}
      renderOutcome={(outcome) => <DeleteOutcome outcome={outcome} />}
    >
      <p>
        The credential and its stored secrets are removed for good.
        {usedBySteps === 0 ? " No flow uses it." : " Steps of inactive flows that use it are left without a credential."}
      </p>
    </ConfirmDeleteButton>
  );
}

function DeleteOutcome({ outcome }: { outcome: DeleteCredentialOutcome | Unexpected }) {
  switch (outcome.__typename) {
    case "CredentialDeleted":
      return null;
    case "CredentialInUse":
      return (
        <ProblemNotice title="This credential is in use and was not deleted." code="CredentialInUse">
          <p>{outcome.message}</p>
          <ul className="link-list" aria-label="Active flows using it">
            {outcome.flows.map((flow) => (
              <li key={flow.id}>
                <Link href={`/flows/${flow.id}`}>{flow.name}</Link>
              </li>
            ))}
          </ul>
        </ProblemNotice>
      );
    default:
      return <CommonProblemNotice outcome={outcome} />;
  }
}

/** The actions of one credential: Edit, Rename (inline, via onRename), Re-verify, Delete. */
export function CredentialActionBar({
  id,
  name,
  onRename,
  afterDeleteHref,
  usedBySteps,
}: {
  id: string;
  name: string;
  onRename: () => void;
  afterDeleteHref?: string;
  usedBySteps?: number;
}) {
  const { canWrite } = usePermissions();
  if (!canWrite) return null;
  return (
    <div className="action-bar">
      <Link className="button button--small button--secondary" href={`/credentials/${id}/edit`} aria-label={`Edit ${name}`}>
        Edit
      </Link>
      <button type="button" className="button button--small button--secondary" onClick={onRename} aria-label={`Rename ${name}`}>
        Rename
      </button>
      <ReverifyButton id={id} name={name} />
      <DeleteCredentialButton
        id={id}
        name={name}
        {...(afterDeleteHref ? { afterDeleteHref } : {})}
        {...(usedBySteps === undefined ? {} : { usedBySteps })}
      />
    </div>
  );
}
