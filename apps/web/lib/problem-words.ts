/** What happened and what to do, in words a person understands; the API's code goes into a details element. */
export interface ProblemWords {
  title: string;
  advice: string;
}

const BY_CODE: Record<string, ProblemWords> = {
  FORBIDDEN: {
    title: "Your role in this workspace does not allow this.",
    advice: "An admin or owner of the workspace can do it for you, or give you a role that may.",
  },
  UNAUTHENTICATED: { title: "You are signed out.", advice: "Sign in again, then try once more." },
  RATE_LIMITED: {
    title: "Too many verifications in a short time.",
    advice: "Wait a minute, then try again.",
  },
  SERVICE_UNAVAILABLE: {
    title: "Latchkey's database is not answering right now.",
    advice: "Nothing was lost. Try again in a few seconds.",
  },
  SECRETS_UNREADABLE: {
    title: "Stored secrets cannot be opened with the keys this installation holds.",
    advice: "Ask the operator to check the encryption key configuration.",
  },
  BAD_USER_INPUT: {
    title: "Some of what was sent is not accepted.",
    advice: "Check the values and try again.",
  },
  NotFound: {
    title: "This no longer exists.",
    advice: "Someone may have deleted it. Go back to the list and reload it.",
  },
  CredentialInUse: {
    title: "This credential is used by an active flow.",
    advice: "Deactivate the flow or choose another credential in its step first.",
  },
};

const FALLBACK: ProblemWords = {
  title: "Latchkey could not do this.",
  advice: "Try again. If it keeps failing, the API's log has the details.",
};

/** Words for an API error code (a GraphQL error code or a result type's name). */
export function wordsForCode(code: string | undefined): ProblemWords {
  return (code && BY_CODE[code]) || FALLBACK;
}
