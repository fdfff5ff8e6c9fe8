import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MikroORM } from '@mikro-orm/core';
import type { CliIO } from '../cli/context';
import { migrator } from '../db/migrate';
import type { Backend } from '../db/backend/backend';
import { BACKUP_FORMAT, BACKUP_VERSION, codecs, type BackupHeader, type EntityDigest } from './format';
import { Progress } from './progress';

/** Rows read per query: large enough to amortise round trips, small enough to keep memory flat. */
const BATCH = 5000;

export interface BackupResult {
  file: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  header: BackupHeader;
}

/**
 * Streams every entity to `file` in the documented format. Rows go to a side
 * file while counts and checksums accumulate; the header is then written first
 * and the rows copied after it, and the result renamed into place, so a crash
 * never leaves a half-written backup under the final name.
 */
export async function backup(orm: MikroORM, backend: Backend, driver: string, file: string, io: CliIO): Promise<BackupResult> {
  const executed = await migrator(orm).getExecutedMigrations();
  if (!executed.length) throw new Error('the database has no schema yet (run db migrate)');
  const schemaVersion = executed[executed.length - 1].name;
  const all = codecs(orm);
  const totals = await Promise.all(all.map((c) => orm.em.fork().count(c.entity as never, {})));
  const progress = new Progress(
    io,
    'backup',
    totals.reduce((a, b) => a + b, 0),
  );

  mkdirSync(dirname(file), { recursive: true });
  const bodyFile = `${file}.rows.partial`;
  const finalTmp = `${file}.partial`;
  const entities: Record<string, EntityDigest> = {};
  try {
    const body = createWriteStream(bodyFile);
    for (const codec of all) {
      const hash = createHash('sha256');
      let count = 0;
      for await (const rows of backend.storedRows(codec, BATCH)) {
        let chunk = '';
        for (const row of rows) chunk += JSON.stringify({ e: codec.name, d: codec.fromStored(row) }) + '\n';
        hash.update(chunk);
        if (!body.write(chunk)) await once(body, 'drain');
        count += rows.length;
        progress.add(rows.length);
      }
      entities[codec.name] = { count, sha256: hash.digest('hex') };
    }
    body.end();
    await once(body, 'close');

    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      schemaVersion,
      sourceDriver: driver,
      createdAt: new Date().toISOString(),
      entities,
    };
    const out = createWriteStream(finalTmp);
    out.write(JSON.stringify(header) + '\n');
    await pipeline(createReadStream(bodyFile), out);
    renameSync(finalTmp, file);
    const rows = Object.values(entities).reduce((a, e) => a + e.count, 0);
    return { file, rows, seconds: progress.seconds(), rowsPerSecond: progress.rate(), header };
  } finally {
    rmSync(bodyFile, { force: true });
    rmSync(finalTmp, { force: true });
  }
}
