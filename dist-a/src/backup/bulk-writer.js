"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.writeAllOrNothing = writeAllOrNothing;
const node_crypto_1 = require("node:crypto");
/**
 * Rows per INSERT: as many as the bound-parameter limit allows (SQLite 32766,
 * PostgreSQL 65535), capped so one statement stays a few MB at most.
 */
const rowsPerInsert = (codec, maxParams) => Math.max(1, Math.min(2000, Math.floor(maxParams / codec.fields.length)));
/**
 * Writes everything `fill` produces all-or-nothing, replacing what is there when
 * `replace` is set.
 * - SQL: one transaction around the deletes and every insert.
 * - MongoDB (no multi-document transactions on FerretDB or a standalone mongod):
 *   rows go to fresh staging collections; only when all are written are they
 *   swapped in by renames, so a failure leaves the live collections untouched.
 */
async function writeAllOrNothing(orm, all, replace, fill) {
    const conn = orm.em.getConnection();
    if (conn.getDb)
        return writeMongo(conn.getDb(), all, fill);
    const platform = orm.em.getPlatform();
    const values = { date: (d) => platform.processDateProperty(d), jsonAsText: true };
    const maxParams = platform.constructor.name === 'SqlitePlatform' ? 32_000 : 65_000;
    const sqlite = platform.constructor.name === 'SqlitePlatform';
    const conn2 = orm.em.getConnection();
    // A bulk load gains little from the server's 64 MiB page cache; 16 MiB keeps the CLI's memory low.
    if (sqlite)
        await conn2.execute('PRAGMA cache_size = -32768');
    try {
        await bulkSql(orm, all, replace, fill, platform, values, maxParams);
    }
    finally {
        if (sqlite)
            await conn2.execute('PRAGMA cache_size = -65536');
    }
}
async function bulkSql(orm, all, replace, fill, platform, values, maxParams) {
    await orm.em.fork().transactional(async (em) => {
        if (replace)
            for (const codec of [...all].reverse())
                await em.nativeDelete(codec.entity, {});
        // Secondary indexes are dropped for the load and rebuilt once at the end (inside the
        // same transaction): one sorted build is much cheaper than 140k random index updates.
        const indexes = await secondaryIndexes(em, all.map((c) => c.meta.tableName));
        for (const ix of indexes)
            await sqlEm(em).execute(`drop index ${platform.quoteIdentifier(ix.name)}`);
        // Raw multi-row INSERTs on the transaction's connection: no entity hydration or change tracking.
        const trx = em.getTransactionContext();
        const sqliteLoad = platform.constructor.name === 'SqlitePlatform';
        // One INSERT in flight while the next batch is prepared: the database works
        // (SQLite on libuv's thread pool, PostgreSQL over the socket) while JS parses.
        let inFlight = Promise.resolve();
        await fill({
            async insert(codec, rows) {
                const columns = codec.fields.map((f) => f.column);
                if (!sqliteLoad) {
                    // PostgreSQL: COPY ... FROM STDIN, several times faster than multi-row INSERTs.
                    await inFlight;
                    inFlight = copyInto(trx, codec.meta.tableName, columns, rows.map((r) => codec.toStored(r, values)));
                    inFlight.catch(() => undefined);
                    return;
                }
                const step = rowsPerInsert(codec, maxParams);
                const head = `insert into ${platform.quoteIdentifier(codec.meta.tableName)} (${columns.map((c) => platform.quoteIdentifier(c)).join(', ')}) values `;
                const tuple = `(${columns.map(() => '?').join(', ')})`;
                for (let i = 0; i < rows.length; i += step) {
                    const batch = rows.slice(i, i + step);
                    const bindings = [];
                    for (const row of batch) {
                        const stored = codec.toStored(row, values);
                        for (const c of columns)
                            bindings.push(stored[c]);
                    }
                    // One multi-row VALUES statement (knex's SQLite dialect would emit a slower UNION ALL chain).
                    await inFlight;
                    // Promise.resolve: a knex query is a thenable that runs again on every then().
                    inFlight = Promise.resolve(trx.raw(head + Array(batch.length).fill(tuple).join(', '), bindings));
                    inFlight.catch(() => undefined); // observed by the next await; avoids an unhandled rejection meanwhile
                }
            },
        });
        await inFlight;
        for (const ix of indexes)
            await sqlEm(em).execute(ix.sql);
    });
}
async function writeMongo(db, all, fill) {
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
/** Plain (non-unique, non-primary) indexes of the given tables, with the DDL that recreates them. */
async function secondaryIndexes(em, tables) {
    const conn = sqlEm(em);
    const sqlite = em.getPlatform().constructor.name === 'SqlitePlatform';
    const list = tables.map((t) => `'${t.replace(/'/g, "''")}'`).join(', ');
    const rows = sqlite
        ? await conn.execute(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${list})`)
        : await conn.execute(`select indexname as name, indexdef as sql from pg_indexes where schemaname = current_schema() and tablename in (${list})`);
    return rows.filter((r) => !/^create unique index/i.test(r.sql));
}
/** The SQL entity manager's execute() runs inside the current transaction (the pool may hold one connection). */
const sqlEm = (em) => em;
/** CSV field for COPY: NULL unquoted and empty, everything else quoted with doubled quotes. */
function csv(value) {
    if (value === null || value === undefined)
        return '';
    const text = value instanceof Date ? value.toISOString() : String(value);
    return '"' + text.replace(/"/g, '""') + '"';
}
/** Streams rows into `table` with COPY FROM STDIN on the transaction's own connection. */
async function copyInto(trx, table, columns, rows) {
    const connection = (await trx.client.acquireConnection());
    const quote = (name) => '"' + name.replace(/"/g, '""') + '"';
    const stream = connection.query(copyFrom(`COPY ${quote(table)} (${columns.map(quote).join(', ')}) FROM STDIN WITH (FORMAT csv)`));
    const body = rows.map((row) => columns.map((c) => csv(row[c])).join(',')).join('\n') + '\n';
    await new Promise((resolve, reject) => {
        stream.on('error', reject);
        stream.on('finish', resolve);
        stream.end(body);
    });
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { from: copyFrom } = require('pg-copy-streams');
//# sourceMappingURL=bulk-writer.js.map