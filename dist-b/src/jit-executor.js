"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.jitGateway = jitGateway;
const graphql_1 = require("graphql");
const graphql_jit_1 = require("graphql-jit");
const lru_cache_1 = require("lru-cache");
const operation_limits_1 = require("./limits/operation-limits");
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
/**
 * Executes operations with graphql-jit: each distinct document is compiled once
 * into a JavaScript function (resolver calls, null checks and leaf
 * serialisation inlined), which for lists of objects costs a fraction of
 * graphql-js's per-field interpretation. Apollo still parses, validates and
 * runs its plugins; only execution is swapped, through the executor hook Apollo
 * offers gateways. Introspection, large operations, and operations whose
 * variables graphql-jit cannot compile run on graphql-js.
 */
function jitGateway(schema) {
    const compiled = new lru_cache_1.LRUCache({
        maxSize: COMPILED_BUDGET_BYTES,
        sizeCalculation: (entry) => entry.size,
    });
    const executor = async (request) => {
        const { document, operation, operationName, context } = request;
        const variables = request.request.variables ?? {};
        // No operation resolved (an unknown operationName, or several operations and none named):
        // graphql-js reports why, and Apollo answers it as a client error.
        // (Apollo's operationName is the resolved one, null here: ask for the one the client named.)
        if (!operation)
            return (0, graphql_1.execute)({ schema, document, operationName: request.request.operationName, contextValue: context, variableValues: variables });
        const key = `${request.queryHash}\0${operationName ?? ''}`;
        let entry = compiled.get(key);
        if (!entry) {
            const fields = (0, operation_limits_1.expandedFields)(schema, document, operation);
            if (fields > MAX_JIT_FIELDS || isIntrospection(operation) || hasRecursiveVariables(schema, operation)) {
                entry = { plan: 'graphql-js', size: 1 };
            }
            else {
                const result = (0, graphql_jit_1.compileQuery)(schema, document, operationName ?? undefined, { disablingCapturingStackErrors: true });
                if (!(0, graphql_jit_1.isCompiledQuery)(result))
                    return { errors: (result.errors ?? []).map((e) => asGraphQLError(e)) };
                entry = { plan: result, size: fields * BYTES_PER_FIELD };
            }
            compiled.set(key, entry);
        }
        if (entry.plan === 'graphql-js')
            return (0, graphql_1.execute)({ schema, document, operationName, contextValue: context, variableValues: variables });
        const result = await entry.plan.query(undefined, context, variables);
        if (!result.errors)
            return result;
        // No data at all: the variables did not fit their types (graphql-js reports these as BAD_USER_INPUT too).
        const code = result.data === undefined ? 'BAD_USER_INPUT' : undefined;
        return { ...result, errors: result.errors.map((e) => asGraphQLError(e, code)) };
    };
    let onLoad;
    return {
        onSchemaLoadOrUpdate(callback) {
            onLoad = callback;
            return () => (onLoad = undefined);
        },
        async load() {
            onLoad?.({ apiSchema: schema, coreSupergraphSdl: '' });
            return { executor: executor };
        },
        async stop() { },
    };
}
/**
 * graphql-jit's errors imitate graphql-js's but may lack `extensions`, which
 * Apollo reads unconditionally; rebuild them as graphql-js errors (same message,
 * path, locations and original error) so formatError sees what it always does.
 */
function asGraphQLError(error, code) {
    const extensions = code ? { ...error.extensions, code } : (error.extensions ?? undefined);
    const rebuilt = new graphql_1.GraphQLError(error.message, { path: error.path, originalError: error.originalError, extensions });
    rebuilt.locations = error.locations;
    return rebuilt;
}
/**
 * graphql-jit compiles variable coercion by unrolling input types, which never
 * ends for self-referencing ones (filters with AND/OR): such operations run on
 * graphql-js. Inline filter literals are fine.
 */
function hasRecursiveVariables(schema, operation) {
    const recursive = (type, path) => {
        const named = (0, graphql_1.getNamedType)(type);
        if (!(named instanceof graphql_1.GraphQLInputObjectType))
            return false;
        if (path.has(named.name))
            return true;
        const next = new Set(path).add(named.name);
        return Object.values(named.getFields()).some((f) => recursive(f.type, next));
    };
    return (operation.variableDefinitions ?? []).some((v) => {
        const type = (0, graphql_1.typeFromAST)(schema, v.type);
        return type !== undefined && recursive(type, new Set());
    });
}
function isIntrospection(operation) {
    return operation.selectionSet.selections.some((s) => s.kind !== 'Field' || s.name.value.startsWith('__'));
}
//# sourceMappingURL=jit-executor.js.map