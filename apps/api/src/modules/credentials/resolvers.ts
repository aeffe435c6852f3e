import { verificationFailed } from "@latchkey/core";
import type { Resolvers } from "../../generated/resolvers-types";
import { connectionOf, failAsUserInput, isInvalidInput, isProblem, loadOrFail, mutationInput } from "../shared";

export const credentialResolvers: Resolvers = {
  Query: {
    credentials: async (_, { filter, ...args }, ctx) => {
      const page = await ctx.services.credentials.list(ctx.workspaceId, { filter, ...args });
      if ("__typename" in page) failAsUserInput(page);
      // The page's components in one query now, so that every node's component resolves without
      // a promise of its own (graphql-js then completes each node synchronously).
      await ctx.loaders.preloadComponents(page.items.map((c) => c.componentId));
      return connectionOf(page);
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
    verifyCredentialValues: async (_, { input }, ctx) => {
      const result = await ctx.services.credentials.verify(ctx.workspaceId, input);
      if (isProblem(result)) return result;
      return result.ok ? { __typename: "CredentialValuesVerified", verification: result } : verificationFailed(result);
    },
    createCredential: async (_, { input }, ctx) => {
      const result = await ctx.services.credentials.create(ctx.workspaceId, input);
      if (result.__typename === "CredentialCreated") ctx.loaders.knownComponent(result.component);
      return result;
    },
    updateCredential: (_, args, ctx) => {
      const input = mutationInput(args, ["id", "values"]);
      return isInvalidInput(input) ? input : ctx.services.credentials.update(ctx.workspaceId, input.id, input.values);
    },
    renameCredential: (_, args, ctx) => {
      const input = mutationInput(args, ["id", "name"]);
      return isInvalidInput(input) ? input : ctx.services.credentials.rename(ctx.workspaceId, input.id, input.name);
    },
    deleteCredential: (_, args, ctx) => {
      const input = mutationInput(args, ["id"]);
      return isInvalidInput(input) ? input : ctx.services.credentials.delete(ctx.workspaceId, input.id);
    },
    reverifyCredential: (_, args, ctx) => {
      const input = mutationInput(args, ["id"]);
      return isInvalidInput(input) ? input : ctx.services.credentials.reverify(ctx.workspaceId, input.id);
    },
    resolveCredential: async (_, args, ctx) => {
      const input = mutationInput(args, ["id"]);
      if (isInvalidInput(input)) return input;
      const result = await ctx.services.credentials.resolve(ctx.workspaceId, input.id);
      if (result.__typename === "ResolvedCredential") ctx.loaders.knownComponent(result.component);
      return result;
    },
    reconnectOAuth2Credential: (_, { input }, ctx) => ctx.services.credentials.reconnectOAuth2Credential(ctx.workspaceId, input),
    startOAuth2Authorization: async (_, { input }, ctx) => {
      const result = await ctx.services.credentials.startOAuth2Authorization(ctx.workspaceId, input);
      if (isProblem(result)) failAsUserInput(result);
      return result;
    },
    beginOAuth2Authorization: async (_, { input }, ctx) => {
      const result = await ctx.services.credentials.startOAuth2Authorization(ctx.workspaceId, input);
      return isProblem(result) ? result : { __typename: "OAuth2AuthorizationStarted", authorization: result };
    },
  },
  Credential: {
    component: (c, _, ctx) =>
      ctx.loaders.loadedComponent(c.componentId) ?? loadOrFail(ctx.loaders.component.load(c.componentId), "The credential's component"),
    secrets: (c) => c.secretHints,
    // One page for one credential: one query (with its count) per credential asked about.
    usage: async (c, args, ctx) => connectionOf(await ctx.services.flows.usageOf(ctx.workspaceId, c.id, args)),
    verifications: async (c, args, ctx) => connectionOf(await ctx.services.credentials.history(ctx.workspaceId, c.id, args)),
  },
};
