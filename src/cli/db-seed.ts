import { seed } from '../backup/seed';
import { SEED_SIZES, type SeedSize } from '../backup/seed-data';
import { BadBackupError } from '../backup/verify';
import { CliError, type CliIO, peakRssMB, withDatabase } from './context';

/** db seed [--size small|medium|large|huge] [--seed N] [--anchor YYYY-MM-DD] [--force] [--json] */
export async function seedCommand(io: CliIO, opts: { size?: string; seed?: string; anchor?: string; force: boolean; json: boolean }): Promise<void> {
  const size = (opts.size ?? 'small') as SeedSize;
  if (!(size in SEED_SIZES)) throw new CliError(`--size ${opts.size}: use small, medium, large or huge`, 2);
  const seedValue = Number(opts.seed ?? 1);
  if (!Number.isSafeInteger(seedValue) || seedValue < 0) throw new CliError(`--seed ${opts.seed}: use a non-negative integer`, 2);
  // Default anchor: the start of today (UTC), so "the last N days" in stats covers the data.
  const anchor = opts.anchor ? new Date(`${opts.anchor}T00:00:00.000Z`) : new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00.000Z');
  if (Number.isNaN(anchor.getTime())) throw new CliError(`--anchor ${opts.anchor}: use YYYY-MM-DD`, 2);
  await withDatabase(io, async ({ orm, backend, config }) => {
    const result = await seed(orm, backend, size, seedValue, anchor, opts.force, io).catch((e) => {
      if (e instanceof BadBackupError) throw new CliError(`seed refused: ${e.message}`);
      throw new CliError(`seed failed and was undone: ${e instanceof Error ? e.message : e}`);
    });
    if (opts.json) return io.out(JSON.stringify({ driver: config.driver, size, seed: seedValue, anchor: anchor.toISOString(), ...result, peakRssMB: peakRssMB() }));
    io.out(`seeded ${result.rows} rows (${size}, seed ${seedValue}) into ${config.driver} in ${result.seconds.toFixed(1)} s (${result.rowsPerSecond} rows/s)`);
  });
}
