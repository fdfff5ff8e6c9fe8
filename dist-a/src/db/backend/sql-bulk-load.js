"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sqlBulkLoad = sqlBulkLoad;
const sql_identifier_1 = require("./sql-identifier");
/**
 * Rows per INSERT: as many as the bound-parameter limit allows (SQLite 32766),
 * capped so one statement stays a few MB at most.
 */
const rowsPerInsert = (codec, maxParams) => Math.max(1, Math.min(2000, Math.floor(maxParams / codec.fields.length)));
const list = (tables) => tables.map((t) => `'${t.replace(/'/g, "''")}'`).join(', ');
/**
 * Writes everything `fill` produces all or nothing, replacing what is there when
 * `replace` is set: one transaction on the driver's own client (MikroORM's
 * getNativeClient) around the deletes and every insert, without entity
 * hydration. Secondary indexes are dropped for the load and rebuilt once at the
 * end inside the same transaction: one sorted build is much cheaper than 140k
 * random index updates. `sqlite`: better-sqlite3 with multi-row INSERTs; else
 * pg with COPY FROM STDIN.
 */
async function sqlBulkLoad(orm, sqlite, all, replace, fill) {
    const platform = orm.em.getPlatform();
    const values = { date: (d) => platform.processDateProperty(d), jsonAsText: true };
    const client = await orm.em.getConnection().getNativeClient();
    return sqlite ? sqliteLoad(client, all, replace, fill, values) : pgLoad(client, all, replace, fill, values);
}
async function sqliteLoad(db, all, replace, fill, values) {
    // A bulk load gains little from the server's 64 MiB page cache; 16 MiB keeps the CLI's memory low.
    db.exec('PRAGMA cache_size = -32768');
    db.exec('BEGIN IMMEDIATE');
    try {
        if (replace)
            for (const codec of [...all].reverse())
                db.exec(`delete from ${(0, sql_identifier_1.quote)(codec.meta.tableName)}`);
        const indexes = db
            .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${list(all.map((c) => c.meta.tableName))})`)
            .all()
            .filter((r) => !/^create unique index/i.test(r.sql));
        for (const ix of indexes)
            db.exec(`drop index ${(0, sql_identifier_1.quote)(ix.name)}`);
        await fill({
            async insert(codec, rows) {
                const columns = codec.fields.map((f) => f.column);
                const step = rowsPerInsert(codec, 32_000);
                const head = `insert into ${(0, sql_identifier_1.quote)(codec.meta.tableName)} (${columns.map(sql_identifier_1.quote).join(', ')}) values `;
                const tuple = `(${columns.map(() => '?').join(', ')})`;
                for (let i = 0; i < rows.length; i += step) {
                    const batch = rows.slice(i, i + step);
                    const bindings = [];
                    for (const row of batch) {
                        const stored = codec.toStored(row, values);
                        for (const c of columns)
                            bindings.push(stored[c]);
                    }
                    db.prepare(head + Array(batch.length).fill(tuple).join(', ')).run(...bindings);
                }
            },
        });
        for (const ix of indexes)
            db.exec(ix.sql);
        db.exec('COMMIT');
    }
    catch (e) {
        db.exec('ROLLBACK');
        throw e;
    }
    finally {
        db.exec('PRAGMA cache_size = -65536');
    }
}
async function pgLoad(pool, all, replace, fill, values) {
    const client = await pool.connect();
    try {
        await client.query('begin');
        if (replace)
            for (const codec of [...all].reverse())
                await client.query(`delete from ${(0, sql_identifier_1.quote)(codec.meta.tableName)}`);
        const { rows: found } = await client.query(`select indexname as name, indexdef as sql from pg_indexes where schemaname = current_schema() and tablename in (${list(all.map((c) => c.meta.tableName))})`);
        const indexes = found.filter((r) => !/^create unique index/i.test(r.sql));
        for (const ix of indexes)
            await client.query(`drop index ${(0, sql_identifier_1.quote)(ix.name)}`);
        // One COPY in flight while the next batch is prepared: the server works while JS parses.
        let inFlight = Promise.resolve();
        await fill({
            async insert(codec, rows) {
                await inFlight;
                inFlight = copyInto(client, codec.meta.tableName, codec.fields.map((f) => f.column), rows.map((r) => codec.toStored(r, values)));
                inFlight.catch(() => undefined); // observed by the next await
            },
        });
        await inFlight;
        for (const ix of indexes)
            await client.query(ix.sql);
        await client.query('commit');
    }
    catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw e;
    }
    finally {
        client.release();
    }
}
/** CSV field for COPY: NULL unquoted and empty, everything else quoted with doubled quotes. */
function csv(value) {
    if (value === null || value === undefined)
        return '';
    const text = value instanceof Date ? value.toISOString() : String(value);
    return `"${text.replace(/"/g, '""')}"`;
}
/** Streams rows into `table` with COPY FROM STDIN on the transaction's connection. */
async function copyInto(client, table, columns, rows) {
    const stream = client.query(copyFrom(`COPY ${(0, sql_identifier_1.quote)(table)} (${columns.map(sql_identifier_1.quote).join(', ')}) FROM STDIN WITH (FORMAT csv)`));
    const body = `${rows.map((row) => columns.map((c) => csv(row[c])).join(',')).join('\n')}\n`;
    await new Promise((resolve, reject) => {
        stream.on('error', reject);
        stream.on('finish', resolve);
        stream.end(body);
    });
}
const { from: copyFrom } = require('pg-copy-streams');
//# sourceMappingURL=sql-bulk-load.js.map