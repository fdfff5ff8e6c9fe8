import type { MikroORM } from '@mikro-orm/core';
import type { CliIO } from '../cli/context';
import { migrator } from '../db/migrate';
import { codecs, rowSchemaOf } from './format';
import type { Backend } from '../db/backend/backend';
import { Progress } from './progress';
import { existsSync } from 'node:fs';
import { BackupVerifier, BadBackupError, parseHeader, readBackup } from './verify';
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
 * Restores a backup into whatever backend `orm` is on, in one streaming pass:
 * the header is checked first (format, version, schema version, emptiness),
 * then each line is verified as it is written; a bad line, count or checksum
 * aborts the write, which is undone (SQL transaction, or MongoDB staging
 * collections that are dropped), so the database is left as it was.
 */
export async function restore(orm: MikroORM, backend: Backend, file: string, force: boolean, io: CliIO): Promise<RestoreResult> {
  if (!existsSync(file)) throw new BadBackupError(`${file} does not exist`);
  const lines = readBackup(file)[Symbol.asyncIterator]();
  const first = await lines.next();
  const header = parseHeader(first.done ? undefined : first.value.line);
  const all = codecs(orm);
  const verifier = new BackupVerifier(header, all);
  const executed = (await migrator(orm).getExecutedMigrations()).map((m) => m.name);
  const current = executed[executed.length - 1];
  if (current === undefined || rowSchemaOf(current) !== rowSchemaOf(header.schemaVersion)) {
    throw new BadBackupError(`backup schema ${header.schemaVersion} does not match the database (${current ?? 'no migrations applied'}); run db migrate (or db init) first`);
  }
  await assertEmptyOrForced(orm, force, 'restore');
  const total = Object.values(header.entities).reduce((a, e) => a + (Number(e?.count) || 0), 0);
  const progress = new Progress(io, 'restore', total);

  await backend.bulkLoad(all, force, async (sink) => {
    let codec = all[0];
    let pending: Record<string, unknown>[] = [];
    let lastLine = 1;
    const flush = async () => {
      if (!pending.length) return;
      try {
        await sink.insert(codec, pending);
      } catch (error) {
        // Rows were checked already; whatever the database says, say where, never its SQL or the rows.
        const code = (error as { code?: unknown }).code;
        throw new Error(`the database refused ${codec.name} rows up to line ${lastLine}${typeof code === 'string' && code.length <= 40 ? ` (${code})` : ''}`);
      }
      progress.add(pending.length);
      pending = [];
    };
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      const { codec: rowCodec, row } = verifier.row(next.value.line, next.value.lineNo);
      lastLine = next.value.lineNo;
      if (rowCodec !== codec) {
        await flush();
        codec = rowCodec;
      }
      pending.push(row);
      if (pending.length >= CHUNK) await flush();
    }
    await flush();
    verifier.finish();
  });
  // Rollups are derived, not backed up: counted again from the restored rows.
  await backend.rebuildRollups();
  return { rows: total, seconds: progress.seconds(), rowsPerSecond: progress.rate(), sourceDriver: header.sourceDriver };
}
