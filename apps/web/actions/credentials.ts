"use server";

import {
  BeginOAuth2AuthorizationDocument,
  CreateCredentialDocument,
  DeleteCredentialDocument,
  ReconnectOAuth2CredentialDocument,
  ReverifyCredentialDocument,
  RenameCredentialDocument,
  UpdateCredentialDocument,
  type CreateCredentialMutation,
  type CredentialInput,
  type DeleteCredentialMutation,
  type ReconnectOAuth2CredentialMutation,
  type RenameCredentialMutation,
  type ReverifyCredentialMutation,
  type UpdateCredentialMutation,
} from "@latchkey/sdk";

import { mutateThroughApi, type ApiUnavailable } from "@/lib/api";

import { refreshAfter } from "./refresh";

export type CreateCredentialOutcome = CreateCredentialMutation["createCredential"] | ApiUnavailable;
export type UpdateCredentialOutcome = UpdateCredentialMutation["updateCredential"] | ApiUnavailable;
export type RenameCredentialOutcome = RenameCredentialMutation["renameCredential"] | ApiUnavailable;
export type ReverifyCredentialOutcome = ReverifyCredentialMutation["reverifyCredential"] | ApiUnavailable;
export type DeleteCredentialOutcome = DeleteCredentialMutation["deleteCredential"] | ApiUnavailable;

/** Verifies the values and saves the credential only if verification passes. */
export async function createCredentialAction(input: CredentialInput): Promise<CreateCredentialOutcome> {
  const result = await mutateThroughApi((api) => api.request(CreateCredentialDocument, { input }));
  if ("createCredential" in result) return refreshAfter(result.createCredential, "CredentialCreated");
  return result;
}

/** Replaces values and verifies again; secret fields left out keep their stored value. */
export async function updateCredentialAction(id: string, values: Record<string, unknown>): Promise<UpdateCredentialOutcome> {
  const result = await mutateThroughApi((api) => api.request(UpdateCredentialDocument, { input: { id, values } }));
  if ("updateCredential" in result) return refreshAfter(result.updateCredential, "CredentialUpdated");
  return result;
}

/** Changes only the name; no verification. */
export async function renameCredentialAction(id: string, name: string): Promise<RenameCredentialOutcome> {
  const result = await mutateThroughApi((api) => api.request(RenameCredentialDocument, { input: { id, name } }));
  if ("renameCredential" in result) return refreshAfter(result.renameCredential, "CredentialRenamed");
  return result;
}

/** Verifies the saved credential again and stores its new status. */
export async function reverifyCredentialAction(id: string): Promise<ReverifyCredentialOutcome> {
  const result = await mutateThroughApi((api) => api.request(ReverifyCredentialDocument, { input: { id } }));
  if ("reverifyCredential" in result) return refreshAfter(result.reverifyCredential, "CredentialVerified");
  return result;
}

/** Deletes, unless an active flow uses the credential (CredentialInUse names every such flow). */
export async function deleteCredentialAction(id: string): Promise<DeleteCredentialOutcome> {
  const result = await mutateThroughApi((api) => api.request(DeleteCredentialDocument, { input: { id } }));
  if ("deleteCredential" in result) return refreshAfter(result.deleteCredential, "CredentialDeleted");
  return result;
}

export type StartOAuth2Outcome =
  | { __typename: "OAuth2Authorization"; authorizationUrl: string }
  | { __typename: "InvalidInput"; message: string; fieldErrors: { field: string; message: string }[] }
  | ApiUnavailable;

/**
 * Starts connecting an OAuth2 account: the API keeps the values and answers the provider's
 * authorization URL, where the browser goes next. Bad input comes back as field errors.
 */
export async function startOAuth2AuthorizationAction(input: CredentialInput): Promise<StartOAuth2Outcome> {
  const result = await mutateThroughApi((api) => api.request(BeginOAuth2AuthorizationDocument, { input }));
  if (!("beginOAuth2Authorization" in result)) return result;
  const answer = result.beginOAuth2Authorization;
  switch (answer.__typename) {
    case "OAuth2AuthorizationStarted":
      return { __typename: "OAuth2Authorization", authorizationUrl: answer.authorization.authorizationUrl };
    case "InvalidInput":
      return answer;
    case "NotFound":
      // An unknown component: the form shows it as its other input problems.
      return { __typename: "InvalidInput", message: answer.message, fieldErrors: [] };
  }
}

export type ReconnectOutcome = ReconnectOAuth2CredentialMutation["reconnectOAuth2Credential"] | ApiUnavailable;

/** Starts connecting an existing OAuth2 credential again; the browser goes to the answered authorization URL. */
export async function reconnectOAuth2CredentialAction(id: string): Promise<ReconnectOutcome> {
  const result = await mutateThroughApi((api) => api.request(ReconnectOAuth2CredentialDocument, { input: { id } }));
  return "reconnectOAuth2Credential" in result ? result.reconnectOAuth2Credential : result;
}
