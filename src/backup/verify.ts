import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader, type EntityCodec, type RowLine } from './format';
import { RowChecker } from './row-rules';

/**
 * The longest line a backup may hold: a row at the API's limits (1,000,000
 * characters of content, JSON-escaped at up to 6 bytes each) fits; a line
 * past it is refused before it is held in memory whole.
 */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

/** A backup file that cannot be restored; the message says why. */
export class BadBackupError extends Error {}

/** Yields the header, then each row line of a backup file, streaming; a line longer than MAX_LINE_BYTES is refused. */
export async function* readBackup(file: string): AsyncGenerator<{ line: string; lineNo: number }> {
  let lineNo = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const take = (end: Buffer) => {
    const line = Buffer.concat([...pending, end])
      .toString('utf8')
      .replace(/\r$/, '');
    pending = [];
    pendingBytes = 0;
    return line;
  };
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      if (pendingBytes + nl - start > MAX_LINE_BYTES) throw new BadBackupError(`line ${lineNo + 1} is longer than ${MAX_LINE_BYTES} bytes`);
      lineNo++;
      yield { line: take(chunk.subarray(start, nl)), lineNo };
      start = nl + 1;
    }
    pending.push(chunk.subarray(start));
    pendingBytes += chunk.length - start;
    if (pendingBytes > MAX_LINE_BYTES) throw new BadBackupError(`line ${lineNo + 1} is longer than ${MAX_LINE_BYTES} bytes`);
  }
  if (pendingBytes > 0) yield { line: take(Buffer.alloc(0)), lineNo: lineNo + 1 };
}

/** A validation message without quoted values (the rule's own one-character quotes stay): errors name the field, never what the backup held. */
const withoutValues = (message: string) => message.replace(/"[^"]{2,}"/g, '…');

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
  private readonly rows = new RowChecker();

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
    const invalid = this.rows.check(codec.name, parsed.d);
    if (invalid) throw new BadBackupError(`line ${lineNo}: ${codec.name} field ${invalid.field}: ${withoutValues(invalid.message)}`);
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
