import 'reflect-metadata';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, selectedBackends, type TestDatabase } from './support/backends';
import { backupBody, cli, cliOk } from './support/cli';

/**
 * A backup is input like any request: a file whose checksums are right but
 * whose rows break the API's rules must be refused whole, naming the line,
 * entity and field, without echoing what the row held or any SQL.
 */
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'codeobit-restore-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Line = { e: string; d: Record<string, unknown> };

/** Writes header + rows with counts and checksums recomputed, so only the row rules can refuse the file. */
function writeSigned(file: string, header: Record<string, unknown>, rows: string[]): void {
  const entities: Record<string, { count: number; sha256: string }> = {};
  const hashes = new Map<string, ReturnType<typeof createHash>>();
  for (const name of Object.keys(header.entities as object)) {
    entities[name] = { count: 0, sha256: '' };
    hashes.set(name, createHash('sha256'));
  }
  for (const line of rows) {
    const e = (JSON.parse(line) as Line).e;
    entities[e].count++;
    hashes.get(e)!.update(line + '\n');
  }
  for (const [name, h] of hashes) entities[name].sha256 = h.digest('hex');
  writeFileSync(file, [JSON.stringify({ ...header, entities }), ...rows].join('\n') + '\n');
}

/** Each case edits one row of one entity; `secret` is a value that must not appear in the message. */
const CASES: { name: string; entity: string; field: RegExp; edit(d: Record<string, unknown>): void; secret?: string }[] = [
  { name: 'tokensUsed as text', entity: 'CodeGeneration', field: /field tokensUsed/, edit: (d) => (d.tokensUsed = 'abc-secret'), secret: 'abc-secret' },
  { name: 'negative tokensUsed', entity: 'CodeGeneration', field: /field tokensUsed/, edit: (d) => (d.tokensUsed = -5) },
  { name: 'fractional tokensUsed', entity: 'CodeGeneration', field: /field tokensUsed/, edit: (d) => (d.tokensUsed = 1.5) },
  { name: 'healthScore out of range', entity: 'ProjectAnalysis', field: /field healthScore/, edit: (d) => (d.healthScore = 1000) },
  { name: 'id not a UUID', entity: 'User', field: /field id/, edit: (d) => (d.id = 'not-a-uuid-secret'), secret: 'not-a-uuid-secret' },
  { name: 'empty project name', entity: 'Project', field: /field name/, edit: (d) => (d.name = '') },
  { name: '5,000-character username', entity: 'User', field: /field username/, edit: (d) => (d.username = 'u'.repeat(5000)), secret: 'uuuuuuuuuu' },
  { name: 'upper-case email', entity: 'User', field: /field email/, edit: (d) => (d.email = 'Secret@Example.com'), secret: 'Secret' },
  { name: 'NUL in a name', entity: 'Project', field: /field name/, edit: (d) => (d.name = 'a\u0000secret'), secret: 'secret' },
  { name: 'operator key in JSON', entity: 'Project', field: /field config/, edit: (d) => (d.config = { $where: 'sleep(1000)' }), secret: 'sleep' },
  { name: 'parent not in the file', entity: 'CodeGeneration', field: /field project/, edit: (d) => (d.project = randomUUID()) },
  { name: 'unknown status', entity: 'CodeGeneration', field: /field status/, edit: (d) => (d.status = 'bogus-secret'), secret: 'bogus-secret' },
  { name: 'unknown role', entity: 'User', field: /field role/, edit: (d) => (d.role = 'superadmin'), secret: 'superadmin' },
  { name: 'sizeChars not the content length', entity: 'AutoSave', field: /field sizeChars/, edit: (d) => (d.sizeChars = 1) },
  { name: 'day not the day of createdAt', entity: 'CodeGeneration', field: /field day/, edit: (d) => (d.day = '1999-01-01') },
];

describe.each(selectedBackends())('restore on %s refuses hostile rows with valid checksums', (backend) => {
  let source: TestDatabase;
  let target: TestDatabase;
  let header: Record<string, unknown>;
  let rows: string[];
  let before: string;
  const snapshot = () => join(dir, `${backend}-now.ndjson`);

  beforeAll(async () => {
    source = freshDatabase(backend);
    target = freshDatabase(backend);
    await cliOk(source, 'db', 'init');
    await cliOk(source, 'db', 'seed', '--seed', '5', '--anchor', '2026-11-01');
    const file = join(dir, `${backend}-good.ndjson`);
    await cliOk(source, 'db', 'backup', '--output', file);
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    header = JSON.parse(lines[0]);
    rows = lines.slice(1);
    await cliOk(target, 'db', 'init');
    await cliOk(target, 'db', 'seed', '--seed', '99', '--anchor', '2026-11-01');
    await cliOk(target, 'db', 'backup', '--output', snapshot());
    before = backupBody(snapshot());
  }, 120_000);
  afterAll(() => {
    source.dispose();
    target.dispose();
  });

  it('accepts the file as written (the rewriting itself is sound)', async () => {
    const file = join(dir, `${backend}-resigned.ndjson`);
    writeSigned(file, header, rows);
    const scratch = freshDatabase(backend);
    await cliOk(scratch, 'db', 'init');
    expect((await cliOk(scratch, 'db', 'restore', file)).out).toMatch(new RegExp(`restored ${rows.length} rows`));
    scratch.dispose();
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    // The middle row of the entity, so the refusal comes after rows that were fine.
    const positions = rows.flatMap((l, i) => ((JSON.parse(l) as Line).e === c.entity ? [i] : []));
    const at = positions[Math.floor(positions.length / 2)];
    const edited = rows.slice();
    const line = JSON.parse(rows[at]) as Line;
    c.edit(line.d);
    edited[at] = JSON.stringify(line);
    const file = join(dir, `${backend}-hostile.ndjson`);
    writeSigned(file, header, edited);

    const run = await cli(target, 'db', 'restore', file, '--force');
    expect(run.code).toBe(1);
    const message = run.err.split('\n').pop()!;
    expect(message).toMatch(new RegExp(`line ${at + 2}: ${c.entity} `));
    expect(message).toMatch(c.field);
    expect(message).toMatch(/the database was not changed$/);
    expect(message.length).toBeLessThan(400);
    expect(message).not.toMatch(/select|insert|update|constraint|\n\s+at /i);
    if (c.secret) expect(message).not.toContain(c.secret);
    await cliOk(target, 'db', 'backup', '--output', snapshot());
    expect(backupBody(snapshot())).toBe(before);
  });

  it('refuses a line longer than the limit before holding it whole', async () => {
    const at = rows.findIndex((l) => (JSON.parse(l) as Line).e === 'AutoSave');
    const line = JSON.parse(rows[at]) as Line;
    line.d.content = 'x'.repeat(50 * 1024 * 1024);
    line.d.sizeChars = 50 * 1024 * 1024;
    const edited = rows.slice();
    edited[at] = JSON.stringify(line);
    const file = join(dir, `${backend}-huge.ndjson`);
    writeSigned(file, header, edited);
    const run = await cli(target, 'db', 'restore', file, '--force');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(new RegExp(`line ${at + 2} is longer than 8388608 bytes.*the database was not changed$`));
    await cliOk(target, 'db', 'backup', '--output', snapshot());
    expect(backupBody(snapshot())).toBe(before);
  });
});
