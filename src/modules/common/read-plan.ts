import { ReferenceKind, type EntityMetadata } from '@mikro-orm/core';
import type { ReadPlan } from '../../db/light-find';
import type { Selection } from './look-ahead';

/**
 * GraphQL fields that are not stored properties, with the properties their
 * resolvers read. A field missing here and from the entity makes the read take
 * every column, so forgetting one costs speed, never correctness.
 */
const COMPUTED: Record<string, Record<string, string[]>> = {
  User: { apiKeyActive: ['apiKeyHash'], autoSaves: [] },
  Project: { latestAnalysis: [] },
};

/**
 * The properties to read for `selection` on `meta`: the selected stored ones,
 * plus id, every many-to-one key (resolvers and access checks follow them) and
 * `extra` (e.g. the sort key, which cursors hold). Undefined means all.
 */
export function columnsFor(meta: EntityMetadata, selection: Selection, extra: string[] = []): string[] | undefined {
  if (extra.length) return compute(meta, selection, extra);
  // Asked once per row by to-one resolvers: remembered per (parsed, cached) selection.
  let byMeta = cache.get(selection);
  if (!byMeta) cache.set(selection, (byMeta = new Map()));
  if (!byMeta.has(meta)) byMeta.set(meta, compute(meta, selection, extra));
  return byMeta.get(meta);
}

const cache = new WeakMap<Selection, Map<EntityMetadata, string[] | undefined>>();

function compute(meta: EntityMetadata, selection: Selection, extra: string[]): string[] | undefined {
  const out = new Set<string>(['id', ...extra]);
  for (const p of meta.props) if (p.kind === ReferenceKind.MANY_TO_ONE) out.add(p.name);
  for (const name of selection.keys()) {
    if (name === '__typename') continue;
    const prop = meta.properties[name as never] as EntityMetadata['properties'][string] | undefined;
    if (prop) {
      if (prop.kind === ReferenceKind.SCALAR) out.add(name);
      continue; // to-one: its key is in already; to-many: read by id
    }
    const needs = COMPUTED[meta.className]?.[name];
    if (!needs) return undefined;
    for (const n of needs) out.add(n);
  }
  return [...out];
}

/** Columns for `selection`, and a join for each selected to-one relation with the columns its own selection needs. */
export function readPlan(meta: EntityMetadata, selection: Selection, extra: string[] = []): ReadPlan {
  // Asked once per parent by nested lists: remembered per (parsed, cached) selection.
  let byKey = plans.get(selection);
  if (!byKey) plans.set(selection, (byKey = new Map()));
  const key = `${meta.className}:${extra.join(',')}`;
  let plan = byKey.get(key);
  if (!plan) byKey.set(key, (plan = planFor(meta, selection, extra)));
  return plan;
}

const plans = new WeakMap<Selection, Map<string, ReadPlan>>();

function planFor(meta: EntityMetadata, selection: Selection, extra: string[]): ReadPlan {
  const joins: NonNullable<ReadPlan['joins']> = [];
  for (const [name, below] of selection) {
    const prop = meta.properties[name as never] as EntityMetadata['properties'][string] | undefined;
    if (prop?.kind === ReferenceKind.MANY_TO_ONE && prop.targetMeta) joins.push({ prop: name, fields: columnsFor(prop.targetMeta, below) });
  }
  return { fields: columnsFor(meta, selection, extra), joins };
}
