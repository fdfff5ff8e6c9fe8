"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Migration20261125000005 = void 0;
const migrations_mongodb_1 = require("@mikro-orm/migrations-mongodb");
const rollup_recounts_1 = require("./rollup-recounts");
const COLLECTIONS = ['generation_daily', 'health_daily'];
/**
 * Daily analytics rollups, as on SQL (same index names), filled from the rows
 * already stored. No transaction needed: re-running rebuilds them from scratch.
 */
class Migration20261125000005 extends migrations_mongodb_1.Migration {
    async up() {
        const db = this.getCollection('users').db;
        const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
        for (const name of COLLECTIONS) {
            if (!existing.has(name))
                await db.createCollection(name);
            await db.collection(name).createIndex({ day: 1 }, { name: `${name}_day_index` });
            await db.collection(name).createIndex({ project: 1, day: 1 }, { name: `${name}_project_id_day_index` });
        }
        await (0, rollup_recounts_1.recountGenerations)(db);
        await (0, rollup_recounts_1.recountHealthMinMax)(db);
    }
    async down() {
        const db = this.getCollection('users').db;
        for (const name of COLLECTIONS)
            await db
                .collection(name)
                .drop()
                .catch(() => undefined);
    }
}
exports.Migration20261125000005 = Migration20261125000005;
//# sourceMappingURL=Migration20261125000005_rollups.js.map