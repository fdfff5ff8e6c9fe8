"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Migration20261124000003 = void 0;
const migrations_mongodb_1 = require("@mikro-orm/migrations-mongodb");
const COLLECTIONS = ['code_generations', 'project_analyses'];
/**
 * UTC day keys on code generations and analyses. FerretDB has no date operators,
 * so existing documents are backfilled from Node in batches; re-running is safe.
 */
class Migration20261124000003 extends migrations_mongodb_1.Migration {
    async up() {
        for (const name of COLLECTIONS) {
            const collection = this.getCollection(name);
            for (;;) {
                const docs = await collection.find({ day: { $exists: false } }, { projection: { createdAt: 1 }, limit: 1000 }).toArray();
                if (!docs.length)
                    break;
                await collection.bulkWrite(docs.map((d) => ({ updateOne: { filter: { _id: d._id }, update: { $set: { day: d.createdAt.toISOString().slice(0, 10) } } } })));
            }
            await collection.createIndex({ project: 1, day: 1 }, { name: `${name}_project_id_day_index` });
            await collection.createIndex({ day: 1 }, { name: `${name}_day_index` });
        }
    }
    async down() {
        for (const name of COLLECTIONS) {
            const collection = this.getCollection(name);
            await collection.dropIndex(`${name}_project_id_day_index`).catch(() => undefined);
            await collection.dropIndex(`${name}_day_index`).catch(() => undefined);
            await collection.updateMany({}, { $unset: { day: '' } });
        }
    }
}
exports.Migration20261124000003 = Migration20261124000003;
//# sourceMappingURL=Migration20261124000003_day_keys.js.map