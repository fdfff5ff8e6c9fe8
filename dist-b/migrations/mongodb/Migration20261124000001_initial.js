"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Migration20261124000001 = exports.INITIAL_INDEXES = void 0;
const migrations_mongodb_1 = require("@mikro-orm/migrations-mongodb");
/**
 * The five codeobit collections and the same indexes the SQL migrations create
 * (field names as the entities store them; `_id` holds the UUID id).
 * No multi-document transaction: FerretDB and standalone mongod have none, and
 * every step here is idempotent, so a failed run can simply be repeated.
 */
exports.INITIAL_INDEXES = {
    users: [
        { name: 'users_username_unique', key: { username: 1 }, unique: true },
        { name: 'users_email_unique', key: { email: 1 }, unique: true },
        { name: 'users_api_key_hash_unique', key: { apiKeyHash: 1 }, unique: true },
    ],
    projects: [
        { name: 'projects_status_index', key: { status: 1 } },
        { name: 'projects_owner_id_created_at_id_index', key: { owner: 1, createdAt: 1, _id: 1 } },
    ],
    code_generations: [
        { name: 'code_generations_status_created_at_id_index', key: { status: 1, createdAt: 1, _id: 1 } },
        { name: 'code_generations_project_id_created_at_id_index', key: { project: 1, createdAt: 1, _id: 1 } },
    ],
    project_analyses: [{ name: 'project_analyses_project_id_created_at_id_index', key: { project: 1, createdAt: 1, _id: 1 } }],
    auto_saves: [
        { name: 'auto_saves_save_id_index', key: { saveId: 1 } },
        { name: 'auto_saves_user_id_created_at_id_index', key: { user: 1, createdAt: 1, _id: 1 } },
    ],
};
class Migration20261124000001 extends migrations_mongodb_1.Migration {
    async up() {
        const db = this.getCollection('users').db;
        const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
        for (const [collection, indexes] of Object.entries(exports.INITIAL_INDEXES)) {
            if (!existing.has(collection))
                await db.createCollection(collection);
            for (const { name, key, unique } of indexes) {
                await db.collection(collection).createIndex(key, { name, unique: unique ?? false });
            }
        }
    }
    async down() {
        const db = this.getCollection('users').db;
        for (const collection of Object.keys(exports.INITIAL_INDEXES).reverse()) {
            await db
                .collection(collection)
                .drop()
                .catch(() => undefined);
        }
    }
}
exports.Migration20261124000001 = Migration20261124000001;
//# sourceMappingURL=Migration20261124000001_initial.js.map