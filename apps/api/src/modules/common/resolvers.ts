import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from "graphql";
import type { Resolvers } from "../../generated/resolvers-types";

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}

function toDate(value: unknown): Date {
  const date = typeof value === "string" || value instanceof Date ? new Date(value) : new Date(NaN);
  if (Number.isNaN(date.getTime())) throw badInput("DateTime must be an ISO 8601 date-time string.");
  return date;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function literalToValue(ast: ValueNode, variables: Record<string, unknown> | null | undefined): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
    case Kind.ENUM:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((v) => literalToValue(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalToValue(f.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[ast.name.value];
  }
}

const DateTime = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  description: "An ISO 8601 date-time in UTC.",
  serialize: (value) => toDate(value).toISOString(),
  parseValue: toDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badInput("DateTime must be a string.");
    return toDate(ast.value);
  },
});

const JSONObject = new GraphQLScalarType<Record<string, unknown>, Record<string, unknown>>({
  name: "JSONObject",
  description: "A JSON object.",
  serialize: (value) => {
    if (!isPlainObject(value)) throw new GraphQLError("JSONObject cannot represent a non-object value.");
    return value;
  },
  parseValue: (value) => {
    if (!isPlainObject(value)) throw badInput("JSONObject must be a JSON object.");
    return value;
  },
  parseLiteral: (ast, variables) => {
    if (ast.kind !== Kind.OBJECT) throw badInput("JSONObject must be a JSON object.");
    return literalToValue(ast, variables) as Record<string, unknown>;
  },
});

export const commonResolvers: Resolvers = { DateTime, JSONObject };
