import "server-only";

import { createClient, LatchkeyError, ViewerDocument, type LatchkeyClient, type ViewerQuery } from "@latchkey/sdk";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";

import { getEnv } from "@/env";

import { REQUESTED_PATH_HEADER } from "./client-address";
import { sameOriginPath } from "./same-origin-path";

const REQUEST_TIMEOUT_MS = 15_000;
/** The session cookie: set by this server (HttpOnly) from the API's answer to a sign-in, sent back to the API on every call. */
export const SESSION_COOKIE = "latchkey_session";
/** Request headers passed on to the API: who the browser is (address, https) for the audit log, limits and Secure cookies. */
const FORWARDED_HEADERS = ["authorization", "x-forwarded-for", "x-forwarded-proto"] as const;

/**
 * An SDK client for the current request (server only: it knows the API's internal address). It
 * sends the person's session, and hands each raw response to `onResponse` (sign-in reads the
 * session the API issued from it).
 */
export async function getApiClient(onResponse?: (response: Response) => void): Promise<LatchkeyClient> {
  const incoming = await headers();
  const forwarded: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = incoming.get(name);
    if (value) forwarded[name] = value;
  }
  const session = (await cookies()).get(SESSION_COOKIE)?.value;
  if (session) forwarded.cookie = `${SESSION_COOKIE}=${session}`;
  return createClient({
    url: getEnv().LATCHKEY_API_URL,
    headers: forwarded,
    timeoutMs: REQUEST_TIMEOUT_MS,
    // A person is waiting: one quick retry at most, and a RATE_LIMITED answer is shown, not waited out.
    retry: { retries: 1, maxDelayMs: 2_000 },
    fetch: async (input, init) => {
      const response = await fetch(input, { ...init, cache: "no-store" });
      onResponse?.(response);
      return response;
    },
  });
}

/**
 * Runs SDK calls that may start or end a session (sign-in, setup, accepting an invitation,
 * sign-out) and copies the session cookie the API set into this server's own HttpOnly cookie.
 */
export async function withSessionCookie<T>(load: (api: LatchkeyClient) => Promise<T>): Promise<T> {
  let setCookies: string[] = [];
  const api = await getApiClient((response) => {
    setCookies = [...setCookies, ...response.headers.getSetCookie()];
  });
  const result = await load(api);
  const session = setCookies.map((c) => new RegExp(`^${SESSION_COOKIE}=([^;]*)(.*)$`).exec(c)).find(Boolean);
  if (session) {
    const jar = await cookies();
    const maxAge = Number(/Max-Age=(\d+)/i.exec(session[2] ?? "")?.[1] ?? 0);
    const secure = (await headers()).get("x-forwarded-proto") === "https";
    if (session[1] && maxAge > 0) jar.set(SESSION_COOKIE, session[1], { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge });
    else jar.delete(SESSION_COOKIE);
  }
  return result;
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
    if (!(error instanceof LatchkeyError)) throw error;
    const apiUrl = getEnv().LATCHKEY_API_URL;
    if (error.status === undefined) {
      return { ok: false, problem: { kind: "unreachable", apiUrl, message: error.message } };
    }
    const code = error.code;
    // The session is missing, expired or revoked: sign in again (the sign-in page sends a new install to setup).
    if (code === "UNAUTHENTICATED") {
      // Back to the page asked for after signing in, when it is a path of this site (the sign-in checks again).
      const requested = sameOriginPath((await headers()).get(REQUESTED_PATH_HEADER), "");
      redirect(requested && requested !== "/" && !requested.startsWith("/sign-in") ? `/sign-in?next=${encodeURIComponent(requested)}` : "/sign-in");
    }
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

type DataOf<R> = R extends { ok: true; data: infer T } ? T : never;

/** Results of independent loads (run in parallel): all their data, or the first problem in the order given. */
export function combineResults<const R extends readonly ApiResult<unknown>[]>(
  results: R,
): ApiResult<{ -readonly [K in keyof R]: DataOf<R[K]> }> {
  const problem = results.find((result) => !result.ok);
  if (problem && !problem.ok) return problem;
  return { ok: true, data: results.map((result) => (result.ok ? result.data : undefined)) as { -readonly [K in keyof R]: DataOf<R[K]> } };
}

/** Who is signed in (or not): asked once per request, by the layout's account menu and any page that needs it. */
export const loadViewer = cache(() => loadFromApi((api) => api.request(ViewerDocument)));

/** Whether the viewer has an admin's role (admin or owner): pages show admins' forms only to them; the API decides. */
export const isAdmin = (viewer: ViewerQuery["viewer"] | undefined) => viewer?.role === "ADMIN" || viewer?.role === "OWNER";

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
