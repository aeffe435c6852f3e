"use client";

import type { ComponentFieldsFragment, CredentialStatus } from "@latchkey/sdk";

import { STATUS_LABELS } from "@/lib/format";

import { CredentialForm, type SavedCredential } from "./credential-form";
import { ModalDialog } from "./modal-dialog";

/** A credential a step can choose. */
export interface CredentialChoice {
  id: string;
  name: string;
  status: CredentialStatus;
  componentKey: string;
}

const CREATE_NEW = "__create_new__";

interface StepCredentialSelectProps {
  id: string;
  label: string;
  componentKey: string;
  credentials: CredentialChoice[];
  value: string;
  disabled?: boolean;
  invalid?: boolean;
  describedBy?: string | undefined;
  onChange: (credentialId: string) => void;
  /** "Create new credential…" was chosen. */
  onCreateNew: () => void;
}

/** The credential of one step: the existing ones of its component, none, or "create new". */
export function StepCredentialSelect(props: StepCredentialSelectProps) {
  const { id, label, componentKey, credentials, value, disabled, invalid, describedBy, onChange, onCreateNew } = props;
  const own = credentials.filter((credential) => credential.componentKey === componentKey);
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <select
        id={id}
        className="input"
        value={value}
        disabled={disabled || componentKey === ""}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(event) => {
          if (event.target.value === CREATE_NEW) onCreateNew();
          else onChange(event.target.value);
        }}
      >
        <option value="">{componentKey === "" ? "Choose a component first" : "No credential yet"}</option>
        {own.map((credential) => (
          <option key={credential.id} value={credential.id}>
            {credential.name} ({STATUS_LABELS[credential.status]})
          </option>
        ))}
        {componentKey !== "" ? <option value={CREATE_NEW}>+ Create new credential…</option> : null}
      </select>
    </div>
  );
}

interface CreateCredentialDialogProps {
  /** The component to add a credential for; the dialog is open while one is set. */
  component: ComponentFieldsFragment | undefined;
  onClose: () => void;
  onCreated: (credential: SavedCredential) => void;
}

/** Add credential in a dialog, for a step: once saved, the step gets the new credential. */
export function CreateCredentialDialog({ component, onClose, onCreated }: CreateCredentialDialogProps) {
  return (
    <ModalDialog
      open={component !== undefined}
      title={component ? `New ${component.name} credential` : "New credential"}
      onClose={onClose}
      size="lg"
    >
      {component ? (
        <CredentialForm
          component={component}
          onSaved={onCreated}
          cancel={
            <button type="button" className="button button--ghost" onClick={onClose}>
              Cancel
            </button>
          }
        />
      ) : null}
    </ModalDialog>
  );
}
