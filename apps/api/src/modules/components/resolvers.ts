import type { Resolvers } from "../../generated/resolvers-types";
import { connectionOf, isInvalidInput, mutationInput } from "../shared";

export const componentResolvers: Resolvers = {
  Query: {
    components: async (_, args, ctx) => connectionOf(await ctx.services.components.list(ctx.workspaceId, args)),
    component: (_, { key }, ctx) => ctx.services.components.findByKey(ctx.workspaceId, key),
    previewComponent: (_, { descriptorText, format, key }, ctx) => ctx.services.components.preview(descriptorText, { format, key }),
  },
  Mutation: {
    registerComponent: (_, { format, ...args }, ctx) => {
      // `format` has a default, so it is always there: it counts only without `input`.
      const input = mutationInput(args, ["descriptor"], ["key"]);
      if (isInvalidInput(input)) return input;
      return ctx.services.components.register(ctx.workspaceId, input.descriptor, { format: args.input ? input.format : format, key: input.key });
    },
    setComponentSettings: (_, args, ctx) => {
      const input = mutationInput(args, ["componentKey", "settings"]);
      if (isInvalidInput(input)) return input;
      return ctx.services.componentSettings.set(ctx.workspaceId, input.componentKey, input.settings);
    },
  },
  Component: {
    authMethods: (c) => c.descriptor.authMethods,
    format: (c) => c.descriptor.format ?? "LATCHKEY",
    settings: (c, _, ctx) => (c.descriptor.settings?.length ? ctx.loaders.settingsOfComponent.load(c) : []),
    credentialCount: (c) => c.credentialCount,
    credentials: async (c, args, ctx) => {
      // Every node's component is this one: resolved from it, not read again.
      ctx.loaders.knownComponent(c);
      return connectionOf(await ctx.services.credentials.listOfComponent(ctx.workspaceId, c, args));
    },
  },
  ComponentPreview: {
    authMethods: (p) => p.descriptor.authMethods,
  },
  AuthMethod: {
    grantTypes: (m) => (m.type === "OAUTH2" ? m.oauth2.grantTypes.map((grant) => (grant === "authorization_code" ? "AUTHORIZATION_CODE" : "CLIENT_CREDENTIALS")) : []),
    redirectUri: (m, _, ctx) => (m.type === "OAUTH2" && m.oauth2.grantTypes.includes("authorization_code") ? ctx.services.credentials.oauth2RedirectUri() : null),
  },
  FieldDefinition: {
    required: (f) => f.required ?? false,
    secret: (f) => f.secret ?? false,
    description: (f) => f.description ?? null,
    placeholder: (f) => f.placeholder ?? null,
    defaultValue: (f) => (f.defaultValue == null ? null : String(f.defaultValue)),
    options: (f) => f.options?.map((o) => o.value) ?? null,
    selectOptions: (f) => f.options ?? null,
  },
};

