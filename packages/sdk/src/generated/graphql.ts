/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** An invitation link being used. */
export type AcceptInvitationInput = {
  /** The new account, when the caller is not signed in. */
  newPerson?: NewPersonInput | null | undefined;
  /** The token from the link. */
  token: string;
};

/** The flow to activate. */
export type ActivateFlowInput = {
  /** The flow's id. */
  id: string | number;
};

/** What an API token may do. */
export type ApiTokenScope =
  /**
   * `components:write`: registerComponent (add or replace a component of the workspace). Separate from
   * `write` because a component's descriptor decides where its credentials' secrets are sent.
   */
  | 'COMPONENTS_WRITE'
  /** `credentials:use`: resolveCredential, which returns decrypted secret values. */
  | 'CREDENTIALS_USE'
  /** `read`: every query of workspace data (components, credentials, flows). */
  | 'READ'
  /** `write`: every mutation of credentials and flows. Not registerComponent (that is `components:write`). */
  | 'WRITE';

/** Who did something, in the audit log. */
export type AuditActorType =
  /** Someone not signed in (e.g. a failed sign-in). */
  | 'ANONYMOUS'
  /** An API token. */
  | 'API_TOKEN'
  /** A signed-in person. */
  | 'PERSON'
  /** Latchkey itself (e.g. demo data at setup). */
  | 'SYSTEM';

/** Narrows the audit log; all given conditions must hold. */
export type AuditFilter = {
  /** Only events by the person or token with this id. */
  actorId?: string | number | null | undefined;
  /** Only events about the object with this id. */
  objectId?: string | number | null | undefined;
  /** Only events about objects of this type (e.g. `credential`). */
  objectType?: string | null | undefined;
};

/** How a credential authenticates with its component. */
export type AuthType =
  /** A key sent in a header or query parameter. */
  | 'API_KEY'
  /** HTTP Basic: username and password. */
  | 'BASIC'
  /** Fields only, as an imported component.json declares them (no known login shape); verified only by an `x-latchkey` verify request. */
  | 'CUSTOM'
  /** Database connection details (host, port, database, username, password). */
  | 'DATABASE'
  /** OAuth2 client credentials or authorization code; tokens are stored as secrets. */
  | 'OAUTH2';

/** A member's new role. */
export type ChangeMemberRoleInput = {
  /** The member's person id. */
  personId: string | number;
  /** The new role. */
  role: Role;
};

/** One setting to change. */
export type ComponentSettingInput = {
  /** A setting the component declares. */
  name: string;
  /** The new value (at most 8 KiB); null or empty clears it. */
  value?: string | null | undefined;
};

/** A new API token. */
export type CreateApiTokenInput = {
  /** When the token stops working; must be in the future. Omit for a token that does not expire. */
  expiresAt?: string | null | undefined;
  /** What the token is for (1 to 200 characters). */
  name: string;
  /** What the token may do (at least one). */
  scopes: Array<ApiTokenScope>;
};

/** A new flow; it starts INACTIVE. */
export type CreateFlowInput = {
  /** The flow's name (1 to 200 characters). */
  name: string;
  /** The steps in order (at most 100). */
  steps: Array<FlowStepInput>;
};

/** A new invitation link. */
export type CreateInvitationInput = {
  /** The role the invited person gets. */
  role: Role;
};

/** A new webhook endpoint. */
export type CreateWebhookEndpointInput = {
  /** A note for people, at most 500 characters. */
  description?: string | null | undefined;
  /** Event types to send; empty or null: every event. */
  events?: Array<string> | null | undefined;
  /** https URL (http only to a host the network policy allows as private); at most 2000 characters. */
  url: string;
};

/** A new workspace. */
export type CreateWorkspaceInput = {
  /** The workspace's name (1 to 200 characters). */
  name: string;
};

/** Narrows a credentials list; all given conditions must hold. */
export type CredentialFilter = {
  /** Only credentials of the component with this key. */
  componentKey?: string | null | undefined;
  /** Case-insensitive substring of the name. */
  search?: string | null | undefined;
  /** Only credentials with this status. */
  status?: CredentialStatus | null | undefined;
};

/** Values for a new credential, or for a dry-run verification. */
export type CredentialInput = {
  /** Which of the component's auth methods to use. */
  authType: AuthType;
  /** Key of the component the credential is for. */
  componentKey: string;
  /** Optional account name (at most 200 characters); a readable default is given without one. */
  name?: string | null | undefined;
  /** Field values by field name, as the component's auth method defines them (secret and non-secret). */
  values: Record<string, unknown>;
};

/**
 * The order of a credentials list. Each order has its own cursors: a cursor from a page in one order
 * is refused (InvalidInput) by a list in another.
 */
export type CredentialOrder =
  /** By name (A to Z), then by id. The default. */
  | 'NAME'
  /** Newest first: by creation time, latest first, then by id. */
  | 'NEWEST'
  /** Needs attention first: INVALID, EXPIRED, UNREACHABLE, UNVERIFIED, then VALID; by name within a status, then by id. */
  | 'STATUS';

/** Where a credential stands after its latest verification. */
export type CredentialStatus =
  /** OAuth2 token expired and could not be refreshed. */
  | 'EXPIRED'
  /** Rejected by the application. */
  | 'INVALID'
  /** The application could not be reached. */
  | 'UNREACHABLE'
  /** Not verified yet. */
  | 'UNVERIFIED'
  /** Passed its latest verification. */
  | 'VALID';

/** The flow to deactivate. */
export type DeactivateFlowInput = {
  /** The flow's id. */
  id: string | number;
};

/** The credential to delete. */
export type DeleteCredentialInput = {
  /** The credential's id. */
  id: string | number;
};

/** The flow to delete. */
export type DeleteFlowInput = {
  /** The flow's id. */
  id: string | number;
};

/** Which endpoint to delete. */
export type DeleteWebhookEndpointInput = {
  /** The endpoint's id. */
  id: string | number;
};

/** The format of a component descriptor. */
export type DescriptorFormat =
  /** An elastic.io / Open Integration Hub `component.json`, registered unchanged (its credentials section is imported). */
  | 'ELASTICIO'
  /** Latchkey's own descriptor (COMPONENTS.md). */
  | 'LATCHKEY';

/** How a field of an auth method is entered and validated. */
export type FieldType =
  /** Yes or no. */
  | 'BOOLEAN'
  /** A number (e.g. a port). */
  | 'NUMBER'
  /** A secret single line of text, masked when typed. */
  | 'PASSWORD'
  /** One of `options`. */
  | 'SELECT'
  /** A single line of text. */
  | 'STRING'
  /** Several lines of text. */
  | 'TEXTAREA'
  /** An http(s) URL. */
  | 'URL';

/** Narrows a flows list; all given conditions must hold (together with `status`). */
export type FlowFilter = {
  /**
   * true: only flows with a step whose credential is missing or not VALID (the flows whose
   * `stepsNeedingAttention` is not empty); false: only flows without such a step. Decided over the
   * whole workspace, so `totalCount` counts them all; with `status: ACTIVE`, the running flows
   * that cannot sign in somewhere.
   */
  needsAttention?: boolean | null | undefined;
};

/** Whether a flow runs. */
export type FlowStatus =
  /** The flow runs; every step had a VALID credential when it was activated. */
  | 'ACTIVE'
  /** The flow does not run; it can be edited freely. */
  | 'INACTIVE';

/** One step of a new flow. */
export type FlowStepInput = {
  /** Key of the component the step talks to. */
  componentKey: string;
  /** A credential of that component, or none yet. */
  credentialId?: string | number | null | undefined;
  /** Optional step name (at most 200 characters); defaults to the component's name. */
  name?: string | null | undefined;
};

/** Someone new accepting an invitation. */
export type NewPersonInput = {
  /** Email address; used to sign in. */
  email: string;
  /** Display name. */
  name: string;
  /** At least 10 characters. */
  password: string;
};

/** How an OAuth2 credential gets its tokens. */
export type OAuth2GrantType =
  /** The person signs in at the provider (connect); the provider sends the browser back to `AuthMethod.redirectUri`. */
  | 'AUTHORIZATION_CODE'
  /** The client id and secret alone get a token. */
  | 'CLIENT_CREDENTIALS';

/** What reconnectOAuth2Credential needs: the credential to connect again. */
export type ReconnectOAuth2CredentialInput = {
  /** The id of an OAUTH2 credential whose method uses the authorization code grant. */
  id: string | number;
};

/** A component descriptor to register. */
export type RegisterComponentInput = {
  /** A component descriptor as COMPONENTS.md describes it (at most 64 KiB), or a component.json (ELASTICIO, at most 512 KiB). */
  descriptor: Record<string, unknown>;
  /** The descriptor's format. */
  format?: DescriptorFormat | null | undefined;
  /** The component's key. ELASTICIO: optional, derived from the file's `title` when left out ("AWS S3" → `aws-s3`). LATCHKEY: left out, or equal to the descriptor's key. */
  key?: string | null | undefined;
};

/** The member to remove. */
export type RemoveMemberInput = {
  /** The member's person id. */
  personId: string | number;
};

/** A credential's new name. */
export type RenameCredentialInput = {
  /** The credential's id. */
  id: string | number;
  /** The new name, 1 to 200 characters. */
  name: string;
};

/** A flow's new name. */
export type RenameFlowInput = {
  /** The flow's id. */
  id: string | number;
  /** The new name, 1 to 200 characters. */
  name: string;
};

/** Which delivery to send again. */
export type ResendWebhookDeliveryInput = {
  /** The id of an attempt of the event (WebhookDelivery.id). */
  deliveryId: string | number;
};

/** The credential whose secret values a flow runtime needs. */
export type ResolveCredentialInput = {
  /** The credential's id. */
  id: string | number;
};

/** The saved credential to verify again. */
export type ReverifyCredentialInput = {
  /** The credential's id. */
  id: string | number;
};

/** The API token to revoke. */
export type RevokeApiTokenInput = {
  /** The token's id. */
  id: string | number;
};

/** The invitation to revoke. */
export type RevokeInvitationInput = {
  /** The invitation's id. */
  id: string | number;
};

/**
 * What a person may do in a workspace. Viewers read; members also manage credentials and flows;
 * admins also register components and manage members, invitations and API tokens; owners also
 * manage owners and admins.
 */
export type Role =
  /** Everything a member may do, and register components, manage members (not owners or admins), invitations and API tokens, read the audit log. */
  | 'ADMIN'
  /** Read, and create, change and delete credentials and flows. */
  | 'MEMBER'
  /** Everything an admin may do, and manage owners and admins. */
  | 'OWNER'
  /** Read only. */
  | 'VIEWER';

/** Which endpoint gets a new secret. */
export type RotateWebhookSecretInput = {
  /** The endpoint's id. */
  id: string | number;
};

