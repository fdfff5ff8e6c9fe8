"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Migration20261124000002 = void 0;
const migrations_1 = require("@mikro-orm/migrations");
/** Roles: admin reaches everything, user only what they own. */
class Migration20261124000002 extends migrations_1.Migration {
    async up() {
        this.addSql(`alter table \`users\` add column \`role\` text check (\`role\` in ('admin', 'user')) not null default 'user';`);
    }
    async down() {
        this.addSql(`alter table \`users\` drop column \`role\`;`);
    }
}
exports.Migration20261124000002 = Migration20261124000002;
//# sourceMappingURL=Migration20261124000002_user_role.js.map