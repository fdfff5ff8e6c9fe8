import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader, type EntityCodec, type RowLine } from './format';

/** A backup file that cannot be restored; the message says why. */
export class BadBackupError extends Error {}

/** Yields the header, then each row line of a backup file, streaming. */
export async function* readBackup(file: string): AsyncGenerator<{ line: string; lineNo: number }> {
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    yield { line, lineNo };
  }
}

export function parseHeader(line: string | undefined): BackupHeader {
  let header: BackupHeader;
  try {
    header = JSON.parse(line ?? '');
  } catch {
    throw new BadBackupError('not a codeobit backup (the first line is not a JSON header)');
  }
  if (header?.format !== BACKUP_FORMAT) throw new BadBackupError('not a codeobit backup (format is not "codeobit-backup")');
  if (header.version !== BACKUP_VERSION) {
    throw new BadBackupError(`backup format version ${JSON.stringify(header.version)} is not supported (this build reads version ${BACKUP_VERSION})`);
  }
  if (typeof header.schemaVersion !== 'string' || typeof header.entities !== 'object' || !header.entities) {
    throw new BadBackupError('backup header is incomplete (schemaVersion or entities missing)');
  }
  return header;
}

/**
 * Reads the whole file once before anything is written: every line must parse,
 * belong to the next entity in order and have that entity's fields, and each
 * entity's count and SHA-256 must match the header. Memory stays flat.
 */
export async function verifyBackup(file: string, all: EntityCodec[]): Promise<BackupHeader> {
  if (!existsSync(file)) throw new BadBackupError(`${file} does not exist`);
  let header: BackupHeader | undefined;
  let index = 0;
  let hash = createHash('sha256');
  let count = 0;
  const finish = (codec: EntityCodec) => {
    const expected = header!.entities[codec.name];
    if (!expected) throw new BadBackupError(`backup header has no entry for ${codec.name}`);
    if (expected.count !== count) {
      throw new BadBackupError(`${codec.name}: header says ${expected.count} rows, file has ${count} (truncated or edited)`);
    }
    if (expected.sha256 !== hash.digest('hex')) throw new BadBackupError(`${codec.name}: checksum mismatch (the file was changed after it was written)`);
    hash = createHash('sha256');
    count = 0;
  };
  for await (const { line, lineNo } of readBackup(file)) {
    if (!header) {
      header = parseHeader(line);
      continue;
    }
    let parsed: RowLine;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new BadBackupError(`line ${lineNo} is not valid JSON (corrupt or truncated file)`);
    }
    while (index < all.length && parsed?.e !== all[index].name) finish(all[index++]);
    if (index >= all.length) throw new BadBackupError(`line ${lineNo}: unexpected entity ${JSON.stringify(parsed?.e)}`);
    const problem = parsed.d && typeof parsed.d === 'object' ? all[index].problem(parsed.d) : 'no row data';
    if (problem) throw new BadBackupError(`line ${lineNo}: ${all[index].name} row is invalid: ${problem}`);
    hash.update(line + '\n');
    count++;
  }
  if (!header) throw new BadBackupError(`${file} is empty`);
  while (index < all.length) finish(all[index++]);
  const unknown = Object.keys(header.entities).filter((e) => !all.some((c) => c.name === e));
  if (unknown.length) throw new BadBackupError(`backup has entities this build does not know: ${unknown.join(', ')}`);
  return header;
}
