"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Migration20261124000003 = void 0;
const migrations_1 = require("@mikro-orm/migrations");
/** UTC day keys on code generations and analyses, for analytics grouped by day on every backend. */
class Migration20261124000003 extends migrations_1.Migration {
    async up() {
        for (const table of ['code_generations', 'project_analyses']) {
            this.addSql(`alter table \`${table}\` add column \`day\` text not null default '';`);
            // created_at holds epoch milliseconds on SQLite.
            this.addSql(`update \`${table}\` set \`day\` = strftime('%Y-%m-%d', \`created_at\` / 1000, 'unixepoch');`);
            this.addSql(`create index \`${table}_project_id_day_index\` on \`${table}\` (\`project_id\`, \`day\`);`);
            this.addSql(`create index \`${table}_day_index\` on \`${table}\` (\`day\`);`);
        }
    }
    async down() {
        for (const table of ['code_generations', 'project_analyses']) {
            this.addSql(`drop index \`${table}_project_id_day_index\`;`);
            this.addSql(`drop index \`${table}_day_index\`;`);
            this.addSql(`alter table \`${table}\` drop column \`day\`;`);
        }
    }
}
exports.Migration20261124000003 = Migration20261124000003;
//# sourceMappingURL=Migration20261124000003_day_keys.js.map