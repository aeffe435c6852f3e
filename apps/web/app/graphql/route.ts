// Same-origin GraphQL endpoint for browser code: passes requests through to the Latchkey API.
import { getEnv } from "@/env";

export const dynamic = "force-dynamic";

// Verification of a credential may take the API's whole verification timeout, so allow well beyond it.
const UPSTREAM_TIMEOUT_MS = 60_000;
const REQUEST_HEADERS = ["content-type", "accept", "cookie", "authorization", "x-forwarded-for", "x-forwarded-proto"] as const;
const RESPONSE_HEADERS = ["content-type", "cache-control"] as const;

export async function POST(request: Request): Promise<Response> {
  const headers = new Headers();
  for (const name of REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }

  let upstream: Response;
  try {
    upstream = await fetch(getEnv().LATCHKEY_API_URL, {
      method: "POST",
      headers,
      body: await request.arrayBuffer(),
      cache: "no-store",
      redirect: "manual",
      signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "TimeoutError") {
      return graphqlError(504, "The Latchkey API did not answer in time.", "API_TIMEOUT");
    }
    return graphqlError(502, "The Latchkey API is not reachable.", "API_UNREACHABLE");
  }

  const responseHeaders = new Headers();
  for (const name of RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) responseHeaders.set(name, value);
  }
  for (const cookie of upstream.headers.getSetCookie()) responseHeaders.append("set-cookie", cookie);
  return new Response(upstream.body, { status: upstream.status, headers: responseHeaders });
}

function graphqlError(status: number, message: string, code: string): Response {
  return Response.json({ errors: [{ message, extensions: { code } }] }, { status });
}
