"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.mongoBulkLoad = mongoBulkLoad;
const node_crypto_1 = require("node:crypto");
/**
 * Writes everything `fill` produces all or nothing without multi-document
 * transactions (FerretDB, a standalone mongod): rows go to fresh staging
 * collections; only when all are written are they swapped in by renames, so a
 * failure leaves the live collections untouched.
 */
async function mongoBulkLoad(db, all, fill) {
    const token = (0, node_crypto_1.randomBytes)(4).toString('hex');
    const staging = (c) => `${c.meta.collection}__restore_${token}`;
    const retired = (c) => `${c.meta.collection}__old_${token}`;
    try {
        for (const codec of all)
            await db.createCollection(staging(codec));
        await fill({
            async insert(codec, rows) {
                const docs = rows.map((r) => codec.toStored(r, { date: (d) => d, jsonAsText: false }));
                if (docs.length)
                    await db.collection(staging(codec)).insertMany(docs, { ordered: true });
            },
        });
        // Same indexes as the live collection (created by migrations) before the swap.
        for (const codec of all) {
            const live = await db
                .collection(codec.meta.collection)
                .indexes()
                .catch(() => []);
            for (const ix of live) {
                if (ix.name === '_id_')
                    continue;
                await db.collection(staging(codec)).createIndex(ix.key, { name: ix.name, unique: ix.unique ?? false });
            }
        }
    }
    catch (e) {
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
        if (existing.has(codec.meta.collection))
            await db.renameCollection(codec.meta.collection, retired(codec));
        await db.renameCollection(staging(codec), codec.meta.collection);
    }
    for (const codec of all)
        await db
            .collection(retired(codec))
            .drop()
            .catch(() => undefined);
}
//# sourceMappingURL=mongo-bulk-load.js.map