import type { MikroORM } from '@mikro-orm/core';
import type { CliIO } from '../cli/context';
import { codecs } from './format';
import { Progress } from './progress';
import { assertEmptyOrForced } from './restore';
import { seedRows, seedTotal, type SeedSize } from './seed-data';
import type { Backend } from '../db/backend/backend';

export interface SeedResult {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

/** Loads the demo dataset all or nothing, through the same batched writer as restore. */
export async function seed(orm: MikroORM, backend: Backend, size: SeedSize, seedValue: number, anchor: Date, force: boolean, io: CliIO): Promise<SeedResult> {
  await assertEmptyOrForced(orm, force, 'seed');
  const all = codecs(orm);
  const total = seedTotal(size);
  const progress = new Progress(io, `seed ${size}`, total);
  await backend.bulkLoad(all, force, async (sink) => {
    for (const [name, rows] of seedRows(size, seedValue, anchor)) {
      await sink.insert(all.find((c) => c.name === name)!, rows);
      progress.add(rows.length);
    }
  });
  await backend.rebuildRollups();
  return { rows: total, seconds: progress.seconds(), rowsPerSecond: progress.rate() };
}
