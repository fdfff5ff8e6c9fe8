import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/** Where a connection's rows sit in its selection: under edges.node (and under nodes, see selectionOf). */
export const CONNECTION_NODES = ['edges', 'node'];

/** On the rows' selection of a connection: whether the client asked for any cursor (edges.cursor, pageInfo's). */
export const CURSORS = Symbol('cursors selected');

/** What the client selected: field name → its own selection (empty for leaves), fragments merged in. */
export type Selection = Map<string, Selection> & { [CURSORS]?: boolean };

/** Per field node of a (cached, parsed) document: the selection below each path. */
const cache = new WeakMap<FieldNode, Map<string, Selection>>();

/**
 * The selection on the rows at `path` below the current field. Services turn it
 * into the columns to read and the to-one relations to join (see readPlan), so
 * `projects { edges { node { name owner { username } } } }` reads those columns
 * in one statement. Directives are not evaluated: a skipped field only costs a
 * column.
 */
export function selectionOf(info: GraphQLResolveInfo, path: string[] = []): Selection {
  const single = info.fieldNodes.length === 1 ? info.fieldNodes[0] : undefined;
  const key = path.join('.');
  const known = single && cache.get(single)?.get(key);
  if (known) return known;
  const below = (names: string[]) => {
    let sets = info.fieldNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
    for (const name of names)
      sets = sets.flatMap((set) =>
        fieldsOf(info, set)
          .filter((f) => f.name === name && f.set)
          .map((f) => f.set!),
      );
    return sets;
  };
  // A connection's rows are selected under edges.node and under nodes alike.
  const sets = path === CONNECTION_NODES ? [...below(path), ...below(['nodes'])] : below(path);
  const selection: Selection = merge(info, sets, 0);
  if (path === CONNECTION_NODES) {
    const top = merge(
      info,
      info.fieldNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : [])),
      0,
    );
    const pageInfo = top.get('pageInfo');
    selection[CURSORS] = Boolean(top.get('edges')?.has('cursor') || pageInfo?.has('startCursor') || pageInfo?.has('endCursor'));
  }
  if (single) {
    let byPath = cache.get(single);
    if (!byPath) cache.set(single, (byPath = new Map()));
    byPath.set(key, selection);
  }
  return selection;
}

function merge(info: GraphQLResolveInfo, sets: SelectionSetNode[], depth: number): Selection {
  const grouped = new Map<string, SelectionSetNode[]>();
  for (const set of sets) {
    for (const f of fieldsOf(info, set)) {
      const list = grouped.get(f.name) ?? [];
      if (f.set) list.push(f.set);
      grouped.set(f.name, list);
    }
  }
  // Deep enough for a to-one relation's own fields; deeper levels are read by their own resolvers.
  return new Map([...grouped].map(([name, children]) => [name, depth < 2 && children.length ? merge(info, children, depth + 1) : new Map()]));
}

/** The fields of `set` with fragments expanded, each named fragment once (as graphql-js collects fields), so a chain of spreads stays linear. */
function fieldsOf(info: GraphQLResolveInfo, set: SelectionSetNode, seen = new Set<string>()): { name: string; set?: SelectionSetNode }[] {
  return set.selections.flatMap((s) => {
    if (s.kind === 'Field') return [{ name: s.name.value, set: s.selectionSet }];
    if (s.kind === 'InlineFragment') return fieldsOf(info, s.selectionSet, seen);
    if (seen.has(s.name.value)) return [];
    seen.add(s.name.value);
    const inner = info.fragments[s.name.value]?.selectionSet;
    return inner ? fieldsOf(info, inner, seen) : [];
  });
}
