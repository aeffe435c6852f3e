/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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

export type MembersQueryVariables = Exact<{ [key: string]: never; }>;


export type MembersQuery = { members: Array<{ role: Role, joinedAt: string, person: { id: string, name: string, email: string } }> };

export type InvitationsQueryVariables = Exact<{ [key: string]: never; }>;


export type InvitationsQuery = { invitations: Array<{ id: string, role: Role, createdAt: string, expiresAt: string }> };

export type InvitationPreviewQueryVariables = Exact<{
  token: string;
}>;


export type InvitationPreviewQuery = { invitation: { workspaceName: string, role: Role, expiresAt: string } | null };

export type ApiTokensQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiTokensQuery = { apiTokens: Array<{ id: string, name: string, tokenStart: string, scopes: Array<ApiTokenScope>, createdAt: string, expiresAt: string | null, revokedAt: string | null, lastUsedAt: string | null, createdBy: { id: string, name: string } | null }> };

export type AuditLogQueryVariables = Exact<{
  filter?: AuditFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AuditLogQuery = { auditLog: { edges: Array<{ cursor: string, node: { id: string, at: string, actorType: AuditActorType, actorId: string | null, actorName: string | null, action: string, objectType: string, objectId: string | null, remoteAddress: string | null, details: Record<string, unknown> | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type SetupFirstOwnerMutationVariables = Exact<{
  input: SetupInput;
}>;


export type SetupFirstOwnerMutation = { setupFirstOwner:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'SignedIn', person: { id: string, name: string, email: string }, workspace: { id: string, name: string, slug: string, role: Role | null } | null }
   };

export type SignInMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type SignInMutation = { signIn:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'SignInFailed', message: string }
    | { __typename: 'SignedIn', person: { id: string, name: string, email: string }, workspace: { id: string, name: string, slug: string, role: Role | null } | null }
   };

export type SignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutMutation = { signOut: boolean };

export type SwitchWorkspaceMutationVariables = Exact<{
  id: string | number;
}>;


export type SwitchWorkspaceMutation = { switchWorkspace:
    | { __typename: 'NotFound', message: string, id: string | null }
    | { __typename: 'WorkspaceSwitched', workspace: { id: string, name: string, slug: string, role: Role | null } }
   };

export type CreateWorkspaceMutationVariables = Exact<{
  name: string;
}>;


export type CreateWorkspaceMutation = { createWorkspace:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'WorkspaceCreated', workspace: { id: string, name: string, slug: string, role: Role | null } }
   };

export type CreateInvitationMutationVariables = Exact<{
  role: Role;
}>;


export type CreateInvitationMutation = { createInvitation:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'InvitationCreated', token: string, invitation: { id: string, role: Role, createdAt: string, expiresAt: string } }
    | { __typename: 'NotAllowed', message: string }
   };

export type RevokeInvitationMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeInvitationMutation = { revokeInvitation:
    | { __typename: 'InvitationRevoked', invitation: { id: string, role: Role, createdAt: string, expiresAt: string } }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type AcceptInvitationMutationVariables = Exact<{
  token: string;
  newPerson?: NewPersonInput | null | undefined;
}>;


export type AcceptInvitationMutation = { acceptInvitation:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'InvitationAccepted', person: { id: string, name: string, email: string }, workspace: { id: string, name: string, slug: string, role: Role | null } }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type ChangeMemberRoleMutationVariables = Exact<{
  personId: string | number;
  role: Role;
}>;


export type ChangeMemberRoleMutation = { changeMemberRole:
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'MemberUpdated', member: { role: Role, joinedAt: string, person: { id: string, name: string, email: string } } }
    | { __typename: 'NotAllowed', message: string }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type RemoveMemberMutationVariables = Exact<{
  personId: string | number;
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
  id: string | number;
}>;


export type RevokeApiTokenMutation = { revokeApiToken:
    | { __typename: 'ApiTokenRevoked', apiToken: { id: string, name: string, tokenStart: string, scopes: Array<ApiTokenScope>, createdAt: string, expiresAt: string | null, revokedAt: string | null, lastUsedAt: string | null, createdBy: { id: string, name: string } | null } }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type ComponentsQueryVariables = Exact<{ [key: string]: never; }>;


export type ComponentsQuery = { components: Array<{ id: string, key: string, name: string, description: string | null, credentialCount: number, format: DescriptorFormat }> };

export type ComponentQueryVariables = Exact<{
  key: string;
}>;


export type ComponentQuery = { component: { id: string, key: string, name: string, description: string | null, credentialCount: number, format: DescriptorFormat, credentials: Array<{ id: string, name: string, authType: AuthType, config: Record<string, unknown>, status: CredentialStatus, createdAt: string, updatedAt: string, usage: Array<{ flow: { id: string, name: string, status: FlowStatus }, step: { id: string, position: number, name: string } }>, secrets: Array<{ field: string, hint: string }>, lastVerification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } | null, component: { id: string, key: string, name: string } }>, authMethods: Array<{ type: AuthType, label: string, grantTypes: Array<OAuth2GrantType>, redirectUri: string | null, fields: Array<{ name: string, label: string, type: FieldType, required: boolean, secret: boolean, description: string | null, placeholder: string | null, defaultValue: string | null, options: Array<string> | null, selectOptions: Array<{ value: string, label: string }> | null }> }> } | null };

export type RegisterComponentMutationVariables = Exact<{
  descriptor: Record<string, unknown>;
  format?: DescriptorFormat | null | undefined;
  key?: string | null | undefined;
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
  componentKey: string;
  settings: Array<ComponentSettingInput> | ComponentSettingInput;
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
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CredentialsQuery = { credentials: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, name: string, authType: AuthType, config: Record<string, unknown>, status: CredentialStatus, createdAt: string, updatedAt: string, secrets: Array<{ field: string, hint: string }>, lastVerification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } | null, component: { id: string, key: string, name: string } } }> } };