/** Which endpoint gets a test event. */
export type SendTestWebhookInput = {
  /** The endpoint's id. */
  id: string | number;
};

/** Settings of one component to change. */
export type SetComponentSettingsInput = {
  /** The component's key. */
  componentKey: string;
  /** The settings to change; others keep their value. */
  settings: Array<ComponentSettingInput>;
};

/** A step's new credential. */
export type SetStepCredentialInput = {
  /** A credential of the step's component, or null (or left out) for none. */
  credentialId?: string | number | null | undefined;
  /** The step's id. */
  stepId: string | number;
};

/** The first owner's account and workspace. */
export type SetupInput = {
  /** The owner's email address; used to sign in. */
  email: string;
  /** The owner's display name. */
  name: string;
  /** At least 10 characters. */
  password: string;
  /** Name of the first workspace; defaults to `<name>'s workspace`. */
  workspaceName?: string | null | undefined;
};

/** An email address and password to sign in with. */
export type SignInInput = {
  /** The email address. */
  email: string;
  /** The password. */
  password: string;
};

/** Which of the person's workspaces to act in. */
export type SwitchWorkspaceInput = {
  /** The workspace's id. */
  id: string | number;
};

/** A saved credential's new values. */
export type UpdateCredentialInput = {
  /** The credential's id. */
  id: string | number;
  /** The new field values by field name (at most 64 KiB); secret fields left out keep their stored value. */
  values: Record<string, unknown>;
};

/** Changes to an endpoint; fields left out keep their value. */
export type UpdateWebhookEndpointInput = {
  /** A new note; empty clears it. */
  description?: string | null | undefined;
  /** Enable or disable the endpoint (enabling clears a FAILING state). */
  enabled?: boolean | null | undefined;
  /** New event types; empty: every event. */
  events?: Array<string> | null | undefined;
  /** The endpoint's id. */
  id: string | number;
  /** A new URL. */
  url?: string | null | undefined;
};

/** Why a verification ended as it did. */
export type VerificationCode =
  /** The target address is not allowed by the network policy (SSRF guard). */
  | 'BLOCKED_TARGET'
  /**
   * Nothing was sent: the component's descriptor (base URL, token or authorization endpoint) or the
   * credential's values (host, port) now point somewhere else than where its stored secrets were
   * verified. Status INVALID until the secrets are re-entered with updateCredential (verified and
   * bound to the new destination); the scheduled re-verification leaves such a credential alone.
   */
  | 'DESTINATION_CHANGED'
  /** The application answered 403 / insufficient scope or privileges. */
  | 'FORBIDDEN'
  /** The component defines no verification (an imported component.json without an `x-latchkey` verify section): the values were saved unchecked, as UNVERIFIED. */
  | 'NOT_VERIFIED'
  /** The application accepted the credential. */
  | 'OK'
  /** No answer within the verification timeout. */
  | 'TIMEOUT'
  /** OAuth2 token expired and could not be refreshed. */
  | 'TOKEN_EXPIRED'
  /** The application answered 401 / bad password / invalid_client. */
  | 'UNAUTHORIZED'
  /** The application answered, but not as the descriptor expects (e.g. 500, unexpected body). */
  | 'UNEXPECTED_RESPONSE'
  /** DNS failure, connection refused or reset, TLS failure. */
  | 'UNREACHABLE';

/** What caused a stored verification result (the credential page's history says it in words). */
export type VerificationTrigger =
  /**
   * registerComponent gave its component a descriptor that sends its secrets elsewhere: the result
   * DESTINATION_CHANGED was stored without sending anything.
   */
  | 'COMPONENT_REGISTERED'
  /** The credential was created with createCredential (verified before it was saved). */
  | 'CREATED'
  /** Someone re-verified it on purpose with reverifyCredential. */
  | 'MANUAL'
  /** The OAuth2 callback saved it after the account was connected (beginOAuth2Authorization). */
  | 'OAUTH2_CONNECTED'
  /** The OAuth2 callback replaced its tokens after the account was connected again (reconnectOAuth2Credential). */
  | 'OAUTH2_RECONNECTED'
  /** The scheduled re-verification job (LATCHKEY_REVERIFY_INTERVAL) checked it. */
  | 'SCHEDULED'
  /**
   * Renewing its OAuth2 access token (before a use by resolveCredential or a verification) was
   * refused for good: the renewal stored this result itself.
   */
  | 'TOKEN_REFRESH'
  /** Stored before Latchkey recorded what caused each result. */
  | 'UNKNOWN'
  /** Its values were replaced with updateCredential (verified before they were saved). */
  | 'UPDATED';

export type PersonFieldsFragment = { id: string, name: string, email: string };

export type WorkspaceFieldsFragment = { id: string, name: string, slug: string, role: Role | null };

export type ApiTokenFieldsFragment = { id: string, name: string, tokenStart: string, scopes: Array<ApiTokenScope>, createdAt: string, expiresAt: string | null, revokedAt: string | null, lastUsedAt: string | null, createdBy: { id: string, name: string } | null };

export type InvitationFieldsFragment = { id: string, role: Role, createdAt: string, expiresAt: string };

export type MemberFieldsFragment = { role: Role, joinedAt: string, person: { id: string, name: string, email: string } };

export type SignedInFieldsFragment = { person: { id: string, name: string, email: string }, workspace: { id: string, name: string, slug: string, role: Role | null } | null };

export type SetupStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type SetupStatusQuery = { setupStatus: { needsSetup: boolean } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { role: Role | null, scopes: Array<ApiTokenScope>, person: { id: string, name: string, email: string } | null, apiToken: { id: string, name: string, tokenStart: string, scopes: Array<ApiTokenScope>, createdAt: string, expiresAt: string | null, revokedAt: string | null, lastUsedAt: string | null, createdBy: { id: string, name: string } | null } | null, workspace: { id: string, name: string, slug: string, role: Role | null } | null } | null };

export type WorkspacesQueryVariables = Exact<{ [key: string]: never; }>;


export type WorkspacesQuery = { workspaces: Array<{ id: string, name: string, slug: string, role: Role | null }> };

export type MembersQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type MembersQuery = { members: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { role: Role, joinedAt: string, person: { id: string, name: string, email: string } } }> } };

export type InvitationsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type InvitationsQuery = { invitations: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, role: Role, createdAt: string, expiresAt: string } }> } };

export type InvitationPreviewQueryVariables = Exact<{
  token: string;
}>;


export type InvitationPreviewQuery = { invitation: { workspaceName: string, role: Role, expiresAt: string } | null };

export type ApiTokensQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type ApiTokensQuery = { apiTokens: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, name: string, tokenStart: string, scopes: Array<ApiTokenScope>, createdAt: string, expiresAt: string | null, revokedAt: string | null, lastUsedAt: string | null, createdBy: { id: string, name: string } | null } }> } };

export type AuditLogQueryVariables = Exact<{
  filter?: AuditFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type AuditLogQuery = { auditLog: { edges: Array<{ cursor: string, node: { id: string, at: string, actorType: AuditActorType, actorId: string | null, actorName: string | null, action: string, objectType: string, objectId: string | null, remoteAddress: string | null, details: Record<string, unknown> | null } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type SetupFirstOwnerMutationVariables = Exact<{
  input: SetupInput;
}>;


export type SetupFirstOwnerMutation = { setupFirstOwner:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'SignedIn', person: { id: string, name: string, email: string }, workspace: { id: string, name: string, slug: string, role: Role | null } | null }
   };

export type SignInMutationVariables = Exact<{
  input: SignInInput;
}>;


export type SignInMutation = { signIn:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'SignInFailed', message: string }
    | { __typename: 'SignedIn', person: { id: string, name: string, email: string }, workspace: { id: string, name: string, slug: string, role: Role | null } | null }
   };

export type EndSessionMutationVariables = Exact<{ [key: string]: never; }>;


export type EndSessionMutation = { endSession: { __typename: 'SessionEnded', person: { id: string } } };

export type SwitchWorkspaceMutationVariables = Exact<{
  input: SwitchWorkspaceInput;
}>;


export type SwitchWorkspaceMutation = { switchWorkspace:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
    | { __typename: 'WorkspaceSwitched', workspace: { id: string, name: string, slug: string, role: Role | null } }
   };

export type CreateWorkspaceMutationVariables = Exact<{
  input: CreateWorkspaceInput;
}>;


export type CreateWorkspaceMutation = { createWorkspace:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'WorkspaceCreated', workspace: { id: string, name: string, slug: string, role: Role | null } }
   };

export type CreateInvitationMutationVariables = Exact<{
  input: CreateInvitationInput;
}>;


export type CreateInvitationMutation = { createInvitation:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'InvitationCreated', token: string, invitation: { id: string, role: Role, createdAt: string, expiresAt: string } }
    | { __typename: 'NotAllowed', message: string }
   };

export type RevokeInvitationMutationVariables = Exact<{
  input: RevokeInvitationInput;
}>;


export type RevokeInvitationMutation = { revokeInvitation:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'InvitationRevoked', invitation: { id: string, role: Role, createdAt: string, expiresAt: string } }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type AcceptInvitationMutationVariables = Exact<{
  input: AcceptInvitationInput;
}>;


export type AcceptInvitationMutation = { acceptInvitation:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'InvitationAccepted', person: { id: string, name: string, email: string }, workspace: { id: string, name: string, slug: string, role: Role | null } }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type ChangeMemberRoleMutationVariables = Exact<{
  input: ChangeMemberRoleInput;
}>;


export type ChangeMemberRoleMutation = { changeMemberRole:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'MemberUpdated', member: { role: Role, joinedAt: string, person: { id: string, name: string, email: string } } }
    | { __typename: 'NotAllowed', message: string }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type RemoveMemberMutationVariables = Exact<{
  input: RemoveMemberInput;
}>;


export type RemoveMemberMutation = { removeMember:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'MemberRemoved', personId: string }
    | { __typename: 'NotAllowed', message: string }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type CreateApiTokenMutationVariables = Exact<{
  input: CreateApiTokenInput;
}>;


export type CreateApiTokenMutation = { createApiToken:
    | { __typename: 'ApiTokenCreated', token: string, apiToken: { id: string, name: string, tokenStart: string, scopes: Array<ApiTokenScope>, createdAt: string, expiresAt: string | null, revokedAt: string | null, lastUsedAt: string | null, createdBy: { id: string, name: string } | null } }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
   };

export type RevokeApiTokenMutationVariables = Exact<{
  input: RevokeApiTokenInput;
}>;


