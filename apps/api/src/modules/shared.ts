import { GraphQLError } from "graphql";
import { toConnection, type InvalidInput, type NotFound, type Page } from "@latchkey/core";

/** A record that must exist (it is referenced by one we just read); its absence is a bug. */
export async function loadOrFail<T>(promise: Promise<T | null>, what: string): Promise<T> {
  const value = await promise;
  if (value == null) throw new GraphQLError(`${what} is missing.`, { extensions: { code: "INTERNAL_SERVER_ERROR" } });
  return value;
}

/** For fields whose result type has no union: expected failures become BAD_USER_INPUT errors. */
export function failAsUserInput(problem: InvalidInput | NotFound): never {
  throw new GraphQLError(problem.message, {
    extensions: {
      code: "BAD_USER_INPUT",
      ...(problem.__typename === "InvalidInput" ? { fieldErrors: problem.fieldErrors } : {}),
    },
  });
}

export function isProblem<T extends object>(value: T | InvalidInput | NotFound): value is InvalidInput | NotFound {
  return "__typename" in value && (value.__typename === "InvalidInput" || value.__typename === "NotFound");
}

/** A page as a GraphQL connection (edges, complete PageInfo, totalCount); bad paging arguments become BAD_USER_INPUT. */
export function connectionOf<T>(page: Page<T> | InvalidInput) {
  if ("__typename" in page) failAsUserInput(page);
  return toConnection(page);
}
