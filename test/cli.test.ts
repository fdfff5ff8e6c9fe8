import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEED_SIZES, seedRows } from '../src/backup/seed-data';
import { freshDatabase, selectedBackends, type TestDatabase } from './support/backends';
import { backupBody, cli, cliOk } from './support/cli';
import { MIGRATIONS } from './support/migration-names';

const ANCHOR = '2026-11-01';
const small = SEED_SIZES.small;
const smallTotal = Object.values(small).reduce((a, b) => a + b, 0);
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'codeobit-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const status = async (db: TestDatabase) => JSON.parse((await cliOk(db, 'db', 'status', '--json')).out);

/** What `db stats --days 3650 --json` must report for the small seed, computed from the seed rows in JS. */
function expectedStats(seed: number) {
  const gens: Record<string, unknown>[] = [];
  const health: number[] = [];
  for (const [entity, rows] of seedRows('small', seed, new Date(`${ANCHOR}T00:00:00.000Z`))) {
    if (entity === 'CodeGeneration') gens.push(...rows);
    if (entity === 'ProjectAnalysis') health.push(...rows.map((r) => r.healthScore as number));
  }
  const count = (s: string) => gens.filter((g) => g.status === s).length;
  return {
    total: gens.length,
    byStatus: { pending: count('pending'), running: count('running'), completed: count('completed'), failed: count('failed') },
    successRate: Math.round((count('completed') / (count('completed') + count('failed'))) * 10000) / 10000,
    tokensUsed: gens.reduce((a, g) => a + (g.tokensUsed as number), 0),
    python: gens.filter((g) => g.language === 'python').length,
    averageHealthScore: Math.round((health.reduce((a, b) => a + b, 0) / health.length) * 100) / 100,
  };
}

