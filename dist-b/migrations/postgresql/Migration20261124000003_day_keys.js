"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Migration20261124000003 = void 0;
const migrations_1 = require("@mikro-orm/migrations");
/** UTC day keys on code generations and analyses, for analytics grouped by day on every backend. */
class Migration20261124000003 extends migrations_1.Migration {
    async up() {
        this.addSql(`alter table "project_analyses" add column "day" varchar(10) not null default '';`);
        this.addSql(`update "project_analyses" set "day" = to_char("created_at" at time zone 'UTC', 'YYYY-MM-DD');`);
        this.addSql(`create index "project_analyses_project_id_day_index" on "project_analyses" ("project_id", "day");`);
        this.addSql(`create index "project_analyses_day_index" on "project_analyses" ("day");`);
        this.addSql(`alter table "code_generations" add column "day" varchar(10) not null default '';`);
        this.addSql(`update "code_generations" set "day" = to_char("created_at" at time zone 'UTC', 'YYYY-MM-DD');`);
        this.addSql(`create index "code_generations_project_id_day_index" on "code_generations" ("project_id", "day");`);
        this.addSql(`create index "code_generations_day_index" on "code_generations" ("day");`);
    }
    async down() {
        this.addSql(`drop index "code_generations_project_id_day_index";`);
        this.addSql(`drop index "code_generations_day_index";`);
        this.addSql(`alter table "code_generations" drop column "day";`);
        this.addSql(`drop index "project_analyses_project_id_day_index";`);
        this.addSql(`drop index "project_analyses_day_index";`);
        this.addSql(`alter table "project_analyses" drop column "day";`);
    }
}
exports.Migration20261124000003 = Migration20261124000003;
//# sourceMappingURL=Migration20261124000003_day_keys.js.map