import type { ReactNode } from "react";

interface TextFieldProps {
  id: string;
  label: string;
  optional?: boolean;
  description?: string;
  placeholder?: string;
  error: string | undefined;
  value: string;
  disabled?: boolean;
  onChange: (value: string) => void;
}

/** A labelled one-line text box with its help text and error (a required one says so in its name). */
export function TextField({ id, label, optional, description, placeholder, error, value, disabled, onChange }: TextFieldProps) {
  return (
    <div className="field">
      <FieldLabel id={id} label={label} required={!optional} />
      <input
        id={id}
        className="input"
        type="text"
        autoComplete="off"
        value={value}
        placeholder={placeholder}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, description, error)}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldHelp id={id} description={description} error={error} />
    </div>
  );
}

/** A field's label; a required field shows a star and its accessible name ends in "(required)". */
export function FieldLabel({ id, label, required }: { id: string; label: string; required: boolean }) {
  return (
    <label htmlFor={id} className="field__label">
      {label}
      {required ? (
        <span className="field__required" aria-hidden="true">
          {" "}
          *
        </span>
      ) : null}
      {required ? <span className="visually-hidden"> (required)</span> : null}
    </label>
  );
}

/** A field's help text and error, with the ids `describedBy` names. */
export function FieldHelp({ id, description, error }: { id: string; description: ReactNode; error: string | undefined }) {
  return (
    <>
      {description ? (
        <p id={`${id}-help`} className="field__help">
          {description}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** The aria-describedby of a field with this help text and error. */
export function describedBy(id: string, description: ReactNode, error: string | undefined): string | undefined {
  const ids = [description ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}
