import { Migration } from '@mikro-orm/migrations-mongodb';
import { recountGenerationsTimed } from './rollup-recounts';

/**
 * Generation rollups in 16 rows per key, by the last hex digit of the
 * generation's id (see shardOf in src/db/backend/rollup-deltas.ts): the rows
 * are counted again from the generations with the shard ending each id.
 */
export class Migration20261127000009 extends Migration {
  override async up(): Promise<void> {
    await recountGenerationsTimed(this.getCollection('users').db, true);
  }

  override async down(): Promise<void> {
    await recountGenerationsTimed(this.getCollection('users').db);
  }
}
