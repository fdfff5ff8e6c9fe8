"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Migration20261124000001 = void 0;
const migrations_1 = require("@mikro-orm/migrations");
/** The five codeobit tables with their foreign keys (ON DELETE CASCADE) and indexes. */
class Migration20261124000001 extends migrations_1.Migration {
    async up() {
        this.addSql(`create table "users" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "username" varchar(40) not null, "email" varchar(254) not null, "api_key_hash" varchar(64) not null, "api_key_prefix" varchar(16) not null, "preferences" json not null, constraint "users_pkey" primary key ("id"));`);
        this.addSql(`alter table "users" add constraint "users_username_unique" unique ("username");`);
        this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);
        this.addSql(`alter table "users" add constraint "users_api_key_hash_unique" unique ("api_key_hash");`);
        this.addSql(`create table "projects" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "name" varchar(200) not null, "description" text not null default '', "project_type" text check ("project_type" in ('web', 'api', 'cli', 'library', 'mobile', 'data', 'other')) not null default 'other', "status" text check ("status" in ('draft', 'in_progress', 'completed', 'archived')) not null default 'draft', "config" json not null, "owner_id" uuid not null, constraint "projects_pkey" primary key ("id"));`);
        this.addSql(`create index "projects_status_index" on "projects" ("status");`);
        this.addSql(`create index "projects_owner_id_created_at_id_index" on "projects" ("owner_id", "created_at", "id");`);
        this.addSql(`create table "project_analyses" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "analysis_data" json not null, "health_score" int not null, "issues_count" int not null default 0, "warnings_count" int not null default 0, "project_id" uuid not null, constraint "project_analyses_pkey" primary key ("id"));`);
        this.addSql(`create index "project_analyses_project_id_created_at_id_index" on "project_analyses" ("project_id", "created_at", "id");`);
        this.addSql(`create table "code_generations" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "specification" text not null, "language" varchar(40) not null, "framework" varchar(60) null, "generated_code" text null, "status" text check ("status" in ('pending', 'running', 'completed', 'failed')) not null default 'pending', "tokens_used" int not null default 0, "project_id" uuid not null, constraint "code_generations_pkey" primary key ("id"));`);
        this.addSql(`create index "code_generations_status_created_at_id_index" on "code_generations" ("status", "created_at", "id");`);
        this.addSql(`create index "code_generations_project_id_created_at_id_index" on "code_generations" ("project_id", "created_at", "id");`);
        this.addSql(`create table "auto_saves" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "save_id" varchar(100) not null, "file_path" varchar(1024) not null, "content" text not null, "save_type" text check ("save_type" in ('auto', 'manual', 'checkpoint')) not null default 'auto', "metadata" json not null, "size_chars" int not null default 0, "user_id" uuid not null, constraint "auto_saves_pkey" primary key ("id"));`);
        this.addSql(`create index "auto_saves_save_id_index" on "auto_saves" ("save_id");`);
        this.addSql(`create index "auto_saves_user_id_created_at_id_index" on "auto_saves" ("user_id", "created_at", "id");`);
        this.addSql(`alter table "projects" add constraint "projects_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on update cascade on delete cascade;`);
        this.addSql(`alter table "project_analyses" add constraint "project_analyses_project_id_foreign" foreign key ("project_id") references "projects" ("id") on update cascade on delete cascade;`);
        this.addSql(`alter table "code_generations" add constraint "code_generations_project_id_foreign" foreign key ("project_id") references "projects" ("id") on update cascade on delete cascade;`);
        this.addSql(`alter table "auto_saves" add constraint "auto_saves_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    }
    async down() {
        this.addSql(`alter table "projects" drop constraint "projects_owner_id_foreign";`);
        this.addSql(`alter table "auto_saves" drop constraint "auto_saves_user_id_foreign";`);
        this.addSql(`alter table "project_analyses" drop constraint "project_analyses_project_id_foreign";`);
        this.addSql(`alter table "code_generations" drop constraint "code_generations_project_id_foreign";`);
        this.addSql(`drop table if exists "users" cascade;`);
        this.addSql(`drop table if exists "projects" cascade;`);
        this.addSql(`drop table if exists "project_analyses" cascade;`);
        this.addSql(`drop table if exists "code_generations" cascade;`);
        this.addSql(`drop table if exists "auto_saves" cascade;`);
    }
}
exports.Migration20261124000001 = Migration20261124000001;
//# sourceMappingURL=Migration20261124000001_initial.js.map