"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.backup = backup;
const node_crypto_1 = require("node:crypto");
const node_events_1 = require("node:events");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const promises_1 = require("node:stream/promises");
const migrate_1 = require("../db/migrate");
const format_1 = require("./format");
const progress_1 = require("./progress");
/** Rows read per query: large enough to amortise round trips, small enough to keep memory flat. */
const BATCH = 5000;
/**
 * Streams every entity to `file` in the documented format. Rows go to a side
 * file while counts and checksums accumulate; the header is then written first
 * and the rows copied after it, and the result renamed into place, so a crash
 * never leaves a half-written backup under the final name.
 */
async function backup(orm, backend, driver, file, io) {
    const executed = await (0, migrate_1.migrator)(orm).getExecutedMigrations();
    if (!executed.length)
        throw new Error('the database has no schema yet (run db migrate)');
    const schemaVersion = executed[executed.length - 1].name;
    const all = (0, format_1.codecs)(orm);
    const totals = await Promise.all(all.map((c) => orm.em.fork().count(c.entity, {})));
    const progress = new progress_1.Progress(io, 'backup', totals.reduce((a, b) => a + b, 0));
    (0, node_fs_1.mkdirSync)((0, node_path_1.dirname)(file), { recursive: true });
    const bodyFile = `${file}.rows.partial`;
    const finalTmp = `${file}.partial`;
    const entities = {};
    try {
        const body = (0, node_fs_1.createWriteStream)(bodyFile);
        for (const codec of all) {
            const hash = (0, node_crypto_1.createHash)('sha256');
            let count = 0;
            for await (const rows of backend.storedRows(codec, BATCH)) {
                let chunk = '';
                for (const row of rows)
                    chunk += JSON.stringify({ e: codec.name, d: codec.fromStored(row) }) + '\n';
                hash.update(chunk);
                if (!body.write(chunk))
                    await (0, node_events_1.once)(body, 'drain');
                count += rows.length;
                progress.add(rows.length);
            }
            entities[codec.name] = { count, sha256: hash.digest('hex') };
        }
        body.end();
        await (0, node_events_1.once)(body, 'close');
        const header = {
            format: format_1.BACKUP_FORMAT,
            version: format_1.BACKUP_VERSION,
            schemaVersion,
            sourceDriver: driver,
            createdAt: new Date().toISOString(),
            entities,
        };
        const out = (0, node_fs_1.createWriteStream)(finalTmp);
        out.write(JSON.stringify(header) + '\n');
        await (0, promises_1.pipeline)((0, node_fs_1.createReadStream)(bodyFile), out);
        (0, node_fs_1.renameSync)(finalTmp, file);
        const rows = Object.values(entities).reduce((a, e) => a + e.count, 0);
        return { file, rows, seconds: progress.seconds(), rowsPerSecond: progress.rate(), header };
    }
    finally {
        (0, node_fs_1.rmSync)(bodyFile, { force: true });
        (0, node_fs_1.rmSync)(finalTmp, { force: true });
    }
}
//# sourceMappingURL=export.js.map