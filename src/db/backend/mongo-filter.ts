import { ReferenceKind, type EntityMetadata } from '@mikro-orm/core';
import type { Document } from 'mongodb';
import { fromStored } from './stored-rows';

/** Operators whose value passes as is (after ids of referenced rows are taken). */
const OPERATORS = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$regex', '$options', '$exists']);

/**
 * A filter the services built (MikroORM syntax over properties) as a MongoDB
 * filter over stored fields, or null when it holds anything this does not
 * know (the caller then asks MikroORM). The services build equality, ranges,
 * `$in`/`$nin`, `$regex`, `$and`/`$or` and many-to-one keys; on MongoDB
 * nothing joins, so a condition on a related row's own fields is not known.
 */
export function toDocumentFilter(meta: EntityMetadata, where: Record<string, unknown>): Document | null {
  if (Object.getOwnPropertySymbols(where).length) return null;
  const out: Document = {};
  for (const [key, value] of Object.entries(where)) {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0) return null;
      const items = value.map((v) => (v && typeof v === 'object' ? toDocumentFilter(meta, v as Record<string, unknown>) : null));
      if (items.some((i) => i === null)) return null;
      out[key] = items;
      continue;
    }
    const prop = meta.properties[key as never] as EntityMetadata['properties'][string] | undefined;
    if (!prop || prop.fieldNames?.length !== 1 || (prop.kind !== ReferenceKind.SCALAR && prop.kind !== ReferenceKind.MANY_TO_ONE)) return null;
    const condition = toCondition(value);
    if (condition === undefined) return null;
    out[prop.fieldNames[0]] = condition;
  }
  return out;
}

/** A property's condition as stored values; undefined when not known. */
function toCondition(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) return { $in: value.map(keyOf) };
  if (Object.getPrototypeOf(value) !== Object.prototype) return keyOf(value);
  const ops = value as Record<string, unknown>;
  const keys = Object.keys(ops);
  if (keys.length === 0 || !keys.every((k) => OPERATORS.has(k))) return undefined;
  return Object.fromEntries(keys.map((k) => [k, Array.isArray(ops[k]) ? (ops[k] as unknown[]).map(keyOf) : keyOf(ops[k])]));
}

/** A referenced row (entity or `{ id }`) stands for its key, as in MikroORM. */
function keyOf(value: unknown): unknown {
  if (value && typeof value === 'object' && !(value instanceof Date) && 'id' in value) return (value as { id: unknown }).id;
  return value;
}

/** A sort over properties as one over stored fields. */
export function toDocumentSort(meta: EntityMetadata, orderBy: Record<string, 'asc' | 'desc'>): Record<string, 1 | -1> {
  return Object.fromEntries(Object.entries(orderBy).map(([prop, dir]) => [meta.properties[prop as never].fieldNames[0], dir === 'asc' ? 1 : -1]));
}

/** A projection of the stored fields of `props` (the key always comes). */
export function toProjection(meta: EntityMetadata, props: string[] | undefined): Document | undefined {
  return props && Object.fromEntries(props.map((p) => [meta.properties[p as never].fieldNames[0], 1]));
}

/** A stored document as a row of properties created from `prototype`. */
export function documentToRow(meta: EntityMetadata, doc: Document, prototype: object): Record<string, unknown> {
  return Object.assign(Object.create(prototype) as Record<string, unknown>, fromStored(meta, doc, false));
}
