import { resolve } from 'node:path';
import { backup } from '../backup/export';
import { restore } from '../backup/restore';
import { BadBackupError } from '../backup/verify';
import { CliError, type CliIO, peakRssMB, withDatabase } from './context';

/** db backup [--output FILE] [--json] */
export async function backupCommand(io: CliIO, output: string | undefined, json: boolean): Promise<void> {
  await withDatabase(io, async ({ orm, backend, config }) => {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = resolve(output ?? `backups/codeobit-${config.driver}-${stamp}.ndjson`);
    const result = await backup(orm, backend, config.driver, file, io).catch((e) => {
      throw new CliError(`backup failed: ${e instanceof Error ? e.message : e}`);
    });
    if (json)
      return io.out(JSON.stringify({ file: result.file, rows: result.rows, seconds: result.seconds, rowsPerSecond: result.rowsPerSecond, peakRssMB: peakRssMB(), entities: result.header.entities }));
    io.out(`backed up ${result.rows} rows from ${config.driver} to ${result.file} in ${result.seconds.toFixed(1)} s (${result.rowsPerSecond} rows/s)`);
  });
}

/** db restore FILE [--force] [--json] */
export async function restoreCommand(io: CliIO, file: string | undefined, force: boolean, json: boolean): Promise<void> {
  if (!file) throw new CliError('restore needs a FILE: codeobit db restore FILE [--force]', 2);
  await withDatabase(io, async ({ orm, backend, config }) => {
    const result = await restore(orm, backend, resolve(file), force, io).catch((e) => {
      if (e instanceof BadBackupError) throw new CliError(`restore refused: ${e.message}; the database was not changed`);
      throw new CliError(`restore failed and was undone: ${e instanceof Error ? e.message : e}`);
    });
    if (json) return io.out(JSON.stringify({ driver: config.driver, ...result, peakRssMB: peakRssMB() }));
    io.out(`restored ${result.rows} rows (backup from ${result.sourceDriver}) into ${config.driver} in ${result.seconds.toFixed(1)} s (${result.rowsPerSecond} rows/s)`);
  });
}
