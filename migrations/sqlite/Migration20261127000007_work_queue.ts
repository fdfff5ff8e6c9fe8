import { Migration } from '@mikro-orm/migrations';

/**
 * The work queue: its fields on code generations and two indexes (due work by
 * priority then age; leases by expiry), and the WORKER role. RUNNING rows from
 * before have no holder, so their lease counts as expired at their last change.
 *
 * SQLite cannot change the role's CHECK constraint in place: the users table is
 * rebuilt. Dropping it with foreign keys on would cascade into every project,
 * and `foreign_keys` can only be switched off outside a transaction, so this
 * migration runs outside MikroORM's transaction (see drivers.ts: allOrNothing
 * is off on SQLite) with its own BEGIN … COMMIT: all of it or none of it.
 */
export class Migration20261127000007 extends Migration {
  override isTransactional(): boolean {
    return false;
  }

  override up(): void {
    this.addSql('pragma foreign_keys = off;');
    this.addSql('begin immediate;');
    this.addSql(
      `create table \`users__temp_alter\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`username\` text not null, \`email\` text not null, \`api_key_hash\` text not null, \`api_key_prefix\` text not null, \`role\` text check (\`role\` in ('admin', 'user', 'worker')) not null default 'user', \`preferences\` json not null);`,
    );
    this.addSql(
      `insert into \`users__temp_alter\` select \`id\`, \`created_at\`, \`updated_at\`, \`username\`, \`email\`, \`api_key_hash\`, \`api_key_prefix\`, \`role\`, \`preferences\` from \`users\`;`,
    );
    this.addSql(`drop table \`users\`;`);
    this.addSql(`alter table \`users__temp_alter\` rename to \`users\`;`);
    this.addSql(`create unique index \`users_username_unique\` on \`users\` (\`username\`);`);
    this.addSql(`create unique index \`users_email_unique\` on \`users\` (\`email\`);`);
    this.addSql(`create unique index \`users_api_key_hash_unique\` on \`users\` (\`api_key_hash\`);`);
    this.addSql(`create index \`users_updated_at_id_index\` on \`users\` (\`updated_at\`, \`id\`);`);
    this.addSql(`create index \`users_created_at_id_index\` on \`users\` (\`created_at\`, \`id\`);`);
    this.addSql(`alter table \`code_generations\` add column \`priority\` integer not null default 0;`);
    this.addSql(`alter table \`code_generations\` add column \`attempts\` integer not null default 0;`);
    this.addSql(`alter table \`code_generations\` add column \`max_attempts\` integer not null default 3;`);
    this.addSql(`alter table \`code_generations\` add column \`run_after\` datetime null;`);
    this.addSql(`alter table \`code_generations\` add column \`locked_by\` text null;`);
    this.addSql(`alter table \`code_generations\` add column \`locked_until\` datetime null;`);
    this.addSql(`alter table \`code_generations\` add column \`last_error\` text null;`);
    this.addSql(`alter table \`code_generations\` add column \`started_at\` datetime null;`);
    this.addSql(`alter table \`code_generations\` add column \`completed_at\` datetime null;`);
    this.addSql(`create index \`code_generations_status_locked_until_index\` on \`code_generations\` (\`status\`, \`locked_until\`);`);
    this.addSql(`create index \`code_generations_claim_index\` on \`code_generations\` (\`status\`, \`priority\` DESC, \`created_at\`, \`id\`);`);
    this.addSql("update `code_generations` set `locked_until` = `updated_at` where `status` = 'running';");
    this.addSql('commit;');
    this.addSql('pragma foreign_keys = on;');
  }

  override down(): void {
    this.addSql('pragma foreign_keys = off;');
    this.addSql('begin immediate;');
    this.addSql('drop index `code_generations_status_locked_until_index`;');
    this.addSql('drop index `code_generations_claim_index`;');
    for (const column of ['priority', 'attempts', 'max_attempts', 'run_after', 'locked_by', 'locked_until', 'last_error', 'started_at', 'completed_at']) {
      this.addSql(`alter table \`code_generations\` drop column \`${column}\`;`);
    }
    this.addSql("update `users` set `role` = 'user' where `role` = 'worker';");
    this.addSql(
      `create table \`users__temp_alter\` (\`id\` text not null primary key, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`username\` text not null, \`email\` text not null, \`api_key_hash\` text not null, \`api_key_prefix\` text not null, \`role\` text check (\`role\` in ('admin', 'user')) not null default 'user', \`preferences\` json not null);`,
    );
    this.addSql(
      `insert into \`users__temp_alter\` select \`id\`, \`created_at\`, \`updated_at\`, \`username\`, \`email\`, \`api_key_hash\`, \`api_key_prefix\`, \`role\`, \`preferences\` from \`users\`;`,
    );
    this.addSql(`drop table \`users\`;`);
    this.addSql(`alter table \`users__temp_alter\` rename to \`users\`;`);
    this.addSql(`create unique index \`users_username_unique\` on \`users\` (\`username\`);`);
    this.addSql(`create unique index \`users_email_unique\` on \`users\` (\`email\`);`);
    this.addSql(`create unique index \`users_api_key_hash_unique\` on \`users\` (\`api_key_hash\`);`);
    this.addSql(`create index \`users_updated_at_id_index\` on \`users\` (\`updated_at\`, \`id\`);`);
    this.addSql(`create index \`users_created_at_id_index\` on \`users\` (\`created_at\`, \`id\`);`);
    this.addSql('commit;');
    this.addSql('pragma foreign_keys = on;');
  }
}
