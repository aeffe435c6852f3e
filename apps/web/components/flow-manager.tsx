"use client";

import type { ComponentFieldsFragment, FlowFieldsFragment } from "@latchkey/sdk";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";

import {
  activateFlowAction,
  deactivateFlowAction,
  deleteFlowAction,
  setStepCredentialAction,
  type FlowOutcome,
} from "@/actions/flows";
import { settle, type Unexpected } from "@/lib/settle";

import { ComponentAvatar } from "./component-avatar";
import { ConfirmDeleteButton } from "./confirm-delete-button";
import { FlowOutcomeNotice } from "./flow-outcome-notice";
import { FlowStatusBadge } from "./flow-status-badge";
import { ReadOnlyNote, usePermissions } from "./permissions";
import { CommonProblemNotice, ProblemNotice } from "./problem-notice";
import { StatusIndicator } from "./status-indicator";
import { CreateCredentialDialog, StepCredentialSelect, type CredentialChoice } from "./step-credential-select";
import { SuccessNotice } from "./success-notice";

type Step = FlowFieldsFragment["steps"][number];

interface FlowManagerProps {
  flow: FlowFieldsFragment;
  components: ComponentFieldsFragment[];
  credentials: CredentialChoice[];
  justCreated: boolean;
}

/** A flow's page: its status with Activate / Deactivate / Delete, and each step's credential. */
export function FlowManager({ flow, components, credentials: loaded, justCreated }: FlowManagerProps) {
  const router = useRouter();
  const { canWrite } = usePermissions();
  const [outcome, setOutcome] = useState<FlowOutcome | Unexpected>();
  // Credentials created here show at once, before the refreshed page data lists them too.
  const [created, setCreated] = useState<CredentialChoice[]>([]);
  const credentials = [...loaded, ...created.filter((credential) => !loaded.some((known) => known.id === credential.id))];
  const [creatingFor, setCreatingFor] = useState<Step | undefined>();
  const [pending, startTransition] = useTransition();
  const [savingStep, setSavingStep] = useState<string | undefined>();
  const [message, setMessage] = useState<string | undefined>(justCreated ? `Flow “${flow.name}” was created.` : undefined);
  const noticeRef = useRef<HTMLDivElement>(null);
  const active = flow.status === "ACTIVE";
  const blocking = new Set(outcome?.__typename === "FlowNotReady" ? outcome.steps.map((step) => step.id) : []);

  const run = (action: () => Promise<FlowOutcome>, success: string) =>
    startTransition(async () => {
      const result = await settle(action);
      if (result.__typename === "FlowSaved") {
        setOutcome(undefined);
        setMessage(success);
      } else {
        setMessage(undefined);
        setOutcome(result);
        requestAnimationFrame(() => noticeRef.current?.focus());
      }
    });

  const chooseCredential = (step: Step, credentialId: string, name?: string) => {
    setSavingStep(step.id);
    run(
      () => setStepCredentialAction(step.id, credentialId || null),
      credentialId
        ? `Step ${step.position + 1} now uses “${name ?? credentials.find((c) => c.id === credentialId)?.name ?? "the credential"}”.`
        : `Step ${step.position + 1} has no credential now.`,
    );
  };

  const creatingComponent = creatingFor && components.find((component) => component.key === creatingFor.component.key);

  return (
    <>
      <div className="flow-toolbar">
        <FlowStatusBadge status={flow.status} />
        {canWrite ? (
          <div className="action-bar">
            {active ? (
              <button
                type="button"
                className="button button--secondary"
                disabled={pending}
                onClick={() => run(() => deactivateFlowAction(flow.id), `“${flow.name}” is inactive.`)}
              >
                {pending && !savingStep ? "Deactivating…" : "Deactivate"}
              </button>
            ) : (
              <button
                type="button"
                className="button"
                disabled={pending}
                onClick={() => {
                  setSavingStep(undefined);
                  run(() => activateFlowAction(flow.id), `“${flow.name}” is active.`);
                }}
              >
                {pending && !savingStep ? "Activating…" : "Activate"}
              </button>
            )}
            <DeleteFlowButton id={flow.id} name={flow.name} active={active} onDeleted={() => router.push("/flows")} />
          </div>
        ) : (
          <ReadOnlyNote what="change this flow" />
        )}
      </div>

      <div ref={noticeRef} tabIndex={-1} className="form__notices" aria-live="polite">
        {message && !outcome ? <SuccessNotice>{message}</SuccessNotice> : null}
        <FlowOutcomeNotice outcome={outcome} active={active} />
      </div>

      <section className="section" aria-labelledby="steps-heading">
        <h2 id="steps-heading" className="section__title">
          Steps
        </h2>
        {flow.steps.length === 0 ? (
          <p className="muted">This flow has no steps.</p>
        ) : (
          <ol className="step-list" aria-label="Steps">
            {flow.steps.map((step) => {
              const isBlocking = blocking.has(step.id);
              const componentHref = `/components/${encodeURIComponent(step.component.key)}`;
              return (
                <li
                  key={step.id}
                  id={`step-${step.id}`}
                  className={`step-card${isBlocking ? " step-card--blocking" : ""}`}
                  aria-label={`Step ${step.position + 1}: ${step.name}`}
                  data-blocking={isBlocking || undefined}
                >
                  <div className="step-card__header">
                    <span className="step-card__number" aria-hidden="true">
                      {step.position + 1}
                    </span>
                    <span className="step-card__title">{step.name}</span>
                    {isBlocking ? <span className="pill pill--blocking">Blocks activation</span> : null}
                  </div>
                  <div className="step-card__body">
                    <Link href={componentHref} className="step-card__component">
                      <ComponentAvatar componentKey={step.component.key} name={step.component.name} />
                      {step.component.name}
                    </Link>
                    <div className="step-card__credential">
                      <StepCredentialSelect
                        id={`step-${step.id}-credential`}
                        label={`Credential for step ${step.position + 1}`}
                        componentKey={step.component.key}
                        credentials={credentials}
                        value={step.credential?.id ?? ""}
                        disabled={pending || !canWrite}
                        invalid={isBlocking}
                        onChange={(credentialId) => chooseCredential(step, credentialId)}
                        onCreateNew={() => setCreatingFor(step)}
                      />
                      <p className="step-card__status">
                        {pending && savingStep === step.id ? (
                          <span className="muted">Saving…</span>
                        ) : step.credential ? (
                          <>
                            <StatusIndicator id={`step-${step.id}-status`} status={step.credential.status} />{" "}
                            <Link href={`/credentials/${step.credential.id}`} className="subtle-link">
                              View credential
                            </Link>
                          </>
                        ) : (
                          <span className="muted">No credential: the flow cannot be activated until one is chosen.</span>
                        )}
                      </p>
                    </div>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
      </section>

      <CreateCredentialDialog
        component={creatingComponent}
        onClose={() => setCreatingFor(undefined)}
        onCreated={(credential) => {
          if (!creatingFor) return;
          setCreated((current) => [...current, { ...credential, componentKey: creatingFor.component.key }]);
          chooseCredential(creatingFor, credential.id, credential.name);
          setCreatingFor(undefined);
        }}
      />
    </>
  );
}

function DeleteFlowButton({
  id,
  name,
  active,
  onDeleted,
}: {
  id: string;
  name: string;
  active: boolean;
  onDeleted: () => void;
}) {
  return (
    <ConfirmDeleteButton
      triggerClassName="button button--danger-ghost"
      title={`Delete “${name}”?`}
      confirmLabel="Delete flow"
      disabled={active}
      run={() => deleteFlowAction(id)}
      isDone={(result) => result.__typename === "FlowDeleted"}
      onDone={onDeleted}
      renderOutcome={(outcome) =>
        outcome.__typename === "InvalidInput" ? (
          <ProblemNotice title={outcome.message} code="InvalidInput" />
        ) : outcome.__typename !== "FlowDeleted" ? (
          <CommonProblemNotice outcome={outcome} />
        ) : null
      }
    >
      {active ? (
        <p>This flow is active. Deactivate it first; an active flow cannot be deleted.</p>
      ) : (
        <p>The flow and its steps are removed for good. Its credentials stay.</p>
      )}
    </ConfirmDeleteButton>
  );
}
