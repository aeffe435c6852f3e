import { CreateCredentialDocument, type LatchkeyClient } from "@latchkey/sdk";

/** Creates a Petstore credential through the SDK (the API verifies it first: only `secret` passes). */
export async function createPetstoreCredential(api: LatchkeyClient, input: { name: string; apiKey: string }) {
  const { createCredential } = await api.request(CreateCredentialDocument, {
    input: { componentKey: "petstore", authType: "API_KEY", name: input.name, values: { apiKey: input.apiKey } },
  });
  return createCredential;
}

/** A credential name no other test uses. */
export function uniqueName(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
