/**
 * Backup / restore / seed throughput and peak memory on the `large` seed, per backend.
 *   npm run bench:backup            (all three backends; BENCH_BACKENDS=sqlite,postgresql to choose)
 * Runs the built CLI (dist/) as separate processes so each figure includes the
 * process's own peak RSS. Starts its own PostgreSQL cluster and FerretDB like the tests.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createPgDatabase, startPostgres } from '../test/support/postgres';
import { startFerretDb } from '../test/support/ferretdb';

const ROOT = resolve(__dirname, '..');
const CLI = join(ROOT, 'dist/src/cli/main.js');
/** The flags of the CLI's shebang (`npx codeobit` runs with them): a bounded heap keeps memory flat. */
const NODE_FLAGS = ['--max-old-space-size=160'];

function run(env: Record<string, string>, ...args: string[]): Record<string, number> {
  const out = execFileSync(process.execPath, [...NODE_FLAGS, CLI, ...args, '--json'], { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

async function main() {
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const backends = (process.env.BENCH_BACKENDS ?? 'sqlite,postgresql,mongodb').split(',');
  const work = mkdtempSync(join(tmpdir(), 'codeobit-bench-'));
  const pg = backends.includes('postgresql') || backends.includes('mongodb') ? await startPostgres() : null;
  // FerretDB on its PostgreSQL handler: its SQLite handler scans whole collections for most queries.
  const mongo = backends.includes('mongodb') ? await startFerretDb(createPgDatabase(pg!.url, 'ferretdb')) : null;
  const results: Record<string, unknown>[] = [];
  try {
    for (const driver of backends) {
      const url = (name: string) => (driver === 'sqlite' ? join(work, `${name}.sqlite3`) : driver === 'postgresql' ? createPgDatabase(pg!.url, name) : `${mongo!.url}${name}`);
      const source = { DB_DRIVER: driver, DATABASE_URL: url('source') };
      const target = { DB_DRIVER: driver, DATABASE_URL: url('target') };
      execFileSync(process.execPath, [CLI, 'db', 'init'], { env: { ...process.env, ...source }, stdio: 'ignore' });
      execFileSync(process.execPath, [CLI, 'db', 'init'], { env: { ...process.env, ...target }, stdio: 'ignore' });
      const seed = run(source, 'db', 'seed', '--size', 'large', '--seed', '1', '--anchor', '2026-11-01');
      const file = join(work, `${driver}.ndjson`);
      const backup = run(source, 'db', 'backup', '--output', file);
      const restore = run(target, 'db', 'restore', file);
      results.push({
        driver,
        rows: backup.rows,
        fileMB: Math.round(statSync(file).size / 1048576),
        seedSeconds: Math.round(seed.seconds * 10) / 10,
        seedPeakRssMB: seed.peakRssMB,
        backupRowsPerSecond: backup.rowsPerSecond,
        backupPeakRssMB: backup.peakRssMB,
        restoreRowsPerSecond: restore.rowsPerSecond,
        restorePeakRssMB: restore.peakRssMB,
      });
    }
  } finally {
    pg?.stop();
    await mongo?.stop();
    rmSync(work, { recursive: true, force: true });
  }
  console.table(results);
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const out = join(ROOT, 'bench/results/backup-restore.json');
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2));
  console.log(`written to ${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
