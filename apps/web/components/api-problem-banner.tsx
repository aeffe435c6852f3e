import type { ApiProblem } from "@/lib/api";
import { wordsForCode } from "@/lib/problem-words";

import { PlugOffIcon } from "./icons";
import { ProblemDetails } from "./problem-notice";

/** Shown instead of a page's data when the API could not give it. */
export function ApiProblemBanner({ problem }: { problem: ApiProblem }) {
  return (
    <div className="banner banner--error" role="alert">
      <PlugOffIcon className="banner__icon" />
      <div>
        {problem.kind === "unreachable" ? (
          <>
            <p className="banner__title">Latchkey cannot reach its API, so this page cannot show its data.</p>
            <p>Reload the page in a moment. If it stays like this, ask whoever runs Latchkey to check that its API is running.</p>
            <ProblemDetails message={`The web app asked for its data at ${problem.apiUrl} and got no answer.`} />
          </>
        ) : (
          <>
            <p className="banner__title">{wordsForCode(problem.code).title}</p>
            <p>{wordsForCode(problem.code).advice}</p>
            <ProblemDetails code={problem.code} message={problem.message} />
          </>
        )}
      </div>
    </div>
  );
}
