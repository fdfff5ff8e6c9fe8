"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.migrator = migrator;
exports.migrateUp = migrateUp;
/** The SQL or MongoDB migrator, whichever the driver registered (MikroORM 7 names: getPending, getExecuted). */
function migrator(orm) {
    const m = orm.migrator;
    return { up: () => m.up(), down: (o) => m.down(o), getPendingMigrations: () => m.getPending(), getExecutedMigrations: () => m.getExecuted() };
}
/** Applies every pending migration; returns their names. */
async function migrateUp(orm, logger) {
    const applied = (await migrator(orm).up()).map((m) => m.name);
    if (applied.length)
        logger?.info('migrations applied', { applied });
    return applied;
}
//# sourceMappingURL=migrate.js.map