import type { Resolvers } from "../../generated/resolvers-types";
import { connectionOf, isInvalidInput, loadOrFail, mutationInput } from "../shared";

export const flowResolvers: Resolvers = {
  Query: {
    flows: async (_, args, ctx) => connectionOf(await ctx.services.flows.list(ctx.workspaceId, args)),
    flow: (_, { id }, ctx) => ctx.services.flows.findById(ctx.workspaceId, id),
  },
  Mutation: {
    createFlow: (_, { input }, ctx) => ctx.services.flows.create(ctx.workspaceId, input),
    renameFlow: (_, args, ctx) => {
      const input = mutationInput(args, ["id", "name"]);
      return isInvalidInput(input) ? input : ctx.services.flows.rename(ctx.workspaceId, input.id, input.name);
    },
    setStepCredential: (_, args, ctx) => {
      const input = mutationInput(args, ["stepId"], ["credentialId"]);
      return isInvalidInput(input) ? input : ctx.services.flows.setStepCredential(ctx.workspaceId, input.stepId, input.credentialId ?? null);
    },
    activateFlow: (_, args, ctx) => {
      const input = mutationInput(args, ["id"]);
      return isInvalidInput(input) ? input : ctx.services.flows.activate(ctx.workspaceId, input.id);
    },
    deactivateFlow: (_, args, ctx) => {
      const input = mutationInput(args, ["id"]);
      return isInvalidInput(input) ? input : ctx.services.flows.deactivate(ctx.workspaceId, input.id);
    },
    deleteFlow: (_, args, ctx) => {
      const input = mutationInput(args, ["id"]);
      return isInvalidInput(input) ? input : ctx.services.flows.delete(ctx.workspaceId, input.id);
    },
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
