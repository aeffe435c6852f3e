import type { CredentialStatus, FlowFieldsFragment, FlowsQuery } from "@latchkey/sdk";
import Link from "next/link";
import type { ReactNode } from "react";

import { formatCount, STATUS_LABELS } from "@/lib/format";

import { PlugOffIcon } from "./icons";

/** A step that needs attention, as both the flow's page and the flows list know it. */
interface Step {
  id: string;
  position: number;
  component: { name: string };
  credential: { id: string; name: string; status: CredentialStatus } | null;
}

/** One step that needs attention, in words, with a link to what fixes it. */
function StepProblem({ flow, step, showFlow }: { flow: { id: string; name: string }; step: Step; showFlow: boolean }) {
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

function Banner({ title, children }: { title: string; children: ReactNode }) {
  return (
    // A standing state of the data, not news: a labelled region (an alert would be announced on every visit).
    <section className="banner banner--error attention-banner" aria-label="Needs attention" data-testid="attention-banner">
      <PlugOffIcon className="banner__icon" />
      <div>
        <p className="banner__title">{title}</p>
        {children}
      </div>
    </section>
  );
}

type Flow = Pick<FlowFieldsFragment, "id" | "name" | "status" | "steps" | "stepsNeedingAttention">;

/** On a flow's page: names its steps whose credential is missing or not Valid, with a link to fix each. */
export function FlowAttentionBanner({ flow }: { flow: Flow }) {
  const steps = flow.stepsNeedingAttention.flatMap(({ id }) => flow.steps.filter((step) => step.id === id));
  if (steps.length === 0) return null;
  const count = steps.length;
  const title =
    flow.status === "ACTIVE"
      ? `This active flow has ${count === 1 ? "a step" : `${count} steps`} without a valid credential`
      : `${count === 1 ? "A step needs" : `${count} steps need`} a valid credential before this flow can be activated`;
  return (
    <Banner title={title}>
      <ul>
        {steps.map((step) => (
          <StepProblem key={step.id} flow={flow} step={step} showFlow={false} />
        ))}
      </ul>
    </Banner>
  );
}

/** Where the flows list shows only the flows that need attention. */
export const ATTENTION_HREF = "/flows?attention=1";

/**
 * On the flows list: the workspace's active flows that cannot sign in at some step (counted by the
 * API over every flow, not from the page shown), the first few named with their steps, and a link
 * to the list of only the flows that need attention (unless that is the list shown).
 */
export function FlowsAttentionBanner({ attention, filtered }: { attention: FlowsQuery["attention"]; filtered: boolean }) {
  const { totalCount } = attention;
  if (totalCount === 0) return null;
  const flows = attention.edges.map((edge) => edge.node);
  const more = totalCount - flows.length;
  return (
    <Banner title={`${formatCount(totalCount, "active flow")} cannot sign in at a step`}>
      <ul>
        {flows.flatMap((flow) => flow.stepsNeedingAttention.map((step) => <StepProblem key={step.id} flow={flow} step={step} showFlow />))}
      </ul>
      {more > 0 ? <p>And {formatCount(more, "more active flow")}.</p> : null}
      {filtered ? null : (
        <p>
          <Link href={ATTENTION_HREF}>Show only the flows that need attention</Link>
        </p>
      )}
    </Banner>
  );
}
