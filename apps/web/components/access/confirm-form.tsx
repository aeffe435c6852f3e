"use client";

import { useRef, useState, type ReactNode } from "react";

import { ModalDialog } from "../modal-dialog";

interface ConfirmFormProps {
  /** The server action the form posts to once confirmed. */
  action: (form: FormData) => void | Promise<void>;
  /** Hidden fields of the form (e.g. the id). */
  fields: Record<string, string>;
  triggerLabel: string;
  triggerAriaLabel?: string;
  title: string;
  confirmLabel: string;
  /** What happens, in the dialog. */
  children: ReactNode;
}

/** A form whose submit asks first: the trigger opens a dialog, and only its button posts the form. */
export function ConfirmForm({ action, fields, triggerLabel, triggerAriaLabel, title, confirmLabel, children }: ConfirmFormProps) {
  const [open, setOpen] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  return (
    <form ref={form} action={action}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="button" className="link-button" aria-label={triggerAriaLabel ?? triggerLabel} onClick={() => setOpen(true)}>
        {triggerLabel}
      </button>
      <ModalDialog open={open} title={title} onClose={() => setOpen(false)}>
        {children}
        <div className="form__actions">
          <button
            type="button"
            className="button button--danger"
            onClick={() => {
              // Submitted first, closed after: closing removes this button from the page.
              form.current?.requestSubmit();
              setOpen(false);
            }}
          >
            {confirmLabel}
          </button>
          <button type="button" className="button button--ghost" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </div>
      </ModalDialog>
    </form>
  );
}
