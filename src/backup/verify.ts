import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
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
 * Checks a backup line by line as it streams past: every line must parse, belong
 * to the next entity in order and have that entity's fields; at the end each
 * entity's count and SHA-256 must match the header. Memory stays flat.
 */
export class BackupVerifier {
  private index = 0;
  private hash = createHash('sha256');
  private count = 0;

  constructor(
    readonly header: BackupHeader,
    private readonly all: EntityCodec[],
  ) {
    const unknown = Object.keys(header.entities).filter((e) => !all.some((c) => c.name === e));
    if (unknown.length) throw new BadBackupError(`backup has entities this build does not know: ${unknown.join(', ')}`);
  }

  /** The entity and canonical row of one line, or a BadBackupError saying what is wrong with it. */
  row(line: string, lineNo: number): { codec: EntityCodec; row: Record<string, unknown> } {
    let parsed: RowLine;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new BadBackupError(`line ${lineNo} is not valid JSON (corrupt or truncated file)`);
    }
    while (this.index < this.all.length && parsed?.e !== this.all[this.index].name) this.close(this.all[this.index++]);
    const codec = this.all[this.index];
    if (!codec) throw new BadBackupError(`line ${lineNo}: unexpected entity ${JSON.stringify(parsed?.e)}`);
    const problem = parsed.d && typeof parsed.d === 'object' ? codec.problem(parsed.d) : 'no row data';
    if (problem) throw new BadBackupError(`line ${lineNo}: ${codec.name} row is invalid: ${problem}`);
    this.hash.update(line + '\n');
    this.count++;
    return { codec, row: parsed.d };
  }

  /** After the last line: the remaining entities' counts and checksums. */
  finish(): void {
    while (this.index < this.all.length) this.close(this.all[this.index++]);
  }

  private close(codec: EntityCodec): void {
    const expected = this.header.entities[codec.name];
    if (!expected) throw new BadBackupError(`backup header has no entry for ${codec.name}`);
    if (expected.count !== this.count) {
      throw new BadBackupError(`${codec.name}: header says ${expected.count} rows, file has ${this.count} (truncated or edited)`);
    }
    if (expected.sha256 !== this.hash.digest('hex')) throw new BadBackupError(`${codec.name}: checksum mismatch (the file was changed after it was written)`);
    this.hash = createHash('sha256');
    this.count = 0;
  }
}
