"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Migration20261124000002 = void 0;
const migrations_mongodb_1 = require("@mikro-orm/migrations-mongodb");
/** Roles: existing users become plain users (MongoDB has no column default to do it). */
class Migration20261124000002 extends migrations_mongodb_1.Migration {
    async up() {
        await this.getCollection('users').updateMany({ role: { $exists: false } }, { $set: { role: 'user' } });
    }
    async down() {
        await this.getCollection('users').updateMany({}, { $unset: { role: '' } });
    }
}
exports.Migration20261124000002 = Migration20261124000002;
//# sourceMappingURL=Migration20261124000002_user_role.js.map