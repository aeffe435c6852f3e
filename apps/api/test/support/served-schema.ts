import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { buildSchema, type GraphQLSchema } from "graphql";

/** The API's schema as its modules declare it (no resolvers): for tests that generate or check documents. */
export function servedSchema(): GraphQLSchema {
  const modules = path.join(__dirname, "../../src/modules");
  return buildSchema(
    readdirSync(modules, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map(({ name }) => readFileSync(path.join(modules, name, "schema.graphql"), "utf8"))
      .join("\n"),
  );
}
