// The web app's configuration: the only module that reads process.env.
import { z } from "zod";

import { parseTrustedProxies } from "./lib/client-address";

const EnvSchema = z.object({
  /** The Latchkey API's GraphQL endpoint, reached from the web server (not from browsers). */
  LATCHKEY_API_URL: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. http://localhost:4000/graphql" })
    .default("http://localhost:4000/graphql"),
  /**
   * Peers of the web server (reverse proxies, load balancers) whose X-Forwarded-For/-Proto/-Host it
   * believes: comma-separated IP addresses, default none (lib/client-address.ts).
   */
  LATCHKEY_WEB_TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((text, context) => {
      try {
        return parseTrustedProxies(text);
      } catch (error) {
        context.addIssue({ code: "custom", message: `must be comma-separated IP addresses: ${(error as Error).message}` });
        return z.NEVER;
      }
    }),
});

export type Env = z.infer<typeof EnvSchema>;

/** Bad configuration; its message is one line naming the variable. */
export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const input = Object.fromEntries(
    Object.keys(EnvSchema.shape).map((name) => [name, source[name] === "" ? undefined : source[name]]),
  );
  const result = EnvSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = issue?.path.join(".") ?? "environment";
  const got = typeof input[name] === "string" ? ` (got "${input[name]}")` : "";
  throw new ConfigurationError(`Invalid configuration: ${name} ${issue?.message ?? "is invalid"}${got}.`);
}

let parsed: Env | undefined;

/** The parsed configuration; throws ConfigurationError on the first call when it is invalid. */
export function getEnv(): Env {
  parsed ??= parseEnv(process.env);
  return parsed;
}
