import type { Resolvers } from "../../generated/resolvers-types";
import { isInvalidInput, loadOrFail, mutationInput } from "../shared";

export const flowResolvers: Resolvers = {
  Query: {
    flows: (_, { status }, ctx) => ctx.services.flows.list(ctx.workspaceId, status),
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
    stepsNeedingAttention: async (f, _, ctx) => {
      const steps = await ctx.loaders.stepsOfFlow.load(f.id);
      const credentials = await ctx.loaders.credential.loadMany(steps.flatMap((s) => (s.credentialId ? [s.credentialId] : [])));
      const valid = new Set(credentials.flatMap((c) => (c && !(c instanceof Error) && c.status === "VALID" ? [c.id] : [])));
      return steps.filter((s) => !s.credentialId || !valid.has(s.credentialId));
    },
  },
  FlowStep: {
    component: (s, _, ctx) => loadOrFail(ctx.loaders.component.load(s.componentId), "The step's component"),
    credential: (s, _, ctx) => (s.credentialId ? ctx.loaders.credential.load(s.credentialId) : null),
  },
};
