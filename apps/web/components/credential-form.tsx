"use client";

import type { AuthType, ComponentFieldsFragment, CredentialFieldsFragment } from "@latchkey/sdk";
import { useEffect, useId, useRef, useState, useTransition, type ReactNode } from "react";

import {
  createCredentialAction,
  startOAuth2AuthorizationAction,
  updateCredentialAction,
  type CreateCredentialOutcome,
  type StartOAuth2Outcome,
  type UpdateCredentialOutcome,
} from "@/actions/credentials";
import { AUTH_TYPE_LABELS, authMethodLabel } from "@/lib/format";
import { settle, type Unexpected } from "@/lib/settle";

import { RevealBox } from "./access/action-form";
import { describedBy, FieldHelp, FieldLabel, TextField } from "./form-field";
import { CommonProblemNotice, InfoNotice, ProblemNotice } from "./problem-notice";

type AuthMethod = ComponentFieldsFragment["authMethods"][number];
type Field = AuthMethod["fields"][number];
type FieldValue = string | boolean;
type Values = Record<string, FieldValue>;
type Outcome = CreateCredentialOutcome | UpdateCredentialOutcome | StartOAuth2Outcome;

/** The part of a saved credential the form needs to edit it (never a secret: only masked hints). */
export type EditableCredential = Pick<CredentialFieldsFragment, "id" | "name" | "authType" | "config" | "secrets">;

export type SavedCredential = Pick<CredentialFieldsFragment, "id" | "name" | "status">;

interface CredentialFormProps {
  component: ComponentFieldsFragment;
  /** Edit this credential; without it the form adds a new one. */
  credential?: EditableCredential;
  onSaved: (credential: SavedCredential) => void;
  /** The way out without saving: a link or a button. */
  cancel: ReactNode;
  /**
   * Show the form only (an import's preview): the auth methods can be switched, the fields are
   * disabled, and there is nothing to save.
   */
  preview?: boolean;
}

/**
 * The form generated from a component's auth method: one input per descriptor field. Saving
 * verifies first; a failed verification or bad input is shown here and the values stay filled in.
 */
