"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.peakRssMB = exports.processIO = exports.CliError = void 0;
exports.openDatabase = openDatabase;
exports.withDatabase = withDatabase;
const config_1 = require("../config");
const orm_1 = require("../db/orm");
const drivers_1 = require("../db/drivers");
/** A failure the CLI reports as one line and a non-zero exit code. */
class CliError extends Error {
    constructor(message, exitCode = 1) {
        super(message);
        this.exitCode = exitCode;
    }
}
exports.CliError = CliError;
exports.processIO = {
    out: (l) => process.stdout.write(l + '\n'),
    err: (l) => process.stderr.write(l + '\n'),
    isTTY: Boolean(process.stderr.isTTY),
    env: process.env,
};
/** Opens the configured database (DB_DRIVER / DATABASE_URL), with a clear error when unreachable. */
async function openDatabase(io) {
    const config = (0, config_1.loadConfig)(io.env);
    const target = (0, config_1.maskUrl)(config.databaseUrl);
    try {
        const orm = await (0, orm_1.initORM)({ driver: config.driver, databaseUrl: config.databaseUrl });
        // MikroORM 7 connects lazily: connect now so an unreachable database fails here, with its reason.
        await orm.connect();
        const check = await orm.checkConnection();
        if (!check.ok)
            throw new Error(check.reason ?? 'not reachable');
        return { orm, backend: (0, drivers_1.createBackend)(config.driver, orm), config, target };
    }
    catch (e) {
        throw new CliError(`cannot connect to ${config.driver} at ${target}: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
    }
}
/** Runs `work` with an open database and always closes it. */
async function withDatabase(io, work) {
    const db = await openDatabase(io);
    try {
        return await work(db);
    }
    finally {
        await db.orm.close(true);
    }
}
/** Peak resident memory of this process so far, in MiB (reported by --json for benchmarks). */
const peakRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);
exports.peakRssMB = peakRssMB;
//# sourceMappingURL=context.js.map