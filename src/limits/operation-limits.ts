import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  getNamedType,
  isObjectType,
  Kind,
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

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  aliases: number;
  maxDepth: number;
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

/**
 * Cost of a selection: 1 per field, and a connection's subtree counts once per
 * item it may return (its page size). Fragments are expanded; a fragment cycle
 * (already invalid GraphQL) stops the walk.
 */
function cost(set: SelectionSetNode, parent: GraphQLObjectType | null, w: Walk, depth: number, seen: Set<string>): number {
  w.maxDepth = Math.max(w.maxDepth, depth);
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.alias) w.aliases++;
      const field: GraphQLField<unknown, unknown> | undefined = parent?.getFields()[sel.name.value];
      const type = field ? getNamedType(field.type) : null;
      const isConnection = Boolean(type && type.name.endsWith('Connection'));
      let fieldCost = 1;
      if (sel.selectionSet) {
        const child = cost(sel.selectionSet, type && isObjectType(type) ? type : null, w, depth + 1, seen);
        fieldCost += (isConnection ? pageSize(sel, w) : 1) * child;
      }
      total += fieldCost;
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const type = sel.typeCondition ? w.schema.getType(sel.typeCondition.name.value) : parent;
      total += cost(sel.selectionSet, type && isObjectType(type) ? type : parent, w, depth, seen);
    } else {
      const name = sel.name.value;
      const fragment = w.fragments[name];
      if (!fragment || seen.has(name)) continue;
      const type = w.schema.getType(fragment.typeCondition.name.value);
      total += cost(fragment.selectionSet, type && isObjectType(type) ? type : parent, w, depth, new Set([...seen, name]));
    }
  }
  return total;
}

/** Measures one operation; exported for tests and the bench. */
export function measure(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, variables: Record<string, unknown>) {
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  const w: Walk = { schema, fragments, variables, aliases: 0, maxDepth: 0, readVariable: false };
  const total = cost(operation.selectionSet, root ?? null, w, 1, new Set());
  const rootFields = operation.selectionSet.selections.length;
  return { cost: total, depth: w.maxDepth, aliases: w.aliases, rootFields, readVariable: w.readVariable };
}

/** Refuses an operation over any limit with its own code, after validation and before execution. */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin {
  const measured = new WeakMap<OperationDefinitionNode, ReturnType<typeof measure>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) return;
          let m = measured.get(operation);
          if (!m) {
            const fragments: Record<string, FragmentDefinitionNode> = {};
            for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
            m = measure(schema, operation, fragments, request.variables ?? {});
            // Apollo reuses the parsed document of a repeated query: measure it once unless variables set its page sizes.
            if (!m.readVariable) measured.set(operation, m);
          }
          if (m.depth > limits.maxDepth) throw reject('QUERY_TOO_DEEP', `Query depth ${m.depth} exceeds the maximum of ${limits.maxDepth}`);
          if (m.aliases > limits.maxAliases) throw reject('TOO_MANY_ALIASES', `${m.aliases} aliases exceed the maximum of ${limits.maxAliases}`);
          if (m.rootFields > limits.maxRootFields) throw reject('TOO_MANY_ROOT_FIELDS', `${m.rootFields} root fields exceed the maximum of ${limits.maxRootFields}`);
          if (m.cost > limits.maxCost) {
            throw reject('QUERY_TOO_COMPLEX', `Query cost ${m.cost} exceeds the maximum of ${limits.maxCost} (lists count once per item; ask for smaller pages)`);
          }
        },
      };
    },
  };
}