export function CredentialForm({ component, credential, onSaved, cancel, preview = false }: CredentialFormProps) {
  const formId = useId();
  const editing = credential !== undefined;
  const methods = editing
    ? component.authMethods.filter((method) => method.type === credential.authType)
    : component.authMethods;
  const [authType, setAuthType] = useState<AuthType | undefined>(methods[0]?.type);
  const method = methods.find((candidate) => candidate.type === authType);
  const [values, setValues] = useState<Values>(() => initialValues(method, credential));
  const [name, setName] = useState("");
  const [outcome, setOutcome] = useState<Outcome | Unexpected | undefined>();
  /** Connect was chosen and the browser is on its way to the provider. */
  const [leaving, setLeaving] = useState(false);
  const [pending, startTransition] = useTransition();
  const noticeRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // After a failed attempt, focus goes to the first field in error, else to the message.
  // (Once the attempt has ended: fields are disabled while it runs.)
  useEffect(() => {
    if (pending || !outcome) return;
    const invalid = formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']");
    (invalid ?? noticeRef.current)?.focus();
  }, [outcome, pending]);

  if (!method) {
    return (
      <ProblemNotice title={`${component.name} has no auth method this form can use.`}>
        <p>Its descriptor lists none{editing ? " for this credential's auth type" : ""}.</p>
      </ProblemNotice>
    );
  }

  // The API names a value's field "values.<name>"; each error goes next to its field.
  const errors = outcome?.__typename === "InvalidInput"
    ? outcome.fieldErrors.map((error) => ({ field: error.field.replace(/^values\./, ""), message: error.message }))
    : [];
  const fieldErrors = new Map(errors.map((error) => [error.field, error.message]));
  const knownFields = new Set([...method.fields.map((field) => field.name), "name"]);
  const otherErrors = errors.filter((error) => !knownFields.has(error.field));

  const chooseMethod = (type: AuthType) => {
    setAuthType(type);
    setValues(initialValues(component.authMethods.find((candidate) => candidate.type === type), undefined));
    setOutcome(undefined);
  };

  /** Saves (verify and save), or with `connect` starts the OAuth2 authorization. */
  const submit = (connect: boolean) => {
    const submitted = valuesToSubmit(method, values, editing);
    const input = {
      componentKey: component.key,
      authType: method.type,
      values: submitted,
      ...(name.trim() ? { name: name.trim() } : {}),
    };
    startTransition(async () => {
      const result = await settle<Outcome>(() =>
        connect
          ? startOAuth2AuthorizationAction(input)
          : editing
            ? updateCredentialAction(credential.id, submitted)
            : createCredentialAction(input),
      );
      if (result.__typename === "CredentialCreated" || result.__typename === "CredentialUpdated") {
        onSaved({ id: result.credential.id, name: result.credential.name, status: result.credential.status });
        return;
      }
      if (result.__typename === "OAuth2Authorization") {
        setLeaving(true);
        window.location.assign(result.authorizationUrl);
        return;
      }
      setOutcome(result);
    });
  };


  const isOAuth2 = method.type === "OAUTH2";
  // Only what works for this method: Connect for the authorization code grant, Verify and save for values alone.
  const canConnect = isOAuth2 && !editing && method.grantTypes.includes("AUTHORIZATION_CODE");
  const canSaveValues = editing || !isOAuth2 || method.grantTypes.includes("CLIENT_CREDENTIALS");

  return (
    <form
      ref={formRef}
      className="form"
      noValidate
      aria-busy={pending}
      onSubmit={(event) => {
        event.preventDefault();
        // Enter in a field: the one action this method offers.
        submit(!canSaveValues);
      }}
    >
      {!editing && methods.length > 1 ? (
        <fieldset className="choice-group">
          <legend className="field__label">Authentication method</legend>
          <div className="choice-group__options">
            {methods.map((candidate) => (
              <label key={candidate.type} className="choice">
                <input
                  type="radio"
                  name={`${formId}-auth-method`}
                  value={candidate.type}
                  checked={candidate.type === method.type}
                  onChange={() => chooseMethod(candidate.type)}
                  disabled={pending}
                />
                <span className="choice__text">
                  <span className="choice__label">{candidate.label}</span>
                  <span className="choice__hint">{AUTH_TYPE_LABELS[candidate.type]}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : (
        <p className="form__method">
          <span className="muted">Authentication method:</span> {authMethodLabel(method)}
        </p>
      )}

      {method.fields.map((field) => (
        <FieldInput
          key={`${method.type}-${field.name}`}
          id={`${formId}-${field.name}`}
          field={field}
          value={values[field.name] ?? ""}
          hint={credential?.secrets.find((secret) => secret.field === field.name)?.hint}
          editing={editing}
          error={fieldErrors.get(field.name)}
          disabled={pending || preview}
          onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
        />
      ))}

      {!editing ? (
        <TextField
          id={`${formId}-name`}
          label="Account name"
          optional
          description={`Optional. Without one it is called "${component.name} account" with a number.`}
          error={fieldErrors.get("name")}
          value={name}
          disabled={pending || preview}
          onChange={setName}
        />
      ) : null}

      {canConnect && !preview ? (
        <InfoNotice title={`Connect signs in with ${component.name}`}>
          <p>
            You are taken to {component.name} to allow access, then brought back here with the credential saved.
            {canSaveValues ? " An app that uses client credentials can be verified and saved directly instead." : null}
          </p>
        </InfoNotice>
      ) : null}
      {canConnect && !preview && method.redirectUri ? (
        <RevealBox label={`Redirect URI to register at ${component.name}`} value={method.redirectUri} />
      ) : null}

      {preview ? null : (
        <>
      <div ref={noticeRef} tabIndex={-1} className="form__notices">
        {pending || leaving ? (
          <p className="progress" role="status">
            <span className="spinner" aria-hidden="true" />
            {leaving ? `Taking you to ${component.name}…` : `Verifying with ${component.name}… this can take a few seconds.`}
          </p>
        ) : (
          <OutcomeNotice outcome={outcome} otherErrors={otherErrors} editing={editing} />
        )}
      </div>

      <div className="form__actions">
        {canConnect ? (
          <button type="button" className="button" disabled={pending || leaving} onClick={() => submit(true)}>
            Connect with {component.name}
          </button>
        ) : null}
        {canSaveValues ? (
          <button type="submit" className={canConnect ? "button button--secondary" : "button"} disabled={pending || leaving}>
            {pending ? "Verifying…" : editing ? "Verify and save changes" : "Verify and save"}
          </button>
        ) : null}
        {cancel}
      </div>
        </>
      )}
    </form>
  );
}

function OutcomeNotice({
  outcome,
  otherErrors,
  editing,
}: {
  outcome: Outcome | Unexpected | undefined;
  otherErrors: { field: string; message: string }[];
  editing: boolean;
}) {
  if (!outcome) return null;
  switch (outcome.__typename) {
    case "CredentialCreated":
    case "CredentialUpdated":
    case "OAuth2Authorization":
      return null;
    case "VerificationFailed":
      return (
        <ProblemNotice title="Verification failed" code={outcome.verification.code}>
          <p>{outcome.message}</p>
          <p className="muted">
            {editing ? "Nothing was changed: the stored credential still has its previous values." : "Nothing was saved."}{" "}
            Correct the values and try again.
          </p>
        </ProblemNotice>
      );
    case "InvalidInput":
      return (
        <ProblemNotice title="Some values need attention.">
          <p>{otherErrors.length > 0 ? outcome.message : "Each one is marked next to its field."}</p>
          {otherErrors.length > 0 ? (
            <ul>
              {otherErrors.map((error) => (
                <li key={`${error.field}-${error.message}`}>{error.message}</li>
              ))}
            </ul>
          ) : null}
        </ProblemNotice>
      );
    default:
      return <CommonProblemNotice outcome={outcome} />;
  }
}

interface FieldInputProps {
  id: string;
  field: Field;
  value: FieldValue;
  /** The stored secret's masked hint (edit mode). */
  hint: string | undefined;
  editing: boolean;
  error: string | undefined;
  disabled: boolean;
  onChange: (value: FieldValue) => void;
}

function FieldInput({ id, field, value, hint, editing, error, disabled, onChange }: FieldInputProps) {
  const isSecret = field.secret || field.type === "PASSWORD";
  const keepsStored = editing && isSecret;
  const description = keepsStored
    ? (
        <>
          Stored: <code>{hint ?? "••••••••"}</code>. Leave empty to keep it; type a new value to replace it. A changed
          destination (host, port, base URL…) needs it re-entered: a stored secret only goes where it was verified.
          {field.description ? <> {field.description}</> : null}
        </>
      )
    : field.description;
  const required = field.required && !keepsStored;

  if (field.type === "BOOLEAN") {
    return (
      <div className="field field--checkbox">
        <input
          id={id}
          type="checkbox"
          checked={value === true || value === "true"}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, description, error)}
          onChange={(event) => onChange(event.target.checked)}
        />
        <div>
          <label htmlFor={id} className="field__label">
            {field.label}
          </label>
          <FieldHelp id={id} description={description} error={error} />
        </div>
      </div>
    );
  }

  const common = {
    id,
    name: field.name,
    disabled,
    "aria-required": required || undefined,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(id, description, error),
    className: "input",
  } as const;
  const text = typeof value === "string" ? value : String(value);

  return (
    <div className="field">
      <FieldLabel id={id} label={field.label} required={required} />
      {field.type === "SELECT" ? (
        <select {...common} value={text} onChange={(event) => onChange(event.target.value)}>
          {!field.required || text === "" ? <option value="">Choose…</option> : null}
          {(field.options ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ) : field.type === "TEXTAREA" ? (
        <textarea
          {...common}
          rows={4}
          value={text}
          placeholder={field.placeholder ?? undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      ) : (
        <input
          {...common}
          type={isSecret ? "password" : field.type === "NUMBER" ? "number" : field.type === "URL" ? "url" : "text"}
          autoComplete={isSecret ? "new-password" : "off"}
          spellCheck={false}
          value={text}
          placeholder={keepsStored ? "Unchanged" : (field.placeholder ?? undefined)}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      <FieldHelp id={id} description={description} error={error} />
    </div>
  );
}

function initialValues(method: AuthMethod | undefined, credential: EditableCredential | undefined): Values {
  const values: Values = {};
  for (const field of method?.fields ?? []) {
    const stored = credential?.config[field.name];
    if (field.secret) values[field.name] = "";
    else if (stored !== undefined && stored !== null) values[field.name] = typeof stored === "boolean" ? stored : String(stored);
    else if (credential) values[field.name] = field.type === "BOOLEAN" ? false : "";
    else if (field.type === "BOOLEAN") values[field.name] = field.defaultValue === "true";
    else values[field.name] = field.defaultValue ?? "";
  }
  return values;
}

/** What goes to the API: empty fields left out (so defaults apply), and unchanged secrets left out when editing. */
function valuesToSubmit(method: AuthMethod, values: Values, editing: boolean): Record<string, unknown> {
  const submitted: Record<string, unknown> = {};
  for (const field of method.fields) {
    const value = values[field.name];
    if (typeof value === "boolean") submitted[field.name] = value;
    else if (value !== undefined && value !== "") submitted[field.name] = value;
    else if (editing && !field.secret && field.type !== "PASSWORD") submitted[field.name] = null;
  }
  return submitted;
}
