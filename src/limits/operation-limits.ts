import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  getNamedType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { PAGE } from '../modules/common/page';
import type { OperationLimits } from './defaults';

const reject = (code: string, message: string) => new GraphQLError(message, { extensions: { code, http: { status: 400 } } });

/** What a selection set adds up to: its cost, its depth below where it sits, the aliases and the fields in it (fragments expanded, pages not multiplied). */
interface Measure {
  cost: number;
  depth: number;
  aliases: number;
  fields: number;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /**
   * Each fragment measured once (by name; its type condition fixes its parent
   * type), so a spread costs a lookup: `fragment A { ...B ...B }` chains stay
   * linear in the document's size instead of doubling per level.
   */
  measured: Map<string, Measure>;
  /** Fragments being measured now: a cycle (already invalid GraphQL) counts as empty. */
  open: Set<string>;
  /** Whether a page size came from a variable (then the result holds for these variables only). */
  readVariable: boolean;
}

/** The page size a connection field will use: its first/last argument (literal or variable), else the default. */
function pageSize(node: FieldNode, w: Walk): number {
  for (const arg of node.arguments ?? []) {
    if (arg.name.value !== 'first' && arg.name.value !== 'last') continue;
    if (arg.value.kind === Kind.VARIABLE) w.readVariable = true;
    const value = literal(arg.value, w.variables);
    if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, Math.min(value, PAGE.MAX));
  }
  return PAGE.DEFAULT;
}

function literal(node: ValueNode, variables: Record<string, unknown>): unknown {
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  if (node.kind === Kind.INT) return Number(node.value);
  return undefined;
}

const EMPTY: Measure = { cost: 0, depth: 0, aliases: 0, fields: 0 };

/**
 * Cost of a selection: 1 per field, and a connection's subtree counts once per
 * item it may return (its page size). Depth counts field levels below `set`'s
 * owner. Every node of the document is visited once (fragments through the
 * memo in Walk), so this is linear in the document's size.
 */
function measureSet(set: SelectionSetNode, parent: GraphQLObjectType | null, w: Walk): Measure {
  let cost = 0;
  let depth = 1;
  let aliases = 0;
  let fields = 0;
  for (const sel of set.selections) {
    let inner: Measure;
    if (sel.kind === Kind.FIELD) {
      fields++;
      if (sel.alias) aliases++;
      const field: GraphQLField<unknown, unknown> | undefined = parent?.getFields()[sel.name.value];
      const type = field ? getNamedType(field.type) : null;
      let fieldCost = 1;
      if (sel.selectionSet) {
        const child = measureSet(sel.selectionSet, type && isObjectType(type) ? type : null, w);
        const times = type && type.name.endsWith('Connection') ? pageSize(sel, w) : 1;
        fieldCost += times * child.cost;
        depth = Math.max(depth, child.depth + 1);
        aliases += child.aliases;
        fields += child.fields;
      }
      cost += fieldCost;
      continue;
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const type = sel.typeCondition ? w.schema.getType(sel.typeCondition.name.value) : parent;
      inner = measureSet(sel.selectionSet, type && isObjectType(type) ? type : parent, w);
    } else {
      inner = fragment(sel.name.value, parent, w);
    }
    cost += inner.cost;
    depth = Math.max(depth, inner.depth);
    aliases += inner.aliases;
    fields += inner.fields;
  }
  return { cost, depth, aliases, fields };
}

function fragment(name: string, parent: GraphQLObjectType | null, w: Walk): Measure {
  const known = w.measured.get(name);
  if (known) return known;
  const definition = w.fragments[name];
  if (!definition || w.open.has(name)) return EMPTY;
  w.open.add(name);
  const type = w.schema.getType(definition.typeCondition.name.value);
  const result = measureSet(definition.selectionSet, type && isObjectType(type) ? type : parent, w);
  w.open.delete(name);
  w.measured.set(name, result);
  return result;
}

/** Measures one operation; exported for tests and the bench. */
export function measure(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, variables: Record<string, unknown>) {
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  const w: Walk = { schema, fragments, variables, measured: new Map(), open: new Set(), readVariable: false };
  const m = measureSet(operation.selectionSet, root ?? null, w);
  const rootFields = operation.selectionSet.selections.length;
  return { cost: m.cost, depth: m.depth, aliases: m.aliases, fields: m.fields, rootFields, readVariable: w.readVariable };
}

/** Fields an operation runs with its fragments expanded (what compiling it costs), measured once per parsed operation. */
export function expandedFields(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): number {
  let fields = fieldCounts.get(operation);
  if (fields === undefined) {
    fields = measure(schema, operation, fragmentsOf(document), {}).fields;
    fieldCounts.set(operation, fields);
  }
  return fields;
}

const fieldCounts = new WeakMap<OperationDefinitionNode, number>();

export function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  return fragments;
}

/** Refuses an operation over any limit with its own code, after validation and before execution. */
/** The error for the first limit `m` exceeds, or null (HTTP and WebSocket operations alike). */
export function overLimits(m: ReturnType<typeof measure>, limits: OperationLimits): GraphQLError | null {
  if (m.depth > limits.maxDepth) return reject('QUERY_TOO_DEEP', `Query depth ${m.depth} exceeds the maximum of ${limits.maxDepth}`);
  if (m.aliases > limits.maxAliases) return reject('TOO_MANY_ALIASES', `${m.aliases} aliases exceed the maximum of ${limits.maxAliases}`);
  if (m.rootFields > limits.maxRootFields) return reject('TOO_MANY_ROOT_FIELDS', `${m.rootFields} root fields exceed the maximum of ${limits.maxRootFields}`);
  if (m.cost > limits.maxCost) return reject('QUERY_TOO_COMPLEX', `Query cost ${m.cost} exceeds the maximum of ${limits.maxCost} (lists count once per item; ask for smaller pages)`);
  return null;
}

export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin {
  const measured = new WeakMap<OperationDefinitionNode, ReturnType<typeof measure>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) return;
          if (operation.operation === 'subscription') {
            throw reject('SUBSCRIPTION_OVER_HTTP', 'Subscriptions are not served over HTTP; use a GraphQL over WebSocket (graphql-ws) connection');
          }
          let m = measured.get(operation);
          if (!m) {
            m = measure(schema, operation, fragmentsOf(document), request.variables ?? {});
            fieldCounts.set(operation, m.fields);
            // Apollo reuses the parsed document of a repeated query: measure it once unless variables set its page sizes.
            if (!m.readVariable) measured.set(operation, m);
          }
          const refused = overLimits(m, limits);
          if (refused) throw refused;
        },
      };
    },
  };
}