export type CredentialQueryVariables = Exact<{
  id: string | number;
}>;


export type CredentialQuery = { credential: { id: string, name: string, authType: AuthType, config: Record<string, unknown>, status: CredentialStatus, createdAt: string, updatedAt: string, component: { id: string, key: string, name: string, description: string | null, credentialCount: number, format: DescriptorFormat, authMethods: Array<{ type: AuthType, label: string, grantTypes: Array<OAuth2GrantType>, redirectUri: string | null, fields: Array<{ name: string, label: string, type: FieldType, required: boolean, secret: boolean, description: string | null, placeholder: string | null, defaultValue: string | null, options: Array<string> | null, selectOptions: Array<{ value: string, label: string }> | null }> }> }, usage: Array<{ flow: { id: string, name: string, status: FlowStatus }, step: { id: string, position: number, name: string } }>, secrets: Array<{ field: string, hint: string }>, lastVerification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } | null } | null };

export type CredentialVerificationsQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
}>;


export type CredentialVerificationsQuery = { credential: { id: string, status: CredentialStatus, verifications: Array<{ ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number }> } | null };

export type VerifyCredentialMutationVariables = Exact<{
  input: CredentialInput;
}>;


export type VerifyCredentialMutation = { verifyCredential: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } };

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
  id: string | number;
  values: Record<string, unknown>;
}>;


export type UpdateCredentialMutation = { updateCredential:
    | { __typename: 'CredentialUpdated', credential: { id: string, name: string, authType: AuthType, config: Record<string, unknown>, status: CredentialStatus, createdAt: string, updatedAt: string, secrets: Array<{ field: string, hint: string }>, lastVerification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } | null, component: { id: string, key: string, name: string } }, verification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
    | { __typename: 'VerificationFailed', message: string, verification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } }
   };

export type RenameCredentialMutationVariables = Exact<{
  id: string | number;
  name: string;
}>;


