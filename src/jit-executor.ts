import type { GatewayInterface, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { execute, getNamedType, GraphQLError, GraphQLInputObjectType, typeFromAST, type ExecutionResult, type GraphQLInputType, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { expandedFields } from './limits/operation-limits';
import type { Caller } from './auth/access';
import type { Store } from './db/store';
import { onReplica } from './db/read-target';
import { answerFromTrees, prefetchedRoots, withPrefetched } from './tree-executor';
import { leanGatewayContexts } from './gateway-context';

/**
 * What compiled operations may hold, estimated. graphql-jit unrolls every field
 * of an operation into generated code: measured here, about 1.5 KB of heap per
 * expanded field (65 KB for a 40-field query, 1.6 MB for a 1,000-field one) and
 * several times that in RSS once the code has run, so the cache is bounded by
 * that estimate rather than by a count (1,000 entries of the latter kind took
 * the server past 2.5 GB).
 */
const COMPILED_BUDGET_BYTES = 48 * 1024 * 1024;
const BYTES_PER_FIELD = 6 * 1024;
/**
 * Operations with more expanded fields than this run on graphql-js: compiling
 * pays off for small, repeated operations (the hot path), not for a large
 * one-off, whose compiled code would crowd out dozens of small ones.
 */
const MAX_JIT_FIELDS = 400;

type Plan = CompiledQuery | 'graphql-js';

/**
 * Executes operations with graphql-jit: each distinct document is compiled once
 * into a JavaScript function (resolver calls, null checks and leaf
 * serialisation inlined), which for lists of objects costs a fraction of
 * graphql-js's per-field interpretation. Apollo still parses, validates and
 * runs its plugins; only execution is swapped, through the executor hook Apollo
 * offers gateways. Introspection, large operations, and operations whose
 * variables graphql-jit cannot compile run on graphql-js.
 */
export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  prefetchedRoots(schema);
  leanGatewayContexts();
  const compiled = new LRUCache<string, { plan: Plan; size: number }>({
    maxSize: COMPILED_BUDGET_BYTES,
    sizeCalculation: (entry) => entry.size,
  });

  /**
   * Queries read a replica when there are any and the caller has not just
   * written (see read-target.ts); a mutation marks its caller as having written.
   */
  const executor = async (request: GatewayGraphQLRequestContext): Promise<ExecutionResult> => {
    const { store, caller } = request.context as { store?: Store; caller?: Caller };
    const userId = caller?.user?.id;
    if (request.operation?.operation === 'query' && store?.mayReadReplica(userId)) return onReplica(() => run(request));
    const result = await run(request);
    if (request.operation?.operation === 'mutation') store?.wrote(userId);
    return result;
  };

  const run = async (request: GatewayGraphQLRequestContext): Promise<ExecutionResult> => {
    const { document, operation, operationName, context } = request;
    const variables = request.request.variables ?? {};
    // No operation resolved (an unknown operationName, or several operations and none named):
    // graphql-js reports why, and Apollo answers it as a client error.
    // (Apollo's operationName is the resolved one, null here: ask for the one the client named.)
    if (!operation) return execute({ schema, document, operationName: request.request.operationName, contextValue: context, variableValues: variables });
    const key = `${request.queryHash}\0${operationName ?? ''}`;
    let entry = compiled.get(key);
    if (!entry) {
      const fields = expandedFields(schema, document, operation);
      if (fields > MAX_JIT_FIELDS || isIntrospection(operation) || hasRecursiveVariables(schema, operation)) {
        entry = { plan: 'graphql-js', size: 1 };
      } else {
        const result = compileQuery(schema, document, operationName ?? undefined, { disablingCapturingStackErrors: true });
        if (!isCompiledQuery(result)) return { errors: (result.errors ?? []).map((e) => asGraphQLError(e)) };
        entry = { plan: result, size: fields * BYTES_PER_FIELD };
      }
      compiled.set(key, entry);
    }
    // A query whose root fields all read as compiled trees is written from their rows (see tree-executor.ts).
    const outcome = await answerFromTrees(schema, document, operation, variables, context);
    if (typeof outcome === 'object' && 'answered' in outcome) {
      const store = (context as { store?: Store }).store;
      if (store) store.readPaths.answered++;
      return outcome.answered;
    }
    if (typeof outcome === 'object') withPrefetched(context, outcome.prefetched);
    if (entry.plan === 'graphql-js') return execute({ schema, document, operationName, contextValue: context, variableValues: variables });
    const result = await entry.plan.query(undefined, context, variables);
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

function isIntrospection(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.some((s) => s.kind !== 'Field' || s.name.value.startsWith('__'));
}
