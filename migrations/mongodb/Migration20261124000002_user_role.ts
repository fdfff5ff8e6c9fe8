import { Migration } from '@mikro-orm/migrations-mongodb';

/** Roles: existing users become plain users (MongoDB has no column default to do it). */
export class Migration20261124000002 extends Migration {
  override async up(): Promise<void> {
    await this.getCollection('users').updateMany({ role: { $exists: false } }, { $set: { role: 'user' } });
  }

  override async down(): Promise<void> {
    await this.getCollection('users').updateMany({}, { $unset: { role: '' } });
  }
}
