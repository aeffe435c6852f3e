import { defaultFieldResolver, GraphQLError, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { roleAtLeast, withAuditActor, type Role, type Scope } from "@latchkey/core";
import type { RequestContext } from "./context";

/**
 * Who may call a root field:
 * - `public`: anyone (setup, sign-in, the invitation page, `viewer`);
 * - `person`: any signed-in person, in no particular workspace (their workspaces, sign-out);
 * - `workspace`: a member of the request's workspace with at least `role`, or an API token of that
 *   workspace with `scope` (`scope: null`: people only);
 * - `token`: an API token with `scope` only (people cannot call it).
 * A `workspace` rule with `verifies: true` also takes one of the workspace's verifications (the
 * rate limit, `ctx.takeVerification()`) once access is granted, before the resolver runs: every
 * mutation that makes an outgoing request (a verification) needs it.
 */
export type AccessRule =
  | { kind: "public" }
  | { kind: "person" }
  | { kind: "workspace"; role: Role; scope: Scope | null; verifies?: true }
  | { kind: "token"; scope: Scope };

const PUBLIC: AccessRule = { kind: "public" };
const PERSON: AccessRule = { kind: "person" };
const READ: AccessRule = { kind: "workspace", role: "VIEWER", scope: "read" };
const WRITE: AccessRule = { kind: "workspace", role: "MEMBER", scope: "write" };
/** Components decide where stored secrets are sent: admins, or a token with the separate `components:write` scope. */
const COMPONENTS_WRITE: AccessRule = { kind: "workspace", role: "ADMIN", scope: "components:write" };
const ADMIN_PEOPLE_ONLY: AccessRule = { kind: "workspace", role: "ADMIN", scope: null };
const WRITE_VERIFYING: AccessRule = { kind: "workspace", role: "MEMBER", scope: "write", verifies: true };

/**
 * Every root field of the schema has exactly one rule here: building the schema fails on a field
 * without one (or a rule without a field), so a new operation cannot be left unguarded.
 */
export const ACCESS_RULES: Record<"Query" | "Mutation", Record<string, AccessRule>> = {
  Query: {
    setupStatus: PUBLIC,
    viewer: PUBLIC,
    invitation: PUBLIC,
    workspaces: PERSON,
    components: READ,
    component: READ,
    // Shows what registerComponent would do: the same rule.
    previewComponent: COMPONENTS_WRITE,
    credentials: READ,
    credential: READ,
    flows: READ,
    flow: READ,
    // Each type found by id is also held to its list's rule (see modules/nodes/resolvers.ts).
    node: READ,
    nodes: READ,
    members: ADMIN_PEOPLE_ONLY,
    invitations: ADMIN_PEOPLE_ONLY,
    apiTokens: ADMIN_PEOPLE_ONLY,
    auditLog: ADMIN_PEOPLE_ONLY,
    // Webhooks are workspace settings: admins, people only (as members and tokens).
    webhookEndpoints: ADMIN_PEOPLE_ONLY,
  },
  Mutation: {
    setupFirstOwner: PUBLIC,
    signIn: PUBLIC,
    acceptInvitation: PUBLIC,
    signOut: PERSON,
    endSession: PERSON,
    switchWorkspace: PERSON,
    createWorkspace: PERSON,
    verifyCredential: WRITE_VERIFYING,
    verifyCredentialValues: WRITE_VERIFYING,
    createCredential: WRITE_VERIFYING,
    updateCredential: WRITE_VERIFYING,
    renameCredential: WRITE,
    deleteCredential: WRITE,
    reverifyCredential: WRITE_VERIFYING,
    startOAuth2Authorization: WRITE_VERIFYING,
    beginOAuth2Authorization: WRITE_VERIFYING,
    // Sends the browser to the provider, and its callback verifies: the same rule as starting.
    reconnectOAuth2Credential: WRITE_VERIFYING,
    resolveCredential: { kind: "token", scope: "credentials:use" },
    createFlow: WRITE,
    renameFlow: WRITE,
    setStepCredential: WRITE,
    activateFlow: WRITE,
    deactivateFlow: WRITE,
    deleteFlow: WRITE,
    registerComponent: COMPONENTS_WRITE,
    // Settings fill in components' endpoints and OAuth2 clients: the same rule as the descriptor.
    setComponentSettings: COMPONENTS_WRITE,
    createInvitation: ADMIN_PEOPLE_ONLY,
    revokeInvitation: ADMIN_PEOPLE_ONLY,
    changeMemberRole: ADMIN_PEOPLE_ONLY,
    removeMember: ADMIN_PEOPLE_ONLY,
    createApiToken: ADMIN_PEOPLE_ONLY,
    revokeApiToken: ADMIN_PEOPLE_ONLY,
    createWebhookEndpoint: ADMIN_PEOPLE_ONLY,
    updateWebhookEndpoint: ADMIN_PEOPLE_ONLY,
    deleteWebhookEndpoint: ADMIN_PEOPLE_ONLY,
    sendTestWebhook: ADMIN_PEOPLE_ONLY,
    rotateWebhookSecret: ADMIN_PEOPLE_ONLY,
    resendWebhookDelivery: ADMIN_PEOPLE_ONLY,
  },
};

function fail(code: "UNAUTHENTICATED" | "FORBIDDEN", message: string): never {
  throw new GraphQLError(message, { extensions: { code } });
}

/** Throws UNAUTHENTICATED (no valid credential) or FORBIDDEN (not this role or scope). */
export async function authorize(rule: AccessRule, ctx: RequestContext): Promise<void> {
  if (rule.kind === "public") return;
  const viewer = ctx.viewer;
  if (!viewer) {
    if (!(await ctx.services.access.isSetUp())) fail("UNAUTHENTICATED", "Latchkey is not set up yet: create the first owner first.");
    fail(
      "UNAUTHENTICATED",
      ctx.presentedCredential
        ? "The session or API token is not valid: it is wrong, expired or revoked. Sign in again or use another token."
        : "Sign in, or send an API token as `Authorization: Bearer <token>`.",
    );
  }
  if (rule.kind === "person") {
    if (viewer.kind !== "person") fail("FORBIDDEN", "Only a signed-in person can do this, not an API token.");
    return;
  }
  if (rule.kind === "token") {
    if (viewer.kind !== "token") fail("FORBIDDEN", `Only an API token with the ${rule.scope} scope can do this.`);
    if (!viewer.token.scopes.includes(rule.scope)) fail("FORBIDDEN", `This API token lacks the ${rule.scope} scope.`);
    return;
  }
  if (viewer.kind === "token") {
    if (ctx.requestedWorkspaceId && ctx.requestedWorkspaceId !== viewer.workspace.id) {
      fail("FORBIDDEN", "An API token acts only in its own workspace.");
    }
    if (rule.scope === null) fail("FORBIDDEN", "Only a signed-in person can do this, not an API token.");
    if (!viewer.token.scopes.includes(rule.scope)) fail("FORBIDDEN", `This API token lacks the ${rule.scope} scope.`);
    return;
  }
  if (!viewer.workspace || !viewer.role) {
    fail("FORBIDDEN", ctx.requestedWorkspaceId ? "You are not a member of the requested workspace." : "You are not a member of any workspace.");
  }
  if (!roleAtLeast(viewer.role, rule.role)) fail("FORBIDDEN", `This needs the ${rule.role} role or higher; you are ${viewer.role}.`);
}

/** Wraps every root field's resolver with its access rule (and verification budget) and the request's audit actor. */
export function applyAccessRules(schema: GraphQLSchema): GraphQLSchema {
  for (const rootName of ["Query", "Mutation"] as const) {
    const root = rootName === "Query" ? schema.getQueryType() : schema.getMutationType();
    const fields = root?.getFields() ?? {};
    const rules = ACCESS_RULES[rootName];
    for (const name of Object.keys(rules)) {
      if (!fields[name]) throw new Error(`ACCESS_RULES names ${rootName}.${name}, which the schema does not have.`);
    }
    for (const [name, field] of Object.entries(fields)) {
      const rule = rules[name];
      if (!rule) throw new Error(`${rootName}.${name} has no access rule: add one to ACCESS_RULES in apps/api/src/access-rules.ts.`);
      const resolve: GraphQLFieldResolver<unknown, RequestContext> = field.resolve ?? defaultFieldResolver;
      const verifies = rule.kind === "workspace" && rule.verifies === true;
      field.resolve = async (source, args, ctx: RequestContext, info) => {
        await authorize(rule, ctx);
        // Throws RATE_LIMITED when the workspace has used up its verifications.
        if (verifies) await ctx.takeVerification();
        return withAuditActor(ctx.auditActor, () => resolve(source, args, ctx, info));
      };
    }
  }
  return schema;
}