export type RenameCredentialMutation = { renameCredential:
    | { __typename: 'CredentialRenamed', credential: { id: string, name: string, authType: AuthType, config: Record<string, unknown>, status: CredentialStatus, createdAt: string, updatedAt: string, secrets: Array<{ field: string, hint: string }>, lastVerification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } | null, component: { id: string, key: string, name: string } } }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type DeleteCredentialMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteCredentialMutation = { deleteCredential:
    | { __typename: 'CredentialDeleted', deletedId: string }
    | { __typename: 'CredentialInUse', message: string, flows: Array<{ id: string, name: string, status: FlowStatus }> }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type ReverifyCredentialMutationVariables = Exact<{
  id: string | number;
}>;


export type ReverifyCredentialMutation = { reverifyCredential:
    | { __typename: 'CredentialVerified', credential: { id: string, name: string, authType: AuthType, config: Record<string, unknown>, status: CredentialStatus, createdAt: string, updatedAt: string, secrets: Array<{ field: string, hint: string }>, lastVerification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } | null, component: { id: string, key: string, name: string } }, verification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type ResolveCredentialMutationVariables = Exact<{
  id: string | number;
}>;


export type ResolveCredentialMutation = { resolveCredential:
    | { __typename: 'NotFound', message: string, id: string | null }
    | { __typename: 'ResolvedCredential', secrets: Record<string, unknown>, values: Record<string, unknown>, expiresAt: string | null, credential: { id: string, name: string, authType: AuthType, config: Record<string, unknown>, status: CredentialStatus, createdAt: string, updatedAt: string, secrets: Array<{ field: string, hint: string }>, lastVerification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } | null, component: { id: string, key: string, name: string } } }
    | { __typename: 'VerificationFailed', message: string, verification: { ok: boolean, code: VerificationCode, status: CredentialStatus, message: string, checkedAt: string, durationMs: number } }
   };

export type StartOAuth2AuthorizationMutationVariables = Exact<{
  input: CredentialInput;
}>;


export type StartOAuth2AuthorizationMutation = { startOAuth2Authorization: { authorizationUrl: string, state: string } };

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
}>;


export type FlowsQuery = { flows: Array<{ id: string, name: string, status: FlowStatus, createdAt: string, updatedAt: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }>, stepsNeedingAttention: Array<{ id: string, position: number, credential: { id: string, status: CredentialStatus } | null }> }> };

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
  id: string | number;
  name: string;
}>;


export type RenameFlowMutation = { renameFlow:
    | { __typename: 'CredentialMismatch', message: string, stepIndex: number }
    | { __typename: 'FlowNotReady', message: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }> }
    | { __typename: 'FlowSaved', flow: { id: string, name: string, status: FlowStatus, createdAt: string, updatedAt: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }>, stepsNeedingAttention: Array<{ id: string, position: number, credential: { id: string, status: CredentialStatus } | null }> } }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type SetStepCredentialMutationVariables = Exact<{
  stepId: string | number;
  credentialId?: string | number | null | undefined;
}>;


export type SetStepCredentialMutation = { setStepCredential:
    | { __typename: 'CredentialMismatch', message: string, stepIndex: number }
    | { __typename: 'FlowNotReady', message: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }> }
    | { __typename: 'FlowSaved', flow: { id: string, name: string, status: FlowStatus, createdAt: string, updatedAt: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }>, stepsNeedingAttention: Array<{ id: string, position: number, credential: { id: string, status: CredentialStatus } | null }> } }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type ActivateFlowMutationVariables = Exact<{
  id: string | number;
}>;


export type ActivateFlowMutation = { activateFlow:
    | { __typename: 'CredentialMismatch', message: string, stepIndex: number }
    | { __typename: 'FlowNotReady', message: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }> }
    | { __typename: 'FlowSaved', flow: { id: string, name: string, status: FlowStatus, createdAt: string, updatedAt: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }>, stepsNeedingAttention: Array<{ id: string, position: number, credential: { id: string, status: CredentialStatus } | null }> } }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type DeactivateFlowMutationVariables = Exact<{
  id: string | number;
}>;


