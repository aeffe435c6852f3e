import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { makeExecutableSchema } from "@graphql-tools/schema";
import type { GraphQLSchema } from "graphql";
import { applyAccessRules } from "./access-rules";
import { accessResolvers } from "./modules/access/resolvers";
import { commonResolvers } from "./modules/common/resolvers";
import { componentResolvers } from "./modules/components/resolvers";
import { credentialResolvers } from "./modules/credentials/resolvers";
import { flowResolvers } from "./modules/flows/resolvers";
import { nodeResolvers } from "./modules/nodes/resolvers";
import { webhookResolvers } from "./modules/webhooks/resolvers";

const modulesDir = fileURLToPath(new URL("./modules", import.meta.url));

/** Every module's SDL, in a stable order (common first, it declares the root types). */
export function loadTypeDefs(): string[] {
  return readdirSync(modulesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => (a === "common" ? -1 : b === "common" ? 1 : a.localeCompare(b)))
    .map((name) => readFileSync(path.join(modulesDir, name, "schema.graphql"), "utf8"));
}

/** The executable schema, every root field behind its access rule (see access-rules.ts). */
export function buildSchema(): GraphQLSchema {
  return applyAccessRules(
    makeExecutableSchema({
      typeDefs: loadTypeDefs(),
      resolvers: [commonResolvers, accessResolvers, componentResolvers, credentialResolvers, flowResolvers, nodeResolvers, webhookResolvers],
      inheritResolversFromInterfaces: true,
    }),
  );
}
