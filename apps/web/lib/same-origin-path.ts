/** Any origin: only whether resolving changes it matters. */
const BASE = new URL("http://latchkey.invalid");

/** Backslashes (browsers read them as slashes) and control characters (browsers drop tabs and newlines from URLs). */
function suspicious(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x5c || code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * Where to go after signing in (the `next` parameter, or any other return path): `target` when it is
 * a path on this web app, else `fallback`. The target is resolved against an origin with `URL` and
 * kept only when the origin is unchanged and it starts with a single `/`; a backslash, a control
 * character or a `//` start, also percent-encoded, sends it to the fallback.
 * `/\evil.example/phish` and `/\t/evil.example` pass a plain startsWith("/") check, yet browsers
 * go to evil.example.
 */
export function sameOriginPath(target: string | null | undefined, fallback = "/"): string {
  if (!target) return fallback;
  const plain = decoded(target);
  if (plain === undefined) return fallback;
  for (const text of [target, plain]) {
    if (!text.startsWith("/") || text.startsWith("//") || suspicious(text)) return fallback;
  }
  let url: URL;
  try {
    url = new URL(target, BASE);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin !== BASE.origin || !path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}
