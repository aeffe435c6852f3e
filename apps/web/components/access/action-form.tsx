"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type ReactNode } from "react";

import { ProblemDetails } from "@/components/problem-notice";
import type { FormState } from "@/lib/form-state";

interface ActionFormProps {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  submitLabel: string;
  children: ReactNode;
  /** A value the action hands back once (a token, an invitation path) is shown under this heading. */
  revealLabel?: string;
  /** The revealed value is a path of this site: show it as a full link. */
  revealIsPath?: boolean;
  className?: string;
  submitClassName?: string;
  /** A refused change puts the form back to what is stored (a role picker), instead of keeping what was chosen. */
  resetOnError?: boolean;
}

/** A form run by a server action: its problem, field errors, and a value to copy once. */
export function ActionForm({
  action,
  submitLabel,
  children,
  revealLabel,
  revealIsPath,
  className = "form",
  submitClassName = "button",
  resetOnError = false,
}: ActionFormProps) {
  const [state, formAction, pending] = useActionState(action, {});
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (resetOnError && state.error) formRef.current?.reset();
  }, [resetOnError, state]);
  const reveal = state.reveal && revealIsPath ? `${window.location.origin}${state.reveal}` : state.reveal;
  return (
    <>
      <form
        ref={formRef}
        action={formAction}
        className={className}
        // Submitted by hand so a failed attempt keeps what was typed (a form action would reset the form).
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          startTransition(() => formAction(data));
        }}
      >
        {children}
        {state.error ? (
          <div className="form-error" role="alert">
            <p>{state.error}</p>
            {Object.entries(state.fieldErrors ?? {}).length > 0 ? (
              <ul>
                {Object.entries(state.fieldErrors ?? {}).map(([field, message]) => (
                  <li key={field}>{message}</li>
                ))}
              </ul>
            ) : null}
            <ProblemDetails code={state.code} message={state.detail} />
          </div>
        ) : null}
        <div className="form__actions">
          <button type="submit" className={submitClassName} disabled={pending}>
            {submitLabel}
          </button>
        </div>
      </form>
      {reveal ? <RevealBox label={revealLabel ?? "Copy this value"} value={reveal} /> : null}
    </>
  );
}

/** A value to copy (a new token, an invitation link, a redirect URI), with a Copy button. */
export function RevealBox({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="reveal" role="status">
      <p className="reveal__label">{label}</p>
      <div className="reveal__row">
        <input className="input reveal__value" readOnly value={value} aria-label={label} onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(() => setCopied(true));
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}