export type RevokeApiTokenMutation = { revokeApiToken:
    | { __typename: 'ApiTokenRevoked', apiToken: { id: string, name: string, tokenStart: string, scopes: Array<ApiTokenScope>, createdAt: string, expiresAt: string | null, revokedAt: string | null, lastUsedAt: string | null, createdBy: { id: string, name: string } | null } }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type ComponentsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type ComponentsQuery = { components: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, key: string, name: string, description: string | null, credentialCount: number, format: DescriptorFormat } }> } };

export type ComponentQueryVariables = Exact<{
  key: string;
  orderBy?: CredentialOrder | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type ComponentQuery = { component: { id: string, key: string, name: string, description: string | null, credentialCount: number, format: DescriptorFormat, credentials: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, name: string, authType: AuthType, config: Record<string, unknown>, status: CredentialStatus, createdAt: string, updatedAt: string, usage: { totalCount: number, edges: Array<{ node: { flow: { id: string, name: string, status: FlowStatus }, step: { id: string, position: number, name: string } } }> }, secrets: Array<{ field: string, hint: string }>, lastVerification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } | null, component: { id: string, key: string, name: string } } }> }, authMethods: Array<{ type: AuthType, label: string, grantTypes: Array<OAuth2GrantType>, redirectUri: string | null, fields: Array<{ name: string, label: string, type: FieldType, required: boolean, secret: boolean, description: string | null, placeholder: string | null, defaultValue: string | null, options: Array<string> | null, selectOptions: Array<{ value: string, label: string }> | null }> }> } | null };

export type RegisterComponentMutationVariables = Exact<{
  input: RegisterComponentInput;
}>;


export type RegisterComponentMutation = { registerComponent:
    | { __typename: 'ComponentRegistered', warnings: Array<string>, component: { id: string, key: string, name: string, description: string | null, credentialCount: number, format: DescriptorFormat, authMethods: Array<{ type: AuthType, label: string, grantTypes: Array<OAuth2GrantType>, redirectUri: string | null, fields: Array<{ name: string, label: string, type: FieldType, required: boolean, secret: boolean, description: string | null, placeholder: string | null, defaultValue: string | null, options: Array<string> | null, selectOptions: Array<{ value: string, label: string }> | null }> }> }, credentialsNeedingReentry: Array<{ id: string, name: string, status: CredentialStatus }> }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
   };

export type ComponentSettingsQueryVariables = Exact<{
  key: string;
}>;


export type ComponentSettingsQuery = { component: { id: string, key: string, name: string, format: DescriptorFormat, settings: Array<{ name: string, description: string | null, required: boolean, secret: boolean, isSet: boolean }> } | null };

export type SetComponentSettingsMutationVariables = Exact<{
  input: SetComponentSettingsInput;
}>;


export type SetComponentSettingsMutation = { setComponentSettings:
    | { __typename: 'ComponentSettingsSet', component: { id: string, settings: Array<{ name: string, isSet: boolean }> } }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string }
   };

export type PreviewComponentQueryVariables = Exact<{
  descriptorText: string;
  format?: DescriptorFormat | null | undefined;
  key?: string | null | undefined;
}>;


export type PreviewComponentQuery = { previewComponent:
    | { __typename: 'ComponentPreview', key: string, name: string, description: string | null, warnings: Array<string>, authMethods: Array<{ type: AuthType, label: string, grantTypes: Array<OAuth2GrantType>, redirectUri: string | null, fields: Array<{ name: string, label: string, type: FieldType, required: boolean, secret: boolean, description: string | null, placeholder: string | null, defaultValue: string | null, options: Array<string> | null, selectOptions: Array<{ value: string, label: string }> | null }> }> }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
   };

export type CredentialsQueryVariables = Exact<{
  filter?: CredentialFilter | null | undefined;
  orderBy?: CredentialOrder | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type CredentialsQuery = { credentials: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, name: string, authType: AuthType, config: Record<string, unknown>, status: CredentialStatus, createdAt: string, updatedAt: string, secrets: Array<{ field: string, hint: string }>, lastVerification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } | null, component: { id: string, key: string, name: string } } }> } };

export type CredentialQueryVariables = Exact<{
  id: string | number;
  usageFirst?: number | null | undefined;
  usageAfter?: string | null | undefined;
  usageLast?: number | null | undefined;
  usageBefore?: string | null | undefined;
}>;


export type CredentialQuery = { credential: { id: string, name: string, authType: AuthType, config: Record<string, unknown>, status: CredentialStatus, createdAt: string, updatedAt: string, component: { id: string, key: string, name: string, description: string | null, credentialCount: number, format: DescriptorFormat, authMethods: Array<{ type: AuthType, label: string, grantTypes: Array<OAuth2GrantType>, redirectUri: string | null, fields: Array<{ name: string, label: string, type: FieldType, required: boolean, secret: boolean, description: string | null, placeholder: string | null, defaultValue: string | null, options: Array<string> | null, selectOptions: Array<{ value: string, label: string }> | null }> }> }, usage: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { flow: { id: string, name: string, status: FlowStatus }, step: { id: string, position: number, name: string } } }> }, secrets: Array<{ field: string, hint: string }>, lastVerification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } | null } | null };

export type CredentialVerificationsQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type CredentialVerificationsQuery = { credential: { id: string, status: CredentialStatus, verifications: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { trigger: VerificationTrigger | null, triggeredBy: string | null, ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } }> } } | null };

export type VerifyCredentialValuesMutationVariables = Exact<{
  input: CredentialInput;
}>;


export type VerifyCredentialValuesMutation = { verifyCredentialValues:
    | { __typename: 'CredentialValuesVerified', verification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
    | { __typename: 'VerificationFailed', message: string, verification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } }
   };

export type CreateCredentialMutationVariables = Exact<{
  input: CredentialInput;
}>;


export type CreateCredentialMutation = { createCredential:
    | { __typename: 'CredentialCreated', credential: { id: string, name: string, authType: AuthType, config: Record<string, unknown>, status: CredentialStatus, createdAt: string, updatedAt: string, secrets: Array<{ field: string, hint: string }>, lastVerification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } | null, component: { id: string, key: string, name: string } }, verification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
    | { __typename: 'VerificationFailed', message: string, verification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } }
   };

export type UpdateCredentialMutationVariables = Exact<{
  input: UpdateCredentialInput;
}>;


export type UpdateCredentialMutation = { updateCredential:
    | { __typename: 'CredentialUpdated', credential: { id: string, name: string, authType: AuthType, config: Record<string, unknown>, status: CredentialStatus, createdAt: string, updatedAt: string, secrets: Array<{ field: string, hint: string }>, lastVerification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } | null, component: { id: string, key: string, name: string } }, verification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
    | { __typename: 'VerificationFailed', message: string, verification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } }
   };

export type RenameCredentialMutationVariables = Exact<{
  input: RenameCredentialInput;
}>;


export type RenameCredentialMutation = { renameCredential:
    | { __typename: 'CredentialRenamed', credential: { id: string, name: string, authType: AuthType, config: Record<string, unknown>, status: CredentialStatus, createdAt: string, updatedAt: string, secrets: Array<{ field: string, hint: string }>, lastVerification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } | null, component: { id: string, key: string, name: string } } }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type DeleteCredentialMutationVariables = Exact<{
  input: DeleteCredentialInput;
}>;


export type DeleteCredentialMutation = { deleteCredential:
    | { __typename: 'CredentialDeleted', deletedId: string }
    | { __typename: 'CredentialInUse', message: string, flows: Array<{ id: string, name: string, status: FlowStatus }> }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type ReverifyCredentialMutationVariables = Exact<{
  input: ReverifyCredentialInput;
}>;


export type ReverifyCredentialMutation = { reverifyCredential:
    | { __typename: 'CredentialVerified', credential: { id: string, name: string, authType: AuthType, config: Record<string, unknown>, status: CredentialStatus, createdAt: string, updatedAt: string, secrets: Array<{ field: string, hint: string }>, lastVerification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } | null, component: { id: string, key: string, name: string } }, verification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type ResolveCredentialMutationVariables = Exact<{
  input: ResolveCredentialInput;
}>;


export type ResolveCredentialMutation = { resolveCredential:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
    | { __typename: 'ResolvedCredential', secrets: Record<string, unknown>, values: Record<string, unknown>, expiresAt: string | null, credential: { id: string, name: string, authType: AuthType, config: Record<string, unknown>, status: CredentialStatus, createdAt: string, updatedAt: string, secrets: Array<{ field: string, hint: string }>, lastVerification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } | null, component: { id: string, key: string, name: string } } }
    | { __typename: 'VerificationFailed', message: string, verification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } }
   };

export type BeginOAuth2AuthorizationMutationVariables = Exact<{
  input: CredentialInput;
}>;


export type BeginOAuth2AuthorizationMutation = { beginOAuth2Authorization:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
    | { __typename: 'OAuth2AuthorizationStarted', authorization: { authorizationUrl: string, state: string } }
   };

export type ReconnectOAuth2CredentialMutationVariables = Exact<{
  input: ReconnectOAuth2CredentialInput;
}>;


export type ReconnectOAuth2CredentialMutation = { reconnectOAuth2Credential:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
    | { __typename: 'OAuth2Authorization', authorizationUrl: string, state: string }
   };

export type FlowsQueryVariables = Exact<{
  status?: FlowStatus | null | undefined;
  filter?: FlowFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type FlowsQuery = { flows: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, name: string, status: FlowStatus, createdAt: string, updatedAt: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }>, stepsNeedingAttention: Array<{ id: string, position: number, credential: { id: string, status: CredentialStatus } | null }> } }> }, active: { totalCount: number }, attention: { totalCount: number, edges: Array<{ node: { id: string, name: string, stepsNeedingAttention: Array<{ id: string, position: number, component: { name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }> } }> } };

export type FlowQueryVariables = Exact<{
  id: string | number;
}>;


export type FlowQuery = { flow: { id: string, name: string, status: FlowStatus, createdAt: string, updatedAt: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }>, stepsNeedingAttention: Array<{ id: string, position: number, credential: { id: string, status: CredentialStatus } | null }> } | null };

type FlowResultFields_CredentialMismatch_Fragment = { __typename: 'CredentialMismatch', message: string, stepIndex: number };

type FlowResultFields_FlowNotReady_Fragment = { __typename: 'FlowNotReady', message: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }> };

type FlowResultFields_FlowSaved_Fragment = { __typename: 'FlowSaved', flow: { id: string, name: string, status: FlowStatus, createdAt: string, updatedAt: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }>, stepsNeedingAttention: Array<{ id: string, position: number, credential: { id: string, status: CredentialStatus } | null }> } };

type FlowResultFields_InvalidInput_Fragment = { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> };

type FlowResultFields_NotFound_Fragment = { __typename: 'NotFound', message: string, id: string | null };

