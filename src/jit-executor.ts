import type { GatewayInterface, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { execute, getNamedType, GraphQLError, GraphQLInputObjectType, typeFromAST, type ExecutionResult, type GraphQLInputType, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** Distinct operations kept compiled; beyond that the least recently used is dropped. */
const MAX_COMPILED = 1000;

/**
 * Executes operations with graphql-jit: each distinct document is compiled once
 * into a JavaScript function (resolver calls, null checks and leaf
 * serialisation inlined), which for lists of objects costs a fraction of
 * graphql-js's per-field interpretation. Apollo still parses, validates and
 * runs its plugins; only execution is swapped, through the executor hook Apollo
 * offers gateways. Introspection, and operations whose variables graphql-jit
 * cannot compile, run on graphql-js.
 */
export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  /** Per operation: its compiled form, or 'graphql-js' for those graphql-jit cannot take (see below). */
  const compiled = new Map<string, CompiledQuery | 'graphql-js'>();

  const executor = async (request: GatewayGraphQLRequestContext): Promise<ExecutionResult> => {
    const { document, operation, operationName, context } = request;
    const variables = request.request.variables ?? {};
    const key = `${request.queryHash}\0${operationName ?? ''}`;
    let query = compiled.get(key);
    if (query) {
      compiled.delete(key); // re-inserted below: Map order is recency
    } else if (isIntrospection(operation) || hasRecursiveVariables(schema, operation)) {
      query = 'graphql-js';
    } else {
      const result = compileQuery(schema, document, operationName ?? undefined, { disablingCapturingStackErrors: true });
      if (!isCompiledQuery(result)) return { errors: (result.errors ?? []).map((e) => asGraphQLError(e)) };
      query = result;
    }
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, query);
    if (query === 'graphql-js') return execute({ schema, document, operationName, contextValue: context, variableValues: variables });
    const result = await query.query(undefined, context, variables);
    if (!result.errors) return result;
    // No data at all: the variables did not fit their types (graphql-js reports these as BAD_USER_INPUT too).
    const code = result.data === undefined ? 'BAD_USER_INPUT' : undefined;
    return { ...result, errors: result.errors.map((e) => asGraphQLError(e, code)) };
  };

  let onLoad: ((schemaContext: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void) | undefined;
  return {
    onSchemaLoadOrUpdate(callback) {
      onLoad = callback;
      return () => (onLoad = undefined);
    },
    async load() {
      onLoad?.({ apiSchema: schema, coreSupergraphSdl: '' });
      return { executor: executor as never };
    },
    async stop() {},
  };
}

/**
 * graphql-jit's errors imitate graphql-js's but may lack `extensions`, which
 * Apollo reads unconditionally; rebuild them as graphql-js errors (same message,
 * path, locations and original error) so formatError sees what it always does.
 */
function asGraphQLError(error: GraphQLError, code?: string): GraphQLError {
  const extensions = code ? { ...error.extensions, code } : (error.extensions ?? undefined);
  const rebuilt = new GraphQLError(error.message, { path: error.path, originalError: error.originalError, extensions });
  (rebuilt as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return rebuilt;
}

/**
 * graphql-jit compiles variable coercion by unrolling input types, which never
 * ends for self-referencing ones (filters with AND/OR): such operations run on
 * graphql-js. Inline filter literals are fine.
 */
function hasRecursiveVariables(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  const recursive = (type: GraphQLInputType, path: Set<string>): boolean => {
    const named = getNamedType(type);
    if (!(named instanceof GraphQLInputObjectType)) return false;
    if (path.has(named.name)) return true;
    const next = new Set(path).add(named.name);
    return Object.values(named.getFields()).some((f) => recursive(f.type, next));
  };
  return (operation.variableDefinitions ?? []).some((v) => {
    const type = typeFromAST(schema, v.type as never) as GraphQLInputType | undefined;
    return type !== undefined && recursive(type, new Set());
  });
}

function isIntrospection(operation: GatewayGraphQLRequestContext['operation']): boolean {
  return operation.selectionSet.selections.some((s) => s.kind !== 'Field' || s.name.value.startsWith('__'));
}
