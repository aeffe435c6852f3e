"use client";

import { useState, useTransition, type ReactNode } from "react";

import { settle, type Unexpected } from "@/lib/settle";

import { ModalDialog } from "./modal-dialog";

interface ConfirmDeleteButtonProps<T> {
  /** The class of the "Delete" button that opens the dialog. */
  triggerClassName: string;
  /** The accessible name of that button, when "Delete" alone does not say what it deletes. */
  triggerAriaLabel?: string;
  /** The dialog's title, e.g. `Delete “Acme”?`. */
  title: string;
  /** The confirming button's text, e.g. "Delete credential". */
  confirmLabel: string;
  /** The confirming button cannot be used (the thing may not be deleted now; the body says why). */
  disabled?: boolean;
  /** Deletes (a server action). */
  run: () => Promise<T>;
  /** Whether the answer means it was deleted: the dialog closes, then `onDone` runs. */
  isDone: (result: T | Unexpected) => boolean;
  onDone?: () => void;
  /** Any other answer, shown in the dialog above its buttons. */
  renderOutcome: (outcome: T | Unexpected) => ReactNode;
  /** What deleting does, shown first in the dialog. */
  children: ReactNode;
}

/** A "Delete" button that asks first: a dialog saying what is removed, with the confirming button and Cancel. */
export function ConfirmDeleteButton<T>({
  triggerClassName,
  triggerAriaLabel,
  title,
  confirmLabel,
  disabled = false,
  run,
  isDone,
  onDone,
  renderOutcome,
  children,
}: ConfirmDeleteButtonProps<T>) {
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<T | Unexpected>();
  const [pending, startTransition] = useTransition();

  const close = () => {
    setOpen(false);
    setOutcome(undefined);
  };

  return (
    <>
      <button type="button" className={triggerClassName} aria-label={triggerAriaLabel} onClick={() => setOpen(true)}>
        Delete
      </button>
      <ModalDialog open={open} title={title} onClose={close}>
        {children}
        {outcome === undefined ? null : renderOutcome(outcome)}
        <div className="modal__actions">
          <button
            type="button"
            className="button button--danger"
            disabled={pending || disabled}
            onClick={() =>
              startTransition(async () => {
                const result = await settle(run);
                if (isDone(result)) {
                  close();
                  onDone?.();
                } else {
                  setOutcome(result);
                }
              })
            }
          >
            {pending ? "Deleting…" : confirmLabel}
          </button>
          <button type="button" className="button button--secondary" onClick={close} autoFocus>
            Cancel
          </button>
        </div>
      </ModalDialog>
    </>
  );
}