describe.each(selectedBackends())('codeobit db on %s', (backend) => {
  it('init, status, check, rollback and migrate', async () => {
    const db = freshDatabase(backend);
    const before = await status(db);
    expect(before).toMatchObject({ driver: backend, reachable: true, applied: [], pending: MIGRATIONS });
    expect((await cliOk(db, 'db', 'init')).out).toMatch(new RegExp(`^initialised .*: ${MIGRATIONS.length} migration\\(s\\) applied$`));
    const again = await cli(db, 'db', 'init');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already initialised .*use --force/);
    const after = await status(db);
    expect(after).toMatchObject({ applied: MIGRATIONS, pending: [] });
    expect(after.rows).toEqual({ User: 0, Project: 0, CodeGeneration: 0, ProjectAnalysis: 0, AutoSave: 0 });
    expect((await cliOk(db, 'db', 'check')).out).toBe(`${backend}: schema matches the entities`);
    expect((await cliOk(db, 'db', 'rollback')).out).toMatch(/rolled back 1 migration.*rollup_shards$/);
    expect((await status(db)).applied).toEqual(MIGRATIONS.slice(0, -1));
    expect((await cliOk(db, 'db', 'rollback', '--to', '0')).out).toMatch(new RegExp(`rolled back ${MIGRATIONS.length - 1} migration.*initial$`));
    expect((await status(db)).applied).toEqual([]);
    const bad = await cli(db, 'db', 'rollback', '--to', 'nope');
    expect(bad.out + bad.err).toMatch(/nothing to roll back/);
    expect((await cliOk(db, 'db', 'migrate')).out).toMatch(new RegExp(`applied ${MIGRATIONS.length} migration`));
    expect((await cliOk(db, 'db', 'migrate')).out).toBe(`${backend}: already up to date`);
    db.dispose();
  });

  it('seeds deterministic data, refuses to seed twice, and reports the same stats as the seed itself', async () => {
    const db = freshDatabase(backend);
    await cliOk(db, 'db', 'init');
    const seeded = JSON.parse((await cliOk(db, 'db', 'seed', '--seed', '7', '--anchor', ANCHOR, '--json')).out);
    expect(seeded).toMatchObject({ driver: backend, size: 'small', seed: 7, rows: smallTotal });
    expect((await status(db)).rows).toEqual({ User: small.users, Project: small.projects, CodeGeneration: small.codeGenerations, ProjectAnalysis: small.analyses, AutoSave: small.autoSaves });
    const twice = await cli(db, 'db', 'seed', '--seed', '7', '--anchor', ANCHOR);
    expect(twice.code).toBe(1);
    expect(twice.err).toMatch(/not empty .*--force/);

    const stats = JSON.parse((await cliOk(db, 'db', 'stats', '--days', '3650', '--json')).out);
    const want = expectedStats(7);
    expect(stats.codeGenerations).toMatchObject({ total: want.total, byStatus: want.byStatus, successRate: want.successRate, tokensUsed: want.tokensUsed });
    expect(stats.codeGenerations.byLanguage.find((l: { language: string }) => l.language === 'python').count).toBe(want.python);
    expect(stats.analyses).toEqual({ count: small.analyses, averageHealthScore: want.averageHealthScore });
    const none = JSON.parse((await cliOk(db, 'db', 'stats', '--days', '1', '--json')).out);
    expect(none.codeGenerations.total).toBe(0);
    db.dispose();
  });

  it('backs up and restores all or nothing, refusing bad files and non-empty targets without changing anything', async () => {
    const source = freshDatabase(backend);
    await cliOk(source, 'db', 'init');
    await cliOk(source, 'db', 'seed', '--seed', '3', '--anchor', ANCHOR);
    const file = join(dir, `${backend}-full.ndjson`);
    await cliOk(source, 'db', 'backup', '--output', file);
    const header = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]);
    expect(header).toMatchObject({ format: 'codeobit-backup', version: 1, schemaVersion: MIGRATIONS[MIGRATIONS.length - 1], sourceDriver: backend });
    expect(header.entities.CodeGeneration).toEqual({ count: small.codeGenerations, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    // A target holding other data: every refused restore must leave it byte-identical.
    const target = freshDatabase(backend);
    await cliOk(target, 'db', 'init');
    await cliOk(target, 'db', 'seed', '--seed', '99', '--anchor', ANCHOR);
    const snapshot = join(dir, `${backend}-target-before.ndjson`);
    await cliOk(target, 'db', 'backup', '--output', snapshot);
    const unchanged = async () => {
      const now = join(dir, `${backend}-target-now.ndjson`);
      await cliOk(target, 'db', 'backup', '--output', now);
      expect(backupBody(now)).toBe(backupBody(snapshot));
    };

    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const tampered = join(dir, 'tampered.ndjson');
    writeFileSync(tampered, [lines[0], ...lines.slice(1).map((l, i) => (i === 40 ? l.replace('"language":"', '"language":"x') : l))].join('\n'));
    const truncated = join(dir, 'truncated.ndjson');
    writeFileSync(truncated, text.slice(0, Math.floor(text.length * 0.7)));
    const corrupt = join(dir, 'corrupt.ndjson');
    writeFileSync(corrupt, text.replace(/\n\{"e":"Project"/, '\n{"e":"Project"]]'));
    const future = join(dir, 'future.ndjson');
    writeFileSync(future, [JSON.stringify({ ...header, version: 2 }), ...lines.slice(1)].join('\n'));
    // Taken before a migration that changed what rows hold: refused.
    const older = join(dir, 'older.ndjson');
    writeFileSync(older, [JSON.stringify({ ...header, schemaVersion: MIGRATIONS[1] }), ...lines.slice(1)].join('\n'));
    const beforeIndexes = join(dir, 'before-indexes.ndjson');
    writeFileSync(beforeIndexes, [JSON.stringify({ ...header, schemaVersion: MIGRATIONS[2] }), ...lines.slice(1)].join('\n'));

    for (const [bad, reason] of [
      [tampered, /checksum mismatch/],
      [truncated, /not valid JSON|truncated/],
      [corrupt, /not valid JSON/],
      [future, /format version 2 is not supported/],
      [older, /backup schema Migration20261124000002_user_role does not match the database \(Migration20261127000009_rollup_shards\)/],
      // Rows changed since (the work queue's fields): refused too, though only indexes changed between.
      [beforeIndexes, /backup schema Migration20261124000003_day_keys does not match the database \(Migration20261127000009_rollup_shards\)/],
      [join(dir, 'missing.ndjson'), /does not exist/],
    ] as const) {
      const run = await cli(target, 'db', 'restore', bad, '--force');
      expect(run.code).toBe(1);
      expect(run.err).toMatch(reason);
      expect(run.err).toMatch(/the database was not changed$/);
      expect(run.err.split('\n').pop()!.length).toBeLessThan(400);
    }
    const notEmpty = await cli(target, 'db', 'restore', file);
    expect(notEmpty.err).toMatch(/not empty .* needs --force/);
    await unchanged();

    // --force replaces the data: the target then exports exactly what the source did.
    const restored = await cliOk(target, 'db', 'restore', file, '--force');
    expect(restored.out).toMatch(new RegExp(`restored ${smallTotal} rows \\(backup from ${backend}\\) into ${backend}`));
    const roundTrip = join(dir, `${backend}-roundtrip.ndjson`);
    await cliOk(target, 'db', 'backup', '--output', roundTrip);
    expect(backupBody(roundTrip)).toBe(backupBody(file));
    source.dispose();
    target.dispose();
  });

  it('an empty database backs up and restores to an empty database', async () => {
    const a = freshDatabase(backend);
    await cliOk(a, 'db', 'init');
    const file = join(dir, `${backend}-empty.ndjson`);
    await cliOk(a, 'db', 'backup', '--output', file);
    expect(backupBody(file)).toBe('');
    const b = freshDatabase(backend);
    await cliOk(b, 'db', 'init');
    expect((await cliOk(b, 'db', 'restore', file)).out).toMatch(/restored 0 rows/);
    expect((await status(b)).rows).toEqual({ User: 0, Project: 0, CodeGeneration: 0, ProjectAnalysis: 0, AutoSave: 0 });
    a.dispose();
    b.dispose();
  });
});

