import type { MikroORM } from '@mikro-orm/core';
import type { CliIO } from '../cli/context';
import { migrator } from '../db/migrate';
import { codecs, type RowLine } from './format';
import { Progress } from './progress';
import { readBackup, verifyBackup, BadBackupError } from './verify';
import { writeAllOrNothing } from './bulk-writer';
import { rowCounts } from '../cli/stats-queries';

/** Rows handed to the writer at once while streaming the file. */
const CHUNK = 2000;

export interface RestoreResult {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  sourceDriver: string;
}

/** Refuses to overwrite data unless `force`; returns what is there, for the message. */
export async function assertEmptyOrForced(orm: MikroORM, force: boolean, action: string): Promise<void> {
  const counts = await rowCounts(orm);
  const held = Object.entries(counts).filter(([, n]) => n > 0);
  if (held.length && !force) {
    throw new BadBackupError(`the database is not empty (${held.map(([e, n]) => `${n} ${e}`).join(', ')}); ${action} needs --force to replace it`);
  }
}

/**
 * Restores a backup into whatever backend `orm` is on: verify the whole file
 * first (format, version, counts, checksums, row shapes), check the schema
 * version and emptiness, then stream it in batches, all or nothing.
 */
export async function restore(orm: MikroORM, file: string, force: boolean, io: CliIO): Promise<RestoreResult> {
  const all = codecs(orm);
  const header = await verifyBackup(file, all);
  const executed = (await migrator(orm).getExecutedMigrations()).map((m) => m.name);
  const current = executed[executed.length - 1];
  if (current !== header.schemaVersion) {
    throw new BadBackupError(
      `backup schema ${header.schemaVersion} does not match the database (${current ?? 'no migrations applied'}); run db migrate (or db init) first`,
    );
  }
  await assertEmptyOrForced(orm, force, 'restore');
  const total = Object.values(header.entities).reduce((a, e) => a + e.count, 0);
  const progress = new Progress(io, 'restore', total);

  await writeAllOrNothing(orm, all, force, async (sink) => {
    let codec = all[0];
    let pending: Record<string, unknown>[] = [];
    const flush = async () => {
      if (!pending.length) return;
      await sink.insert(codec, pending);
      progress.add(pending.length);
      pending = [];
    };
    let first = true;
    for await (const { line } of readBackup(file)) {
      if (first) {
        first = false;
        continue;
      }
      const row = JSON.parse(line) as RowLine;
      if (row.e !== codec.name) {
        await flush();
        codec = all.find((c) => c.name === row.e)!;
      }
      pending.push(row.d);
      if (pending.length >= CHUNK) await flush();
    }
    await flush();
  });
  return { rows: total, seconds: progress.seconds(), rowsPerSecond: progress.rate(), sourceDriver: header.sourceDriver };
}
