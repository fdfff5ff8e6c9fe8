"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Migration20261124000004 = void 0;
const migrations_mongodb_1 = require("@mikro-orm/migrations-mongodb");
/** Field of each sort key as stored, per collection (id breaks ties, so every index ends in `_id`). */
const SORT_INDEXES = {
    users: [
        ['created_at', 'createdAt'],
        ['updated_at', 'updatedAt'],
    ],
    projects: [
        ['created_at', 'createdAt'],
        ['updated_at', 'updatedAt'],
        ['name', 'name'],
        ['status', 'status'],
    ],
    code_generations: [
        ['created_at', 'createdAt'],
        ['updated_at', 'updatedAt'],
        ['tokens_used', 'tokensUsed'],
        ['status', 'status'],
    ],
    project_analyses: [
        ['created_at', 'createdAt'],
        ['updated_at', 'updatedAt'],
        ['health_score', 'healthScore'],
    ],
    auto_saves: [
        ['created_at', 'createdAt'],
        ['updated_at', 'updatedAt'],
    ],
};
/** One index per sort field of the top-level lists, as on SQL (same names). Idempotent, no transaction needed. */
class Migration20261124000004 extends migrations_mongodb_1.Migration {
    async up() {
        for (const [collection, indexes] of Object.entries(SORT_INDEXES)) {
            for (const [name, field] of indexes) {
                await this.getCollection(collection).createIndex({ [field]: 1, _id: 1 }, { name: `${collection}_${name}_id_index` });
            }
        }
    }
    async down() {
        for (const [collection, indexes] of Object.entries(SORT_INDEXES)) {
            for (const [name] of indexes)
                await this.getCollection(collection)
                    .dropIndex(`${collection}_${name}_id_index`)
                    .catch(() => undefined);
        }
    }
}
exports.Migration20261124000004 = Migration20261124000004;
//# sourceMappingURL=Migration20261124000004_sort_indexes.js.map