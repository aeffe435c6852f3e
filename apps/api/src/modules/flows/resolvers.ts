import type { Resolvers } from "../../generated/resolvers-types";
import { connectionOf, loadOrFail } from "../shared";

export const flowResolvers: Resolvers = {
  Query: {
    flows: async (_, args, ctx) => connectionOf(await ctx.services.flows.list(ctx.workspaceId, args)),
    flow: (_, { id }, ctx) => ctx.services.flows.findById(ctx.workspaceId, id),
  },
  Mutation: {
    createFlow: (_, { input }, ctx) => ctx.services.flows.create(ctx.workspaceId, input),
    renameFlow: (_, { id, name }, ctx) => ctx.services.flows.rename(ctx.workspaceId, id, name),
    setStepCredential: (_, { stepId, credentialId }, ctx) =>
      ctx.services.flows.setStepCredential(ctx.workspaceId, stepId, credentialId),
    activateFlow: (_, { id }, ctx) => ctx.services.flows.activate(ctx.workspaceId, id),
    deactivateFlow: (_, { id }, ctx) => ctx.services.flows.deactivate(ctx.workspaceId, id),
    deleteFlow: (_, { id }, ctx) => ctx.services.flows.delete(ctx.workspaceId, id),
  },
  Flow: {
    steps: (f, _, ctx) => ctx.loaders.stepsOfFlow.load(f.id),
    // In SQL, for the flows this request asks about (one page) in one query.
    stepsNeedingAttention: (f, _, ctx) => ctx.loaders.stepsNeedingAttention.load(f.id),
  },
  FlowStep: {
    component: (s, _, ctx) => loadOrFail(ctx.loaders.component.load(s.componentId), "The step's component"),
    credential: (s, _, ctx) => (s.credentialId ? ctx.loaders.credential.load(s.credentialId) : null),
  },
};
