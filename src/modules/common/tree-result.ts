import type { EntityMetadata } from '@mikro-orm/core';
import { convertRow, rowPrototype } from '../../db/light-find';
import type { ReadScope } from '../../db/read-scope';
import type { RawRow, TreeRows } from '../../db/read-tree';
import { HANDED } from './handed';
import { pageFrom } from './paginate';
import type { PlannedList, PlannedNode } from './tree-plan';

type EntityClass = new (...args: never[]) => object;

/**
 * The response value of a planned root field from the rows its statement
 * returned: a Page for a connection, a row or null for one row. Every row is
 * shaped as the batched path shapes it (see lightFind: driver values
 * converted; not remembered, nothing asks for it by id), and carries its relations and
 * lists under HANDED for the field resolvers to hand through.
 */
export function shapeRoot(scope: ReadScope, list: PlannedList, result: TreeRows): unknown {
  const rows = result.rows.map((raw) => shapeRow(scope, list.node, raw));
  return shapeList(list, rows, result.total);
}

function shapeList(list: PlannedList, rows: object[], total: number | undefined): unknown {
  if ('page' in list.shape) return pageFrom(list.shape.page, rows as { id: string }[], () => total ?? Number.NaN);
  return rows[0] ?? null;
}

/** What shaping a node's rows needs, worked out once per node of the plan. */
interface NodeShape {
  entity: EntityClass;
  prototype: object;
  toOne: { at: string; key: string; prop: string; node: PlannedNode }[];
  lists: { at: string; count: string; key: string; list: PlannedList }[];
}

const shapes = new WeakMap<PlannedNode, NodeShape>();

function shapeOf(scope: ReadScope, node: PlannedNode): NodeShape {
  let shape = shapes.get(node);
  if (!shape) {
    const entity = (scope.root.getMetadata().getByClassName(node.entity) as EntityMetadata).class as EntityClass;
    shape = {
      entity,
      prototype: rowPrototype(scope, entity),
      toOne: node.toOne.map(({ key, prop, node: child }) => ({ at: `~${key}`, key, prop, node: child })),
      lists: node.lists.map(({ key, list }) => ({ at: `~${key}`, count: `#${key}`, key, list })),
    };
    shapes.set(node, shape);
  }
  return shape;
}

function shapeRow(scope: ReadScope, node: PlannedNode, raw: RawRow): object {
  const shape = shapeOf(scope, node);
  const row = Object.create(shape.prototype) as Record<string | symbol, unknown>;
  for (const k in raw) if (k.charCodeAt(0) !== 126 /* ~ */ && k.charCodeAt(0) !== 35 /* # */) row[k] = raw[k];
  if (shape.toOne.length || shape.lists.length) {
    const handed = new Map<string, unknown>();
    for (const { at, key, prop, node: child } of shape.toOne) {
      const value = raw[at] as RawRow | null;
      // None: left to the resolver, which reports the missing row as the batched path does.
      if (!value) continue;
      const related = shapeRow(scope, child, value);
      handed.set(key, related);
      if (key === prop) row[prop] = related; // the relation holds the row itself, as a join does
    }
    for (const { at, count, key, list } of shape.lists) {
      const raws = (raw[at] as RawRow[] | null) ?? [];
      const rows = new Array<object>(raws.length);
      for (let i = 0; i < raws.length; i++) rows[i] = shapeRow(scope, list.node, raws[i]);
      handed.set(key, shapeList(list, rows, raw[count] as number | undefined));
    }
    row[HANDED] = handed;
  }
  return convertRow(scope, shape.entity, row);
}
