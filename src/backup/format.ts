import { JsonType, ReferenceKind, type EntityMetadata, type MikroORM } from '@mikro-orm/core';
import { ENTITIES } from '../entities';

/**
 * The codeobit backup format, version 1: NDJSON (one JSON value per line).
 *
 *   line 1   header: {"format":"codeobit-backup","version":1,"schemaVersion":..,"sourceDriver":..,
 *                      "createdAt":..,"entities":{"User":{"count":N,"sha256":".."},...}}
 *   then     one line per row, entities in dependency order (users, projects, code generations,
 *            analyses, autosaves), rows ordered by id: {"e":"User","d":{...}}
 *
 * Row values are canonical, whatever the source backend: ids and foreign keys as
 * UUID strings (relation properties hold the parent id), DateTime as ISO-8601 UTC
 * with milliseconds, JSON fields as JSON, properties in entity declaration order.
 * So the rows of a backup are byte-identical whichever backend produced them.
 * sha256 covers the exact bytes of an entity's row lines, newline included.
 */
export const BACKUP_FORMAT = 'codeobit-backup';
export const BACKUP_VERSION = 1;

/**
 * Migrations that leave backed-up rows as they were (indexes, derived tables),
 * each mapped to the one before it: a backup restores across them either way.
 */
const INDEX_ONLY_MIGRATIONS: Record<string, string> = {
  Migration20261124000004_sort_indexes: 'Migration20261124000003_day_keys',
  Migration20261125000005_rollups: 'Migration20261124000004_sort_indexes',
  Migration20261126000006_health_per_score: 'Migration20261125000005_rollups',
  Migration20261127000008_queue_times: 'Migration20261127000007_work_queue',
  Migration20261127000009_rollup_shards: 'Migration20261127000008_queue_times',
};

/** The migration that last changed what rows hold, at schema version `name`. */
export function rowSchemaOf(name: string): string {
  while (INDEX_ONLY_MIGRATIONS[name]) name = INDEX_ONLY_MIGRATIONS[name];
  return name;
}

export interface EntityDigest {
  count: number;
  sha256: string;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** Name of the last migration applied where the backup was taken; restore needs the same rows (see rowSchemaOf). */
  schemaVersion: string;
  sourceDriver: string;
  createdAt: string;
  entities: Record<string, EntityDigest>;
}

export interface RowLine {
  e: string;
  d: Record<string, unknown>;
}

type Field = { name: string; column: string; kind: 'scalar' | 'date' | 'json' | 'ref'; nullable: boolean };

/** What differs in stored values between backends: how a Date is written (SQLite: epoch ms). */
export interface StoredValues {
  date(d: Date): unknown;
  /** SQL stores JSON as text; MongoDB as a document. */
  jsonAsText: boolean;
}

/** How one entity's rows are written and read back. */
export interface EntityCodec {
  name: string;
  entity: (typeof ENTITIES)[number];
  meta: EntityMetadata;
  fields: Field[];
  /** Canonical row from a raw database row (SQL columns or MongoDB fields), without hydration. */
  fromStored(raw: Record<string, unknown>): Record<string, unknown>;
  /** Raw database row (keyed by column/field name) from a canonical row. */
  toStored(row: Record<string, unknown>, values: StoredValues): Record<string, unknown>;
  /** Why a parsed row cannot be restored, or null. */
  problem(row: Record<string, unknown>): string | null;
}

export function codecs(orm: MikroORM): EntityCodec[] {
  return ENTITIES.map((entity) => {
    const meta = orm.getMetadata().getByClassName(entity.name);
    const fields: Field[] = meta.props
      .filter((p) => p.kind === ReferenceKind.SCALAR || p.kind === ReferenceKind.MANY_TO_ONE)
      .filter((p) => p.persist !== false)
      .map((p) => ({
        name: p.name,
        column: p.fieldNames[0],
        nullable: Boolean(p.nullable),
        kind: p.kind === ReferenceKind.MANY_TO_ONE ? 'ref' : p.runtimeType === 'Date' || p.type === 'datetime' ? 'date' : p.customType instanceof JsonType ? 'json' : 'scalar',
      }));
    const names = fields.map((f) => f.name);
    return {
      name: entity.name,
      entity,
      meta,
      fields,
      fromStored(raw) {
        const row: Record<string, unknown> = {};
        for (const f of fields) {
          const v = raw[f.column];
          if (v == null) row[f.name] = null;
          else if (f.kind === 'date') row[f.name] = (v instanceof Date ? v : new Date(v as number | string)).toISOString();
          else if (f.kind === 'json') row[f.name] = typeof v === 'string' ? JSON.parse(v) : v;
          else if (f.kind === 'ref' || f.name === 'id') row[f.name] = String(v);
          else row[f.name] = v;
        }
        return row;
      },
      toStored(row, values) {
        const raw: Record<string, unknown> = {};
        for (const f of fields) {
          const v = row[f.name];
          if (v == null) raw[f.column] = null;
          else if (f.kind === 'date') raw[f.column] = values.date(new Date(v as string));
          else if (f.kind === 'json') raw[f.column] = values.jsonAsText ? JSON.stringify(v) : v;
          else raw[f.column] = v;
        }
        return raw;
      },
      problem(row) {
        const keys = Object.keys(row);
        if (keys.length !== names.length || keys.some((k, i) => k !== names[i])) return `its fields are not ${names.join(',')}`;
        for (const f of fields) {
          const v = row[f.name];
          if (v === null) {
            if (!f.nullable) return `${f.name} is null`;
            continue;
          }
          if (f.kind === 'date' && (typeof v !== 'string' || Number.isNaN(Date.parse(v)))) return `${f.name} is not a date`;
          if (f.kind === 'ref' && typeof v !== 'string') return `${f.name} is not an id`;
          if (f.kind === 'json' && (typeof v !== 'object' || Array.isArray(v))) return `${f.name} is not an object`;
        }
        return null;
      },
    };
  });
}
