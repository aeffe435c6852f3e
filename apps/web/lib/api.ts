import "server-only";

import { createClient, LatchkeyRequestError, type LatchkeyClient } from "@latchkey/sdk";
import { headers } from "next/headers";

import { getEnv } from "@/env";

const REQUEST_TIMEOUT_MS = 15_000;
/** Request headers passed on to the API, so it sees the person's session once sign-in exists. */
const FORWARDED_HEADERS = ["cookie", "authorization"] as const;

/** An SDK client for the current request (server only: it knows the API's internal address). */
export async function getApiClient(): Promise<LatchkeyClient> {
  const incoming = await headers();
  const forwarded: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = incoming.get(name);
    if (value) forwarded[name] = value;
  }
  return createClient({
    url: getEnv().LATCHKEY_API_URL,
    headers: forwarded,
    fetch: (input, init) =>
      fetch(input, { ...init, cache: "no-store", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
  });
}

/** Why a page could not get its data from the API, in words a person can act on. */
export interface ApiProblem {
  kind: "unreachable" | "error";
  apiUrl: string;
  message: string;
  code?: string;
  /** BAD_USER_INPUT errors of fields without a result union name the fields, as InvalidInput does. */
  fieldErrors?: { field: string; message: string }[];
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; problem: ApiProblem };

/** Runs SDK calls and turns request failures into an ApiProblem; other errors propagate. */
export async function loadFromApi<T>(load: (api: LatchkeyClient) => Promise<T>): Promise<ApiResult<T>> {
  try {
    return { ok: true, data: await load(await getApiClient()) };
  } catch (error) {
    if (!(error instanceof LatchkeyRequestError)) throw error;
    const apiUrl = getEnv().LATCHKEY_API_URL;
    if (error.status === undefined) {
      return { ok: false, problem: { kind: "unreachable", apiUrl, message: error.message } };
    }
    const code = error.code;
    const fieldErrors = error.errors[0]?.extensions?.fieldErrors;
    return {
      ok: false,
      problem: {
        kind: "error",
        apiUrl,
        message: error.message,
        ...(code ? { code } : {}),
        ...(Array.isArray(fieldErrors) ? { fieldErrors: fieldErrors as ApiProblem["fieldErrors"] } : {}),
      },
    };
  }
}

/** What a server action answers when the API could not be asked: shown like any other problem. */
export interface ApiUnavailable {
  __typename: "ApiUnavailable";
  problem: ApiProblem;
}

/** Runs a mutation through the SDK; a request failure becomes an ApiUnavailable value for the form to show. */
export async function mutateThroughApi<T>(run: (api: LatchkeyClient) => Promise<T>): Promise<T | ApiUnavailable> {
  const result = await loadFromApi(run);
  return result.ok ? result.data : { __typename: "ApiUnavailable", problem: result.problem };
}
