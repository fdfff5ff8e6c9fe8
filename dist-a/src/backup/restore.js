"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.assertEmptyOrForced = assertEmptyOrForced;
exports.restore = restore;
const migrate_1 = require("../db/migrate");
const format_1 = require("./format");
const progress_1 = require("./progress");
const node_fs_1 = require("node:fs");
const verify_1 = require("./verify");
const stats_queries_1 = require("../cli/stats-queries");
/** Rows handed to the writer at once while streaming the file. */
const CHUNK = 2000;
/** Refuses to overwrite data unless `force`; returns what is there, for the message. */
async function assertEmptyOrForced(orm, force, action) {
    const counts = await (0, stats_queries_1.rowCounts)(orm);
    const held = Object.entries(counts).filter(([, n]) => n > 0);
    if (held.length && !force) {
        throw new verify_1.BadBackupError(`the database is not empty (${held.map(([e, n]) => `${n} ${e}`).join(', ')}); ${action} needs --force to replace it`);
    }
}
/**
 * Restores a backup into whatever backend `orm` is on, in one streaming pass:
 * the header is checked first (format, version, schema version, emptiness),
 * then each line is verified as it is written; a bad line, count or checksum
 * aborts the write, which is undone (SQL transaction, or MongoDB staging
 * collections that are dropped), so the database is left as it was.
 */
async function restore(orm, backend, file, force, io) {
    if (!(0, node_fs_1.existsSync)(file))
        throw new verify_1.BadBackupError(`${file} does not exist`);
    const lines = (0, verify_1.readBackup)(file)[Symbol.asyncIterator]();
    const first = await lines.next();
    const header = (0, verify_1.parseHeader)(first.done ? undefined : first.value.line);
    const all = (0, format_1.codecs)(orm);
    const verifier = new verify_1.BackupVerifier(header, all);
    const executed = (await (0, migrate_1.migrator)(orm).getExecutedMigrations()).map((m) => m.name);
    const current = executed[executed.length - 1];
    if (current === undefined || (0, format_1.rowSchemaOf)(current) !== (0, format_1.rowSchemaOf)(header.schemaVersion)) {
        throw new verify_1.BadBackupError(`backup schema ${header.schemaVersion} does not match the database (${current ?? 'no migrations applied'}); run db migrate (or db init) first`);
    }
    await assertEmptyOrForced(orm, force, 'restore');
    const total = Object.values(header.entities).reduce((a, e) => a + (Number(e?.count) || 0), 0);
    const progress = new progress_1.Progress(io, 'restore', total);
    await backend.bulkLoad(all, force, async (sink) => {
        let codec = all[0];
        let pending = [];
        let lastLine = 1;
        const flush = async () => {
            if (!pending.length)
                return;
            try {
                await sink.insert(codec, pending);
            }
            catch (error) {
                // Rows were checked already; whatever the database says, say where, never its SQL or the rows.
                const code = error.code;
                throw new Error(`the database refused ${codec.name} rows up to line ${lastLine}${typeof code === 'string' && code.length <= 40 ? ` (${code})` : ''}`);
            }
            progress.add(pending.length);
            pending = [];
        };
        for (let next = await lines.next(); !next.done; next = await lines.next()) {
            const { codec: rowCodec, row } = verifier.row(next.value.line, next.value.lineNo);
            lastLine = next.value.lineNo;
            if (rowCodec !== codec) {
                await flush();
                codec = rowCodec;
            }
            pending.push(row);
            if (pending.length >= CHUNK)
                await flush();
        }
        await flush();
        verifier.finish();
    });
    // Rollups are derived, not backed up: counted again from the restored rows.
    await backend.rebuildRollups();
    return { rows: total, seconds: progress.seconds(), rowsPerSecond: progress.rate(), sourceDriver: header.sourceDriver };
}
//# sourceMappingURL=restore.js.map