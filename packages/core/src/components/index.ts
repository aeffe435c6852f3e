export { componentDescriptorSchema, parseComponentDescriptor } from "./descriptor-schema";
export type {
  AuthMethodDescriptor,
  AuthMethodOfType,
  ComponentDescriptor,
  FieldDescriptor,
  ParseDescriptorResult,
} from "./descriptor-schema";
export { TemplateError, checkTemplate, parseTemplate, renderTemplate, resolveBaseUrl } from "./template";
export type { BaseUrlOptions, TemplateContext, TemplatePlaceholder } from "./template";
export { secretHint, splitCredentialValues, validateCredentialValues } from "./credential-values";
export type { CredentialValuesResult } from "./credential-values";