describe('backups move between backends', () => {
  const chain = selectedBackends();
  const route = [...chain, chain[0]];
  it(`round-trips ${route.join(' → ')} with nothing lost or changed`, async () => {
    const first = freshDatabase(route[0]);
    await cliOk(first, 'db', 'init');
    await cliOk(first, 'db', 'seed', '--seed', '11', '--anchor', ANCHOR);
    let file = join(dir, `chain-0-${route[0]}.ndjson`);
    await cliOk(first, 'db', 'backup', '--output', file);
    const original = backupBody(file);
    expect(original.split('\n').length - 1).toBe(smallTotal);
    for (let i = 1; i < route.length; i++) {
      const next = freshDatabase(route[i]);
      await cliOk(next, 'db', 'init');
      await cliOk(next, 'db', 'restore', file);
      file = join(dir, `chain-${i}-${route[i]}.ndjson`);
      await cliOk(next, 'db', 'backup', '--output', file);
      expect(JSON.parse(readFileSync(file, 'utf8').split('\n')[0]).sourceDriver).toBe(route[i]);
      // Byte for byte: ids, relations, JSON, timestamps to the millisecond, unicode.
      expect(backupBody(file)).toBe(original);
      next.dispose();
    }
    first.dispose();
  });
});

describe('command line surface', () => {
  it('prints usage, and exits 2 on an unknown command or bad option', async () => {
    const db = { driver: 'sqlite' as const, databaseUrl: join(dir, 'surface.sqlite3') };
    expect((await cli(db, '--help')).out).toMatch(/Usage: codeobit db <command>/);
    expect((await cli(db, 'db', 'explode')).code).toBe(2);
    expect((await cli(db, 'db', 'seed', '--size', 'gigantic')).err).toBe('codeobit: --size gigantic: use small, medium, large or huge');
    expect((await cli(db, 'db', 'stats', '--days', '0')).code).toBe(2);
    expect((await cli(db, 'db', 'restore')).code).toBe(2);
  });
});
