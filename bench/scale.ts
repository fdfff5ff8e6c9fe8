/**
 * Scale bench: does a page cost the same on 10,000 code generations as on
 * 1,000,000? Seeds the `medium` (10k) and `huge` (1M) datasets per backend,
 * starts the built server on each and measures the same pages: the first page
 * of generations with their project, a filtered and sorted page, and a page
 * 5,000 rows deep by cursor. Prints p50/p99, requests/s and CPU per request
 * (the run with the median p99 of BENCH_RUNS, default 3), and the p99 ratio
 * 1M ÷ 10k (the target: within 1.2×). PostgreSQL is vacuumed after seeding.
 * Both sizes' servers run at once and are measured in turns (10k, 1M, RUNS
 * times), so both meet the same minutes of this shared machine.
 *   npm run bench:scale                         (SQLite and PostgreSQL)
 *   BENCH_BACKENDS=sqlite BENCH_SECONDS=5 npm run bench:scale
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createPgDatabase, startPostgres } from '../test/support/postgres';
import { cli as runCli, gql } from './support/client';
import { cpuMs, startBuiltServer } from './support/built-server';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: object) => Promise<{ requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number }>;

process.env.BENCH_PIN_CORE ??= '1';
const ROOT = resolve(__dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const DEEP = 5000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function vacuum(databaseUrl: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Client } = require('pg') as { Client: new (o: object) => { connect(): Promise<void>; query(sql: string): Promise<unknown>; end(): Promise<void> } };
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('vacuum analyze');
  await client.end();
}

const cli = (env: Record<string, string>, ...args: string[]) => runCli(env, 512, ...args);

const PAGES: [string, string][] = [
  ['first page of 50 generations + project', '{ codeGenerations(first: 50) { edges { node { id status project { id name } } } } }'],
  [
    'filtered + sorted page',
    '{ codeGenerations(first: 20, filter: { status: { in: [COMPLETED, FAILED] }, tokensUsed: { gte: 500 } }, orderBy: { field: TOKENS_USED, direction: DESC }) { edges { node { id status tokensUsed } } } }',
  ],
  [`page ${DEEP} rows deep by cursor`, 'query($c: String) { codeGenerations(first: 50, after: $c) { edges { node { id status } } } }'],
];

type Measured = { r: Awaited<ReturnType<typeof autocannon>>; cpu: number };

async function main() {
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const backends = (process.env.BENCH_BACKENDS ?? 'sqlite,postgresql').split(',');
  const work = mkdtempSync(join(tmpdir(), 'codeobit-scale-'));
  const pg = backends.includes('postgresql') ? await startPostgres() : null;
  const table: Record<string, unknown>[] = [];
  try {
    for (const driver of backends) {
      // Both sizes' servers at once, measured in turns (see below).
      const sizes: { size: string; url: string; key: string; pid: number; cursor: string | null; kill: () => void }[] = [];
      try {
        for (const size of ['medium', 'huge']) {
          const databaseUrl = driver === 'sqlite' ? join(work, `${size}.sqlite3`) : createPgDatabase(pg!.url, `scale_${size}`);
          const env = { DB_DRIVER: driver, DATABASE_URL: databaseUrl };
          const seeding = Date.now();
          cli(env, 'db', 'init');
          cli(env, 'db', 'seed', '--size', size, '--seed', '1');
          console.error(`${driver} ${size}: seeded in ${Math.round((Date.now() - seeding) / 1000)} s`);
          // The steady state a live database is in: autovacuum has set the visibility map and statistics
          // (right after 1.4M inserts it is still doing that, and the first measurements pay for it).
          if (driver === 'postgresql') await vacuum(databaseUrl);
          const key = JSON.parse(cli(env, 'user', 'create', '--username', 'bench', '--email', 'bench@example.com', '--admin', '--json')).apiKey as string;
          const server = await startBuiltServer(env);
          let cursor: string | null = null;
          for (let seen = 0; seen < DEEP; seen += 100)
            cursor = (await gql(server.url, key, 'query($c: String) { codeGenerations(first: 100, after: $c) { pageInfo { endCursor } } }', { c: cursor })).codeGenerations.pageInfo.endCursor;
          sizes.push({ size, url: server.url, key, pid: server.child.pid!, cursor, kill: () => server.child.kill('SIGTERM') });
        }
        for (const [name, query] of PAGES) {
          const runs = new Map<string, Measured[]>(sizes.map((s) => [s.size, []]));
          const optsOf = (s: (typeof sizes)[number]) => ({
            url: s.url,
            method: 'POST',
            connections: 10,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${s.key}` },
            body: JSON.stringify({ query, variables: { c: s.cursor } }),
          });
          for (const s of sizes) {
            await gql(s.url, s.key, query, { c: s.cursor });
            if (WARMUP > 0) await autocannon({ ...optsOf(s), duration: WARMUP });
          }
          // RUNS turns of 10k then 1M, the run with the median p99 kept per size: a single p99 on this
          // shared machine moves by 1.5×, and in turns both sizes meet the same minutes.
          for (let i = 0; i < RUNS; i++) {
            for (const s of sizes) {
              const before = cpuMs(s.pid);
              const r = await autocannon({ ...optsOf(s), duration: SECONDS });
              runs.get(s.size)!.push({ r, cpu: cpuMs(s.pid) - before });
            }
          }
          for (const s of sizes) {
            const sorted = runs.get(s.size)!.sort((a, b) => a.r.latency.p99 - b.r.latency.p99);
            const { r, cpu } = sorted[Math.floor(sorted.length / 2)];
            table.push({
              backend: driver,
              rows: s.size === 'medium' ? '10k' : '1M',
              page: name,
              'req/s': Math.round(r.requests.average),
              'p50 ms': r.latency.p50,
              'p99 ms': r.latency.p99,
              'cpu ms/req': Math.round((cpu / Math.max(1, r.requests.total)) * 100) / 100,
              errors: r.non2xx + r.errors,
              'p99 runs': sorted.map((m) => m.r.latency.p99).join('/'),
            });
          }
        }
      } finally {
        for (const s of sizes) s.kill();
      }
    }
  } finally {
    pg?.stop();
    rmSync(work, { recursive: true, force: true });
  }
  for (const row of table) {
    if (row.rows !== '1M') continue;
    const small = table.find((r) => r.backend === row.backend && r.page === row.page && r.rows === '10k');
    if (small) row['p99 × 10k'] = Math.round(((row['p99 ms'] as number) / Math.max(1, small['p99 ms'] as number)) * 100) / 100;
  }
  console.table(table);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