export type DeactivateFlowMutation = { deactivateFlow:
    | { __typename: 'CredentialMismatch', message: string, stepIndex: number }
    | { __typename: 'FlowNotReady', message: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }> }
    | { __typename: 'FlowSaved', flow: { id: string, name: string, status: FlowStatus, createdAt: string, updatedAt: string, steps: Array<{ id: string, position: number, name: string, component: { id: string, key: string, name: string }, credential: { id: string, name: string, status: CredentialStatus } | null }>, stepsNeedingAttention: Array<{ id: string, position: number, credential: { id: string, status: CredentialStatus } | null }> } }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type DeleteFlowMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteFlowMutation = { deleteFlow:
    | { __typename: 'FlowDeleted', deletedId: string }
    | { __typename: 'InvalidInput', message: string, fieldErrors: Array<{ field: string, message: string }> }
    | { __typename: 'NotFound', message: string, id: string | null }
   };

export type ComponentCatalogQueryVariables = Exact<{ [key: string]: never; }>;


export type ComponentCatalogQuery = { components: Array<{ id: string, key: string, name: string, description: string | null, credentialCount: number, format: DescriptorFormat, authMethods: Array<{ type: AuthType, label: string, grantTypes: Array<OAuth2GrantType>, redirectUri: string | null, fields: Array<{ name: string, label: string, type: FieldType, required: boolean, secret: boolean, description: string | null, placeholder: string | null, defaultValue: string | null, options: Array<string> | null, selectOptions: Array<{ value: string, label: string }> | null }> }> }> };

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
    query Members {
  members {
    ...MemberFields
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
}`) as unknown as TypedDocumentString<MembersQuery, MembersQueryVariables>;
export const InvitationsDocument = new TypedDocumentString(`
    query Invitations {
  invitations {
    ...InvitationFields
  }
}
    fragment InvitationFields on Invitation {
  id
  role
  createdAt
  expiresAt
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
    query ApiTokens {
  apiTokens {
    ...ApiTokenFields
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
}`) as unknown as TypedDocumentString<ApiTokensQuery, ApiTokensQueryVariables>;
export const AuditLogDocument = new TypedDocumentString(`
    query AuditLog($filter: AuditFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
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
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<AuditLogQuery, AuditLogQueryVariables>;
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
    mutation SignIn($email: String!, $password: String!) {
  signIn(email: $email, password: $password) {
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
export const SignOutDocument = new TypedDocumentString(`
    mutation SignOut {
  signOut
}
    `) as unknown as TypedDocumentString<SignOutMutation, SignOutMutationVariables>;
export const SwitchWorkspaceDocument = new TypedDocumentString(`
    mutation SwitchWorkspace($id: ID!) {
  switchWorkspace(id: $id) {
    __typename
    ... on WorkspaceSwitched {
      workspace {
        ...WorkspaceFields
      }
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
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<SwitchWorkspaceMutation, SwitchWorkspaceMutationVariables>;
export const CreateWorkspaceDocument = new TypedDocumentString(`
    mutation CreateWorkspace($name: String!) {
  createWorkspace(name: $name) {
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
    mutation CreateInvitation($role: Role!) {
  createInvitation(role: $role) {
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
    mutation RevokeInvitation($id: ID!) {
  revokeInvitation(id: $id) {
    __typename
    ... on InvitationRevoked {
      invitation {
        ...InvitationFields
      }
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
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<RevokeInvitationMutation, RevokeInvitationMutationVariables>;
export const AcceptInvitationDocument = new TypedDocumentString(`
    mutation AcceptInvitation($token: String!, $newPerson: NewPersonInput) {
  acceptInvitation(token: $token, newPerson: $newPerson) {
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
    mutation ChangeMemberRole($personId: ID!, $role: Role!) {
  changeMemberRole(personId: $personId, role: $role) {
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
    mutation RemoveMember($personId: ID!) {
  removeMember(personId: $personId) {
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
    mutation RevokeApiToken($id: ID!) {
  revokeApiToken(id: $id) {
    __typename
    ... on ApiTokenRevoked {
      apiToken {
        ...ApiTokenFields
      }
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
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<RevokeApiTokenMutation, RevokeApiTokenMutationVariables>;
export const ComponentsDocument = new TypedDocumentString(`
    query Components {
  components {
    ...ComponentSummary
  }
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
    query Component($key: String!) {
  component(key: $key) {
    ...ComponentFields
    credentials {
      ...CredentialFields
      usage {
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
    mutation RegisterComponent($descriptor: JSONObject!, $format: DescriptorFormat, $key: String) {
  registerComponent(descriptor: $descriptor, format: $format, key: $key) {
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
    mutation SetComponentSettings($componentKey: String!, $settings: [ComponentSettingInput!]!) {
  setComponentSettings(componentKey: $componentKey, settings: $settings) {
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
    query Credentials($filter: CredentialFilter, $first: Int, $after: String) {
  credentials(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        ...CredentialFields
      }
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
}`) as unknown as TypedDocumentString<CredentialsQuery, CredentialsQueryVariables>;
export const CredentialDocument = new TypedDocumentString(`
    query Credential($id: ID!) {
  credential(id: $id) {
    ...CredentialFields
    component {
      ...ComponentFields
    }
    usage {
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
    query CredentialVerifications($id: ID!, $first: Int) {
  credential(id: $id) {
    id
    status
    verifications(first: $first) {
      ...VerificationFields
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
}`) as unknown as TypedDocumentString<CredentialVerificationsQuery, CredentialVerificationsQueryVariables>;
export const VerifyCredentialDocument = new TypedDocumentString(`
    mutation VerifyCredential($input: CredentialInput!) {
  verifyCredential(input: $input) {
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
}`) as unknown as TypedDocumentString<VerifyCredentialMutation, VerifyCredentialMutationVariables>;
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
    mutation UpdateCredential($id: ID!, $values: JSONObject!) {
  updateCredential(id: $id, values: $values) {
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
    mutation RenameCredential($id: ID!, $name: String!) {
  renameCredential(id: $id, name: $name) {
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
    mutation DeleteCredential($id: ID!) {
  deleteCredential(id: $id) {
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
    ... on NotFound {
      ...NotFoundFields
    }
  }
}
    fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<DeleteCredentialMutation, DeleteCredentialMutationVariables>;
export const ReverifyCredentialDocument = new TypedDocumentString(`
    mutation ReverifyCredential($id: ID!) {
  reverifyCredential(id: $id) {
    __typename
    ... on CredentialVerified {
      credential {
        ...CredentialFields
      }
      verification {
        ...VerificationFields
      }
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
fragment NotFoundFields on NotFound {
  message
  id
}`) as unknown as TypedDocumentString<ReverifyCredentialMutation, ReverifyCredentialMutationVariables>;
export const ResolveCredentialDocument = new TypedDocumentString(`
    mutation ResolveCredential($id: ID!) {
  resolveCredential(id: $id) {
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
export const StartOAuth2AuthorizationDocument = new TypedDocumentString(`
    mutation StartOAuth2Authorization($input: CredentialInput!) {
  startOAuth2Authorization(input: $input) {
    authorizationUrl
    state
  }
}
    `) as unknown as TypedDocumentString<StartOAuth2AuthorizationMutation, StartOAuth2AuthorizationMutationVariables>;
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
    query Flows($status: FlowStatus) {
  flows(status: $status) {
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
    mutation RenameFlow($id: ID!, $name: String!) {
  renameFlow(id: $id, name: $name) {
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
    mutation SetStepCredential($stepId: ID!, $credentialId: ID) {
  setStepCredential(stepId: $stepId, credentialId: $credentialId) {
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
    mutation ActivateFlow($id: ID!) {
  activateFlow(id: $id) {
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
    mutation DeactivateFlow($id: ID!) {
  deactivateFlow(id: $id) {
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
    mutation DeleteFlow($id: ID!) {
  deleteFlow(id: $id) {
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
    query ComponentCatalog {
  components {
    ...ComponentFields
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
}`) as unknown as TypedDocumentString<ComponentCatalogQuery, ComponentCatalogQueryVariables>;