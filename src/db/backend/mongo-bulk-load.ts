import { randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import type { BulkSink } from '../../backup/bulk-sink';
import type { EntityCodec } from '../../backup/format';

/**
 * Writes everything `fill` produces all or nothing without multi-document
 * transactions (FerretDB, a standalone mongod): rows go to fresh staging
 * collections; only when all are written are they swapped in by renames, so a
 * failure leaves the live collections untouched.
 */
export async function mongoBulkLoad(db: Db, all: EntityCodec[], fill: (sink: BulkSink) => Promise<void>): Promise<void> {
  const token = randomBytes(4).toString('hex');
  const staging = (c: EntityCodec) => `${c.meta.collection}__restore_${token}`;
  const retired = (c: EntityCodec) => `${c.meta.collection}__old_${token}`;
  try {
    for (const codec of all) await db.createCollection(staging(codec));
    await fill({
      async insert(codec, rows) {
        const docs = rows.map((r) => codec.toStored(r, { date: (d) => d, jsonAsText: false }));
        if (docs.length) await db.collection(staging(codec)).insertMany(docs, { ordered: true });
      },
    });
    // Same indexes as the live collection (created by migrations) before the swap.
    for (const codec of all) {
      const live = await db
        .collection(codec.meta.collection)
        .indexes()
        .catch(() => []);
      for (const ix of live) {
        if (ix.name === '_id_') continue;
        await db.collection(staging(codec)).createIndex(ix.key, { name: ix.name, unique: ix.unique ?? false });
      }
    }
  } catch (e) {
    for (const codec of all)
      await db
        .collection(staging(codec))
        .drop()
        .catch(() => undefined);
    throw e;
  }
  // The swap: each live collection is set aside, the staged one takes its name, the old one is dropped.
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const codec of all) {
    if (existing.has(codec.meta.collection)) await db.renameCollection(codec.meta.collection, retired(codec));
    await db.renameCollection(staging(codec), codec.meta.collection);
  }
  for (const codec of all)
    await db
      .collection(retired(codec))
      .drop()
      .catch(() => undefined);
}
