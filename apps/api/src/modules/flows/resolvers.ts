import type { Resolvers } from "../../generated/resolvers-types";
import { loadOrFail } from "../shared";

export const flowResolvers: Resolvers = {
  Query: {
    flows: (_, { status }, ctx) => ctx.services.flows.list(ctx.workspaceId, status),
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
