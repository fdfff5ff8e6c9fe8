import type { EntityMetadata } from '@mikro-orm/core';
import { storedFields, type PropRow } from './stored-rows';

/**
 * Who owns what and what hangs from what, the same on every backend:
 * - `owner`: how a row reaches the user it belongs to (its own id, a user
 *   reference, or its project's owner);
 * - `parent`: the row a new one hangs from, which must exist (and be the
 *   caller's) when it is written;
 * - `children`: what is deleted with it.
 */
export interface EntityRule {
  owner: { self: true } | { prop: string } | { viaParent: string };
  parent?: { prop: string; entity: string };
  children?: { entity: string; prop: string }[];
}

export const ENTITY_RULES: Record<string, EntityRule> = {
  User: {
    owner: { self: true },
    children: [
      { entity: 'Project', prop: 'owner' },
      { entity: 'AutoSave', prop: 'user' },
    ],
  },
  Project: {
    owner: { prop: 'owner' },
    parent: { prop: 'owner', entity: 'User' },
    children: [
      { entity: 'CodeGeneration', prop: 'project' },
      { entity: 'ProjectAnalysis', prop: 'project' },
    ],
  },
  CodeGeneration: { owner: { viaParent: 'project' }, parent: { prop: 'project', entity: 'Project' } },
  ProjectAnalysis: { owner: { viaParent: 'project' }, parent: { prop: 'project', entity: 'Project' } },
  AutoSave: { owner: { prop: 'user' }, parent: { prop: 'user', entity: 'User' } },
};

export function ruleOf(entity: string): EntityRule {
  const rule = ENTITY_RULES[entity];
  if (!rule) throw new Error(`no write rules for ${entity}`);
  return rule;
}

type EntityClass = new () => object;

/**
 * A complete new row: the given values, and for everything not given (or null)
 * the entity's own defaults (its id, timestamps and field initialisers), plus
 * the UTC day of createdAt where the entity keeps one.
 */
export function newRow(meta: EntityMetadata, entity: EntityClass, data: PropRow): PropRow {
  const defaults = new entity() as Record<string, unknown>;
  const row: PropRow = {};
  for (const f of storedFields(meta)) {
    const given = data[f.prop];
    row[f.prop] = given !== undefined && given !== null ? given : (defaults[f.prop] ?? null);
  }
  if ('day' in row && row.createdAt instanceof Date) row.day = row.createdAt.toISOString().slice(0, 10);
  return row;
}
