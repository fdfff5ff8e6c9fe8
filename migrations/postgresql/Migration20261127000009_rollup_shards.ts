import { Migration } from '@mikro-orm/migrations';

/**
 * Generation rollups in 16 rows per key, by the last hex digit of the
 * generation's id (see shardOf in src/db/backend/rollup-deltas.ts): the rows
 * are counted again from the generations with the shard ending each id.
 */
export class Migration20261127000009 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`delete from "generation_daily";`);
    this.addSql(
      `insert into "generation_daily" ("id", "day", "project_id", "language", "framework", "status", "generations", "tokens_used", "timed", "wait_ms", "run_ms") select "day" || '|' || "project_id" || '|' || "status" || '|' || coalesce(cast(length("language") as text) || ':' || "language", '-') || '|' || coalesce(cast(length("framework") as text) || ':' || "framework", '-') || '|' || lower(substr(cast("id" as text), length(cast("id" as text)), 1)), "day", "project_id", "language", "framework", "status", count(*), sum("tokens_used"), sum(case when "started_at" is not null and "completed_at" is not null then 1 else 0 end), sum(case when "started_at" is not null and "completed_at" is not null then floor(extract(epoch from "started_at") * 1000) - floor(extract(epoch from "created_at") * 1000) else 0 end), sum(case when "started_at" is not null and "completed_at" is not null then floor(extract(epoch from "completed_at") * 1000) - floor(extract(epoch from "started_at") * 1000) else 0 end) from "code_generations" group by "day", "project_id", "language", "framework", "status", lower(substr(cast("id" as text), length(cast("id" as text)), 1));`,
    );
    this.addSql(
      `insert into "generation_daily" ("id", "day", "project_id", "language", "framework", "status", "generations", "tokens_used", "timed", "wait_ms", "run_ms") select "day" || '|*|' || "status" || '|' || coalesce(cast(length("language") as text) || ':' || "language", '-') || '|' || coalesce(cast(length("framework") as text) || ':' || "framework", '-') || '|' || lower(substr(cast("id" as text), length(cast("id" as text)), 1)), "day", null, "language", "framework", "status", count(*), sum("tokens_used"), sum(case when "started_at" is not null and "completed_at" is not null then 1 else 0 end), sum(case when "started_at" is not null and "completed_at" is not null then floor(extract(epoch from "started_at") * 1000) - floor(extract(epoch from "created_at") * 1000) else 0 end), sum(case when "started_at" is not null and "completed_at" is not null then floor(extract(epoch from "completed_at") * 1000) - floor(extract(epoch from "started_at") * 1000) else 0 end) from "code_generations" group by "day", "language", "framework", "status", lower(substr(cast("id" as text), length(cast("id" as text)), 1));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "generation_daily";`);
    this.addSql(
      `insert into "generation_daily" ("id", "day", "project_id", "language", "framework", "status", "generations", "tokens_used", "timed", "wait_ms", "run_ms") select "day" || '|' || "project_id" || '|' || "status" || '|' || coalesce(cast(length("language") as text) || ':' || "language", '-') || '|' || coalesce(cast(length("framework") as text) || ':' || "framework", '-'), "day", "project_id", "language", "framework", "status", count(*), sum("tokens_used"), sum(case when "started_at" is not null and "completed_at" is not null then 1 else 0 end), sum(case when "started_at" is not null and "completed_at" is not null then floor(extract(epoch from "started_at") * 1000) - floor(extract(epoch from "created_at") * 1000) else 0 end), sum(case when "started_at" is not null and "completed_at" is not null then floor(extract(epoch from "completed_at") * 1000) - floor(extract(epoch from "started_at") * 1000) else 0 end) from "code_generations" group by "day", "project_id", "language", "framework", "status";`,
    );
    this.addSql(
      `insert into "generation_daily" ("id", "day", "project_id", "language", "framework", "status", "generations", "tokens_used", "timed", "wait_ms", "run_ms") select "day" || '|*|' || "status" || '|' || coalesce(cast(length("language") as text) || ':' || "language", '-') || '|' || coalesce(cast(length("framework") as text) || ':' || "framework", '-'), "day", null, "language", "framework", "status", count(*), sum("tokens_used"), sum(case when "started_at" is not null and "completed_at" is not null then 1 else 0 end), sum(case when "started_at" is not null and "completed_at" is not null then floor(extract(epoch from "started_at") * 1000) - floor(extract(epoch from "created_at") * 1000) else 0 end), sum(case when "started_at" is not null and "completed_at" is not null then floor(extract(epoch from "completed_at") * 1000) - floor(extract(epoch from "started_at") * 1000) else 0 end) from "code_generations" group by "day", "language", "framework", "status";`,
    );
  }
}
