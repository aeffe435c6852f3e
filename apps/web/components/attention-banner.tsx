import type { FlowFieldsFragment } from "@latchkey/sdk";
import Link from "next/link";

import { STATUS_LABELS } from "@/lib/format";

import { PlugOffIcon } from "./icons";

type Flow = Pick<FlowFieldsFragment, "id" | "name" | "status" | "steps" | "stepsNeedingAttention">;

/** One step that needs attention, in words, with a link to what fixes it. */
function StepProblem({ flow, stepId, showFlow }: { flow: Flow; stepId: string; showFlow: boolean }) {
  const step = flow.steps.find((candidate) => candidate.id === stepId);
  if (!step) return null;
  const where = `${showFlow ? `“${flow.name}”, step` : "Step"} ${step.position + 1} (${step.component.name})`;
  return (
    <li>
      {step.credential ? (
        <>
          {where}: its credential “{step.credential.name}” is {STATUS_LABELS[step.credential.status].toLowerCase()}.{" "}
          <Link href={`/credentials/${step.credential.id}`}>Fix the credential</Link>
        </>
      ) : (
        <>
          {where} has no credential.{" "}
          <Link href={`/flows/${flow.id}#step-${step.id}`}>Choose one</Link>
        </>
      )}
    </li>
  );
}

/**
 * Names the steps whose credential is missing or not Valid, with a link to fix each: on a flow's
 * page for that flow, on the flows list for every active flow (an inactive one runs nothing yet).
 */
export function AttentionBanner({ flows, listing }: { flows: readonly Flow[]; listing: boolean }) {
  const needing = flows.filter((flow) => flow.stepsNeedingAttention.length > 0 && (!listing || flow.status === "ACTIVE"));
  if (needing.length === 0) return null;
  const count = needing.reduce((sum, flow) => sum + flow.stepsNeedingAttention.length, 0);
  const active = needing.some((flow) => flow.status === "ACTIVE");
  const title = listing
    ? `${count === 1 ? "A step" : `${count} steps`} of active flows cannot sign in`
    : active
      ? `This active flow has ${count === 1 ? "a step" : `${count} steps`} without a valid credential`
      : `${count === 1 ? "A step needs" : `${count} steps need`} a valid credential before this flow can be activated`;
  return (
    // A standing state of the data, not news: a labelled region (an alert would be announced on every visit).
    <section className="banner banner--error attention-banner" aria-label="Needs attention" data-testid="attention-banner">
      <PlugOffIcon className="banner__icon" />
      <div>
        <p className="banner__title">{title}</p>
        <ul>
          {needing.flatMap((flow) =>
            flow.stepsNeedingAttention.map((step) => (
              <StepProblem key={step.id} flow={flow} stepId={step.id} showFlow={listing} />
            )),
          )}
        </ul>
      </div>
    </section>
  );
}
