import { ReferenceKind, type EntityMetadata } from '@mikro-orm/core';

/** A row by property name with JavaScript values: many-to-one relations as the parent's id, dates as Date, JSON as values. */
export type PropRow = Record<string, unknown>;

export interface StoredField {
  prop: string;
  column: string;
  kind: 'scalar' | 'date' | 'json' | 'ref';
}

/** How values are stored where they differ between databases. */
export interface StoredValues {
  /** A Date as the column holds it (SQLite: epoch ms; PostgreSQL and MongoDB: a date). */
  date(d: Date): unknown;
  /** JSON as text (SQL) or as the value itself (MongoDB). */
  jsonAsText: boolean;
}

const fieldCache = new WeakMap<EntityMetadata, StoredField[]>();

/** The stored properties of an entity (scalars and many-to-one keys), in declaration order. */
export function storedFields(meta: EntityMetadata): StoredField[] {
  let fields = fieldCache.get(meta);
  if (!fields) {
    fields = meta.props
      .filter((p) => (p.kind === ReferenceKind.SCALAR || p.kind === ReferenceKind.MANY_TO_ONE) && p.persist !== false && p.fieldNames?.length === 1)
      .map((p) => ({
        prop: p.name,
        column: p.fieldNames[0],
        kind: p.kind === ReferenceKind.MANY_TO_ONE ? 'ref' : p.runtimeType === 'Date' || p.type === 'datetime' ? 'date' : p.customType?.constructor.name === 'JsonType' ? 'json' : 'scalar',
      }));
    fieldCache.set(meta, fields);
  }
  return fields;
}

export function columnOf(meta: EntityMetadata, prop: string): string {
  const field = storedFields(meta).find((f) => f.prop === prop);
  if (!field) throw new Error(`${meta.className}.${prop} is not a stored property`);
  return field.column;
}

const refId = (v: unknown) => (v && typeof v === 'object' ? (v as { id: unknown }).id : v);

/** The given properties of `row` as stored values by column (properties `row` lacks are left out). */
export function toStored(meta: EntityMetadata, row: PropRow, values: StoredValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of storedFields(meta)) {
    if (!(f.prop in row)) continue;
    const v = row[f.prop];
    if (v == null) out[f.column] = null;
    else if (f.kind === 'date') out[f.column] = values.date(v as Date);
    else if (f.kind === 'json') out[f.column] = values.jsonAsText ? JSON.stringify(v) : v;
    else if (f.kind === 'ref') out[f.column] = refId(v);
    else out[f.column] = v;
  }
  return out;
}

/**
 * A stored row (columns, database values) as a property row. `jsonAsText`: JSON
 * columns hold text to parse (SQL); MongoDB documents hold the values themselves.
 */
export function fromStored(meta: EntityMetadata, raw: Record<string, unknown>, jsonAsText = true): PropRow {
  const row: PropRow = {};
  for (const f of storedFields(meta)) {
    if (!(f.column in raw)) continue;
    const v = raw[f.column];
    if (v == null) row[f.prop] = null;
    else if (f.kind === 'date') row[f.prop] = v instanceof Date ? v : new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : (v as number | string));
    else if (f.kind === 'json') row[f.prop] = jsonAsText && typeof v === 'string' ? JSON.parse(v) : v;
    else if (f.kind === 'ref') row[f.prop] = String(v);
    else if (typeof v === 'bigint') row[f.prop] = Number(v);
    else row[f.prop] = v;
  }
  return row;
}
