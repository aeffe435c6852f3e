import type { Resolvers } from "../../generated/resolvers-types";

export const componentResolvers: Resolvers = {
  Query: {
    components: (_, __, ctx) => ctx.services.components.list(ctx.workspaceId),
    component: (_, { key }, ctx) => ctx.services.components.findByKey(ctx.workspaceId, key),
    previewComponent: (_, { descriptorText, format, key }, ctx) => ctx.services.components.preview(descriptorText, { format, key }),
  },
  Mutation: {
    registerComponent: (_, { descriptor, format, key }, ctx) => ctx.services.components.register(ctx.workspaceId, descriptor, { format, key }),
    setComponentSettings: (_, { componentKey, settings }, ctx) => ctx.services.componentSettings.set(ctx.workspaceId, componentKey, settings),
  },
  Component: {
    authMethods: (c) => c.descriptor.authMethods,
    format: (c) => c.descriptor.format ?? "LATCHKEY",
    settings: (c, _, ctx) => (c.descriptor.settings?.length ? ctx.loaders.settingsOfComponent.load(c) : []),
    credentialCount: (c) => c.credentialCount,
    credentials: (c, _, ctx) => ctx.loaders.credentialsOfComponent.load(c.id),
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

