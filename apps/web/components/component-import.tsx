"use client";

import Link from "next/link";
import { useId, useState, useTransition } from "react";

import {
  previewComponentAction,
  registerComponentAction,
  type PreviewComponentOutcome,
  type RegisterComponentOutcome,
} from "@/actions/components";
import { settle, type Unexpected } from "@/lib/settle";

import { CredentialForm } from "./credential-form";
import { CommonProblemNotice, InfoNotice, ProblemNotice } from "./problem-notice";
import { SuccessNotice } from "./success-notice";

type Outcome = PreviewComponentOutcome | RegisterComponentOutcome | Unexpected;
type Preview = Extract<PreviewComponentOutcome, { __typename: "ComponentPreview" }>;

/**
 * Import component.json: paste or upload a file, preview the credential form it gives and its
 * warnings, then register it. The preview is of the text as it was when previewed: editing the
 * text asks for a new preview before registering.
 */
export function ComponentImport() {
  const id = useId();
  const [text, setText] = useState("");
  const [key, setKey] = useState("");
  const [preview, setPreview] = useState<Preview | undefined>();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [pending, startTransition] = useTransition();

  const edited = () => {
    setPreview(undefined);
    setOutcome(undefined);
  };

  const runPreview = () =>
    startTransition(async () => {
      const result = await settle<Outcome>(() => previewComponentAction(text, key));
      setPreview(result.__typename === "ComponentPreview" ? result : undefined);
      setOutcome(result);
    });

  const register = () =>
    startTransition(async () => {
      const result = await settle<Outcome>(() => registerComponentAction(text, key));
      if (result.__typename === "ComponentRegistered") setPreview(undefined);
      setOutcome(result);
    });

  return (
    <div className="form">
      <div className="field">
        <label htmlFor={`${id}-file`} className="field__label">
          Upload a component.json
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".json,application/json"
          className="input"
          disabled={pending}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (!file) return;
            // Read in the browser: the text goes into the box below, where it can be checked.
            void file.text().then((content) => {
              setText(content);
              edited();
            });
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`} className="field__label">
          component.json
        </label>
        <textarea
          id={`${id}-text`}
          className="input input--code"
          rows={10}
          spellCheck={false}
          value={text}
          disabled={pending}
          placeholder='{ "title": "…", "credentials": { "fields": { … } } }'
          onChange={(event) => {
            setText(event.target.value);
            edited();
          }}
        />
        <p className="field__help">Paste the file, or upload it above. It is registered unchanged: its credentials section becomes the form.</p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-key`} className="field__label">
          Key (optional)
        </label>
        <input
          id={`${id}-key`}
          className="input"
          value={key}
          disabled={pending}
          spellCheck={false}
          autoComplete="off"
          placeholder="Derived from the title"
          onChange={(event) => {
            setKey(event.target.value);
            edited();
          }}
        />
        <p className="field__help">Lowercase letters, digits and dashes. Left empty, the title gives it (&quot;AWS S3&quot; becomes aws-s3). Registering an existing key replaces that component.</p>
      </div>

      <div className="form__actions">
        <button type="button" className={preview ? "button button--secondary" : "button"} disabled={pending || text.trim() === ""} onClick={runPreview}>
          Preview
        </button>
        {preview ? (
          <button type="button" className="button" disabled={pending} onClick={register}>
            Register {preview.name}
          </button>
        ) : null}
      </div>

      <div className="form__notices" aria-live="polite">
        {pending ? (
          <p className="progress" role="status">
            <span className="spinner" aria-hidden="true" />
            Working…
          </p>
        ) : (
          <ImportOutcome outcome={outcome} />
        )}
      </div>

      {preview ? <PreviewPanel preview={preview} /> : null}
    </div>
  );
}

function PreviewPanel({ preview }: { preview: Preview }) {
  return (
    <section className="section" aria-labelledby="preview-title">
      <h3 id="preview-title" className="section__title">
        Preview: {preview.name} <span className="muted">({preview.key})</span>
      </h3>
      {preview.description ? <p className="muted">{preview.description}</p> : null}
      {preview.warnings.length > 0 ? (
        <InfoNotice title={`${preview.warnings.length === 1 ? "1 thing" : `${preview.warnings.length} things`} of the file will not be used as they are`}>
          <ul aria-label="Warnings">
            {preview.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </InfoNotice>
      ) : (
        <p className="muted">Everything of the credentials section is used as it is.</p>
      )}
      <p className="muted">The form people will fill in to add a credential (shown, not saved):</p>
      <div className="preview-form" aria-label="Form preview" role="group">
        <CredentialForm
          preview
          component={{ id: `preview-${preview.key}`, key: preview.key, name: preview.name, description: preview.description, credentialCount: 0, format: "ELASTICIO", authMethods: preview.authMethods }}
          onSaved={() => undefined}
          cancel={null}
        />
      </div>
    </section>
  );
}

function ImportOutcome({ outcome }: { outcome: Outcome | undefined }) {
  if (!outcome) return null;
  switch (outcome.__typename) {
    case "ComponentPreview":
      return null;
    case "ComponentRegistered":
      return (
        <SuccessNotice>
          <p>
            <strong>{outcome.component.name} is registered.</strong>{" "}
            <Link href={`/components/${encodeURIComponent(outcome.component.key)}`}>Add a credential for {outcome.component.name}</Link>
            {" · "}
            <Link href={`/settings/components/${encodeURIComponent(outcome.component.key)}`}>Its settings</Link>
          </p>
          {outcome.credentialsNeedingReentry.length > 0 ? (
            <p>
              Its new destination needs the secrets of these credentials entered again: {outcome.credentialsNeedingReentry.map((c) => c.name).join(", ")}.
            </p>
          ) : null}
        </SuccessNotice>
      );
    case "InvalidInput":
      return (
        <ProblemNotice title="This file cannot be registered.">
          <ul>
            {outcome.fieldErrors.map((error) => (
              <li key={`${error.field}-${error.message}`}>
                {error.field === "descriptor" || error.field === "key" ? "" : `In ${error.field.replace(/^descriptor\./, "")}: `}
                {error.message}
              </li>
            ))}
          </ul>
        </ProblemNotice>
      );
    default:
      return <CommonProblemNotice outcome={outcome} />;
  }
}
