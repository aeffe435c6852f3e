import { GraphQLError } from "graphql";
import { invalidInput, toConnection, type InvalidInput, type NotFound, type Page } from "@latchkey/core";

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

/**
 * A mutation's one `input` object, or the same values given the deprecated way, as positional
 * arguments of the same names. Both forms at once, or neither, is InvalidInput (a typed answer).
 * `required` and `optional` name the input's fields, which are also the old arguments' names; an
 * old argument with a default (always present) is left out of both and read by the caller.
 */
export function mutationInput<I extends object>(
  args: { input?: I | null } & { [K in keyof I]?: I[K] | null },
  required: readonly (keyof I & string)[],
  optional: readonly (keyof I & string)[] = [],
): I | InvalidInput {
  const given = [...required, ...optional].filter((name) => args[name] != null);
  if (args.input != null) {
    if (given.length === 0) return args.input;
    return invalidInput(
      given.map((field) => ({ field, message: "Deprecated argument given together with `input`: give every value inside `input`." })),
      "Give either `input` or the deprecated arguments, not both.",
    );
  }
  const missing = required.filter((name) => args[name] == null);
  if (missing.length > 0) {
    return invalidInput([{ field: "input", message: "Required." }], "Give `input` (the deprecated arguments were incomplete or missing).");
  }
  return Object.fromEntries([...required, ...optional].map((name) => [name, args[name] ?? null])) as I;
}

export function isInvalidInput(value: object): value is InvalidInput {
  return "__typename" in value && value.__typename === "InvalidInput";
}

/** A page as a GraphQL connection (edges, complete PageInfo, totalCount); bad paging arguments become BAD_USER_INPUT. */
export function connectionOf<T>(page: Page<T> | InvalidInput) {
  if ("__typename" in page) failAsUserInput(page);
  return toConnection(page);
}
