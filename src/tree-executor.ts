import {
  getArgumentValues,
  getVariableValues,
  isNonNullType,
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { collectFields } from 'graphql/execution/collectFields';
import { askForAnswer, NotAnswered, TreeAnswer } from './modules/common/tree-answer';

/**
 * A query answered without field-by-field execution when every root field is
 * read as one compiled tree (see tree-plan.ts) and written straight from the
 * statement's rows (tree-answer.ts). The root resolvers run as in any
 * execution (argument validation, access rules, the services), called with the
 * arguments and info graphql-js would give them; only the walk over the rows
 * below them is skipped.
 *
 * When any root field is not answered so (not a tree, a tree with a computed
 * field, an error, a value the schema does not allow), the operation is
 * executed as always, with each root field's outcome handed to execution
 * (see prefetchedRoots): nothing is read twice, and every error is reported
 * by execution, the same on either path.
 */
/** `execute`: nothing was resolved here (not a query, directives on the operation, variables that do not fit their types). */
export type TreeOutcome = { answered: ExecutionResult } | { prefetched: Prefetched } | 'execute';

/** Each root field's outcome by response key, for execution to take instead of calling its resolver. */
type Prefetched = Map<string, PromiseSettledResult<unknown>>;

const PREFETCHED = Symbol('prefetched root fields');

export async function answerFromTrees(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, rawVariables: Record<string, unknown>, context: object): Promise<TreeOutcome> {
  const query = schema.getQueryType();
  if (operation.operation !== 'query' || !query || operation.directives?.length || !prefetching.has(schema)) return 'execute';
  // Variables that do not fit their types: execution reports them.
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  if (coerced.errors) return 'execute';
  const variableValues = coerced.coerced;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === 'FragmentDefinition') fragments[d.name.value] = d;
  const fields = collectFields(schema, fragments, variableValues, query, operation.selectionSet);
  const keys: string[] = [];
  const calls: Promise<unknown>[] = [];
  for (const [key, fieldNodes] of fields) {
    const name = fieldNodes[0].name.value;
    const field = name === '__typename' ? undefined : query.getFields()[name];
    if (!field?.resolve) continue; // __typename, introspection: execution answers them
    const info: GraphQLResolveInfo = {
      fieldName: name,
      fieldNodes,
      returnType: field.type,
      parentType: query,
      path: { prev: undefined, key, typename: query.name },
      schema,
      fragments,
      rootValue: undefined,
      operation,
      variableValues,
    };
    keys.push(key);
    // Arguments that do not fit reject this call as they would fail execution's.
    calls.push(Promise.resolve().then(() => field.resolve!(undefined, getArgumentValues(field, fieldNodes[0], variableValues), context, askForAnswer(info))));
  }
  const settled = await Promise.allSettled(calls);
  const prefetched: Prefetched = new Map(keys.map((key, i) => [key, settled[i]]));
  const answered = keys.length === fields.size && settled.every((s) => s.status === 'fulfilled' && s.value instanceof TreeAnswer);
  if (!answered) return { prefetched };
  const data: Record<string, unknown> = {};
  try {
    for (const [key, fieldNodes] of fields) {
      const value = ((prefetched.get(key) as PromiseFulfilledResult<TreeAnswer>).value as TreeAnswer).write();
      // A null for a non-null root field nulls the whole response, with an error execution words.
      if (value === null && isNonNullType(query.getFields()[fieldNodes[0].name.value].type)) return { prefetched };
      data[key] = value;
    }
  } catch (e) {
    if (e instanceof NotAnswered) return { prefetched };
    throw e;
  }
  return { answered: { data } };
}

/** Execution takes the root fields' outcomes from `prefetched` (see prefetchedRoots). */
export function withPrefetched<C extends object>(context: C, prefetched: Prefetched): C {
  return Object.assign(context, { [PREFETCHED]: prefetched });
}

const prefetching = new WeakSet<GraphQLSchema>();

/**
 * Wraps the query type's resolvers (once per schema): a root field whose
 * outcome answerFromTrees already has returns it (a TreeAnswer as the value
 * its resolver would have returned), or throws its error, instead of resolving
 * again.
 */
export function prefetchedRoots(schema: GraphQLSchema): void {
  const query = schema.getQueryType();
  if (!query || prefetching.has(schema)) return;
  prefetching.add(schema);
  for (const field of Object.values(query.getFields())) {
    const resolve = field.resolve;
    if (!resolve) continue;
    const wrapped: GraphQLFieldResolver<unknown, unknown> = (root, args, context, info) => {
      const outcome = (context as { [PREFETCHED]?: Prefetched } | undefined)?.[PREFETCHED]?.get(info.path.key as string);
      if (!outcome) return resolve(root, args, context, info);
      if (outcome.status === 'rejected') throw outcome.reason;
      return outcome.value instanceof TreeAnswer ? outcome.value.shaped() : outcome.value;
    };
    field.resolve = wrapped;
  }
}
