import type { EntityMetadata } from '@mikro-orm/core';
import { adoptRow, rowPrototype } from '../../db/light-find';
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
 * converted, remembered for the request), and carries its relations and
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

function shapeRow(scope: ReadScope, node: PlannedNode, raw: RawRow): object {
  const meta = scope.root.getMetadata().getByClassName(node.entity) as EntityMetadata;
  const entity = meta.class as EntityClass;
  const row = Object.create(rowPrototype(scope, entity)) as Record<string | symbol, unknown>;
  for (const k in raw) if (k.charCodeAt(0) !== 126 /* ~ */ && k.charCodeAt(0) !== 35 /* # */) row[k] = raw[k];
  const handed = new Map<string, unknown>();
  for (const { key, prop, node: child } of node.toOne) {
    const value = raw[`~${key}`] as RawRow | null;
    // None: left to the resolver, which reports the missing row as the batched path does.
    if (!value) continue;
    const related = shapeRow(scope, child, value);
    handed.set(key, related);
    if (key === prop) row[prop] = related; // the relation holds the row itself, as a join does
  }
  for (const { key, list } of node.lists) {
    const rows = ((raw[`~${key}`] as RawRow[] | null) ?? []).map((r) => shapeRow(scope, list.node, r));
    handed.set(key, shapeList(list, rows, raw[`#${key}`] as number | undefined));
  }
  if (handed.size) row[HANDED] = handed;
  return adoptRow(scope, entity, row, node.columns ? new Set(node.columns) : null);
}
