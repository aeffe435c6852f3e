import { GraphQLError, type OperationDefinitionNode } from "graphql";

/** A UTF-16 surrogate without its pair: not a character, and PostgreSQL refuses it in text and JSON. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const REASON = "Text may not contain a lone UTF-16 surrogate (an unpaired \\uD800-\\uDFFF escape).";

/** A value met on the way down; its path is spelled out only for the one that is reported. */
interface Visit {
  value: unknown;
  parent?: Visit;
  key?: string | number;
}

/** graphql-js style: "name", "values.key", "list[2]". */
function pathOf(visit: Visit | undefined): string {
  if (visit?.parent === undefined) return "";
  const parent = pathOf(visit.parent);
  if (typeof visit.key === "number") return `${parent}[${visit.key}]`;
  return parent ? `${parent}.${visit.key}` : visit.key!;
}

/**
 * Where in a JSON value (strings and object keys, at any depth) a lone surrogate sits, as a
 * graphql-js style path ("name", "values.key", "list[2]"); undefined when there is none. Iterative:
 * the value may be nested arbitrarily deep. Every request's variables pass here: the path is built
 * only for what is found.
 */
export function findLoneSurrogate(value: unknown): string | undefined {
  const stack: Visit[] = [{ value }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === "string") {
      if (LONE_SURROGATE.test(item.value)) return pathOf(item);
    } else if (Array.isArray(item.value)) {
      item.value.forEach((child, index) => stack.push({ value: child, parent: item, key: index }));
    } else if (typeof item.value === "object" && item.value !== null) {
      for (const [key, child] of Object.entries(item.value)) {
        const visit: Visit = { value: child, parent: item, key };
        if (LONE_SURROGATE.test(key)) return pathOf(visit);
        stack.push(visit);
      }
    }
  }
  return undefined;
}

/**
 * The operation's variables checked for lone surrogates before anything runs (string literals of
 * the document cannot hold one: graphql-js's lexer refuses them). Each offending variable gets an
 * error shaped like graphql-js's own variable errors, which Apollo answers with HTTP 400 and
 * BAD_USER_INPUT; it names the variable and the path inside it, never the value.
 */
export function loneSurrogateErrors(operation: OperationDefinitionNode, variables: Record<string, unknown>): GraphQLError[] {
  const errors: GraphQLError[] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const at = findLoneSurrogate(variables[name]);
    if (at === undefined) continue;
    errors.push(
      new GraphQLError(`Variable "$${name}" got invalid value at "${name}${at && !at.startsWith("[") ? "." : ""}${at}"; ${REASON}`, {
        nodes: [definition],
        originalError: new Error(REASON),
      }),
    );
  }
  return errors;
}
