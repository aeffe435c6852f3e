import type { FlowOutcome } from "@/actions/flows";

import { STATUS_LABELS } from "@/lib/format";
import type { Unexpected } from "@/lib/settle";

import { CommonProblemNotice, ProblemNotice } from "./problem-notice";

/**
 * What went wrong with a flow change; FlowNotReady lists every blocking step. `active`: the flow is
 * active, so a refused change is not about activating it.
 */
export function FlowOutcomeNotice({ outcome, active = false }: { outcome: FlowOutcome | Unexpected | undefined; active?: boolean }) {
  if (!outcome) return null;
  switch (outcome.__typename) {
    case "FlowSaved":
      return null;
    case "FlowNotReady":
      return (
        <ProblemNotice
          title={
            active
              ? "Not changed: every step of an active flow needs a valid credential. Deactivate the flow first, or choose another valid credential."
              : "The flow cannot be activated yet. Every step needs a valid credential."
          }
          code="FlowNotReady"
        >
          {outcome.steps.length > 0 ? (
            <ul aria-label="Steps blocking activation">
              {outcome.steps.map((step) => (
                <li key={step.id}>
                  <a href={`#step-${step.id}`}>
                    Step {step.position + 1}: {step.name}
                  </a>{" "}
                  —{" "}
                  {step.credential
                    ? step.credential.status === "VALID"
                      ? `would be left without a credential`
                      : `“${step.credential.name}” is ${STATUS_LABELS[step.credential.status].toLowerCase()}`
                    : "no credential chosen"}
                </li>
              ))}
            </ul>
          ) : null}
        </ProblemNotice>
      );
    case "InvalidInput":
      return (
        <ProblemNotice title="Some values need attention." code="InvalidInput">
          <ul>
            {outcome.fieldErrors.map((error) => (
              <li key={`${error.field}-${error.message}`}>{error.message}</li>
            ))}
          </ul>
        </ProblemNotice>
      );
    case "CredentialMismatch":
      return <ProblemNotice title={outcome.message} code="CredentialMismatch" />;
    default:
      return <CommonProblemNotice outcome={outcome} />;
  }
}
