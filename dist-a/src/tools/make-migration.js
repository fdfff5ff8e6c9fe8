"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
require("reflect-metadata");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const migrate_1 = require("../db/migrate");
const orm_1 = require("../db/orm");
/**
 * Generates the next SQL migration for one dialect from the entities, by applying
 * every committed migration to an empty database and diffing against it.
 * Usage: make-migration sqlite | make-migration postgresql <empty-database-url>
 */
const MIGRATIONS = (0, node_path_1.resolve)(__dirname, '../../migrations');
async function main() {
    const [driver, url] = process.argv.slice(2);
    const tmp = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'codeobit-mig-'));
    // The empty database to diff against: the URL given (PostgreSQL), else a scratch file (SQLite).
    const databaseUrl = url ?? (0, node_path_1.join)(tmp, 'db.sqlite3');
    const orm = await (0, orm_1.initORM)({ driver, databaseUrl }, {
        migrations: { path: (0, node_path_1.join)(MIGRATIONS, driver), pathTs: (0, node_path_1.join)(MIGRATIONS, driver), emit: 'ts', snapshot: false },
    });
    try {
        await (0, migrate_1.migrateUp)(orm);
        const created = await (0, migrate_1.migrator)(orm).createMigration();
        if (!created.diff.up.length)
            console.log(`${driver}: no changes`);
        else {
            console.log(`${driver}: wrote ${created.fileName}; add a down() if it has none, then list it in migrations/${driver}/index.ts`);
        }
    }
    finally {
        await orm.close(true);
        (0, node_fs_1.rmSync)(tmp, { recursive: true, force: true });
    }
}
if (require.main === module)
    main().catch((e) => {
        console.error(e);
        process.exit(1);
    });
//# sourceMappingURL=make-migration.js.map