"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";

interface ModalDialogProps {
  open: boolean;
  title: string;
  /** Called when the person dismisses the dialog (Escape, the close button). */
  onClose: () => void;
  children: ReactNode;
  size?: "sm" | "lg";
}

/**
 * A modal on the native <dialog>: showModal() makes the rest of the page inert, so focus stays
 * inside, Escape closes it, and focus returns to the element that opened it.
 */
export function ModalDialog({ open, title, onClose, children, size = "sm" }: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className={`modal modal--${size}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="modal__header">
        <h2 id={titleId} className="modal__title">
          {title}
        </h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close">
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="modal__body">{open ? children : null}</div>
    </dialog>
  );
}