export type FlowResultFieldsFragment =
  | FlowResultFields_CredentialMismatch_Fragment
  | FlowResultFields_FlowNotReady_Fragment
  | FlowResultFields_FlowSaved_Fragment
  | FlowResultFields_InvalidInput_Fragment
  | FlowResultFields_NotFound_Fragment
;

export type CreateFlowMutationVariables = Exact<{
  input: CreateFlowInput;
}>;


export type CreateFlowMutation = { createFlow:
    | { __typename: 'CredentialMismatch', message: string, stepIndex: number }
    | { __typename: 'FlowNotReady', message: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }> }
    | { __typename: 'FlowSaved', flow: { id: string, name: string, status: FlowStatus, createdAt: string, updatedAt: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }>, stepsNeedingAttention: Array<{ id: string, position: number, credential: { id: string, status: CredentialStatus } | null }> } }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type RenameFlowMutationVariables = Exact<{
  input: RenameFlowInput;
}>;


export type RenameFlowMutation = { renameFlow:
    | { __typename: 'CredentialMismatch', message: string, stepIndex: number }
    | { __typename: 'FlowNotReady', message: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }> }
    | { __typename: 'FlowSaved', flow: { id: string, name: string, status: FlowStatus, createdAt: string, updatedAt: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }>, stepsNeedingAttention: Array<{ id: string, position: number, credential: { id: string, status: CredentialStatus } | null }> } }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type SetStepCredentialMutationVariables = Exact<{
  input: SetStepCredentialInput;
}>;


export type SetStepCredentialMutation = { setStepCredential:
    | { __typename: 'CredentialMismatch', message: string, stepIndex: number }
    | { __typename: 'FlowNotReady', message: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }> }
    | { __typename: 'FlowSaved', flow: { id: string, name: string, status: FlowStatus, createdAt: string, updatedAt: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }>, stepsNeedingAttention: Array<{ id: string, position: number, credential: { id: string, status: CredentialStatus } | null }> } }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type ActivateFlowMutationVariables = Exact<{
  input: ActivateFlowInput;
}>;


export type ActivateFlowMutation = { activateFlow:
    | { __typename: 'CredentialMismatch', message: string, stepIndex: number }
    | { __typename: 'FlowNotReady', message: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }> }
    | { __typename: 'FlowSaved', flow: { id: string, name: string, status: FlowStatus, createdAt: string, updatedAt: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }>, stepsNeedingAttention: Array<{ id: string, position: number, credential: { id: string, status: CredentialStatus } | null }> } }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type DeactivateFlowMutationVariables = Exact<{
  input: DeactivateFlowInput;
}>;


export type DeactivateFlowMutation = { deactivateFlow:
    | { __typename: 'CredentialMismatch', message: string, stepIndex: number }
    | { __typename: 'FlowNotReady', message: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }> }
    | { __typename: 'FlowSaved', flow: { id: string, name: string, status: FlowStatus, createdAt: string, updatedAt: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }>, stepsNeedingAttention: Array<{ id: string, position: number, credential: { id: string, status: CredentialStatus } | null }> } }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type DeleteFlowMutationVariables = Exact<{
  input: DeleteFlowInput;
}>;


export type DeleteFlowMutation = { deleteFlow:
    | { __typename: 'FlowDeleted', deletedId: string }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type ComponentCatalogQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ComponentCatalogQuery = { components: { pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ node: { id: string, key: string, name: string, description: string | null, credentialCount: number, format: DescriptorFormat, authMethods: Array<{ type: AuthType, label: string, grantTypes: Array<OAuth2GrantType>, redirectUri: string | null, fields: Array<{ name: string, label: string, type: FieldType, required: boolean, secret: boolean, description: string | null, placeholder: string | null, defaultValue: string | null, options: Array<string> | null, selectOptions: Array<{ value: string, label: string }> | null }> }> } }> } };

export type PageInfoFieldsFragment = { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null };

export type VerificationFieldsFragment = { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number };

export type ComponentSummaryFragment = { id: string, key: string, name: string, description: string | null, credentialCount: number, format: DescriptorFormat };

export type ComponentFieldsFragment = { id: string, key: string, name: string, description: string | null, credentialCount: number, format: DescriptorFormat, authMethods: Array<{ type: AuthType, label: string, grantTypes: Array<OAuth2GrantType>, redirectUri: string | null, fields: Array<{ name: string, label: string, type: FieldType, required: boolean, secret: boolean, description: string | null, placeholder: string | null, defaultValue: string | null, options: Array<string> | null, selectOptions: Array<{ value: string, label: string }> | null }> }> };

export type AuthMethodFieldsFragment = { type: AuthType, label: string, grantTypes: Array<OAuth2GrantType>, redirectUri: string | null, fields: Array<{ name: string, label: string, type: FieldType, required: boolean, secret: boolean, description: string | null, placeholder: string | null, defaultValue: string | null, options: Array<string> | null, selectOptions: Array<{ value: string, label: string }> | null }> };

export type CredentialFieldsFragment = { id: string, name: string, authType: AuthType, config: Record<string, unknown>, status: CredentialStatus, createdAt: string, updatedAt: string, secrets: Array<{ field: string, hint: string }>, lastVerification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } | null, component: { id: string, key: string, name: string } };

export type FlowStepFieldsFragment = { id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null };

export type FlowFieldsFragment = { id: string, name: string, status: FlowStatus, createdAt: string, updatedAt: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }>, stepsNeedingAttention: Array<{ id: string, position: number, credential: { id: string, status: CredentialStatus } | null }> };

export type InvalidInputFieldsFragment = { message: string, fieldErrors: Array<{ field: string, message: string }> };

export type VerificationFailedFieldsFragment = { message: string, verification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } };

export type NotFoundFieldsFragment = { message: string, id: string | null };

export type WebhookEndpointFieldsFragment = { id: string, url: string, description: string | null, events: Array<string>, enabled: boolean, disabledReason: string | null, failingSince: string | null, previousSecretExpiresAt: string | null, createdAt: string, updatedAt: string };

export type WebhookDeliveryFieldsFragment = { id: string, webhookId: string, eventType: string, ok: boolean, statusCode: number | null, durationMs: number, error: string | null, attemptedAt: string };

export type WebhookEndpointsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  deliveries?: number | null | undefined;
}>;


export type WebhookEndpointsQuery = { webhookEndpoints: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, url: string, description: string | null, events: Array<string>, enabled: boolean, disabledReason: string | null, failingSince: string | null, previousSecretExpiresAt: string | null, createdAt: string, updatedAt: string, deliveries: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, webhookId: string, eventType: string, ok: boolean, statusCode: number | null, durationMs: number, error: string | null, attemptedAt: string } }> } } }> } };

export type CreateWebhookEndpointMutationVariables = Exact<{
  input: CreateWebhookEndpointInput;
}>;


export type CreateWebhookEndpointMutation = { createWebhookEndpoint:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'WebhookEndpointCreated', secret: string, endpoint: { id: string, url: string, description: string | null, events: Array<string>, enabled: boolean, disabledReason: string | null, failingSince: string | null, previousSecretExpiresAt: string | null, createdAt: string, updatedAt: string } }
   };

export type UpdateWebhookEndpointMutationVariables = Exact<{
  input: UpdateWebhookEndpointInput;
}>;


export type UpdateWebhookEndpointMutation = { updateWebhookEndpoint:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
    | { __typename: 'WebhookEndpointUpdated', endpoint: { id: string, url: string, description: string | null, events: Array<string>, enabled: boolean, disabledReason: string | null, failingSince: string | null, previousSecretExpiresAt: string | null, createdAt: string, updatedAt: string } }
   };

export type DeleteWebhookEndpointMutationVariables = Exact<{
  input: DeleteWebhookEndpointInput;
}>;


export type DeleteWebhookEndpointMutation = { deleteWebhookEndpoint:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
    | { __typename: 'WebhookEndpointDeleted', deletedId: string }
   };

export type SendTestWebhookMutationVariables = Exact<{
  input: SendTestWebhookInput;
}>;


export type SendTestWebhookMutation = { sendTestWebhook:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
    | { __typename: 'WebhookTestQueued', webhookId: string }
   };

export type RotateWebhookSecretMutationVariables = Exact<{
  input: RotateWebhookSecretInput;
}>;


export type RotateWebhookSecretMutation = { rotateWebhookSecret:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
    | { __typename: 'WebhookSecretRotated', secret: string, endpoint: { id: string, url: string, description: string | null, events: Array<string>, enabled: boolean, disabledReason: string | null, failingSince: string | null, previousSecretExpiresAt: string | null, createdAt: string, updatedAt: string } }
   };

export type ResendWebhookDeliveryMutationVariables = Exact<{
  input: ResendWebhookDeliveryInput;
}>;


export type ResendWebhookDeliveryMutation = { resendWebhookDelivery:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
    | { __typename: 'WebhookDeliveryQueued', webhookId: string }
   };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ApiTokenFieldsFragmentDoc = new TypedDocumentString(`
    fragment ApiTokenFields on ApiToken {
  id
  name
  tokenStart
  scopes
  createdBy {
    id
    name
  }
  createdAt
  expiresAt
  revokedAt
  lastUsedAt
}
    `, {"fragmentName":"ApiTokenFields"}) as unknown as TypedDocumentString<ApiTokenFieldsFragment, unknown>;
export const InvitationFieldsFragmentDoc = new TypedDocumentString(`
    fragment InvitationFields on Invitation {
  id
  role
  createdAt
  expiresAt
}
    `, {"fragmentName":"InvitationFields"}) as unknown as TypedDocumentString<InvitationFieldsFragment, unknown>;
export const PersonFieldsFragmentDoc = new TypedDocumentString(`
    fragment PersonFields on Person {
  id
  name
  email
}
    `, {"fragmentName":"PersonFields"}) as unknown as TypedDocumentString<PersonFieldsFragment, unknown>;
export const MemberFieldsFragmentDoc = new TypedDocumentString(`
    fragment MemberFields on Member {
  person {
    ...PersonFields
  }
  role
  joinedAt
}
    fragment PersonFields on Person {
  id
  name
  email
}`, {"fragmentName":"MemberFields"}) as unknown as TypedDocumentString<MemberFieldsFragment, unknown>;
export const WorkspaceFieldsFragmentDoc = new TypedDocumentString(`
    fragment WorkspaceFields on Workspace {
  id
  name
  slug
  role
}
    `, {"fragmentName":"WorkspaceFields"}) as unknown as TypedDocumentString<WorkspaceFieldsFragment, unknown>;
