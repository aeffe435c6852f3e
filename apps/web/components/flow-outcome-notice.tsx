import type { FlowOutcome } from "@/actions/flows";

import type { Unexpected } from "@/lib/settle";

import { CommonProblemNotice, ProblemNotice } from "./problem-notice";

/** What went wrong with a flow change; FlowNotReady lists every blocking step. */
export function FlowOutcomeNotice({ outcome }: { outcome: FlowOutcome | Unexpected | undefined }) {
  if (!outcome) return null;
  switch (outcome.__typename) {
    case "FlowSaved":
      return null;
    case "FlowNotReady":
      return (
        <ProblemNotice title="The flow cannot be activated yet." code="FlowNotReady">
          <p>{outcome.message}</p>
          {outcome.steps.length > 0 ? (
            <ul aria-label="Steps blocking activation">
              {outcome.steps.map((step) => (
                <li key={step.id}>
                  <a href={`#step-${step.id}`}>
                    Step {step.position + 1}: {step.name}
                  </a>{" "}
                  —{" "}
                  {step.credential
                    ? `“${step.credential.name}” is not valid`
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
          <p>{outcome.message}</p>
        </ProblemNotice>
      );
    case "CredentialMismatch":
      return <ProblemNotice title={outcome.message} code="CredentialMismatch" />;
    default:
      return <CommonProblemNotice outcome={outcome} />;
  }
}
