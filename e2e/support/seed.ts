import { ActivateFlowDocument, CreateCredentialDocument, CreateFlowDocument, type LatchkeyClient } from "@latchkey/sdk";

/** Creates a Petstore credential through the SDK (the API verifies it first: only `secret` passes). */
export async function createPetstoreCredential(api: LatchkeyClient, input: { name: string; apiKey: string }) {
  const { createCredential } = await api.request(CreateCredentialDocument, {
    input: { componentKey: "petstore", authType: "API_KEY", name: input.name, values: { apiKey: input.apiKey } },
  });
  return createCredential;
}

/** A VALID Petstore credential named `prefix` and a unique suffix; throws unless it was created. */
export async function seedValidCredential(api: LatchkeyClient, prefix: string) {
  const name = uniqueName(prefix);
  const result = await createPetstoreCredential(api, { name, apiKey: "secret" });
  if (result.__typename !== "CredentialCreated") throw new Error(`seeding answered ${result.__typename}`);
  return result.credential;
}

/** A credential name no other test uses. */
export function uniqueName(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Creates a flow through the SDK with one step per credential id (null: a step without one). */
export async function createFlow(
  api: LatchkeyClient,
  input: { name: string; componentKey: string; credentialIds: (string | null)[] },
) {
  const { createFlow: result } = await api.request(CreateFlowDocument, {
    input: {
      name: input.name,
      steps: input.credentialIds.map((credentialId) => ({ componentKey: input.componentKey, credentialId })),
    },
  });
  if (result.__typename !== "FlowSaved") throw new Error(`createFlow answered ${result.__typename}`);
  return result.flow;
}

export async function activateFlow(api: LatchkeyClient, id: string) {
  const { activateFlow: result } = await api.request(ActivateFlowDocument, { input: { id } });
  if (result.__typename !== "FlowSaved") throw new Error(`activateFlow answered ${result.__typename}`);
  return result.flow;
}
