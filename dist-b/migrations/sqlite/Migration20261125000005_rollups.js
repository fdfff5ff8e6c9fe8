"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Migration20261125000005 = void 0;
const migrations_1 = require("@mikro-orm/migrations");
/**
 * Daily analytics rollups (generation_daily, health_daily): one row per UTC day
 * and project, kept in step by the writes they count; filled here from the rows
 * already stored.
 */
class Migration20261125000005 extends migrations_1.Migration {
    async up() {
        this.addSql(`create table \`health_daily\` (\`id\` text not null, \`day\` text not null, \`project_id\` text null, \`analyses\` integer not null default 0, \`score_sum\` bigint not null default 0, \`score_min\` integer not null default 0, \`score_max\` integer not null default 0, constraint \`health_daily_project_id_foreign\` foreign key(\`project_id\`) references \`projects\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
        this.addSql(`create index \`health_daily_project_id_index\` on \`health_daily\` (\`project_id\`);`);
        this.addSql(`create index \`health_daily_project_id_day_index\` on \`health_daily\` (\`project_id\`, \`day\`);`);
        this.addSql(`create index \`health_daily_day_index\` on \`health_daily\` (\`day\`);`);
        this.addSql(`create table \`generation_daily\` (\`id\` text not null, \`day\` text not null, \`project_id\` text null, \`language\` text not null, \`framework\` text null, \`status\` text not null, \`generations\` integer not null default 0, \`tokens_used\` bigint not null default 0, constraint \`generation_daily_project_id_foreign\` foreign key(\`project_id\`) references \`projects\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
        this.addSql(`create index \`generation_daily_project_id_index\` on \`generation_daily\` (\`project_id\`);`);
        this.addSql(`create index \`generation_daily_project_id_day_index\` on \`generation_daily\` (\`project_id\`, \`day\`);`);
        this.addSql(`create index \`generation_daily_day_index\` on \`generation_daily\` (\`day\`);`);
        // Count what is already there (the same keys as src/analytics/rollups.ts builds).
        this.addSql(`insert into "generation_daily" ("id", "day", "project_id", "language", "framework", "status", "generations", "tokens_used") select "day" || '|' || "project_id" || '|' || "status" || '|' || coalesce(cast(length("language") as text) || ':' || "language", '-') || '|' || coalesce(cast(length("framework") as text) || ':' || "framework", '-'), "day", "project_id", "language", "framework", "status", count(*), sum("tokens_used") from "code_generations" group by "day", "project_id", "language", "framework", "status";`);
        this.addSql(`insert into "health_daily" ("id", "day", "project_id", "analyses", "score_sum", "score_min", "score_max") select "day" || '|' || "project_id", "day", "project_id", count(*), sum("health_score"), min("health_score"), max("health_score") from "project_analyses" group by "day", "project_id";`);
        // Rows for every project at once (project null, key '*').
        this.addSql(`insert into "generation_daily" ("id", "day", "project_id", "language", "framework", "status", "generations", "tokens_used") select "day" || '|*|' || "status" || '|' || coalesce(cast(length("language") as text) || ':' || "language", '-') || '|' || coalesce(cast(length("framework") as text) || ':' || "framework", '-'), "day", null, "language", "framework", "status", count(*), sum("tokens_used") from "code_generations" group by "day", "language", "framework", "status";`);
        this.addSql(`insert into "health_daily" ("id", "day", "project_id", "analyses", "score_sum", "score_min", "score_max") select "day" || '|*', "day", null, count(*), sum("health_score"), min("health_score"), max("health_score") from "project_analyses" group by "day";`);
    }
    async down() {
        this.addSql(`drop table if exists \`health_daily\`;`);
        this.addSql(`drop table if exists \`generation_daily\`;`);
    }
}
exports.Migration20261125000005 = Migration20261125000005;
//# sourceMappingURL=Migration20261125000005_rollups.js.map