"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.migrateCommand = migrateCommand;
exports.rollbackCommand = rollbackCommand;
exports.checkCommand = checkCommand;
exports.statusCommand = statusCommand;
const config_1 = require("../config");
const migrate_1 = require("../db/migrate");
const context_1 = require("./context");
const stats_queries_1 = require("./stats-queries");
/** db migrate: apply pending migrations. */
async function migrateCommand(io) {
    await (0, context_1.withDatabase)(io, async ({ orm, config }) => {
        const applied = await (0, migrate_1.migrateUp)(orm);
        io.out(applied.length ? `applied ${applied.length} migration(s) on ${config.driver}: ${applied.join(', ')}` : `${config.driver}: already up to date`);
    });
}
/** db rollback [--to NAME]: undo the last migration, or every one after NAME (`--to 0` undoes all). */
async function rollbackCommand(io, to) {
    await (0, context_1.withDatabase)(io, async ({ orm, config }) => {
        const m = (0, migrate_1.migrator)(orm);
        const executed = (await m.getExecutedMigrations()).map((x) => x.name);
        if (!executed.length)
            return io.out(`${config.driver}: nothing to roll back`);
        if (to !== undefined && to !== '0' && !executed.includes(to)) {
            throw new context_1.CliError(`--to ${to}: no applied migration has that name (applied: ${executed.join(', ')})`);
        }
        const undone = await m.down(to === undefined ? undefined : { to: to === '0' ? 0 : to });
        io.out(`rolled back ${undone.length} migration(s) on ${config.driver}: ${undone.map((x) => x.name).join(', ')}`);
    });
}
/** db check: non-zero exit when the database schema differs from the entities (after migrations). */
async function checkCommand(io) {
    await (0, context_1.withDatabase)(io, async ({ orm, backend, config }) => {
        const pending = await (0, migrate_1.migrator)(orm).getPendingMigrations();
        if (pending.length)
            throw new context_1.CliError(`${pending.length} pending migration(s): ${pending.map((p) => p.name).join(', ')}; run db migrate`);
        const drift = await backend.schemaDrift();
        if (drift.length) {
            for (const d of drift)
                io.err(`  ${d}`);
            throw new context_1.CliError(`${config.driver}: schema differs from the entities (${drift.length} change(s)); create a migration`);
        }
        io.out(`${config.driver}: schema matches the entities`);
    });
}
/** db status: where we are connected, migrations applied and pending, rows per entity, size. */
async function statusCommand(io, json) {
    const config = (0, config_1.loadConfig)(io.env);
    const base = { driver: config.driver, target: (0, config_1.maskUrl)(config.databaseUrl) };
    let status;
    try {
        status = await (0, context_1.withDatabase)(io, async ({ orm, backend }) => {
            const m = (0, migrate_1.migrator)(orm);
            return {
                ...base,
                reachable: true,
                applied: (await m.getExecutedMigrations()).map((x) => x.name),
                pending: (await m.getPendingMigrations()).map((x) => x.name),
                rows: await (0, stats_queries_1.rowCounts)(orm).catch(() => null),
                sizeBytes: await backend.databaseSize(),
            };
        });
    }
    catch (e) {
        status = { ...base, reachable: false, error: e instanceof Error ? e.message : String(e) };
    }
    if (json)
        return io.out(JSON.stringify(status, null, 2));
    io.out(`driver:     ${status.driver}`);
    io.out(`target:     ${status.target}`);
    io.out(`reachable:  ${status.reachable ? 'yes' : `no (${status.error})`}`);
    if (!status.reachable)
        throw new context_1.CliError('database not reachable');
    const applied = status.applied;
    const pending = status.pending;
    io.out(`migrations: ${applied.length} applied, ${pending.length} pending${pending.length ? ` (${pending.join(', ')})` : ''}`);
    for (const name of applied)
        io.out(`  ✓ ${name}`);
    for (const name of pending)
        io.out(`  … ${name}`);
    const rows = status.rows;
    if (rows)
        for (const [entity, n] of Object.entries(rows))
            io.out(`  ${entity.padEnd(16)} ${n}`);
    else
        io.out('rows:       unknown (schema not created yet)');
    if (status.sizeBytes != null)
        io.out(`size:       ${(Number(status.sizeBytes) / 1024 / 1024).toFixed(2)} MiB`);
}
//# sourceMappingURL=db-migrations.js.map