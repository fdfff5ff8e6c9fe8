import { Migration } from '@mikro-orm/migrations-mongodb';
import { recountHealthMinMax, recountHealthPerScore } from './rollup-recounts';

/** health_daily keeps a count per health score instead of a min and a max (see the SQL migrations); same indexes. */
export class Migration20261126000006 extends Migration {
  override async up(): Promise<void> {
    await recountHealthPerScore(this.getCollection('users').db);
  }

  override async down(): Promise<void> {
    await recountHealthMinMax(this.getCollection('users').db);
  }
}
