"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.measure = measure;
exports.expandedFields = expandedFields;
exports.operationLimitsPlugin = operationLimitsPlugin;
const graphql_1 = require("graphql");
const page_1 = require("../modules/common/page");
const reject = (code, message) => new graphql_1.GraphQLError(message, { extensions: { code, http: { status: 400 } } });
/** The page size a connection field will use: its first/last argument (literal or variable), else the default. */
function pageSize(node, w) {
    for (const arg of node.arguments ?? []) {
        if (arg.name.value !== 'first' && arg.name.value !== 'last')
            continue;
        if (arg.value.kind === graphql_1.Kind.VARIABLE)
            w.readVariable = true;
        const value = literal(arg.value, w.variables);
        if (typeof value === 'number' && Number.isFinite(value))
            return Math.max(0, Math.min(value, page_1.PAGE.MAX));
    }
    return page_1.PAGE.DEFAULT;
}
function literal(node, variables) {
    if (node.kind === graphql_1.Kind.VARIABLE)
        return variables[node.name.value];
    if (node.kind === graphql_1.Kind.INT)
        return Number(node.value);
    return undefined;
}
const EMPTY = { cost: 0, depth: 0, aliases: 0, fields: 0 };
/**
 * Cost of a selection: 1 per field, and a connection's subtree counts once per
 * item it may return (its page size). Depth counts field levels below `set`'s
 * owner. Every node of the document is visited once (fragments through the
 * memo in Walk), so this is linear in the document's size.
 */
function measureSet(set, parent, w) {
    let cost = 0;
    let depth = 1;
    let aliases = 0;
    let fields = 0;
    for (const sel of set.selections) {
        let inner;
        if (sel.kind === graphql_1.Kind.FIELD) {
            fields++;
            if (sel.alias)
                aliases++;
            const field = parent?.getFields()[sel.name.value];
            const type = field ? (0, graphql_1.getNamedType)(field.type) : null;
            let fieldCost = 1;
            if (sel.selectionSet) {
                const child = measureSet(sel.selectionSet, type && (0, graphql_1.isObjectType)(type) ? type : null, w);
                const times = type && type.name.endsWith('Connection') ? pageSize(sel, w) : 1;
                fieldCost += times * child.cost;
                depth = Math.max(depth, child.depth + 1);
                aliases += child.aliases;
                fields += child.fields;
            }
            cost += fieldCost;
            continue;
        }
        else if (sel.kind === graphql_1.Kind.INLINE_FRAGMENT) {
            const type = sel.typeCondition ? w.schema.getType(sel.typeCondition.name.value) : parent;
            inner = measureSet(sel.selectionSet, type && (0, graphql_1.isObjectType)(type) ? type : parent, w);
        }
        else {
            inner = fragment(sel.name.value, parent, w);
        }
        cost += inner.cost;
        depth = Math.max(depth, inner.depth);
        aliases += inner.aliases;
        fields += inner.fields;
    }
    return { cost, depth, aliases, fields };
}
function fragment(name, parent, w) {
    const known = w.measured.get(name);
    if (known)
        return known;
    const definition = w.fragments[name];
    if (!definition || w.open.has(name))
        return EMPTY;
    w.open.add(name);
    const type = w.schema.getType(definition.typeCondition.name.value);
    const result = measureSet(definition.selectionSet, type && (0, graphql_1.isObjectType)(type) ? type : parent, w);
    w.open.delete(name);
    w.measured.set(name, result);
    return result;
}
/** Measures one operation; exported for tests and the bench. */
function measure(schema, operation, fragments, variables) {
    const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
    const w = { schema, fragments, variables, measured: new Map(), open: new Set(), readVariable: false };
    const m = measureSet(operation.selectionSet, root ?? null, w);
    const rootFields = operation.selectionSet.selections.length;
    return { cost: m.cost, depth: m.depth, aliases: m.aliases, fields: m.fields, rootFields, readVariable: w.readVariable };
}
/** Fields an operation runs with its fragments expanded (what compiling it costs), measured once per parsed operation. */
function expandedFields(schema, document, operation) {
    let fields = fieldCounts.get(operation);
    if (fields === undefined) {
        fields = measure(schema, operation, fragmentsOf(document), {}).fields;
        fieldCounts.set(operation, fields);
    }
    return fields;
}
const fieldCounts = new WeakMap();
function fragmentsOf(document) {
    const fragments = {};
    for (const def of document.definitions)
        if (def.kind === graphql_1.Kind.FRAGMENT_DEFINITION)
            fragments[def.name.value] = def;
    return fragments;
}
/** Refuses an operation over any limit with its own code, after validation and before execution. */
function operationLimitsPlugin(limits) {
    const measured = new WeakMap();
    return {
        async requestDidStart() {
            return {
                async didResolveOperation({ document, operation, request, schema }) {
                    if (!operation)
                        return;
                    if (operation.operation === 'subscription') {
                        throw reject('SUBSCRIPTION_OVER_HTTP', 'Subscriptions are not served over HTTP; use a GraphQL over WebSocket (graphql-ws) connection');
                    }
                    let m = measured.get(operation);
                    if (!m) {
                        m = measure(schema, operation, fragmentsOf(document), request.variables ?? {});
                        fieldCounts.set(operation, m.fields);
                        // Apollo reuses the parsed document of a repeated query: measure it once unless variables set its page sizes.
                        if (!m.readVariable)
                            measured.set(operation, m);
                    }
                    if (m.depth > limits.maxDepth)
                        throw reject('QUERY_TOO_DEEP', `Query depth ${m.depth} exceeds the maximum of ${limits.maxDepth}`);
                    if (m.aliases > limits.maxAliases)
                        throw reject('TOO_MANY_ALIASES', `${m.aliases} aliases exceed the maximum of ${limits.maxAliases}`);
                    if (m.rootFields > limits.maxRootFields)
                        throw reject('TOO_MANY_ROOT_FIELDS', `${m.rootFields} root fields exceed the maximum of ${limits.maxRootFields}`);
                    if (m.cost > limits.maxCost) {
                        throw reject('QUERY_TOO_COMPLEX', `Query cost ${m.cost} exceeds the maximum of ${limits.maxCost} (lists count once per item; ask for smaller pages)`);
                    }
                },
            };
        },
    };
}
//# sourceMappingURL=operation-limits.js.map