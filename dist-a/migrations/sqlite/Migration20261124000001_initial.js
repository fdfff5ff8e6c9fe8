"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Migration20261124000001 = void 0;
const migrations_1 = require("@mikro-orm/migrations");
/** The five codeobit tables with their foreign keys (ON DELETE CASCADE) and indexes. */
class Migration20261124000001 extends migrations_1.Migration {
    async up() {
        this.addSql(`create table \`users\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`username\` text not null, \`email\` text not null, \`api_key_hash\` text not null, \`api_key_prefix\` text not null, \`preferences\` json not null, primary key (\`id\`));`);
        this.addSql(`create unique index \`users_username_unique\` on \`users\` (\`username\`);`);
        this.addSql(`create unique index \`users_email_unique\` on \`users\` (\`email\`);`);
        this.addSql(`create unique index \`users_api_key_hash_unique\` on \`users\` (\`api_key_hash\`);`);
        this.addSql(`create table \`projects\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`name\` text not null, \`description\` text not null default '', \`project_type\` text check (\`project_type\` in ('web', 'api', 'cli', 'library', 'mobile', 'data', 'other')) not null default 'other', \`status\` text check (\`status\` in ('draft', 'in_progress', 'completed', 'archived')) not null default 'draft', \`config\` json not null, \`owner_id\` text not null, constraint \`projects_owner_id_foreign\` foreign key(\`owner_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
        this.addSql(`create index \`projects_status_index\` on \`projects\` (\`status\`);`);
        this.addSql(`create index \`projects_owner_id_index\` on \`projects\` (\`owner_id\`);`);
        this.addSql(`create index \`projects_owner_id_created_at_id_index\` on \`projects\` (\`owner_id\`, \`created_at\`, \`id\`);`);
        this.addSql(`create table \`project_analyses\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`analysis_data\` json not null, \`health_score\` integer not null, \`issues_count\` integer not null default 0, \`warnings_count\` integer not null default 0, \`project_id\` text not null, constraint \`project_analyses_project_id_foreign\` foreign key(\`project_id\`) references \`projects\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
        this.addSql(`create index \`project_analyses_project_id_index\` on \`project_analyses\` (\`project_id\`);`);
        this.addSql(`create index \`project_analyses_project_id_created_at_id_index\` on \`project_analyses\` (\`project_id\`, \`created_at\`, \`id\`);`);
        this.addSql(`create table \`code_generations\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`specification\` text not null, \`language\` text not null, \`framework\` text null, \`generated_code\` text null, \`status\` text check (\`status\` in ('pending', 'running', 'completed', 'failed')) not null default 'pending', \`tokens_used\` integer not null default 0, \`project_id\` text not null, constraint \`code_generations_project_id_foreign\` foreign key(\`project_id\`) references \`projects\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
        this.addSql(`create index \`code_generations_project_id_index\` on \`code_generations\` (\`project_id\`);`);
        this.addSql(`create index \`code_generations_status_created_at_id_index\` on \`code_generations\` (\`status\`, \`created_at\`, \`id\`);`);
        this.addSql(`create index \`code_generations_project_id_created_at_id_index\` on \`code_generations\` (\`project_id\`, \`created_at\`, \`id\`);`);
        this.addSql(`create table \`auto_saves\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`save_id\` text not null, \`file_path\` text not null, \`content\` text not null, \`save_type\` text check (\`save_type\` in ('auto', 'manual', 'checkpoint')) not null default 'auto', \`metadata\` json not null, \`size_chars\` integer not null default 0, \`user_id\` text not null, constraint \`auto_saves_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
        this.addSql(`create index \`auto_saves_user_id_index\` on \`auto_saves\` (\`user_id\`);`);
        this.addSql(`create index \`auto_saves_save_id_index\` on \`auto_saves\` (\`save_id\`);`);
        this.addSql(`create index \`auto_saves_user_id_created_at_id_index\` on \`auto_saves\` (\`user_id\`, \`created_at\`, \`id\`);`);
    }
    async down() {
        for (const table of ['auto_saves', 'code_generations', 'project_analyses', 'projects', 'users']) {
            this.addSql(`drop table if exists \`${table}\`;`);
        }
    }
}
exports.Migration20261124000001 = Migration20261124000001;
//# sourceMappingURL=Migration20261124000001_initial.js.map