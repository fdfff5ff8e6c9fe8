import { Migration } from '@mikro-orm/migrations';

/**
 * The work queue: its fields on code generations and two indexes (due work by
 * priority then age; leases by expiry), and the WORKER role. RUNNING rows from
 * before have no holder, so their lease counts as expired at their last change.
 */
export class Migration20261127000007 extends Migration {
  override up(): void | Promise<void> {
    this.addSql(`alter table "users" drop constraint "users_role_check";`);
    this.addSql(`alter table "users" add constraint "users_role_check" check ("role" in ('admin', 'user', 'worker'));`);

    this.addSql(
      `alter table "code_generations" add "priority" int not null default 0, add "attempts" int not null default 0, add "max_attempts" int not null default 3, add "run_after" timestamptz(3) null, add "locked_by" varchar(200) null, add "locked_until" timestamptz(3) null, add "last_error" text null, add "started_at" timestamptz(3) null, add "completed_at" timestamptz(3) null;`,
    );
    this.addSql(`create index "code_generations_status_locked_until_index" on "code_generations" ("status", "locked_until");`);
    this.addSql(`create index "code_generations_claim_index" on "code_generations" ("status", "priority" DESC, "created_at", "id");`);
    this.addSql(`update "code_generations" set "locked_until" = "updated_at" where "status" = 'running';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "code_generations_status_locked_until_index";`);
    this.addSql(`drop index "code_generations_claim_index";`);
    this.addSql(
      `alter table "code_generations" drop column "priority", drop column "attempts", drop column "max_attempts", drop column "run_after", drop column "locked_by", drop column "locked_until", drop column "last_error", drop column "started_at", drop column "completed_at";`,
    );

    this.addSql(`update "users" set "role" = 'user' where "role" = 'worker';`);
    this.addSql(`alter table "users" drop constraint "users_role_check";`);
    this.addSql(`alter table "users" add constraint "users_role_check" check ("role" in ('admin', 'user'));`);
  }
}
