import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from "graphql";
import type { Resolvers } from "../../generated/resolvers-types";

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}

/** A valid Date as it is; a string parsed; anything else (or an invalid date) is refused. */
function toDate(value: unknown): Date {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  const date = typeof value === "string" ? new Date(value) : new Date(NaN);
  if (Number.isNaN(date.getTime())) throw badInput("DateTime must be an ISO 8601 date-time string.");
  return date;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deeper than any descriptor or credential values need; deeper input would exhaust the stack later. */
const MAX_JSON_DEPTH = 32;

/** The nesting depth of a JSON value, measured without recursion (the value may be arbitrarily deep). */
function exceedsDepth(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== "object" || item === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

function toJSONObject(value: unknown): Record<string, unknown> {
  if (!isPlainObject(value)) throw badInput("JSONObject must be a JSON object.");
  if (exceedsDepth(value, MAX_JSON_DEPTH)) throw badInput(`JSONObject may be nested at most ${MAX_JSON_DEPTH} levels deep.`);
  return value;
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
  parseValue: toJSONObject,
  parseLiteral: (ast, variables) => {
    if (ast.kind !== Kind.OBJECT) throw badInput("JSONObject must be a JSON object.");
    return toJSONObject(literalToValue(ast, variables));
  },
});

export const commonResolvers: Resolvers = { DateTime, JSONObject };
