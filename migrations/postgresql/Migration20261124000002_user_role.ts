import { Migration } from '@mikro-orm/migrations';

/** Roles: admin reaches everything, user only what they own. */
export class Migration20261124000002 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "users" add column "role" text check ("role" in ('admin', 'user')) not null default 'user';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "users" drop column "role";`);
  }
}
