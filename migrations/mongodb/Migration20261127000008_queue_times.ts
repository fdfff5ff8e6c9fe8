import { Migration } from '@mikro-orm/migrations-mongodb';
import { recountGenerations, recountGenerationsTimed } from './rollup-recounts';

/**
 * Queue times in the generation rollups: per day and key, how many generations a
 * worker finished (startedAt and completedAt set) and the sums of their waits
 * (creation to the start of the finishing attempt) and runs (that start to
 * completedAt), in milliseconds. The rows are counted again from the generations.
 */
export class Migration20261127000008 extends Migration {
  override async up(): Promise<void> {
    await recountGenerationsTimed(this.getCollection('users').db);
  }

  override async down(): Promise<void> {
    await recountGenerations(this.getCollection('users').db);
  }
}
