import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/** Where a connection's rows sit in its selection. */
export const CONNECTION_NODES = ['edges', 'node'];

/**
 * Which of `fields` (to-one relations named like their property) the client
 * selected on the rows at `path` below the current field, through fragments.
 * The read then joins them into the same SQL statement (see lightFind), so
 * `projects { edges { node { owner { ... } } } }` is one query, not two.
 * Directives are not evaluated: a skipped field only costs an unused join.
 */
export function selectedRelations(info: GraphQLResolveInfo, fields: string[], path: string[] = []): string[] {
  let sets = info.fieldNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  for (const name of path) sets = sets.flatMap((set) => fieldsOf(info, set).filter((f) => f.name === name && f.set).map((f) => f.set!));
  const chosen = new Set(sets.flatMap((set) => fieldsOf(info, set).map((f) => f.name)));
  return fields.filter((f) => chosen.has(f));
}

function fieldsOf(info: GraphQLResolveInfo, set: SelectionSetNode, depth = 0): { name: string; set?: SelectionSetNode }[] {
  if (depth > 10) return [];
  return set.selections.flatMap((s) => {
    if (s.kind === 'Field') return [{ name: s.name.value, set: s.selectionSet }];
    const inner = s.kind === 'InlineFragment' ? s.selectionSet : info.fragments[s.name.value]?.selectionSet;
    return inner ? fieldsOf(info, inner, depth + 1) : [];
  });
}
