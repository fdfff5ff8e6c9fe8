import {
  getArgumentValues,
  isNonNullType,
  type GraphQLLeafType,
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLObjectType,
  GraphQLSkipDirective,
  isAbstractType,
  isLeafType,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import { JsonType, ReferenceKind, type EntityMetadata } from '@mikro-orm/core';
import { NotCompiled, type TreeList, type TreeNode, type Where } from '../../db/read-tree';
import { PAGE, type PageArgs } from './connection';
import { DEFAULT_SORT, pageWindow, type PageWindow, type SortKey } from './paginate';
import { sortKey } from './filters';
import { columnsFor } from './read-plan';
import type { Selection } from './look-ahead';

/** What a nested list needs from the service of its rows. */
export interface ListSource {
  /** Cursor kind (the GraphQL type name). */
  readonly kind: string;
  /** A list's own conditions from its arguments, without access rules. */
  listWhere(args: Record<string, unknown>): Where;
}

/**
 * The lists a row's fields open, by `Type.field`: the child entity and its
 * property pointing back at the row. `latest`: the newest child, or null.
 * The same relations the field resolvers read (user.resolver.ts,
 * project.resolver.ts); a field missing here is read by its own resolver.
 */
const NESTED: Record<string, { entity: string; parentProp: string; latest?: boolean }> = {
  'User.projects': { entity: 'Project', parentProp: 'owner' },
  'User.autoSaves': { entity: 'AutoSave', parentProp: 'user' },
  'Project.codeGenerations': { entity: 'CodeGeneration', parentProp: 'project' },
  'Project.analyses': { entity: 'ProjectAnalysis', parentProp: 'project' },
  'Project.latestAnalysis': { entity: 'ProjectAnalysis', parentProp: 'project', latest: true },
};

/** A TreeList with what it takes to shape its rows into the response (see tree-result.ts, tree-answer.ts). */
export interface PlannedList extends TreeList {
  node: PlannedNode;
  /** A page (connection), the newest child (latest) or one row (by id). */
  shape: { page: PageWindow } | { latest: true } | { one: true };
  /** A page's selection on its connection, by response key in order (see ConnectionOut). */
  out?: ConnectionOut[];
  /** Whether tree-answer.ts can write this list's whole response value from its rows alone. */
  direct: boolean;
  /** How a page's sort key is held for its cursors. */
  sortValue?: LeafValue;
}

export interface PlannedNode extends TreeNode {
  lists: { key: string; list: PlannedList }[];
  toOne: { key: string; prop: string; node: PlannedNode }[];
  /** The row's selection by response key, in order: what tree-answer.ts writes. */
  out: FieldOut[];
  /** False when a selected field has a resolver of its own (or this node's lists or relations do). */
  direct: boolean;
}

/** How a leaf's stored value becomes the one its type serialises (as light-find converts it). */
export type LeafValue = 'plain' | 'date' | 'json';

/** One response key of a row: a stored leaf, the type name, a to-one relation (toOne[i]) or a list (lists[i]). */
export type FieldOut =
  | { key: string; leaf: string; type: GraphQLLeafType; nonNull: boolean; value: LeafValue }
  | { key: string; typename: string }
  | { key: string; one: number }
  | { key: string; list: number };

/** One response key of a connection, of one of its edges, or of its pageInfo. */
export type ConnectionOut =
  | { key: string; typename: string }
  | { key: string; totalCount: true }
  | { key: string; nodes: true }
  | { key: string; edges: ({ key: string; typename: string } | { key: string; cursor: true } | { key: string; node: true })[] }
  | { key: string; pageInfo: ({ key: string; typename: string } | { key: string; field: 'hasNextPage' | 'hasPreviousPage' | 'startCursor' | 'endCursor' })[] };

interface Planner {
  info: GraphQLResolveInfo;
  metaOf(name: string): EntityMetadata | undefined;
  sources: Record<string, ListSource>;
  /** Set while planning when the plan depends on more than the document: a directive's variable, a list's arguments. */
  variable?: boolean;
}

/**
 * Plans of selections that depend on the document alone (no lists, no
 * directives), by type and field node. Apollo keeps each parsed document
 * (its documentStore), so a repeated operation meets the same field nodes and
 * plans its to-one selections once; entries go with their documents.
 * Planning was 3 % of the CPU of a by-id request.
 */
const documentPlans = new WeakMap<GraphQLObjectType, WeakMap<FieldNode, Map<string, PlannedNode>>>();

/** The root field's read as one tree: a page of `entity` matching `where`. NotCompiled (or a client error) when it cannot be. */
export function planPage(p: Planner, entity: string, kind: string, where: Where, args: PageArgs, sort: SortKey = DEFAULT_SORT): PlannedList {
  const type = getNamedType(p.info.returnType);
  if (!(type instanceof GraphQLObjectType)) throw new NotCompiled('a list that is not a connection');
  return connection(p, type, p.info.fieldNodes, entity, kind, where, args, sort);
}

/** The root field's read as one tree: the row of `entity` matching `where` (id and access rules), or none. */
export function planOne(p: Planner, entity: string, where: Where): PlannedList {
  const type = getNamedType(p.info.returnType);
  if (!(type instanceof GraphQLObjectType)) throw new NotCompiled('an abstract type');
  const node = nodeOf(p, type, p.info.fieldNodes, []);
  if (node.entity !== entity) throw new NotCompiled('a type that is not its entity');
  return { entity, where, order: [], limit: 1, count: false, node, shape: { one: true }, direct: node.direct };
}

function connection(
  p: Planner,
  type: GraphQLObjectType,
  fieldNodes: readonly FieldNode[],
  entity: string,
  kind: string,
  where: Where,
  args: PageArgs,
  sort: SortKey,
  parentProp?: string,
): PlannedList {
  checkPageArgs(args);
  const page = pageWindow(kind, args, sort);
  const fields = collect(p, type, fieldNodes);
  const nodeFields: FieldNode[] = [];
  const out: ConnectionOut[] = [];
  let count = false;
  // One rows' selection serves every edge: a second `edges`, `node` or `nodes` key is left to execution.
  let direct = true;
  let nodeKeys = 0;
  const edgeType = getNamedType(type.getFields().edges.type) as GraphQLObjectType;
  for (const [key, nodes] of fields) {
    const name = nodes[0].name.value;
    if (name === '__typename') out.push({ key, typename: type.name });
    else if (name === 'totalCount') {
      count = true;
      out.push({ key, totalCount: true });
    } else if (name === 'nodes') {
      nodeFields.push(...nodes);
      nodeKeys++;
      out.push({ key, nodes: true });
    } else if (name === 'pageInfo') {
      const infoType = getNamedType(type.getFields().pageInfo.type) as GraphQLObjectType;
      const inner = [...collect(p, infoType, nodes)].map(([k, n]) => {
        const field = n[0].name.value;
        return field === '__typename' ? { key: k, typename: infoType.name } : { key: k, field: field as 'hasNextPage' };
      });
      out.push({ key, pageInfo: inner });
    } else if (name === 'edges') {
      const edges: Extract<ConnectionOut, { edges: unknown }>['edges'] = [];
      for (const [k, inner] of collect(p, edgeType, nodes)) {
        const field = inner[0].name.value;
        if (field === 'node') {
          nodeFields.push(...inner);
          nodeKeys++;
          edges.push({ key: k, node: true });
        } else edges.push(field === 'cursor' ? { key: k, cursor: true } : { key: k, typename: edgeType.name });
      }
      if (out.some((o) => 'edges' in o)) direct = false;
      out.push({ key, edges });
    } else direct = false;
  }
  if (nodeKeys > 1) direct = false;
  const nodeType = getNamedType(edgeType.getFields().node.type);
  if (!(nodeType instanceof GraphQLObjectType)) throw new NotCompiled('a connection of an abstract type');
  // Cursors hold the sort key: read only when the client selects one.
  const node = nodeOf(p, nodeType, nodeFields, wants(out, ['cursor', 'startCursor', 'endCursor']) ? [sort.field] : []);
  if (node.entity !== entity) throw new NotCompiled('a connection whose nodes are not its entity');
  return {
    entity,
    parentProp,
    where,
    after: page.at ? { fields: [sort.field, 'id'], values: [page.at.value, page.at.id], dir: page.dir } : undefined,
    order: [
      [sort.field, page.dir],
      ['id', page.dir],
    ],
    // One row past the page says whether there is a next one (a previous one, walking backward), when asked.
    limit: page.size + (wants(out, [page.backward ? 'hasPreviousPage' : 'hasNextPage']) ? 1 : 0),
    count,
    node,
    shape: { page },
    out,
    direct: direct && node.direct,
    sortValue: leafValueOf(p.metaOf(entity)?.properties[sort.field as never]),
  };
}

/** The columns, to-one relations and lists `fieldNodes` select on rows of `type`. */
function nodeOf(p: Planner, type: GraphQLObjectType, fieldNodes: readonly FieldNode[], extra: string[]): PlannedNode {
  if (fieldNodes.length !== 1) return planNode(p, type, fieldNodes, extra);
  let byNode = documentPlans.get(type);
  if (!byNode) documentPlans.set(type, (byNode = new WeakMap()));
  let byExtra = byNode.get(fieldNodes[0]);
  const key = extra.join(',');
  const known = byExtra?.get(key);
  if (known) return known;
  const outer = p.variable;
  p.variable = false;
  const node = planNode(p, type, fieldNodes, extra);
  if (!p.variable) {
    if (!byExtra) byNode.set(fieldNodes[0], (byExtra = new Map()));
    byExtra.set(key, node);
  }
  p.variable ||= outer;
  return node;
}

function planNode(p: Planner, type: GraphQLObjectType, fieldNodes: readonly FieldNode[], extra: string[]): PlannedNode {
  const meta = p.metaOf(type.name);
  if (!meta) throw new NotCompiled(`${type.name} is not an entity`);
  const node: PlannedNode = { entity: meta.className, columns: undefined, toOne: [], lists: [], out: [], direct: true };
  const selection: Selection = new Map();
  for (const [key, nodes] of collect(p, type, fieldNodes)) {
    const name = nodes[0].name.value;
    if (name === '__typename') {
      node.out.push({ key, typename: type.name });
      continue;
    }
    selection.set(name, new Map());
    const field = type.getFields()[name];
    const prop = meta.properties[name as never] as EntityMetadata['properties'][string] | undefined;
    const nested = NESTED[`${type.name}.${name}`];
    if (prop?.kind === ReferenceKind.MANY_TO_ONE) {
      const target = getNamedType(field.type);
      if (!(target instanceof GraphQLObjectType)) throw new NotCompiled(`${type.name}.${name} is abstract`);
      const child = nodeOf(p, target, nodes, []);
      node.out.push({ key, one: node.toOne.length });
      node.toOne.push({ key, prop: name, node: child });
      node.direct &&= child.direct;
    } else if (nested) {
      const list = nestedList(p, field.type, nodes, nested);
      node.out.push({ key, list: node.lists.length });
      node.lists.push({ key, list });
      node.direct &&= list.direct;
    } else if (!isLeafType(getNamedType(field.type))) {
      throw new NotCompiled(`${type.name}.${name} has its own resolver`);
    } else {
      // A leaf with a resolver of its own (see readPlainLeaves in schema.ts) is computed, not read.
      if (field.resolve || !prop) node.direct = false;
      node.out.push({ key, leaf: name, type: getNamedType(field.type) as GraphQLLeafType, nonNull: isNonNullType(field.type), value: leafValueOf(prop) });
    }
  }
  // Always the id, the to-one keys and the sort key (cursors hold it); the selected stored columns.
  node.columns = columnsFor(meta, selection, ['id', ...extra]);
  // Written directly, a row needs no to-one keys: its relations are read in the statement (which joins on them itself).
  if (node.direct) node.columns = node.columns?.filter((c) => meta.properties[c as never]?.kind !== ReferenceKind.MANY_TO_ONE);
  return node;
}

/** Whether a connection's selection asks for any of these edge or pageInfo fields. */
function wants(out: ConnectionOut[], fields: string[]): boolean {
  return out.some((o) => ('edges' in o && o.edges.some((e) => 'cursor' in e && fields.includes('cursor'))) || ('pageInfo' in o && o.pageInfo.some((f) => 'field' in f && fields.includes(f.field))));
}

function leafValueOf(prop: EntityMetadata['properties'][string] | undefined): LeafValue {
  return prop?.customType instanceof JsonType ? 'json' : prop?.runtimeType === 'Date' ? 'date' : 'plain';
}

function nestedList(p: Planner, type: GraphQLResolveInfo['returnType'], nodes: FieldNode[], nested: (typeof NESTED)[string]): PlannedList {
  const named = getNamedType(type);
  if (!(named instanceof GraphQLObjectType)) throw new NotCompiled('an abstract list');
  if (nested.latest) {
    const node = nodeOf(p, named, nodes, []);
    return {
      entity: nested.entity,
      parentProp: nested.parentProp,
      where: {},
      order: [
        ['createdAt', 'desc'],
        ['id', 'desc'],
      ],
      limit: 1,
      count: false,
      node,
      shape: { latest: true },
      direct: node.direct,
    };
  }
  p.variable = true;
  const source = p.sources[nested.entity];
  if (!source) throw new NotCompiled(`no service for ${nested.entity}`);
  const args = argsOf(p, nodes);
  // The service's own reading of its arguments (client errors included: the batched path reports them in place).
  const where = source.listWhere(args);
  const sort = sortKey(args.orderBy as never) ?? DEFAULT_SORT;
  return connection(p, named, nodes, nested.entity, source.kind, where, args as PageArgs, sort, nested.parentProp);
}

/** A field's arguments with variables applied (validated by now), the same for each node merged under one key. */
function argsOf(p: Planner, nodes: FieldNode[]): Record<string, unknown> {
  const printed = new Set(nodes.map((n) => JSON.stringify(n.arguments ?? [], (k, v) => (k === 'loc' ? undefined : v))));
  if (printed.size > 1) throw new NotCompiled('one response key with differing arguments');
  const def = fieldDefs.get(nodes[0]);
  if (!def) throw new NotCompiled('a field without its definition');
  return getArgumentValues(def, nodes[0], p.info.variableValues);
}

/** Field definitions of the field nodes collect() met, for argsOf. */
const fieldDefs = new WeakMap<FieldNode, Parameters<typeof getArgumentValues>[0]>();

/** Page sizes as the argument validation allows them; anything else is the batched path's to refuse. */
function checkPageArgs(args: PageArgs): void {
  for (const n of [args.first, args.last]) if (n != null && (!Number.isInteger(n) || n < 0 || n > PAGE.MAX)) throw new NotCompiled('a page size out of range');
}

/**
 * The fields `fieldNodes` select on `type`, by response key, fragments
 * expanded (each named fragment once) and @skip/@include applied.
 */
function collect(p: Planner, type: GraphQLObjectType, fieldNodes: readonly FieldNode[]): Map<string, FieldNode[]> {
  const out = new Map<string, FieldNode[]>();
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (!included(p, s)) continue;
      if (s.kind === 'Field') {
        const key = s.alias?.value ?? s.name.value;
        const def = s.name.value === '__typename' ? undefined : type.getFields()[s.name.value];
        if (s.name.value !== '__typename' && !def) throw new NotCompiled(`unknown field ${s.name.value}`);
        if (def) fieldDefs.set(s, def);
        const list = out.get(key);
        if (list) list.push(s);
        else out.set(key, [s]);
      } else if (s.kind === 'InlineFragment') {
        if (matches(p, type, s.typeCondition?.name.value)) visit(s.selectionSet);
      } else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const fragment = p.info.fragments[s.name.value];
        if (fragment && matches(p, type, fragment.typeCondition.name.value)) visit(fragment.selectionSet);
      }
    }
  };
  for (const n of fieldNodes) visit(n.selectionSet);
  // One key may be selected twice only with the same arguments (validation says so); checked, as the plan merges them.
  for (const nodes of out.values()) if (nodes.length > 1 && nodes.some((n) => n.arguments?.length)) argsOf(p, nodes);
  return out;
}

function matches(p: Planner, type: GraphQLObjectType, condition: string | undefined): boolean {
  if (!condition || condition === type.name) return true;
  const abstract = p.info.schema.getType(condition);
  return !!abstract && isAbstractType(abstract) && p.info.schema.isSubType(abstract, type);
}

function included(p: Planner, node: { directives?: readonly unknown[] }): boolean {
  if (!node.directives?.length) return true;
  p.variable = true;
  const vars = p.info.variableValues;
  if (getDirectiveValues(GraphQLSkipDirective, node as never, vars)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node as never, vars)?.if !== false;
}
