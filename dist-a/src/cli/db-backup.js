"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.backupCommand = backupCommand;
exports.restoreCommand = restoreCommand;
const node_path_1 = require("node:path");
const export_1 = require("../backup/export");
const restore_1 = require("../backup/restore");
const verify_1 = require("../backup/verify");
const context_1 = require("./context");
/** db backup [--output FILE] [--json] */
async function backupCommand(io, output, json) {
    await (0, context_1.withDatabase)(io, async ({ orm, backend, config }) => {
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        const file = (0, node_path_1.resolve)(output ?? `backups/codeobit-${config.driver}-${stamp}.ndjson`);
        const result = await (0, export_1.backup)(orm, backend, config.driver, file, io).catch((e) => {
            throw new context_1.CliError(`backup failed: ${e instanceof Error ? e.message : e}`);
        });
        if (json)
            return io.out(JSON.stringify({ file: result.file, rows: result.rows, seconds: result.seconds, rowsPerSecond: result.rowsPerSecond, peakRssMB: (0, context_1.peakRssMB)(), entities: result.header.entities }));
        io.out(`backed up ${result.rows} rows from ${config.driver} to ${result.file} in ${result.seconds.toFixed(1)} s (${result.rowsPerSecond} rows/s)`);
    });
}
/** db restore FILE [--force] [--json] */
async function restoreCommand(io, file, force, json) {
    if (!file)
        throw new context_1.CliError('restore needs a FILE: codeobit db restore FILE [--force]', 2);
    await (0, context_1.withDatabase)(io, async ({ orm, backend, config }) => {
        const result = await (0, restore_1.restore)(orm, backend, (0, node_path_1.resolve)(file), force, io).catch((e) => {
            if (e instanceof verify_1.BadBackupError)
                throw new context_1.CliError(`restore refused: ${e.message}; the database was not changed`);
            throw new context_1.CliError(`restore failed and was undone: ${e instanceof Error ? e.message : e}`);
        });
        if (json)
            return io.out(JSON.stringify({ driver: config.driver, ...result, peakRssMB: (0, context_1.peakRssMB)() }));
        io.out(`restored ${result.rows} rows (backup from ${result.sourceDriver}) into ${config.driver} in ${result.seconds.toFixed(1)} s (${result.rowsPerSecond} rows/s)`);
    });
}
//# sourceMappingURL=db-backup.js.map