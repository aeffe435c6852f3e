import type { Page } from "@latchkey/core";
import type { Resolvers } from "../../generated/resolvers-types";
import { failAsUserInput } from "../shared";

/** A service page as a connection. */
function connection<T>(page: Page<T>) {
  return {
    edges: page.items.map((node, i) => ({ node, cursor: page.cursors[i]! })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null },
  };
}

export const webhookResolvers: Resolvers = {
  Query: {
    webhookEndpoints: async (_, { first, after }, ctx) => {
      const page = await ctx.services.webhooks.list(ctx.workspaceId, { first, after });
      if ("__typename" in page) failAsUserInput(page);
      return connection(page);
    },
  },
  Mutation: {
    createWebhookEndpoint: (_, { input }, ctx) => ctx.services.webhooks.create(ctx.workspaceId, input),
    updateWebhookEndpoint: (_, { input }, ctx) => ctx.services.webhooks.update(ctx.workspaceId, input),
    deleteWebhookEndpoint: (_, { input }, ctx) => ctx.services.webhooks.delete(ctx.workspaceId, input),
    sendTestWebhook: (_, { input }, ctx) => ctx.services.webhooks.sendTest(ctx.workspaceId, input),
    rotateWebhookSecret: (_, { input }, ctx) => ctx.services.webhooks.rotateSecret(ctx.workspaceId, input),
    resendWebhookDelivery: (_, { input }, ctx) => ctx.services.webhooks.resend(ctx.workspaceId, input),
  },
  WebhookEndpoint: {
    // Admins read a handful of endpoints: one query per endpoint shown.
    deliveries: async (endpoint, { first, after }, ctx) => {
      const page = await ctx.services.webhooks.deliveries(ctx.workspaceId, endpoint.id, { first, after });
      if ("__typename" in page) failAsUserInput(page);
      return connection(page);
    },
  },
};
