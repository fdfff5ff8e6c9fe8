import { Migration } from '@mikro-orm/migrations';

/**
 * Queue times in the generation rollups: per day and key, how many generations a
 * worker finished (startedAt and completedAt set) and the sums of their waits
 * (creation to the start of the finishing attempt) and runs (that start to
 * completedAt), in milliseconds. The rows are counted again from the generations.
 */
export class Migration20261127000008 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`generation_daily\` add column \`timed\` integer not null default 0;`);
    this.addSql(`alter table \`generation_daily\` add column \`wait_ms\` bigint not null default 0;`);
    this.addSql(`alter table \`generation_daily\` add column \`run_ms\` bigint not null default 0;`);
    this.addSql(`delete from "generation_daily";`);
    this.addSql(
      `insert into "generation_daily" ("id", "day", "project_id", "language", "framework", "status", "generations", "tokens_used", "timed", "wait_ms", "run_ms") select "day" || '|' || "project_id" || '|' || "status" || '|' || coalesce(cast(length("language") as text) || ':' || "language", '-') || '|' || coalesce(cast(length("framework") as text) || ':' || "framework", '-'), "day", "project_id", "language", "framework", "status", count(*), sum("tokens_used"), sum(case when "started_at" is not null and "completed_at" is not null then 1 else 0 end), sum(case when "started_at" is not null and "completed_at" is not null then "started_at" - "created_at" else 0 end), sum(case when "started_at" is not null and "completed_at" is not null then "completed_at" - "started_at" else 0 end) from "code_generations" group by "day", "project_id", "language", "framework", "status";`,
    );
    this.addSql(
      `insert into "generation_daily" ("id", "day", "project_id", "language", "framework", "status", "generations", "tokens_used", "timed", "wait_ms", "run_ms") select "day" || '|*|' || "status" || '|' || coalesce(cast(length("language") as text) || ':' || "language", '-') || '|' || coalesce(cast(length("framework") as text) || ':' || "framework", '-'), "day", null, "language", "framework", "status", count(*), sum("tokens_used"), sum(case when "started_at" is not null and "completed_at" is not null then 1 else 0 end), sum(case when "started_at" is not null and "completed_at" is not null then "started_at" - "created_at" else 0 end), sum(case when "started_at" is not null and "completed_at" is not null then "completed_at" - "started_at" else 0 end) from "code_generations" group by "day", "language", "framework", "status";`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`generation_daily\` drop column \`timed\`;`);
    this.addSql(`alter table \`generation_daily\` drop column \`wait_ms\`;`);
    this.addSql(`alter table \`generation_daily\` drop column \`run_ms\`;`);
  }
}
