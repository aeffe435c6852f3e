import type { ReactNode } from "react";

import type { ApiProblem, ApiUnavailable } from "@/lib/api";
import { wordsForCode } from "@/lib/problem-words";
import type { Unexpected } from "@/lib/settle";

import { AlertCircleIcon, InfoIcon } from "./icons";

interface ProblemNoticeProps {
  title: string;
  code?: string | undefined;
  children?: ReactNode;
}

/** The API's code (and its own words) for whoever helps: folded away, not part of the sentence. */
export function ProblemDetails({ code, message }: { code?: string | undefined; message?: string | undefined }) {
  if (!code && !message) return null;
  return (
    <details className="problem-details">
      <summary>Details for support</summary>
      {code ? <code className="notice__code">{code}</code> : null}
      {message ? <p>{message}</p> : null}
    </details>
  );
}

/** An inline, announced error: what went wrong and what to do; the code is in a details element. */
export function ProblemNotice({ title, code, children }: ProblemNoticeProps) {
  return (
    <div className="notice notice--error" role="alert">
      <AlertCircleIcon className="notice__icon" />
      <div className="notice__body">
        <p className="notice__title">{title}</p>
        {children}
        <ProblemDetails code={code} />
      </div>
    </div>
  );
}

/** Something the person should know that is not an error (a feature not available yet). */
export function InfoNotice({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="notice notice--info" role="status">
      <InfoIcon className="notice__icon" />
      <div className="notice__body">
        <p className="notice__title">{title}</p>
        {children}
      </div>
    </div>
  );
}

/** The API could not be asked (down, timed out, or refused the request). */
export function ApiUnavailableNotice({ problem }: { problem: ApiProblem }) {
  return problem.kind === "unreachable" ? (
    <ProblemNotice title="The Latchkey API is not reachable, so nothing was changed.">
      <p>Check that the API is running, then try again.</p>
    </ProblemNotice>
  ) : (
    <ApiErrorNotice problem={problem} />
  );
}

function ApiErrorNotice({ problem }: { problem: ApiProblem }) {
  const words = wordsForCode(problem.code);
  return (
    <div className="notice notice--error" role="alert">
      <AlertCircleIcon className="notice__icon" />
      <div className="notice__body">
        <p className="notice__title">{words.title}</p>
        <p>{words.advice}</p>
        <ProblemDetails code={problem.code} message={problem.message} />
      </div>
    </div>
  );
}

/** A thrown error from a server action (the web server failed): generic, the log has the rest. */
export const UNEXPECTED_FAILURE = "Something went wrong on the web server. Try again; its log has the details.";

type CommonProblem = { __typename: "NotFound" | "InvalidInput"; message: string } | ApiUnavailable | Unexpected;

/** The failures every action can meet: the thing is gone, the request was refused as a whole, the API is unavailable, the web server failed. */
export function CommonProblemNotice({ outcome }: { outcome: CommonProblem }) {
  switch (outcome.__typename) {
    case "NotFound":
    case "InvalidInput":
      return <ProblemNotice title={outcome.message} code={outcome.__typename} />;
    case "ApiUnavailable":
      return <ApiUnavailableNotice problem={outcome.problem} />;
    case "Unexpected":
      return <ProblemNotice title={UNEXPECTED_FAILURE} />;
  }
}
