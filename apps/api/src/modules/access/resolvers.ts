import { GraphQLError } from "graphql";
import { SESSION_TTL_MS, type Role, type Scope, type SignedIn } from "@latchkey/core";
import { sessionCookie, type RequestContext } from "../../context";
import type { ApiTokenScope, AuditActorType, Resolvers } from "../../generated/resolvers-types";
import { connectionOf, isInvalidInput, mutationInput } from "../shared";

const SCOPE_TO_API: Record<Scope, ApiTokenScope> = {
  read: "READ",
  write: "WRITE",
  "components:write": "COMPONENTS_WRITE",
  "credentials:use": "CREDENTIALS_USE",
};
const SCOPE_FROM_API = Object.fromEntries(Object.entries(SCOPE_TO_API).map(([scope, api]) => [api, scope])) as Record<ApiTokenScope, Scope>;
const ACTOR_TYPES: Record<string, AuditActorType> = { person: "PERSON", token: "API_TOKEN", anonymous: "ANONYMOUS", system: "SYSTEM" };

function setSession(ctx: RequestContext, token: string | null): void {
  ctx.responseCookies.push(sessionCookie(token, { secure: ctx.secure, maxAgeSeconds: SESSION_TTL_MS / 1000 }));
}

function signedIn(ctx: RequestContext, result: SignedIn, role: Role | null) {
  setSession(ctx, result.sessionToken);
  return { __typename: "SignedIn" as const, person: result.person, workspace: result.workspace ? { ...result.workspace, role } : null };
}

/** The signed-in person (the access rules ran first). */
function person(ctx: RequestContext) {
  const viewer = ctx.viewer;
  if (viewer?.kind !== "person") throw new GraphQLError("Only a signed-in person can do this.", { extensions: { code: "FORBIDDEN" } });
  return viewer;
}

/** Revokes the request's session and clears its cookie; answers whose it was. */
async function endSession(ctx: RequestContext) {
  const viewer = person(ctx);
  await ctx.services.access.signOut(viewer.sessionId);
  setSession(ctx, null);
  return viewer.person;
}

/** The acting person's role in the current workspace (the access rules ensured it). */
function actorRole(ctx: RequestContext): Role {
  return person(ctx).role ?? "VIEWER";
}

