import { BlockedTargetError, type NetworkPolicy, type ResolvedAddress } from "../network/network-policy";

export const MAX_WEBHOOK_URL_LENGTH = 2_000;

/** Why an endpoint URL cannot be used, readable (never quotes the URL's credentials: it has none). */
export type WebhookTargetProblem = { kind: "invalid" | "blocked" | "unresolved"; message: string };

/** The URL's own shape: http(s), no user info, no fragment. */
export function webhookUrlProblem(text: string): string | undefined {
  if (text.length > MAX_WEBHOOK_URL_LENGTH) return `Must be at most ${MAX_WEBHOOK_URL_LENGTH} characters.`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "Must be an absolute http(s) URL.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Must be an https URL.";
  if (url.username || url.password) return "Must not contain a user name or password.";
  if (url.hash) return "Must not contain a fragment (#...).";
  return undefined;
}

/**
 * Checks an endpoint URL against the network policy, as verification targets are checked: the
 * host is resolved once, every address checked (metadata and reserved ranges refused always,
 * private ranges by LATCHKEY_BLOCK_PRIVATE_NETWORKS), and plain `http` is allowed only to a host
 * the policy lets through as private (loopback or an allowed private range). Answers the address
 * to connect to.
 */
export async function resolveWebhookTarget(policy: NetworkPolicy, url: URL): Promise<{ ok: true; address: ResolvedAddress } | { ok: false; problem: WebhookTargetProblem }> {
  let address: ResolvedAddress;
  try {
    policy.assertUrlAllowed(url);
    address = await policy.resolveTarget(url.hostname);
  } catch (error) {
    if (error instanceof BlockedTargetError) return { ok: false, problem: { kind: "blocked", message: `Not allowed by the network policy: ${error.reason}.` } };
    return { ok: false, problem: { kind: "unresolved", message: "The host name could not be resolved." } };
  }
  if (url.protocol === "http:" && !policy.allowsPrivate(address.address, url.hostname)) {
    return { ok: false, problem: { kind: "invalid", message: "Must be an https URL: plain http is allowed only to a host allowed as private." } };
  }
  return { ok: true, address };
}
