import { migrateUp, migrator } from '../db/migrate';
import { CliError, type CliIO, withDatabase } from './context';
import { rowCounts } from './stats-queries';

/** db init [--force]: create the schema from nothing; refuses a database that holds data unless --force. */
export async function initCommand(io: CliIO, force: boolean): Promise<void> {
  await withDatabase(io, async ({ orm, config, target }) => {
    const m = migrator(orm);
    const executed = await m.getExecutedMigrations();
    const counts = executed.length ? await rowCounts(orm).catch(() => ({}) as Record<string, number>) : {};
    const held = Object.entries(counts).filter(([, n]) => n > 0);
    if (executed.length && !force) {
      const what = held.length ? held.map(([e, n]) => `${n} ${e}`).join(', ') : 'no rows';
      throw new CliError(`${target} is already initialised (${executed.length} migration(s), ${what}); use --force to drop and recreate it`);
    }
    if (executed.length) {
      io.err(`--force: dropping every codeobit table/collection on ${config.driver} at ${target}` + (held.length ? `, with ${held.map(([e, n]) => `${n} ${e}`).join(', ')}` : ''));
      await m.down({ to: 0 });
    }
    const applied = await migrateUp(orm);
    io.out(`initialised ${config.driver} at ${target}: ${applied.length} migration(s) applied`);
  });
}
