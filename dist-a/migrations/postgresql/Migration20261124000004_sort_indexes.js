"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Migration20261124000004 = void 0;
const migrations_1 = require("@mikro-orm/migrations");
/** One index per sort field of the top-level lists, id breaking ties: keyset pages read in index order. */
class Migration20261124000004 extends migrations_1.Migration {
    async up() {
        this.addSql(`create index "users_updated_at_id_index" on "users" ("updated_at", "id");`);
        this.addSql(`create index "users_created_at_id_index" on "users" ("created_at", "id");`);
        this.addSql(`create index "projects_status_id_index" on "projects" ("status", "id");`);
        this.addSql(`create index "projects_name_id_index" on "projects" ("name", "id");`);
        this.addSql(`create index "projects_updated_at_id_index" on "projects" ("updated_at", "id");`);
        this.addSql(`create index "projects_created_at_id_index" on "projects" ("created_at", "id");`);
        this.addSql(`create index "project_analyses_health_score_id_index" on "project_analyses" ("health_score", "id");`);
        this.addSql(`create index "project_analyses_updated_at_id_index" on "project_analyses" ("updated_at", "id");`);
        this.addSql(`create index "project_analyses_created_at_id_index" on "project_analyses" ("created_at", "id");`);
        this.addSql(`create index "code_generations_status_id_index" on "code_generations" ("status", "id");`);
        this.addSql(`create index "code_generations_tokens_used_id_index" on "code_generations" ("tokens_used", "id");`);
        this.addSql(`create index "code_generations_updated_at_id_index" on "code_generations" ("updated_at", "id");`);
        this.addSql(`create index "code_generations_created_at_id_index" on "code_generations" ("created_at", "id");`);
        this.addSql(`create index "auto_saves_updated_at_id_index" on "auto_saves" ("updated_at", "id");`);
        this.addSql(`create index "auto_saves_created_at_id_index" on "auto_saves" ("created_at", "id");`);
    }
    async down() {
        this.addSql(`drop index "auto_saves_updated_at_id_index";`);
        this.addSql(`drop index "auto_saves_created_at_id_index";`);
        this.addSql(`drop index "code_generations_status_id_index";`);
        this.addSql(`drop index "code_generations_tokens_used_id_index";`);
        this.addSql(`drop index "code_generations_updated_at_id_index";`);
        this.addSql(`drop index "code_generations_created_at_id_index";`);
        this.addSql(`drop index "project_analyses_health_score_id_index";`);
        this.addSql(`drop index "project_analyses_updated_at_id_index";`);
        this.addSql(`drop index "project_analyses_created_at_id_index";`);
        this.addSql(`drop index "projects_status_id_index";`);
        this.addSql(`drop index "projects_name_id_index";`);
        this.addSql(`drop index "projects_updated_at_id_index";`);
        this.addSql(`drop index "projects_created_at_id_index";`);
        this.addSql(`drop index "users_updated_at_id_index";`);
        this.addSql(`drop index "users_created_at_id_index";`);
    }
}
exports.Migration20261124000004 = Migration20261124000004;
//# sourceMappingURL=Migration20261124000004_sort_indexes.js.map