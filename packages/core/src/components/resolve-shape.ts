import type { CredentialValues } from "../types";
import type { AuthMethodDescriptor } from "./descriptor-schema";

/** The tokens an OAuth2 credential hands out, as elastic.io components read them (`cfg.oauth.access_token`). */
export interface ShapedTokens {
  accessToken: string;
  refreshToken?: string;
  expiresAt: Date | null;
}

/**
 * A credential's values for resolveCredential, in the shape its component's format expects: every
 * value under its field id; an imported method's `resolveShape` nests grouped fields (HTTPAuthView:
 * `auth: { type: "Basic Auth", basic: { username, password } }`) and puts OAuth2 tokens under the
 * OAuth field's id (`oauth: { access_token, refresh_token, expires_in, token_type }`). Latchkey
 * descriptors get their OAuth2 access token as `accessToken`.
 */
export function shapeResolvedValues(
  method: AuthMethodDescriptor,
  values: CredentialValues,
  tokens?: ShapedTokens,
  now: Date = new Date(),
): Record<string, unknown> {
  const shape = method.resolveShape;
  const grouped = new Set(shape?.groupFields ?? []);
  const result: Record<string, unknown> = {};
  for (const field of method.fields) {
    if (Object.hasOwn(values, field.name) && !grouped.has(field.name)) result[field.name] = values[field.name];
  }
  if (shape?.typePath && shape.typeValue !== undefined) setAt(result, shape.typePath, shape.typeValue);
  if (shape?.groupPath) {
    setAt(result, shape.groupPath, Object.fromEntries([...grouped].filter((name) => Object.hasOwn(values, name)).map((name) => [name, values[name]])));
  }
  if (tokens) {
    if (shape?.tokensPath) {
      const expiresIn = tokens.expiresAt ? Math.max(0, Math.floor((tokens.expiresAt.getTime() - now.getTime()) / 1000)) : undefined;
      setAt(result, shape.tokensPath, {
        access_token: tokens.accessToken,
        token_type: "Bearer",
        ...(tokens.refreshToken ? { refresh_token: tokens.refreshToken } : {}),
        ...(expiresIn !== undefined ? { expires_in: expiresIn, expires_at: tokens.expiresAt!.toISOString() } : {}),
      });
    } else {
      result.accessToken = tokens.accessToken;
    }
  }
  return result;
}

function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node = (node[key] = typeof next === "object" && next !== null && !Array.isArray(next) ? next : {}) as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
}
