import { Migration } from '@mikro-orm/migrations-mongodb';
import { recountGenerations, recountHealthMinMax } from './rollup-recounts';

const COLLECTIONS = ['generation_daily', 'health_daily'];

/**
 * Daily analytics rollups, as on SQL (same index names), filled from the rows
 * already stored. No transaction needed: re-running rebuilds them from scratch.
 */
export class Migration20261125000005 extends Migration {
  override async up(): Promise<void> {
    const db = this.getCollection('users').db;
    const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
    for (const name of COLLECTIONS) {
      if (!existing.has(name)) await db.createCollection(name);
      await db.collection(name).createIndex({ day: 1 }, { name: `${name}_day_index` });
      await db.collection(name).createIndex({ project: 1, day: 1 }, { name: `${name}_project_id_day_index` });
    }
    await recountGenerations(db);
    await recountHealthMinMax(db);
  }

  override async down(): Promise<void> {
    const db = this.getCollection('users').db;
    for (const name of COLLECTIONS)
      await db
        .collection(name)
        .drop()
        .catch(() => undefined);
  }
}