export const accessResolvers: Resolvers = {
  Query: {
    setupStatus: async (_, __, ctx) => ({ needsSetup: !(await ctx.services.access.isSetUp()) }),
    viewer: (_, __, ctx) => ctx.viewer,
    workspaces: (_, __, ctx) => ctx.services.access.listWorkspaces(person(ctx).person.id),
    members: async (_, args, ctx) => connectionOf(await ctx.services.access.listMembers(ctx.workspaceId, args)),
    invitations: async (_, args, ctx) => connectionOf(await ctx.services.access.listInvitations(ctx.workspaceId, args)),
    invitation: async (_, { token }, ctx) => {
      const preview = await ctx.services.access.previewInvitation(token);
      return preview ? { workspaceName: preview.workspace.name, role: preview.role, expiresAt: preview.expiresAt } : null;
    },
    apiTokens: async (_, args, ctx) => connectionOf(await ctx.services.access.listApiTokens(ctx.workspaceId, args)),
    auditLog: async (_, { filter, ...args }, ctx) => connectionOf(await ctx.services.access.listAuditLog(ctx.workspaceId, { ...filter, ...args })),
  },
  Mutation: {
    setupFirstOwner: async (_, { input }, ctx) => {
      const result = await ctx.services.access.setupFirstOwner(input);
      if (result.__typename === "AlreadySetUp") throw new GraphQLError(result.message, { extensions: { code: "FORBIDDEN" } });
      if (result.__typename !== "SignedIn") return result;
      if (result.workspace && result.workspaceCreated) await ctx.onWorkspaceSetUp(result.workspace.id);
      return signedIn(ctx, result, "OWNER");
    },
    signIn: async (_, args, ctx) => {
      const input = mutationInput(args, ["email", "password"]);
      if (isInvalidInput(input)) return input;
      const result = await ctx.services.access.signIn(input, ctx.remoteAddress);
      if (result.__typename !== "SignedIn") return result;
      const [first] = result.workspace ? await ctx.services.access.listWorkspaces(result.person.id) : [];
      return signedIn(ctx, result, first?.role ?? null);
    },
    signOut: async (_, __, ctx) => {
      await endSession(ctx);
      return true;
    },
    endSession: async (_, __, ctx) => ({ __typename: "SessionEnded", person: await endSession(ctx) }),
    switchWorkspace: async (_, args, ctx) => {
      const input = mutationInput(args, ["id"]);
      if (isInvalidInput(input)) return input;
      const viewer = person(ctx);
      const result = await ctx.services.access.switchWorkspace(viewer.sessionId, viewer.person.id, input.id);
      return "__typename" in result ? result : { __typename: "WorkspaceSwitched", workspace: result };
    },
    createWorkspace: async (_, args, ctx) => {
      const input = mutationInput(args, ["name"]);
      if (isInvalidInput(input)) return input;
      const result = await ctx.services.access.createWorkspace(person(ctx).person.id, input.name);
      return "__typename" in result ? result : { __typename: "WorkspaceCreated", workspace: result };
    },
    createInvitation: async (_, args, ctx) => {
      const input = mutationInput(args, ["role"]);
      if (isInvalidInput(input)) return input;
      const result = await ctx.services.access.createInvitation(ctx.workspaceId, { personId: person(ctx).person.id, role: actorRole(ctx) }, input.role);
      return "__typename" in result ? result : { __typename: "InvitationCreated", ...result };
    },
    revokeInvitation: async (_, args, ctx) => {
      const input = mutationInput(args, ["id"]);
      if (isInvalidInput(input)) return input;
      const result = await ctx.services.access.revokeInvitation(ctx.workspaceId, input.id);
      return "__typename" in result ? result : { __typename: "InvitationRevoked", invitation: result };
    },
    acceptInvitation: async (_, args, ctx) => {
      const input = mutationInput(args, ["token"], ["newPerson"]);
      if (isInvalidInput(input)) return input;
      const viewer = ctx.viewer?.kind === "person" ? ctx.viewer : null;
      const result = await ctx.services.access.acceptInvitation(input.token, viewer ? { personId: viewer.person.id } : { newPerson: input.newPerson ?? {} });
      if ("__typename" in result) return result;
      if (result.sessionToken) setSession(ctx, result.sessionToken);
      return { __typename: "InvitationAccepted", person: result.person, workspace: result.workspace };
    },
    changeMemberRole: async (_, args, ctx) => {
      const input = mutationInput(args, ["personId", "role"]);
      if (isInvalidInput(input)) return input;
      const result = await ctx.services.access.changeMemberRole(ctx.workspaceId, actorRole(ctx), input.personId, input.role);
      return "__typename" in result ? result : { __typename: "MemberUpdated", member: result };
    },
    removeMember: async (_, args, ctx) => {
      const input = mutationInput(args, ["personId"]);
      if (isInvalidInput(input)) return input;
      const result = await ctx.services.access.removeMember(ctx.workspaceId, actorRole(ctx), input.personId);
      return "__typename" in result ? result : { __typename: "MemberRemoved", personId: result.person.id };
    },
    createApiToken: async (_, { input }, ctx) => {
      const result = await ctx.services.access.createApiToken(ctx.workspaceId, person(ctx).person.id, {
        ...input,
        scopes: input.scopes.map((s) => SCOPE_FROM_API[s]),
      });
      return "__typename" in result ? result : { __typename: "ApiTokenCreated", apiToken: result.token, token: result.secret };
    },
    revokeApiToken: async (_, args, ctx) => {
      const input = mutationInput(args, ["id"]);
      if (isInvalidInput(input)) return input;
      const result = await ctx.services.access.revokeApiToken(ctx.workspaceId, input.id);
      return "__typename" in result ? result : { __typename: "ApiTokenRevoked", apiToken: result };
    },
  },
  Viewer: {
    person: (v) => (v.kind === "person" ? v.person : null),
    apiToken: (v) => (v.kind === "token" ? v.token : null),
    workspace: (v) => (v.workspace ? { ...v.workspace, role: v.kind === "person" ? v.role : null } : null),
    role: (v) => (v.kind === "person" ? v.role : null),
    scopes: (v) => (v.kind === "token" ? v.token.scopes.map((s) => SCOPE_TO_API[s]) : []),
  },
  ApiToken: {
    scopes: (t) => t.scopes.map((s) => SCOPE_TO_API[s]),
    // People's names and emails are for people: a token does not learn who made it.
    createdBy: (t, _, ctx) => (ctx.viewer?.kind === "person" ? t.createdBy : null),
  },
  AuditEvent: {
    id: (e) => String(e.seq),
    actorType: (e) => ACTOR_TYPES[e.actorType] ?? "SYSTEM",
  },
};
