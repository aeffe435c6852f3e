import type { ApiProblem } from "@/lib/api";

import { PlugOffIcon } from "./icons";

/** Shown instead of a page's data when the API could not give it. */
export function ApiProblemBanner({ problem }: { problem: ApiProblem }) {
  return (
    <div className="banner banner--error" role="alert">
      <PlugOffIcon className="banner__icon" />
      <div>
        {problem.kind === "unreachable" ? (
          <>
            <p className="banner__title">
              The Latchkey API is not reachable at <code className="banner__url">{problem.apiUrl}</code>.
            </p>
            <p>
              Start it with <code>npm start</code>, or point <code>LATCHKEY_API_URL</code> at a
              running API, then reload this page.
            </p>
          </>
        ) : (
          <>
            <p className="banner__title">The Latchkey API could not answer this request.</p>
            <p>
              {problem.message}
              {problem.code ? (
                <>
                  {" "}
                  (<code>{problem.code}</code>)
                </>
              ) : null}
            </p>
          </>
        )}
      </div>
    </div>
  );
}
