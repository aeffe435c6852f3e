import {
  ResolveCredentialDocument as GeneratedResolveCredentialDocument,
  type ResolveCredentialMutation as GeneratedResolveCredentialMutation,
  type ResolveCredentialMutationVariables,
  type TypedDocumentString,
} from "./generated/graphql.ts";

export { createClient } from "./client.ts";
export type { ClientOptions, LatchkeyClient, RequestDocument, RequestOptions, RetryOptions } from "./client.ts";
export { LatchkeyError, LatchkeyRequestError } from "./errors.ts";
export type { GraphQLErrorShape, LatchkeyErrorCode, LatchkeyErrorInit } from "./errors.ts";
export * from "./generated/graphql.ts";
export { VERSION } from "./version.ts";

/** The decrypted secret values of a credential, by field name (`apiKey`, `password`, an OAuth2 `accessToken`, ...). */
export type SecretValues = Record<string, string | number | boolean>;

type WithTypedSecrets<T> = T extends { __typename: "ResolvedCredential"; secrets: unknown } ? Omit<T, "secrets"> & { secrets: SecretValues } : T;

/** resolveCredential's result, its `secrets` typed as `SecretValues` (the schema's JSONObject cannot say so). */
export type ResolveCredentialMutation = { resolveCredential: WithTypedSecrets<GeneratedResolveCredentialMutation["resolveCredential"]> };

/** Resolves a credential for use: its secret values (needs the `credentials:use` scope). */
export const ResolveCredentialDocument = GeneratedResolveCredentialDocument as unknown as TypedDocumentString<
  ResolveCredentialMutation,
  ResolveCredentialMutationVariables
>;
