import { invalidInput, VERIFICATION_HISTORY_LIMIT } from "@latchkey/core";
import type { Resolvers } from "../../generated/resolvers-types";
import { failAsUserInput, isProblem, loadOrFail } from "../shared";

export const credentialResolvers: Resolvers = {
  Query: {
    credentials: async (_, { filter, first, after }, ctx) => {
      const page = await ctx.services.credentials.list(ctx.workspaceId, { filter, first, after });
      if ("__typename" in page) failAsUserInput(page);
      // The page's components in one query now, so that every node's component resolves without
      // a promise of its own (graphql-js then completes each node synchronously).
      await ctx.loaders.component.loadMany([...new Set(page.items.map((c) => c.componentId))]);
      return {
        edges: page.items.map((node, i) => ({ node, cursor: page.cursors[i]! })),
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null },
        totalCount: page.totalCount,
      };
    },
    credential: (_, { id }, ctx) => ctx.loaders.credential.load(id),
  },
  // The verifying mutations (verify, create, update, reverify, start OAuth2) have their rate limit
  // taken before they run: `verifies` in access-rules.ts.
  Mutation: {
    verifyCredential: async (_, { input }, ctx) => {
      const result = await ctx.services.credentials.verify(ctx.workspaceId, input);
      if (isProblem(result)) failAsUserInput(result);
      return result;
    },
    createCredential: (_, { input }, ctx) => ctx.services.credentials.create(ctx.workspaceId, input),
    updateCredential: (_, { id, values }, ctx) => ctx.services.credentials.update(ctx.workspaceId, id, values),
    renameCredential: (_, { id, name }, ctx) => ctx.services.credentials.rename(ctx.workspaceId, id, name),
    deleteCredential: (_, { id }, ctx) => ctx.services.credentials.delete(ctx.workspaceId, id),
    reverifyCredential: (_, { id }, ctx) => ctx.services.credentials.reverify(ctx.workspaceId, id),
    resolveCredential: (_, { id }, ctx) => ctx.services.credentials.resolve(ctx.workspaceId, id),
    reconnectOAuth2Credential: (_, { input }, ctx) => ctx.services.credentials.reconnectOAuth2Credential(ctx.workspaceId, input),
    startOAuth2Authorization: async (_, { input }, ctx) => {
      const result = await ctx.services.credentials.startOAuth2Authorization(ctx.workspaceId, input);
      if (isProblem(result)) failAsUserInput(result);
      return result;
    },
  },
  Credential: {
    component: (c, _, ctx) =>
      ctx.loaders.loadedComponent(c.componentId) ?? loadOrFail(ctx.loaders.component.load(c.componentId), "The credential's component"),
    secrets: (c) => c.secretHints,
    usage: (c, _, ctx) => ctx.loaders.usageOfCredential.load(c.id),
    verifications: (c, { first }, ctx) => {
      if (!Number.isInteger(first) || first < 1 || first > VERIFICATION_HISTORY_LIMIT) {
        failAsUserInput(invalidInput([{ field: "first", message: `Must be between 1 and ${VERIFICATION_HISTORY_LIMIT}.` }]));
      }
      return ctx.loaders.verificationHistory(first).load(c.id);
    },
  },
};