export const SignedInFieldsFragmentDoc = new TypedDocumentString(`
    fragment SignedInFields on SignedIn {
  person {
    ...PersonFields
  }
  workspace {
    ...WorkspaceFields
  }
}
    fragment PersonFields on Person {
  id
  name
  email
}
fragment WorkspaceFields on Workspace {
  id
  name
  slug
  role
}`, {"fragmentName":"SignedInFields"}) as unknown as TypedDocumentString<SignedInFieldsFragment, unknown>;
export const FlowStepFieldsFragmentDoc = new TypedDocumentString(`
    fragment FlowStepFields on FlowStep {
  id
  position
  name
  component {
    id
    key
    name
  }
  credential {
    id
    name
    status
  }
}
    `, {"fragmentName":"FlowStepFields"}) as unknown as TypedDocumentString<FlowStepFieldsFragment, unknown>;
export const FlowFieldsFragmentDoc = new TypedDocumentString(`
    fragment FlowFields on Flow {
  id
  name
  status
  steps {
    ...FlowStepFields
  }
  stepsNeedingAttention {
    id
    position
    credential {
      id
      status
    }
  }
  createdAt
  updatedAt
}
    fragment FlowStepFields on FlowStep {
  id
  position
  name
  component {
    id
    key
    name
  }
  credential {
    id
    name
    status
  }
}`, {"fragmentName":"FlowFields"}) as unknown as TypedDocumentString<FlowFieldsFragment, unknown>;
export const InvalidInputFieldsFragmentDoc = new TypedDocumentString(`
    fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
    `, {"fragmentName":"InvalidInputFields"}) as unknown as TypedDocumentString<InvalidInputFieldsFragment, unknown>;
export const NotFoundFieldsFragmentDoc = new TypedDocumentString(`
    fragment NotFoundFields on NotFound {
  message
  id
}
    `, {"fragmentName":"NotFoundFields"}) as unknown as TypedDocumentString<NotFoundFieldsFragment, unknown>;
export const FlowResultFieldsFragmentDoc = new TypedDocumentString(`
    fragment FlowResultFields on FlowResult {
  __typename
  ... on FlowSaved {
    flow {
      ...FlowFields
    }
  }
  ... on InvalidInput {
    ...InvalidInputFields
  }
  ... on NotFound {
    ...NotFoundFields
  }
  ... on CredentialMismatch {
    message
    stepIndex
  }
  ... on FlowNotReady {
    message
    steps {
      ...FlowStepFields
    }
  }
}
    fragment FlowStepFields on FlowStep {
  id
  position
  name
  component {
    id
    key
    name
  }
  credential {
    id
    name
    status
  }
}
fragment FlowFields on Flow {
  id
  name
  status
  steps {
    ...FlowStepFields
  }
  stepsNeedingAttention {
    id
    position
    credential {
      id
      status
    }
  }
  createdAt
  updatedAt
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`, {"fragmentName":"FlowResultFields"}) as unknown as TypedDocumentString<FlowResultFieldsFragment, unknown>;
export const PageInfoFieldsFragmentDoc = new TypedDocumentString(`
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}
    `, {"fragmentName":"PageInfoFields"}) as unknown as TypedDocumentString<PageInfoFieldsFragment, unknown>;
export const ComponentSummaryFragmentDoc = new TypedDocumentString(`
    fragment ComponentSummary on Component {
  id
  key
  name
  description
  credentialCount
  format
}
    `, {"fragmentName":"ComponentSummary"}) as unknown as TypedDocumentString<ComponentSummaryFragment, unknown>;
export const AuthMethodFieldsFragmentDoc = new TypedDocumentString(`
    fragment AuthMethodFields on AuthMethod {
  type
  label
  grantTypes
  redirectUri
  fields {
    name
    label
    type
    required
    secret
    description
    placeholder
    defaultValue
    options
    selectOptions {
      value
      label
    }
  }
}
    `, {"fragmentName":"AuthMethodFields"}) as unknown as TypedDocumentString<AuthMethodFieldsFragment, unknown>;
export const ComponentFieldsFragmentDoc = new TypedDocumentString(`
    fragment ComponentFields on Component {
  ...ComponentSummary
  authMethods {
    ...AuthMethodFields
  }
}
    fragment ComponentSummary on Component {
  id
  key
  name
  description
  credentialCount
  format
}
fragment AuthMethodFields on AuthMethod {
  type
  label
  grantTypes
  redirectUri
  fields {
    name
    label
    type
    required
    secret
    description
    placeholder
    defaultValue
    options
    selectOptions {
      value
      label
    }
  }
}`, {"fragmentName":"ComponentFields"}) as unknown as TypedDocumentString<ComponentFieldsFragment, unknown>;
export const VerificationFieldsFragmentDoc = new TypedDocumentString(`
    fragment VerificationFields on VerificationResult {
  ok
  code
  status
  message
  checkedAt
  durationMs
}
    `, {"fragmentName":"VerificationFields"}) as unknown as TypedDocumentString<VerificationFieldsFragment, unknown>;
export const CredentialFieldsFragmentDoc = new TypedDocumentString(`
    fragment CredentialFields on Credential {
  id
  name
  authType
  config
  secrets {
    field
    hint
  }
  status
  lastVerification {
    ...VerificationFields
  }
  component {
    id
    key
    name
  }
  createdAt
  updatedAt
}
    fragment VerificationFields on VerificationResult {
  ok
  code
  status
  message
  checkedAt
  durationMs
}`, {"fragmentName":"CredentialFields"}) as unknown as TypedDocumentString<CredentialFieldsFragment, unknown>;
export const VerificationFailedFieldsFragmentDoc = new TypedDocumentString(`
    fragment VerificationFailedFields on VerificationFailed {
  message
  verification {
    ...VerificationFields
  }
}
    fragment VerificationFields on VerificationResult {
  ok
  code
  status
  message
  checkedAt
  durationMs
}`, {"fragmentName":"VerificationFailedFields"}) as unknown as TypedDocumentString<VerificationFailedFieldsFragment, unknown>;
export const WebhookEndpointFieldsFragmentDoc = new TypedDocumentString(`
    fragment WebhookEndpointFields on WebhookEndpoint {
  id
  url
  description
  events
  enabled
  disabledReason
  failingSince
  previousSecretExpiresAt
  createdAt
  updatedAt
}
    `, {"fragmentName":"WebhookEndpointFields"}) as unknown as TypedDocumentString<WebhookEndpointFieldsFragment, unknown>;
export const WebhookDeliveryFieldsFragmentDoc = new TypedDocumentString(`
    fragment WebhookDeliveryFields on WebhookDelivery {
  id
  webhookId
  eventType
  ok
  statusCode
  durationMs
  error
  attemptedAt
}
    `, {"fragmentName":"WebhookDeliveryFields"}) as unknown as TypedDocumentString<WebhookDeliveryFieldsFragment, unknown>;
