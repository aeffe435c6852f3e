import type { GatewayExecutor, GatewayInterface } from "@apollo/server-gateway-interface";
import { execute, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { getVariableValues } from "graphql/execution/values";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import { loneSurrogateErrors } from "./well-formed-input";

interface DocumentPlan {
  runs: number;
  /** graphql-jit could not compile it: graphql-js runs it every time. */
  uncompilable: boolean;
  /** Per operation name ("" when the document has one unnamed operation). */
  compiled: Map<string, CompiledQuery>;
}

/**
 * Execution for Apollo Server: documents that come back (the SDK's operations) are compiled by
 * graphql-jit into plain functions, which complete a page of credentials several times faster
 * than graphql-js walks it field by field; a document seen once or twice runs on graphql-js, so
 * one-off (and hostile) documents cost no compilation. Apollo has parsed, validated (with the
 * armor limits) and cached the document before this runs; the plans hang off Apollo's cached
 * DocumentNode objects, so they go when Apollo evicts a document.
 *
 * Variables are always coerced by graphql-js first, so a bad variable gets graphql-js's own error
 * (HTTP 400, BAD_USER_INPUT) on either path.
 *
 * Apollo Server takes a custom executor only through its gateway interface: this is a "gateway"
 * that serves the one local schema.
 */
export function compiledExecution(
  schema: GraphQLSchema,
  options: {
    /** How many times a document is executed by graphql-js before it is compiled (LATCHKEY_COMPILE_AFTER_RUNS). */
    compileAfterRuns: number;
    onCompiled?: (operationName: string | undefined) => void;
  },
): GatewayInterface {
  const compileAfter = options.compileAfterRuns;
  const plans = new WeakMap<DocumentNode, DocumentPlan>();

  const compiledFor = (document: DocumentNode, operationName: string | undefined): CompiledQuery | undefined => {
    let plan = plans.get(document);
    if (!plan) plans.set(document, (plan = { runs: 0, uncompilable: false, compiled: new Map() }));
    const key = operationName ?? "";
    const found = plan.compiled.get(key);
    if (found) return found;
    if (plan.uncompilable || ++plan.runs <= compileAfter) return undefined;
    let compiled: CompiledQuery | ExecutionResult;
    try {
      // disableLeafSerialization: String, ID, Boolean, Int, Float and enum values go out as the
      // resolvers return them (a null in a non-null field is still an error; DateTime and JSONObject
      // are still serialized). graphql-jit otherwise calls a checker with two fresh arrays per leaf,
      // about 8 % of the API's CPU on a page of 50 credentials. The resolvers return those values
      // already in their serialized form (numbers, not numeric strings; enum names): the plans'
      // answers are compared byte for byte with graphql-js's for every SDK query in
      // compiled-execution.test.ts, and the whole test suite runs on plans.
      compiled = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true, disableLeafSerialization: true });
    } catch {
      compiled = { errors: [] };
    }
    // A document Apollo validated compiles; should one not, graphql-js keeps running it.
    if (!isCompiledQuery(compiled)) {
      plan.uncompilable = true;
      return undefined;
    }
    plan.compiled.set(key, compiled);
    options.onCompiled?.(operationName);
    return compiled;
  };

  const executor: GatewayExecutor = async (requestContext) => {
    const { document, operation, context } = requestContext as typeof requestContext & {
      document: DocumentNode;
      operation: OperationDefinitionNode | undefined;
    };
    // The name the request asked for (the context's own operationName is the resolved one's).
    const operationName = requestContext.request.operationName;
    const variables = requestContext.request.variables ?? {};
    // Text PostgreSQL cannot store is refused here, before either path runs a resolver.
    const malformed = operation ? loneSurrogateErrors(operation, variables) : [];
    if (malformed.length > 0) return { errors: malformed };
    // No operation resolved (unknown or ambiguous name): graphql-js reports it as Apollo expects.
    const compiled = operation && operation.operation !== "subscription" ? compiledFor(document, operationName ?? undefined) : undefined;
    if (!compiled) {
      return (await execute({ schema, document, contextValue: context, variableValues: variables, operationName })) as ExecutionResult;
    }
    const coerced = getVariableValues(schema, operation!.variableDefinitions ?? [], variables, { maxErrors: 50 });
    if (coerced.errors) return { errors: coerced.errors };
    const result = (await compiled.query(undefined, context, variables)) as ExecutionResult;
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
  };

  return {
    onSchemaLoadOrUpdate: (callback) => {
      callback({ apiSchema: schema, coreSupergraphSdl: "" });
      return () => {};
    },
    load: async () => ({ executor }),
    stop: async () => {},
  };
}

/**
 * graphql-jit's errors are look-alikes of graphql-js's without an `extensions` object when the
 * thrown error had none, which Apollo's error formatting requires: rebuilt as graphql-js errors,
 * with the same message, locations, path and original error (whose extensions they take).
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions ?? undefined,
  });
  if (error.locations) (rebuilt as { locations?: GraphQLError["locations"] }).locations = error.locations;
  return rebuilt;
}
