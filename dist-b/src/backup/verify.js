"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BackupVerifier = exports.BadBackupError = exports.MAX_LINE_BYTES = void 0;
exports.readBackup = readBackup;
exports.parseHeader = parseHeader;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const format_1 = require("./format");
const row_rules_1 = require("./row-rules");
/**
 * The longest line a backup may hold: a row at the API's limits (1,000,000
 * characters of content, JSON-escaped at up to 6 bytes each) fits; a line
 * past it is refused before it is held in memory whole.
 */
exports.MAX_LINE_BYTES = 8 * 1024 * 1024;
/** A backup file that cannot be restored; the message says why. */
class BadBackupError extends Error {
}
exports.BadBackupError = BadBackupError;
/** Yields the header, then each row line of a backup file, streaming; a line longer than MAX_LINE_BYTES is refused. */
async function* readBackup(file) {
    let lineNo = 0;
    let pending = [];
    let pendingBytes = 0;
    const take = (end) => {
        const line = Buffer.concat([...pending, end])
            .toString('utf8')
            .replace(/\r$/, '');
        pending = [];
        pendingBytes = 0;
        return line;
    };
    for await (const chunk of (0, node_fs_1.createReadStream)(file)) {
        let start = 0;
        for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
            if (pendingBytes + nl - start > exports.MAX_LINE_BYTES)
                throw new BadBackupError(`line ${lineNo + 1} is longer than ${exports.MAX_LINE_BYTES} bytes`);
            lineNo++;
            yield { line: take(chunk.subarray(start, nl)), lineNo };
            start = nl + 1;
        }
        pending.push(chunk.subarray(start));
        pendingBytes += chunk.length - start;
        if (pendingBytes > exports.MAX_LINE_BYTES)
            throw new BadBackupError(`line ${lineNo + 1} is longer than ${exports.MAX_LINE_BYTES} bytes`);
    }
    if (pendingBytes > 0)
        yield { line: take(Buffer.alloc(0)), lineNo: lineNo + 1 };
}
/** A validation message without quoted values (the rule's own one-character quotes stay): errors name the field, never what the backup held. */
const withoutValues = (message) => message.replace(/"[^"]{2,}"/g, '…');
function parseHeader(line) {
    let header;
    try {
        header = JSON.parse(line ?? '');
    }
    catch {
        throw new BadBackupError('not a codeobit backup (the first line is not a JSON header)');
    }
    if (header?.format !== format_1.BACKUP_FORMAT)
        throw new BadBackupError('not a codeobit backup (format is not "codeobit-backup")');
    if (header.version !== format_1.BACKUP_VERSION) {
        throw new BadBackupError(`backup format version ${JSON.stringify(header.version)} is not supported (this build reads version ${format_1.BACKUP_VERSION})`);
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
class BackupVerifier {
    constructor(header, all) {
        this.header = header;
        this.all = all;
        this.index = 0;
        this.hash = (0, node_crypto_1.createHash)('sha256');
        this.count = 0;
        this.rows = new row_rules_1.RowChecker();
        const unknown = Object.keys(header.entities).filter((e) => !all.some((c) => c.name === e));
        if (unknown.length)
            throw new BadBackupError(`backup has entities this build does not know: ${unknown.join(', ')}`);
    }
    /** The entity and canonical row of one line, or a BadBackupError saying what is wrong with it. */
    row(line, lineNo) {
        let parsed;
        try {
            parsed = JSON.parse(line);
        }
        catch {
            throw new BadBackupError(`line ${lineNo} is not valid JSON (corrupt or truncated file)`);
        }
        while (this.index < this.all.length && parsed?.e !== this.all[this.index].name)
            this.close(this.all[this.index++]);
        const codec = this.all[this.index];
        if (!codec)
            throw new BadBackupError(`line ${lineNo}: unexpected entity ${JSON.stringify(parsed?.e)}`);
        const problem = parsed.d && typeof parsed.d === 'object' ? codec.problem(parsed.d) : 'no row data';
        if (problem)
            throw new BadBackupError(`line ${lineNo}: ${codec.name} row is invalid: ${problem}`);
        const invalid = this.rows.check(codec.name, parsed.d);
        if (invalid)
            throw new BadBackupError(`line ${lineNo}: ${codec.name} field ${invalid.field}: ${withoutValues(invalid.message)}`);
        this.hash.update(line + '\n');
        this.count++;
        return { codec, row: parsed.d };
    }
    /** After the last line: the remaining entities' counts and checksums. */
    finish() {
        while (this.index < this.all.length)
            this.close(this.all[this.index++]);
    }
    close(codec) {
        const expected = this.header.entities[codec.name];
        if (!expected)
            throw new BadBackupError(`backup header has no entry for ${codec.name}`);
        if (expected.count !== this.count) {
            throw new BadBackupError(`${codec.name}: header says ${expected.count} rows, file has ${this.count} (truncated or edited)`);
        }
        if (expected.sha256 !== this.hash.digest('hex'))
            throw new BadBackupError(`${codec.name}: checksum mismatch (the file was changed after it was written)`);
        this.hash = (0, node_crypto_1.createHash)('sha256');
        this.count = 0;
    }
}
exports.BackupVerifier = BackupVerifier;
//# sourceMappingURL=verify.js.map