export const SetupStatusDocument = new TypedDocumentString(`
    query SetupStatus {
  setupStatus {
    needsSetup
  }
}
    `) as unknown as TypedDocumentString<SetupStatusQuery, SetupStatusQueryVariables>;
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  viewer {
    person {
      ...PersonFields
    }
    apiToken {
      ...ApiTokenFields
    }
    workspace {
      ...WorkspaceFields
    }
    role
    scopes
  }
}
    fragment PersonFields on Person {
  id
  name
  email
}
fragment WorkspaceFields on Workspace {
  id
  name
  slug
  role
}
fragment ApiTokenFields on ApiToken {
  id
  name
  tokenStart
  scopes
  createdBy {
    id
    name
  }
  createdAt
  expiresAt
  revokedAt
  lastUsedAt
}`) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
export const WorkspacesDocument = new TypedDocumentString(`
    query Workspaces {
  workspaces {
    ...WorkspaceFields
  }
}
    fragment WorkspaceFields on Workspace {
  id
  name
  slug
  role
}`) as unknown as TypedDocumentString<WorkspacesQuery, WorkspacesQueryVariables>;
export const MembersDocument = new TypedDocumentString(`
    query Members($first: Int, $after: String, $last: Int, $before: String) {
  members(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo {
      ...PageInfoFields
    }
    edges {
      cursor
      node {
        ...MemberFields
      }
    }
  }
}
    fragment PersonFields on Person {
  id
  name
  email
}
fragment MemberFields on Member {
  person {
    ...PersonFields
  }
  role
  joinedAt
}
fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}`) as unknown as TypedDocumentString<MembersQuery, MembersQueryVariables>;
export const InvitationsDocument = new TypedDocumentString(`
    query Invitations($first: Int, $after: String, $last: Int, $before: String) {
  invitations(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo {
      ...PageInfoFields
    }
    edges {
      cursor
      node {
        ...InvitationFields
      }
    }
  }
}
    fragment InvitationFields on Invitation {
  id
  role
  createdAt
  expiresAt
}
fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}`) as unknown as TypedDocumentString<InvitationsQuery, InvitationsQueryVariables>;
export const InvitationPreviewDocument = new TypedDocumentString(`
    query InvitationPreview($token: String!) {
  invitation(token: $token) {
    workspaceName
    role
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<InvitationPreviewQuery, InvitationPreviewQueryVariables>;
export const ApiTokensDocument = new TypedDocumentString(`
    query ApiTokens($first: Int, $after: String, $last: Int, $before: String) {
  apiTokens(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo {
      ...PageInfoFields
    }
    edges {
      cursor
      node {
        ...ApiTokenFields
      }
    }
  }
}
    fragment ApiTokenFields on ApiToken {
  id
  name
  tokenStart
  scopes
  createdBy {
    id
    name
  }
  createdAt
  expiresAt
  revokedAt
  lastUsedAt
}
fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}`) as unknown as TypedDocumentString<ApiTokensQuery, ApiTokensQueryVariables>;
export const AuditLogDocument = new TypedDocumentString(`
    query AuditLog($filter: AuditFilter, $first: Int, $after: String, $last: Int, $before: String) {
  auditLog(
    filter: $filter
    first: $first
    after: $after
    last: $last
    before: $before
  ) {
    edges {
      cursor
      node {
        id
        at
        actorType
        actorId
        actorName
        action
        objectType
        objectId
        remoteAddress
        details
      }
    }
    pageInfo {
      ...PageInfoFields
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}`) as unknown as TypedDocumentString<AuditLogQuery, AuditLogQueryVariables>;
export const SetupFirstOwnerDocument = new TypedDocumentString(`
    mutation SetupFirstOwner($input: SetupInput!) {
  setupFirstOwner(input: $input) {
    __typename
    ... on SignedIn {
      ...SignedInFields
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
  }
}
    fragment PersonFields on Person {
  id
  name
  email
}
fragment WorkspaceFields on Workspace {
  id
  name
  slug
  role
}
fragment SignedInFields on SignedIn {
  person {
    ...PersonFields
  }
  workspace {
    ...WorkspaceFields
  }
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}`) as unknown as TypedDocumentString<SetupFirstOwnerMutation, SetupFirstOwnerMutationVariables>;
export const SignInDocument = new TypedDocumentString(`
    mutation SignIn($input: SignInInput!) {
  signIn(input: $input) {
    __typename
    ... on SignedIn {
      ...SignedInFields
    }
    ... on SignInFailed {
      message
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
  }
}
    fragment PersonFields on Person {
  id
  name
  email
}
fragment WorkspaceFields on Workspace {
  id
  name
  slug
  role
}
fragment SignedInFields on SignedIn {
  person {
    ...PersonFields
  }
  workspace {
    ...WorkspaceFields
  }
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}`) as unknown as TypedDocumentString<SignInMutation, SignInMutationVariables>;
export const EndSessionDocument = new TypedDocumentString(`
    mutation EndSession {
  endSession {
    __typename
    ... on SessionEnded {
      person {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EndSessionMutation, EndSessionMutationVariables>;
export const SwitchWorkspaceDocument = new TypedDocumentString(`
    mutation SwitchWorkspace($input: SwitchWorkspaceInput!) {
  switchWorkspace(input: $input) {
    __typename
    ... on WorkspaceSwitched {
      workspace {
        ...WorkspaceFields
      }
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
    ... on NotFound {
      ...NotFoundFields
    }
  }
}
    fragment WorkspaceFields on Workspace {
  id
  name
  slug
  role
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<SwitchWorkspaceMutation, SwitchWorkspaceMutationVariables>;
export const CreateWorkspaceDocument = new TypedDocumentString(`
    mutation CreateWorkspace($input: CreateWorkspaceInput!) {
  createWorkspace(input: $input) {
    __typename
    ... on WorkspaceCreated {
      workspace {
        ...WorkspaceFields
      }
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
  }
}
    fragment WorkspaceFields on Workspace {
  id
  name
  slug
  role
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}`) as unknown as TypedDocumentString<CreateWorkspaceMutation, CreateWorkspaceMutationVariables>;
export const CreateInvitationDocument = new TypedDocumentString(`
    mutation CreateInvitation($input: CreateInvitationInput!) {
  createInvitation(input: $input) {
    __typename
    ... on InvitationCreated {
      invitation {
        ...InvitationFields
      }
      token
    }
    ... on NotAllowed {
      message
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
  }
}
    fragment InvitationFields on Invitation {
  id
  role
  createdAt
  expiresAt
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}`) as unknown as TypedDocumentString<CreateInvitationMutation, CreateInvitationMutationVariables>;
export const RevokeInvitationDocument = new TypedDocumentString(`
    mutation RevokeInvitation($input: RevokeInvitationInput!) {
  revokeInvitation(input: $input) {
    __typename
    ... on InvitationRevoked {
      invitation {
        ...InvitationFields
      }
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
    ... on NotFound {
      ...NotFoundFields
    }
  }
}
    fragment InvitationFields on Invitation {
  id
  role
  createdAt
  expiresAt
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<RevokeInvitationMutation, RevokeInvitationMutationVariables>;
export const AcceptInvitationDocument = new TypedDocumentString(`
    mutation AcceptInvitation($input: AcceptInvitationInput!) {
  acceptInvitation(input: $input) {
    __typename
    ... on InvitationAccepted {
      person {
        ...PersonFields
      }
      workspace {
        ...WorkspaceFields
      }
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
    ... on NotFound {
      ...NotFoundFields
    }
  }
}
    fragment PersonFields on Person {
  id
  name
  email
}
fragment WorkspaceFields on Workspace {
  id
  name
  slug
  role
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<AcceptInvitationMutation, AcceptInvitationMutationVariables>;
export const ChangeMemberRoleDocument = new TypedDocumentString(`
    mutation ChangeMemberRole($input: ChangeMemberRoleInput!) {
  changeMemberRole(input: $input) {
    __typename
    ... on MemberUpdated {
      member {
        ...MemberFields
      }
    }
    ... on NotAllowed {
      message
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
    ... on NotFound {
      ...NotFoundFields
    }
  }
}
    fragment PersonFields on Person {
  id
  name
  email
}
fragment MemberFields on Member {
  person {
    ...PersonFields
  }
  role
  joinedAt
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<ChangeMemberRoleMutation, ChangeMemberRoleMutationVariables>;
export const RemoveMemberDocument = new TypedDocumentString(`
    mutation RemoveMember($input: RemoveMemberInput!) {
  removeMember(input: $input) {
    __typename
    ... on MemberRemoved {
      personId
    }
    ... on NotAllowed {
      message
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
    ... on NotFound {
      ...NotFoundFields
    }
  }
}
    fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<RemoveMemberMutation, RemoveMemberMutationVariables>;
export const CreateApiTokenDocument = new TypedDocumentString(`
    mutation CreateApiToken($input: CreateApiTokenInput!) {
  createApiToken(input: $input) {
    __typename
    ... on ApiTokenCreated {
      apiToken {
        ...ApiTokenFields
      }
      token
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
  }
}
    fragment ApiTokenFields on ApiToken {
  id
  name
  tokenStart
  scopes
  createdBy {
    id
    name
  }
  createdAt
  expiresAt
  revokedAt
  lastUsedAt
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}`) as unknown as TypedDocumentString<CreateApiTokenMutation, CreateApiTokenMutationVariables>;
export const RevokeApiTokenDocument = new TypedDocumentString(`
    mutation RevokeApiToken($input: RevokeApiTokenInput!) {
  revokeApiToken(input: $input) {
    __typename
    ... on ApiTokenRevoked {
      apiToken {
        ...ApiTokenFields
      }
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
    ... on NotFound {
      ...NotFoundFields
    }
  }
}
    fragment ApiTokenFields on ApiToken {
  id
  name
  tokenStart
  scopes
  createdBy {
    id
    name
  }
  createdAt
  expiresAt
  revokedAt
  lastUsedAt
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<RevokeApiTokenMutation, RevokeApiTokenMutationVariables>;
export const ComponentsDocument = new TypedDocumentString(`
    query Components($first: Int, $after: String, $last: Int, $before: String) {
  components(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo {
      ...PageInfoFields
    }
    edges {
      cursor
      node {
        ...ComponentSummary
      }
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}
fragment ComponentSummary on Component {
  id
  key
  name
  description
  credentialCount
  format
}`) as unknown as TypedDocumentString<ComponentsQuery, ComponentsQueryVariables>;
export const ComponentDocument = new TypedDocumentString(`
    query Component($key: String!, $orderBy: CredentialOrder, $first: Int, $after: String, $last: Int, $before: String) {
  component(key: $key) {
    ...ComponentFields
    credentials(
      orderBy: $orderBy
      first: $first
      after: $after
      last: $last
      before: $before
    ) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        cursor
        node {
          ...CredentialFields
          usage {
            totalCount
            edges {
              node {
                flow {
                  id
                  name
                  status
                }
                step {
                  id
                  position
                  name
                }
              }
            }
          }
        }
      }
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}
fragment VerificationFields on VerificationResult {
  ok
  code
  status
  message
  checkedAt
  durationMs
}
fragment ComponentSummary on Component {
  id
  key
  name
  description
  credentialCount
  format
}
fragment ComponentFields on Component {
  ...ComponentSummary
  authMethods {
    ...AuthMethodFields
  }
}
fragment AuthMethodFields on AuthMethod {
  type
  label
  grantTypes
  redirectUri
  fields {
    name
    label
    type
    required
    secret
    description
    placeholder
    defaultValue
    options
    selectOptions {
      value
      label
    }
  }
}
fragment CredentialFields on Credential {
  id
  name
  authType
  config
  secrets {
    field
    hint
  }
  status
  lastVerification {
    ...VerificationFields
  }
  component {
    id
    key
    name
  }
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<ComponentQuery, ComponentQueryVariables>;
export const RegisterComponentDocument = new TypedDocumentString(`
    mutation RegisterComponent($input: RegisterComponentInput!) {
  registerComponent(input: $input) {
    __typename
    ... on ComponentRegistered {
      component {
        ...ComponentFields
      }
      credentialsNeedingReentry {
        id
        name
        status
      }
      warnings
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
  }
}
    fragment ComponentSummary on Component {
  id
  key
  name
  description
  credentialCount
  format
}
fragment ComponentFields on Component {
  ...ComponentSummary
  authMethods {
    ...AuthMethodFields
  }
}
fragment AuthMethodFields on AuthMethod {
  type
  label
  grantTypes
  redirectUri
  fields {
    name
    label
    type
    required
    secret
    description
    placeholder
    defaultValue
    options
    selectOptions {
      value
      label
    }
  }
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}`) as unknown as TypedDocumentString<RegisterComponentMutation, RegisterComponentMutationVariables>;
export const ComponentSettingsDocument = new TypedDocumentString(`
    query ComponentSettings($key: String!) {
  component(key: $key) {
    id
    key
    name
    format
    settings {
      name
      description
      required
      secret
      isSet
    }
  }
}
    `) as unknown as TypedDocumentString<ComponentSettingsQuery, ComponentSettingsQueryVariables>;
export const SetComponentSettingsDocument = new TypedDocumentString(`
    mutation SetComponentSettings($input: SetComponentSettingsInput!) {
  setComponentSettings(input: $input) {
    __typename
    ... on ComponentSettingsSet {
      component {
        id
        settings {
          name
          isSet
        }
      }
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
    ... on NotFound {
      message
    }
  }
}
    fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}`) as unknown as TypedDocumentString<SetComponentSettingsMutation, SetComponentSettingsMutationVariables>;
export const PreviewComponentDocument = new TypedDocumentString(`
    query PreviewComponent($descriptorText: String!, $format: DescriptorFormat, $key: String) {
  previewComponent(descriptorText: $descriptorText, format: $format, key: $key) {
    __typename
    ... on ComponentPreview {
      key
      name
      description
      authMethods {
        ...AuthMethodFields
      }
      warnings
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
  }
}
    fragment AuthMethodFields on AuthMethod {
  type
  label
  grantTypes
  redirectUri
  fields {
    name
    label
    type
    required
    secret
    description
    placeholder
    defaultValue
    options
    selectOptions {
      value
      label
    }
  }
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}`) as unknown as TypedDocumentString<PreviewComponentQuery, PreviewComponentQueryVariables>;
export const CredentialsDocument = new TypedDocumentString(`
    query Credentials($filter: CredentialFilter, $orderBy: CredentialOrder, $first: Int, $after: String, $last: Int, $before: String) {
  credentials(
    filter: $filter
    orderBy: $orderBy
    first: $first
    after: $after
    last: $last
    before: $before
  ) {
    totalCount
    pageInfo {
      ...PageInfoFields
    }
    edges {
      cursor
      node {
        ...CredentialFields
      }
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}
fragment VerificationFields on VerificationResult {
  ok
  code
  status
  message
  checkedAt
  durationMs
}
fragment CredentialFields on Credential {
  id
  name
  authType
  config
  secrets {
    field
    hint
  }
  status
  lastVerification {
    ...VerificationFields
  }
  component {
    id
    key
    name
  }
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<CredentialsQuery, CredentialsQueryVariables>;
export const CredentialDocument = new TypedDocumentString(`
    query Credential($id: ID!, $usageFirst: Int, $usageAfter: String, $usageLast: Int, $usageBefore: String) {
  credential(id: $id) {
    ...CredentialFields
    component {
      ...ComponentFields
    }
    usage(
      first: $usageFirst
      after: $usageAfter
      last: $usageLast
      before: $usageBefore
    ) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        cursor
        node {
          flow {
            id
            name
            status
          }
          step {
            id
            position
            name
          }
        }
      }
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}
fragment VerificationFields on VerificationResult {
  ok
  code
  status
  message
  checkedAt
  durationMs
}
fragment ComponentSummary on Component {
  id
  key
  name
  description
  credentialCount
  format
}
fragment ComponentFields on Component {
  ...ComponentSummary
  authMethods {
    ...AuthMethodFields
  }
}
fragment AuthMethodFields on AuthMethod {
  type
  label
  grantTypes
  redirectUri
  fields {
    name
    label
    type
    required
    secret
    description
    placeholder
    defaultValue
    options
    selectOptions {
      value
      label
    }
  }
}
fragment CredentialFields on Credential {
  id
  name
  authType
  config
  secrets {
    field
    hint
  }
  status
  lastVerification {
    ...VerificationFields
  }
  component {
    id
    key
    name
  }
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<CredentialQuery, CredentialQueryVariables>;
export const CredentialVerificationsDocument = new TypedDocumentString(`
    query CredentialVerifications($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  credential(id: $id) {
    id
    status
    verifications(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        cursor
        node {
          ...VerificationFields
          trigger
          triggeredBy
        }
      }
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}
fragment VerificationFields on VerificationResult {
  ok
  code
  status
  message
  checkedAt
  durationMs
}`) as unknown as TypedDocumentString<CredentialVerificationsQuery, CredentialVerificationsQueryVariables>;
export const VerifyCredentialValuesDocument = new TypedDocumentString(`
    mutation VerifyCredentialValues($input: CredentialInput!) {
  verifyCredentialValues(input: $input) {
    __typename
    ... on CredentialValuesVerified {
      verification {
        ...VerificationFields
      }
    }
    ... on VerificationFailed {
      ...VerificationFailedFields
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
    ... on NotFound {
      ...NotFoundFields
    }
  }
}
    fragment VerificationFields on VerificationResult {
  ok
  code
  status
  message
  checkedAt
  durationMs
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment VerificationFailedFields on VerificationFailed {
  message
  verification {
    ...VerificationFields
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<VerifyCredentialValuesMutation, VerifyCredentialValuesMutationVariables>;
export const CreateCredentialDocument = new TypedDocumentString(`
    mutation CreateCredential($input: CredentialInput!) {
  createCredential(input: $input) {
    __typename
    ... on CredentialCreated {
      credential {
        ...CredentialFields
      }
      verification {
        ...VerificationFields
      }
    }
    ... on VerificationFailed {
      ...VerificationFailedFields
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
    ... on NotFound {
      ...NotFoundFields
    }
  }
}
    fragment VerificationFields on VerificationResult {
  ok
  code
  status
  message
  checkedAt
  durationMs
}
fragment CredentialFields on Credential {
  id
  name
  authType
  config
  secrets {
    field
    hint
  }
  status
  lastVerification {
    ...VerificationFields
  }
  component {
    id
    key
    name
  }
  createdAt
  updatedAt
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment VerificationFailedFields on VerificationFailed {
  message
  verification {
    ...VerificationFields
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<CreateCredentialMutation, CreateCredentialMutationVariables>;
export const UpdateCredentialDocument = new TypedDocumentString(`
    mutation UpdateCredential($input: UpdateCredentialInput!) {
  updateCredential(input: $input) {
    __typename
    ... on CredentialUpdated {
      credential {
        ...CredentialFields
      }
      verification {
        ...VerificationFields
      }
    }
    ... on VerificationFailed {
      ...VerificationFailedFields
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
    ... on NotFound {
      ...NotFoundFields
    }
  }
}
    fragment VerificationFields on VerificationResult {
  ok
  code
  status
  message
  checkedAt
  durationMs
}
fragment CredentialFields on Credential {
  id
  name
  authType
  config
  secrets {
    field
    hint
  }
  status
  lastVerification {
    ...VerificationFields
  }
  component {
    id
    key
    name
  }
  createdAt
  updatedAt
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment VerificationFailedFields on VerificationFailed {
  message
  verification {
    ...VerificationFields
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<UpdateCredentialMutation, UpdateCredentialMutationVariables>;
export const RenameCredentialDocument = new TypedDocumentString(`
    mutation RenameCredential($input: RenameCredentialInput!) {
  renameCredential(input: $input) {
    __typename
    ... on CredentialRenamed {
      credential {
        ...CredentialFields
      }
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
    ... on NotFound {
      ...NotFoundFields
    }
  }
}
    fragment VerificationFields on VerificationResult {
  ok
  code
  status
  message
  checkedAt
  durationMs
}
fragment CredentialFields on Credential {
  id
  name
  authType
  config
  secrets {
    field
    hint
  }
  status
  lastVerification {
    ...VerificationFields
  }
  component {
    id
    key
    name
  }
  createdAt
  updatedAt
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<RenameCredentialMutation, RenameCredentialMutationVariables>;
export const DeleteCredentialDocument = new TypedDocumentString(`
    mutation DeleteCredential($input: DeleteCredentialInput!) {
  deleteCredential(input: $input) {
    __typename
    ... on CredentialDeleted {
      deletedId: id
    }
    ... on CredentialInUse {
      message
      flows {
        id
        name
        status
      }
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
    ... on NotFound {
      ...NotFoundFields
    }
  }
}
    fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<DeleteCredentialMutation, DeleteCredentialMutationVariables>;
export const ReverifyCredentialDocument = new TypedDocumentString(`
    mutation ReverifyCredential($input: ReverifyCredentialInput!) {
  reverifyCredential(input: $input) {
    __typename
    ... on CredentialVerified {
      credential {
        ...CredentialFields
      }
      verification {
        ...VerificationFields
      }
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
    ... on NotFound {
      ...NotFoundFields
    }
  }
}
    fragment VerificationFields on VerificationResult {
  ok
  code
  status
  message
  checkedAt
  durationMs
}
fragment CredentialFields on Credential {
  id
  name
  authType
  config
  secrets {
    field
    hint
  }
  status
  lastVerification {
    ...VerificationFields
  }
  component {
    id
    key
    name
  }
  createdAt
  updatedAt
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<ReverifyCredentialMutation, ReverifyCredentialMutationVariables>;
export const ResolveCredentialDocument = new TypedDocumentString(`
    mutation ResolveCredential($input: ResolveCredentialInput!) {
  resolveCredential(input: $input) {
    __typename
    ... on ResolvedCredential {
      credential {
        ...CredentialFields
      }
      secrets
      values
      expiresAt
    }
    ... on VerificationFailed {
      ...VerificationFailedFields
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
    ... on NotFound {
      ...NotFoundFields
    }
  }
}
    fragment VerificationFields on VerificationResult {
  ok
  code
  status
  message
  checkedAt
  durationMs
}
fragment CredentialFields on Credential {
  id
  name
  authType
  config
  secrets {
    field
    hint
  }
  status
  lastVerification {
    ...VerificationFields
  }
  component {
    id
    key
    name
  }
  createdAt
  updatedAt
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment VerificationFailedFields on VerificationFailed {
  message
  verification {
    ...VerificationFields
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<ResolveCredentialMutation, ResolveCredentialMutationVariables>;
export const BeginOAuth2AuthorizationDocument = new TypedDocumentString(`
    mutation BeginOAuth2Authorization($input: CredentialInput!) {
  beginOAuth2Authorization(input: $input) {
    __typename
    ... on OAuth2AuthorizationStarted {
      authorization {
        authorizationUrl
        state
      }
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
    ... on NotFound {
      ...NotFoundFields
    }
  }
}
    fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<BeginOAuth2AuthorizationMutation, BeginOAuth2AuthorizationMutationVariables>;
export const ReconnectOAuth2CredentialDocument = new TypedDocumentString(`
    mutation ReconnectOAuth2Credential($input: ReconnectOAuth2CredentialInput!) {
  reconnectOAuth2Credential(input: $input) {
    __typename
    ... on OAuth2Authorization {
      authorizationUrl
      state
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
    ... on NotFound {
      ...NotFoundFields
    }
  }
}
    fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<ReconnectOAuth2CredentialMutation, ReconnectOAuth2CredentialMutationVariables>;
export const FlowsDocument = new TypedDocumentString(`
    query Flows($status: FlowStatus, $filter: FlowFilter, $first: Int, $after: String, $last: Int, $before: String) {
  flows(
    status: $status
    filter: $filter
    first: $first
    after: $after
    last: $last
    before: $before
  ) {
    totalCount
    pageInfo {
      ...PageInfoFields
    }
    edges {
      cursor
      node {
        ...FlowFields
      }
    }
  }
  active: flows(status: ACTIVE, first: 1) {
    totalCount
  }
  attention: flows(status: ACTIVE, filter: {needsAttention: true}, first: 5) {
    totalCount
    edges {
      node {
        id
        name
        stepsNeedingAttention {
          id
          position
          component {
            name
          }
          credential {
            id
            name
            status
          }
        }
      }
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}
fragment FlowStepFields on FlowStep {
  id
  position
  name
  component {
    id
    key
    name
  }
  credential {
    id
    name
    status
  }
}
fragment FlowFields on Flow {
  id
  name
  status
  steps {
    ...FlowStepFields
  }
  stepsNeedingAttention {
    id
    position
    credential {
      id
      status
    }
  }
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<FlowsQuery, FlowsQueryVariables>;
export const FlowDocument = new TypedDocumentString(`
    query Flow($id: ID!) {
  flow(id: $id) {
    ...FlowFields
  }
}
    fragment FlowStepFields on FlowStep {
  id
  position
  name
  component {
    id
    key
    name
  }
  credential {
    id
    name
    status
  }
}
fragment FlowFields on Flow {
  id
  name
  status
  steps {
    ...FlowStepFields
  }
  stepsNeedingAttention {
    id
    position
    credential {
      id
      status
    }
  }
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<FlowQuery, FlowQueryVariables>;
export const CreateFlowDocument = new TypedDocumentString(`
    mutation CreateFlow($input: CreateFlowInput!) {
  createFlow(input: $input) {
    ...FlowResultFields
  }
}
    fragment FlowResultFields on FlowResult {
  __typename
  ... on FlowSaved {
    flow {
      ...FlowFields
    }
  }
  ... on InvalidInput {
    ...InvalidInputFields
  }
  ... on NotFound {
    ...NotFoundFields
  }
  ... on CredentialMismatch {
    message
    stepIndex
  }
  ... on FlowNotReady {
    message
    steps {
      ...FlowStepFields
    }
  }
}
fragment FlowStepFields on FlowStep {
  id
  position
  name
  component {
    id
    key
    name
  }
  credential {
    id
    name
    status
  }
}
fragment FlowFields on Flow {
  id
  name
  status
  steps {
    ...FlowStepFields
  }
  stepsNeedingAttention {
    id
    position
    credential {
      id
      status
    }
  }
  createdAt
  updatedAt
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<CreateFlowMutation, CreateFlowMutationVariables>;
export const RenameFlowDocument = new TypedDocumentString(`
    mutation RenameFlow($input: RenameFlowInput!) {
  renameFlow(input: $input) {
    ...FlowResultFields
  }
}
    fragment FlowResultFields on FlowResult {
  __typename
  ... on FlowSaved {
    flow {
      ...FlowFields
    }
  }
  ... on InvalidInput {
    ...InvalidInputFields
  }
  ... on NotFound {
    ...NotFoundFields
  }
  ... on CredentialMismatch {
    message
    stepIndex
  }
  ... on FlowNotReady {
    message
    steps {
      ...FlowStepFields
    }
  }
}
fragment FlowStepFields on FlowStep {
  id
  position
  name
  component {
    id
    key
    name
  }
  credential {
    id
    name
    status
  }
}
fragment FlowFields on Flow {
  id
  name
  status
  steps {
    ...FlowStepFields
  }
  stepsNeedingAttention {
    id
    position
    credential {
      id
      status
    }
  }
  createdAt
  updatedAt
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<RenameFlowMutation, RenameFlowMutationVariables>;
export const SetStepCredentialDocument = new TypedDocumentString(`
    mutation SetStepCredential($input: SetStepCredentialInput!) {
  setStepCredential(input: $input) {
    ...FlowResultFields
  }
}
    fragment FlowResultFields on FlowResult {
  __typename
  ... on FlowSaved {
    flow {
      ...FlowFields
    }
  }
  ... on InvalidInput {
    ...InvalidInputFields
  }
  ... on NotFound {
    ...NotFoundFields
  }
  ... on CredentialMismatch {
    message
    stepIndex
  }
  ... on FlowNotReady {
    message
    steps {
      ...FlowStepFields
    }
  }
}
fragment FlowStepFields on FlowStep {
  id
  position
  name
  component {
    id
    key
    name
  }
  credential {
    id
    name
    status
  }
}
fragment FlowFields on Flow {
  id
  name
  status
  steps {
    ...FlowStepFields
  }
  stepsNeedingAttention {
    id
    position
    credential {
      id
      status
    }
  }
  createdAt
  updatedAt
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<SetStepCredentialMutation, SetStepCredentialMutationVariables>;
export const ActivateFlowDocument = new TypedDocumentString(`
    mutation ActivateFlow($input: ActivateFlowInput!) {
  activateFlow(input: $input) {
    ...FlowResultFields
  }
}
    fragment FlowResultFields on FlowResult {
  __typename
  ... on FlowSaved {
    flow {
      ...FlowFields
    }
  }
  ... on InvalidInput {
    ...InvalidInputFields
  }
  ... on NotFound {
    ...NotFoundFields
  }
  ... on CredentialMismatch {
    message
    stepIndex
  }
  ... on FlowNotReady {
    message
    steps {
      ...FlowStepFields
    }
  }
}
fragment FlowStepFields on FlowStep {
  id
  position
  name
  component {
    id
    key
    name
  }
  credential {
    id
    name
    status
  }
}
fragment FlowFields on Flow {
  id
  name
  status
  steps {
    ...FlowStepFields
  }
  stepsNeedingAttention {
    id
    position
    credential {
      id
      status
    }
  }
  createdAt
  updatedAt
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<ActivateFlowMutation, ActivateFlowMutationVariables>;
export const DeactivateFlowDocument = new TypedDocumentString(`
    mutation DeactivateFlow($input: DeactivateFlowInput!) {
  deactivateFlow(input: $input) {
    ...FlowResultFields
  }
}
    fragment FlowResultFields on FlowResult {
  __typename
  ... on FlowSaved {
    flow {
      ...FlowFields
    }
  }
  ... on InvalidInput {
    ...InvalidInputFields
  }
  ... on NotFound {
    ...NotFoundFields
  }
  ... on CredentialMismatch {
    message
    stepIndex
  }
  ... on FlowNotReady {
    message
    steps {
      ...FlowStepFields
    }
  }
}
fragment FlowStepFields on FlowStep {
  id
  position
  name
  component {
    id
    key
    name
  }
  credential {
    id
    name
    status
  }
}
fragment FlowFields on Flow {
  id
  name
  status
  steps {
    ...FlowStepFields
  }
  stepsNeedingAttention {
    id
    position
    credential {
      id
      status
    }
  }
  createdAt
  updatedAt
}
fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<DeactivateFlowMutation, DeactivateFlowMutationVariables>;
export const DeleteFlowDocument = new TypedDocumentString(`
    mutation DeleteFlow($input: DeleteFlowInput!) {
  deleteFlow(input: $input) {
    __typename
    ... on FlowDeleted {
      deletedId: id
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
    ... on NotFound {
      ...NotFoundFields
    }
  }
}
    fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<DeleteFlowMutation, DeleteFlowMutationVariables>;
export const ComponentCatalogDocument = new TypedDocumentString(`
    query ComponentCatalog($first: Int, $after: String) {
  components(first: $first, after: $after) {
    pageInfo {
      ...PageInfoFields
    }
    edges {
      node {
        ...ComponentFields
      }
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  hasPreviousPage
  startCursor
  endCursor
}
fragment ComponentSummary on Component {
  id
  key
  name
  description
  credentialCount
  format
}
fragment ComponentFields on Component {
  ...ComponentSummary
  authMethods {
    ...AuthMethodFields
  }
}
fragment AuthMethodFields on AuthMethod {
  type
  label
  grantTypes
  redirectUri
  fields {
    name
    label
    type
    required
    secret
    description
    placeholder
    defaultValue
    options
    selectOptions {
      value
      label
    }
  }
}`) as unknown as TypedDocumentString<ComponentCatalogQuery, ComponentCatalogQueryVariables>;
export const WebhookEndpointsDocument = new TypedDocumentString(`
    query WebhookEndpoints($first: Int, $after: String, $deliveries: Int = 10) {
  webhookEndpoints(first: $first, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        ...WebhookEndpointFields
        deliveries(first: $deliveries) {
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            cursor
            node {
              ...WebhookDeliveryFields
            }
          }
        }
      }
    }
  }
}
    fragment WebhookEndpointFields on WebhookEndpoint {
  id
  url
  description
  events
  enabled
  disabledReason
  failingSince
  previousSecretExpiresAt
  createdAt
  updatedAt
}
fragment WebhookDeliveryFields on WebhookDelivery {
  id
  webhookId
  eventType
  ok
  statusCode
  durationMs
  error
  attemptedAt
}`) as unknown as TypedDocumentString<WebhookEndpointsQuery, WebhookEndpointsQueryVariables>;
export const CreateWebhookEndpointDocument = new TypedDocumentString(`
    mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) {
    __typename
    ... on WebhookEndpointCreated {
      secret
      endpoint {
        ...WebhookEndpointFields
      }
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
  }
}
    fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment WebhookEndpointFields on WebhookEndpoint {
  id
  url
  description
  events
  enabled
  disabledReason
  failingSince
  previousSecretExpiresAt
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<CreateWebhookEndpointMutation, CreateWebhookEndpointMutationVariables>;
export const UpdateWebhookEndpointDocument = new TypedDocumentString(`
    mutation UpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {
  updateWebhookEndpoint(input: $input) {
    __typename
    ... on WebhookEndpointUpdated {
      endpoint {
        ...WebhookEndpointFields
      }
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
    ... on NotFound {
      ...NotFoundFields
    }
  }
}
    fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}
fragment WebhookEndpointFields on WebhookEndpoint {
  id
  url
  description
  events
  enabled
  disabledReason
  failingSince
  previousSecretExpiresAt
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<UpdateWebhookEndpointMutation, UpdateWebhookEndpointMutationVariables>;
export const DeleteWebhookEndpointDocument = new TypedDocumentString(`
    mutation DeleteWebhookEndpoint($input: DeleteWebhookEndpointInput!) {
  deleteWebhookEndpoint(input: $input) {
    __typename
    ... on WebhookEndpointDeleted {
      deletedId: id
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
    ... on NotFound {
      ...NotFoundFields
    }
  }
}
    fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<DeleteWebhookEndpointMutation, DeleteWebhookEndpointMutationVariables>;
export const SendTestWebhookDocument = new TypedDocumentString(`
    mutation SendTestWebhook($input: SendTestWebhookInput!) {
  sendTestWebhook(input: $input) {
    __typename
    ... on WebhookTestQueued {
      webhookId
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
    ... on NotFound {
      ...NotFoundFields
    }
  }
}
    fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<SendTestWebhookMutation, SendTestWebhookMutationVariables>;
export const RotateWebhookSecretDocument = new TypedDocumentString(`
    mutation RotateWebhookSecret($input: RotateWebhookSecretInput!) {
  rotateWebhookSecret(input: $input) {
    __typename
    ... on WebhookSecretRotated {
      secret
      endpoint {
        ...WebhookEndpointFields
      }
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
    ... on NotFound {
      ...NotFoundFields
    }
  }
}
    fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}
fragment WebhookEndpointFields on WebhookEndpoint {
  id
  url
  description
  events
  enabled
  disabledReason
  failingSince
  previousSecretExpiresAt
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<RotateWebhookSecretMutation, RotateWebhookSecretMutationVariables>;
export const ResendWebhookDeliveryDocument = new TypedDocumentString(`
    mutation ResendWebhookDelivery($input: ResendWebhookDeliveryInput!) {
  resendWebhookDelivery(input: $input) {
    __typename
    ... on WebhookDeliveryQueued {
      webhookId
    }
    ... on InvalidInput {
      ...InvalidInputFields
    }
    ... on NotFound {
      ...NotFoundFields
    }
  }
}
    fragment InvalidInputFields on InvalidInput {
  message
  fieldErrors {
    field
    message
  }
}
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<ResendWebhookDeliveryMutation, ResendWebhookDeliveryMutationVariables>;