import { loadConfig, maskUrl } from '../config';
import { migrateUp, migrator } from '../db/migrate';
import { CliError, type CliIO, withDatabase } from './context';
import { rowCounts } from './stats-queries';

/** db migrate: apply pending migrations. */
export async function migrateCommand(io: CliIO): Promise<void> {
  await withDatabase(io, async ({ orm, config }) => {
    const applied = await migrateUp(orm);
    io.out(applied.length ? `applied ${applied.length} migration(s) on ${config.driver}: ${applied.join(', ')}` : `${config.driver}: already up to date`);
  });
}

/** db rollback [--to NAME]: undo the last migration, or every one after NAME (`--to 0` undoes all). */
export async function rollbackCommand(io: CliIO, to?: string): Promise<void> {
  await withDatabase(io, async ({ orm, config }) => {
    const m = migrator(orm);
    const executed = (await m.getExecutedMigrations()).map((x) => x.name);
    if (!executed.length) return io.out(`${config.driver}: nothing to roll back`);
    if (to !== undefined && to !== '0' && !executed.includes(to)) {
      throw new CliError(`--to ${to}: no applied migration has that name (applied: ${executed.join(', ')})`);
    }
    const undone = await m.down(to === undefined ? undefined : { to: to === '0' ? 0 : to });
    io.out(`rolled back ${undone.length} migration(s) on ${config.driver}: ${undone.map((x) => x.name).join(', ')}`);
  });
}

/** db check: non-zero exit when the database schema differs from the entities (after migrations). */
export async function checkCommand(io: CliIO): Promise<void> {
  await withDatabase(io, async ({ orm, backend, config }) => {
    const pending = await migrator(orm).getPendingMigrations();
    if (pending.length) throw new CliError(`${pending.length} pending migration(s): ${pending.map((p) => p.name).join(', ')}; run db migrate`);
    const drift = await backend.schemaDrift();
    if (drift.length) {
      for (const d of drift) io.err(`  ${d}`);
      throw new CliError(`${config.driver}: schema differs from the entities (${drift.length} change(s)); create a migration`);
    }
    io.out(`${config.driver}: schema matches the entities`);
  });
}

/** db status: where we are connected, migrations applied and pending, rows per entity, size. */
export async function statusCommand(io: CliIO, json: boolean): Promise<void> {
  const config = loadConfig(io.env);
  const base = { driver: config.driver, target: maskUrl(config.databaseUrl) };
  let status: Record<string, unknown>;
  try {
    status = await withDatabase(io, async ({ orm, backend }) => {
      const m = migrator(orm);
      return {
        ...base,
        reachable: true,
        applied: (await m.getExecutedMigrations()).map((x) => x.name),
        pending: (await m.getPendingMigrations()).map((x) => x.name),
        rows: await rowCounts(orm).catch(() => null),
        sizeBytes: await backend.databaseSize(),
      };
    });
  } catch (e) {
    status = { ...base, reachable: false, error: e instanceof Error ? e.message : String(e) };
  }
  if (json) return io.out(JSON.stringify(status, null, 2));
  io.out(`driver:     ${status.driver}`);
  io.out(`target:     ${status.target}`);
  io.out(`reachable:  ${status.reachable ? 'yes' : `no (${status.error})`}`);
  if (!status.reachable) throw new CliError('database not reachable');
  const applied = status.applied as string[];
  const pending = status.pending as string[];
  io.out(`migrations: ${applied.length} applied, ${pending.length} pending${pending.length ? ` (${pending.join(', ')})` : ''}`);
  for (const name of applied) io.out(`  ✓ ${name}`);
  for (const name of pending) io.out(`  … ${name}`);
  const rows = status.rows as Record<string, number> | null;
  if (rows) for (const [entity, n] of Object.entries(rows)) io.out(`  ${entity.padEnd(16)} ${n}`);
  else io.out('rows:       unknown (schema not created yet)');
  if (status.sizeBytes != null) io.out(`size:       ${(Number(status.sizeBytes) / 1024 / 1024).toFixed(2)} MiB`);
}
