/**
 * Read-path bench: CPU per page read through the SQL backend's compiled reader
 * against MikroORM's query builder (the backend's fallback), same request and
 * rows, in one process on a seeded SQLite database. The figure that keeps the
 * hand-written compiler (src/db/backend/sql-reader.ts).
 *   npm run build && npm run bench:read
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createBackend } from '../src/db/drivers';
import { initORM } from '../src/db/orm';

const ROOT = resolve(__dirname, '..');
const PAGES = Number(process.env.BENCH_PAGES ?? 2000);

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'codeobit-read-'));
  const databaseUrl = join(work, 'read.sqlite3');
  const env = { ...process.env, DB_DRIVER: 'sqlite', DATABASE_URL: databaseUrl };
  for (const args of [
    ['db', 'init'],
    ['db', 'seed', '--size', 'large', '--seed', '1'],
  ])
    execFileSync(process.execPath, [join(ROOT, 'dist/src/cli/main.js'), ...args], { env, stdio: 'ignore' });
  const orm = await initORM({ driver: 'sqlite', databaseUrl });
  try {
    const backend = createBackend('sqlite', orm);
    const inTransaction = orm.em.fork();
    const request = (transaction?: typeof inTransaction) => ({
      entity: 'Project',
      where: { status: { $in: ['in_progress', 'completed'] } },
      orderBy: { createdAt: 'asc', id: 'asc' } as const,
      limit: 51,
      fields: ['id', 'name', 'status', 'createdAt', 'owner'],
      prototypes: [{}],
      transaction,
    });
    // A request with a transaction takes the fallback: the query builder.
    const paths = { 'compiled reader': () => backend.find(request()), 'MikroORM query builder': () => backend.find(request(inTransaction)) };
    const table: Record<string, number[]> = {};
    for (let round = 0; round < 3; round++) {
      for (const [name, read] of Object.entries(paths)) {
        for (let i = 0; i < 200; i++) await read();
        const start = process.cpuUsage();
        for (let i = 0; i < PAGES; i++) if ((await read()).length !== 51) throw new Error('expected 51 rows');
        const used = process.cpuUsage(start);
        (table[name] ??= []).push((used.user + used.system) / PAGES / 1000);
      }
    }
    const median = (a: number[]) => [...a].sort((x, y) => x - y)[1];
    const base = median(table['compiled reader']);
    console.table(
      Object.entries(table).map(([path, runs]) => ({ path, 'ms CPU per page of 51 (median of 3)': Number(median(runs).toFixed(3)), 'vs compiled': Number((median(runs) / base).toFixed(2)) })),
    );
  } finally {
    await orm.close(true);
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
