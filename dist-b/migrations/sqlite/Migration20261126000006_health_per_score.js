"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Migration20261126000006 = void 0;
const migrations_1 = require("@mikro-orm/migrations");
/**
 * health_daily keeps a count per health score (and their sum) for each day and
 * scope, instead of one row with a min and a max: every write then moves the
 * rollups by an increment, which concurrent writes cannot get wrong, and a
 * day's min and max come from its rows.
 */
class Migration20261126000006 extends migrations_1.Migration {
    async up() {
        this.addSql(`drop table if exists \`health_daily\`;`);
        this.addSql(`create table \`health_daily\` (\`id\` text not null, \`day\` text not null, \`project_id\` text null, \`score\` integer not null default 0, \`analyses\` integer not null default 0, \`score_sum\` bigint not null default 0, constraint \`health_daily_project_id_foreign\` foreign key(\`project_id\`) references \`projects\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
        this.addSql(`create index \`health_daily_project_id_index\` on \`health_daily\` (\`project_id\`);`);
        this.addSql(`create index \`health_daily_project_id_day_index\` on \`health_daily\` (\`project_id\`, \`day\`);`);
        this.addSql(`create index \`health_daily_day_index\` on \`health_daily\` (\`day\`);`);
        this.addSql(`insert into "health_daily" ("id", "day", "project_id", "score", "analyses", "score_sum") select "day" || '|' || "project_id" || '|' || cast("health_score" as text), "day", "project_id", "health_score", count(*), sum("health_score") from "project_analyses" group by "day", "project_id", "health_score";`);
        this.addSql(`insert into "health_daily" ("id", "day", "project_id", "score", "analyses", "score_sum") select "day" || '|*|' || cast("health_score" as text), "day", null, "health_score", count(*), sum("health_score") from "project_analyses" group by "day", "health_score";`);
    }
    async down() {
        this.addSql(`drop table if exists \`health_daily\`;`);
        this.addSql(`create table \`health_daily\` (\`id\` text not null, \`day\` text not null, \`project_id\` text null, \`analyses\` integer not null default 0, \`score_sum\` bigint not null default 0, \`score_min\` integer not null default 0, \`score_max\` integer not null default 0, constraint \`health_daily_project_id_foreign\` foreign key(\`project_id\`) references \`projects\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
        this.addSql(`create index \`health_daily_project_id_index\` on \`health_daily\` (\`project_id\`);`);
        this.addSql(`create index \`health_daily_project_id_day_index\` on \`health_daily\` (\`project_id\`, \`day\`);`);
        this.addSql(`create index \`health_daily_day_index\` on \`health_daily\` (\`day\`);`);
        this.addSql(`insert into "health_daily" ("id", "day", "project_id", "analyses", "score_sum", "score_min", "score_max") select "day" || '|' || "project_id", "day", "project_id", count(*), sum("health_score"), min("health_score"), max("health_score") from "project_analyses" group by "day", "project_id";`);
        this.addSql(`insert into "health_daily" ("id", "day", "project_id", "analyses", "score_sum", "score_min", "score_max") select "day" || '|*', "day", null, count(*), sum("health_score"), min("health_score"), max("health_score") from "project_analyses" group by "day";`);
    }
}
exports.Migration20261126000006 = Migration20261126000006;
//# sourceMappingURL=Migration20261126000006_health_per_score.js.map