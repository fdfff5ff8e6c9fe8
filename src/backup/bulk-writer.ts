import { randomBytes } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { Db } from 'mongodb';
import type { EntityCodec } from './format';

/** Receives canonical rows, entity by entity in dependency order, and stores them. */
export interface BulkSink {
  insert(codec: EntityCodec, rows: Record<string, unknown>[]): Promise<void>;
}

/** Rows per insert statement: under SQLite's and PostgreSQL's bound-parameter limits for our widest table. */
export const INSERT_BATCH = 500;

const toDate = (codec: EntityCodec, row: Record<string, unknown>) => {
  const out: Record<string, unknown> = { ...row };
  for (const f of codec.fields) if (f.kind === 'date' && out[f.name] != null) out[f.name] = new Date(out[f.name] as string);
  return out;
};

/**
 * Writes everything `fill` produces all-or-nothing, replacing what is there when
 * `replace` is set.
 * - SQL: one transaction around the deletes and every insert.
 * - MongoDB (no multi-document transactions on FerretDB or a standalone mongod):
 *   rows go to fresh staging collections; only when all are written are they
 *   swapped in by renames, so a failure leaves the live collections untouched.
 */
export async function writeAllOrNothing(
  orm: MikroORM,
  all: EntityCodec[],
  replace: boolean,
  fill: (sink: BulkSink) => Promise<void>,
): Promise<void> {
  const conn = orm.em.getConnection() as unknown as { getDb?(): Db };
  if (conn.getDb) return writeMongo(conn.getDb(), all, fill);
  await orm.em.fork().transactional(async (em: EntityManager) => {
    if (replace) for (const codec of [...all].reverse()) await em.nativeDelete(codec.entity, {});
    await fill({
      async insert(codec, rows) {
        for (let i = 0; i < rows.length; i += INSERT_BATCH) {
          await em.insertMany(codec.entity, rows.slice(i, i + INSERT_BATCH).map((r) => toDate(codec, r)) as never);
        }
      },
    });
  });
}

async function writeMongo(db: Db, all: EntityCodec[], fill: (sink: BulkSink) => Promise<void>): Promise<void> {
  const token = randomBytes(4).toString('hex');
  const staging = (c: EntityCodec) => `${c.meta.collection}__restore_${token}`;
  const retired = (c: EntityCodec) => `${c.meta.collection}__old_${token}`;
  const field = (c: EntityCodec, name: string) => c.meta.properties[name as never]?.fieldNames?.[0] ?? name;
  try {
    for (const codec of all) await db.createCollection(staging(codec));
    await fill({
      async insert(codec, rows) {
        const docs = rows.map((r) => {
          const doc: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(toDate(codec, r))) doc[field(codec, k)] = v;
          return doc;
        });
        if (docs.length) await db.collection(staging(codec)).insertMany(docs, { ordered: true });
      },
    });
    // Same indexes as the live collection (created by migrations) before the swap.
    for (const codec of all) {
      const live = await db.collection(codec.meta.collection).indexes().catch(() => []);
      for (const ix of live) {
        if (ix.name === '_id_') continue;
        await db.collection(staging(codec)).createIndex(ix.key, { name: ix.name, unique: ix.unique ?? false });
      }
    }
  } catch (e) {
    for (const codec of all) await db.collection(staging(codec)).drop().catch(() => undefined);
    throw e;
  }
  // The swap: each live collection is set aside, the staged one takes its name, the old one is dropped.
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const codec of all) {
    if (existing.has(codec.meta.collection)) await db.renameCollection(codec.meta.collection, retired(codec));
    await db.renameCollection(staging(codec), codec.meta.collection);
  }
  for (const codec of all) await db.collection(retired(codec)).drop().catch(() => undefined);
}
