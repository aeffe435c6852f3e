export { createClient, LatchkeyRequestError } from "./client";
export type { ClientOptions, GraphQLErrorShape, LatchkeyClient } from "./client";
export * from "./generated/graphql";
