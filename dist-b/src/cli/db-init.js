"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.initCommand = initCommand;
const migrate_1 = require("../db/migrate");
const context_1 = require("./context");
const stats_queries_1 = require("./stats-queries");
/** db init [--force]: create the schema from nothing; refuses a database that holds data unless --force. */
async function initCommand(io, force) {
    await (0, context_1.withDatabase)(io, async ({ orm, config, target }) => {
        const m = (0, migrate_1.migrator)(orm);
        const executed = await m.getExecutedMigrations();
        const counts = executed.length ? await (0, stats_queries_1.rowCounts)(orm).catch(() => ({})) : {};
        const held = Object.entries(counts).filter(([, n]) => n > 0);
        if (executed.length && !force) {
            const what = held.length ? held.map(([e, n]) => `${n} ${e}`).join(', ') : 'no rows';
            throw new context_1.CliError(`${target} is already initialised (${executed.length} migration(s), ${what}); use --force to drop and recreate it`);
        }
        if (executed.length) {
            io.err(`--force: dropping every codeobit table/collection on ${config.driver} at ${target}` + (held.length ? `, with ${held.map(([e, n]) => `${n} ${e}`).join(', ')}` : ''));
            await m.down({ to: 0 });
        }
        const applied = await (0, migrate_1.migrateUp)(orm);
        io.out(`initialised ${config.driver} at ${target}: ${applied.length} migration(s) applied`);
    });
}
//# sourceMappingURL=db-init.js.map