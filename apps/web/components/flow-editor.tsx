"use client";

import type { ComponentFieldsFragment } from "@latchkey/sdk";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";

import { createFlowAction, type FlowOutcome } from "@/actions/flows";
import { settle, type Unexpected } from "@/lib/settle";

import { FlowOutcomeNotice } from "./flow-outcome-notice";
import { FieldLabel, TextField } from "./form-field";
import { CreateCredentialDialog, StepCredentialSelect, type CredentialChoice } from "./step-credential-select";

interface DraftStep {
  key: number;
  name: string;
  componentKey: string;
  credentialId: string;
}

interface FlowEditorProps {
  components: ComponentFieldsFragment[];
  credentials: CredentialChoice[];
}

/** Create a flow: a name and its steps, each a component and (optionally, for now) a credential of it. */
export function FlowEditor({ components, credentials: initialCredentials }: FlowEditorProps) {
  const router = useRouter();
  const formId = useId();
  const nextKey = useRef(1);
  const [name, setName] = useState("");
  const [steps, setSteps] = useState<DraftStep[]>([{ key: 0, name: "", componentKey: "", credentialId: "" }]);
  const [credentials, setCredentials] = useState(initialCredentials);
  const [creatingFor, setCreatingFor] = useState<DraftStep | undefined>();
  const [outcome, setOutcome] = useState<FlowOutcome | Unexpected>();
  const [pending, startTransition] = useTransition();
  const noticeRef = useRef<HTMLDivElement>(null);

  const errors = new Map(
    outcome?.__typename === "InvalidInput" ? outcome.fieldErrors.map((error) => [error.field, error.message]) : [],
  );
  const mismatchIndex = outcome?.__typename === "CredentialMismatch" ? outcome.stepIndex : undefined;
  const updateStep = (key: number, change: Partial<DraftStep>) =>
    setSteps((current) => current.map((step) => (step.key === key ? { ...step, ...change } : step)));

  const submit = () =>
    startTransition(async () => {
      const result = await settle(() =>
        createFlowAction({
          name,
          steps: steps.map((step) => ({
            componentKey: step.componentKey,
            ...(step.name.trim() ? { name: step.name.trim() } : {}),
            ...(step.credentialId ? { credentialId: step.credentialId } : {}),
          })),
        }),
      );
      if (result.__typename === "FlowSaved") {
        router.push(`/flows/${result.flow.id}?created=1`);
        return;
      }
      setOutcome(result);
      requestAnimationFrame(() => noticeRef.current?.focus());
    });

  const creatingComponent = creatingFor && components.find((component) => component.key === creatingFor.componentKey);

  return (
    <>
      <form
        className="form"
        noValidate
        aria-busy={pending}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <TextField
          id={`${formId}-name`}
          label="Flow name"
          placeholder="e.g. Sync new pets to the CRM"
          error={errors.get("name")}
          value={name}
          onChange={setName}
        />

        <fieldset className="steps-fieldset">
          <legend className="field__label">Steps</legend>
          <ol className="step-list" aria-label="Steps">
            {steps.map((step, index) => {
              const stepErrors = [...errors].filter(([field]) => field.startsWith(`steps.${index}.`)).map(([, m]) => m);
              if (mismatchIndex === index && outcome?.__typename === "CredentialMismatch") stepErrors.push(outcome.message);
              const errorId = `${formId}-step-${step.key}-error`;
              return (
                <li key={step.key} className="step-card" aria-label={`Step ${index + 1}`}>
                  <div className="step-card__header">
                    <span className="step-card__number" aria-hidden="true">
                      {index + 1}
                    </span>
                    <span className="step-card__title">Step {index + 1}</span>
                    {steps.length > 1 ? (
                      <button
                        type="button"
                        className="button button--small button--ghost"
                        onClick={() => setSteps((current) => current.filter((candidate) => candidate.key !== step.key))}
                      >
                        Remove<span className="visually-hidden"> step {index + 1}</span>
                      </button>
                    ) : null}
                  </div>
                  <div className="step-card__fields">
                    <div className="field">
                      <FieldLabel id={`${formId}-step-${step.key}-component`} label="Component" required />
                      <select
                        id={`${formId}-step-${step.key}-component`}
                        className="input"
                        value={step.componentKey}
                        aria-invalid={stepErrors.length > 0 || undefined}
                        aria-describedby={stepErrors.length > 0 ? errorId : undefined}
                        onChange={(event) => updateStep(step.key, { componentKey: event.target.value, credentialId: "" })}
                      >
                        <option value="">Choose a component…</option>
                        {components.map((component) => (
                          <option key={component.key} value={component.key}>
                            {component.name}
                          </option>
                        ))}
                      </select>
                    </div>
                    <StepCredentialSelect
                      id={`${formId}-step-${step.key}-credential`}
                      label="Credential"
                      componentKey={step.componentKey}
                      credentials={credentials}
                      value={step.credentialId}
                      onChange={(credentialId) => updateStep(step.key, { credentialId })}
                      onCreateNew={() => setCreatingFor(step)}
                    />
                    <div className="field">
                      <label htmlFor={`${formId}-step-${step.key}-name`} className="field__label">
                        Step name <span className="muted">(optional)</span>
                      </label>
                      <input
                        id={`${formId}-step-${step.key}-name`}
                        className="input"
                        value={step.name}
                        autoComplete="off"
                        placeholder="Defaults to the component's name"
                        onChange={(event) => updateStep(step.key, { name: event.target.value })}
                      />
                    </div>
                  </div>
                  {stepErrors.length > 0 ? (
                    <p id={errorId} className="field__error">
                      {stepErrors.join(" ")}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ol>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              const key = nextKey.current++;
              setSteps((current) => [...current, { key, name: "", componentKey: "", credentialId: "" }]);
            }}
          >
            + Add step
          </button>
        </fieldset>

        <div ref={noticeRef} tabIndex={-1} className="form__notices">
          <FlowOutcomeNotice outcome={outcome} />
        </div>

        <div className="form__actions">
          <button type="submit" className="button" disabled={pending}>
            {pending ? "Creating…" : "Create flow"}
          </button>
          <Link href="/flows" className="button button--ghost">
            Cancel
          </Link>
        </div>
      </form>
      <CreateCredentialDialog
        component={creatingComponent}
        onClose={() => setCreatingFor(undefined)}
        onCreated={(credential) => {
          if (!creatingFor) return;
          setCredentials((current) => [...current, { ...credential, componentKey: creatingFor.componentKey }]);
          updateStep(creatingFor.key, { credentialId: credential.id });
          setCreatingFor(undefined);
        }}
      />
    </>
  );
}
