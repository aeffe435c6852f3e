import type { Resolvers } from "../../generated/resolvers-types";
import { connectionOf } from "../shared";

export const webhookResolvers: Resolvers = {
  Query: {
    webhookEndpoints: async (_, args, ctx) => connectionOf(await ctx.services.webhooks.list(ctx.workspaceId, args)),
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
    deliveries: async (endpoint, args, ctx) => connectionOf(await ctx.services.webhooks.deliveries(ctx.workspaceId, endpoint.id, args)),
  },
};
