import { LatchkeyError } from "@latchkey/sdk";

import { wordsForCode } from "./problem-words";

/** What a form shows after its action ran: a problem, or a value to show once (a token, a link). */
export interface FormState {
  error?: string;
  fieldErrors?: Record<string, string>;
  /** The API's code and its own message, for a details element. */
  code?: string;
  detail?: string;
  /** A secret shown once (an API token) or a link to copy (an invitation). */
  reveal?: string;
}

export const text = (form: FormData, name: string) => String(form.get(name) ?? "");

/** An expected problem of a mutation (its union member) as the form's message and field errors. */
export function problem(result: { __typename: string; message?: string; fieldErrors?: { field: string; message: string }[] }): FormState {
  return {
    error: result.message ?? "That did not work.",
    fieldErrors: Object.fromEntries((result.fieldErrors ?? []).map((e) => [e.field.replace(/^input\./, ""), e.message])),
  };
}

/** API errors a form shows as its message (FORBIDDEN, BAD_USER_INPUT); others propagate to the error page. */
export async function attempt(work: () => Promise<FormState>): Promise<FormState> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LatchkeyError && error.status !== undefined && error.code !== "UNAUTHENTICATED") {
      const words = wordsForCode(error.code);
      return { error: `${words.title} ${words.advice}`, ...(error.code ? { code: error.code } : {}), detail: error.message };
    }
    throw error;
  }
}
