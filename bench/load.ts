/**
 * Load bench: the gateway on the `large` seed, per backend, for a fixed set of
 * operations. Prints requests/s, p50/p99 latency, DB round trips per request and
 * server RSS as a table, and writes bench/results/load.json.
 *   npm run bench                    (all three backends)
 *   BENCH_BACKENDS=postgresql BENCH_SECONDS=10 npm run bench
 * Each run follows BENCH_WARMUP seconds (default 2) of the same load, not measured.
 */
import { startBuiltServer } from './support/built-server';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createPgDatabase, startPostgres } from '../test/support/postgres';
import { startFerretDb } from '../test/support/ferretdb';
import { POSTGRAPHILE_OPS, startPostGraphile } from './postgraphile';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: object) => Promise<{ requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number }>;

const ROOT = resolve(__dirname, '..');
const CLI = join(ROOT, 'dist/src/cli/main.js');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** Load before each measured run, not counted: both servers reach steady state (JIT, pools, caches). */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);

/** Runs `opts` for WARMUP seconds first (not measured), then for its duration. */
async function load(opts: Record<string, unknown>, measure: () => Promise<void> = async () => {}) {
  if (WARMUP > 0) await autocannon({ ...opts, duration: WARMUP });
  await measure();
  return autocannon({ ...opts, duration: SECONDS });
}

function cli(env: Record<string, string>, ...args: string[]): string {
  return execFileSync(process.execPath, ['--max-old-space-size=160', CLI, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

async function gql(url: string, key: string, query: string, variables: object = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

/** A counter's value summed over its labels (codeobit_graphql_requests_total is by operation and code). */
async function metric(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const values = [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)$`, 'gm'))].map((m) => Number(m[1]));
  return values.length ? values.reduce((a, b) => a + b, 0) : NaN;
}

async function main() {
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const backends = (process.env.BENCH_BACKENDS ?? 'sqlite,postgresql,mongodb').split(',');
  const work = mkdtempSync(join(tmpdir(), 'codeobit-load-'));
  const pg = backends.includes('postgresql') || backends.includes('mongodb') ? await startPostgres() : null;
  // FerretDB on its PostgreSQL handler: its SQLite handler scans whole collections for most queries.
  const mongo = backends.includes('mongodb') ? await startFerretDb(createPgDatabase(pg!.url, 'ferretdb')) : null;
  const table: Record<string, unknown>[] = [];
  try {
    for (const driver of backends) {
      const databaseUrl = driver === 'sqlite' ? join(work, 'load.sqlite3') : driver === 'postgresql' ? createPgDatabase(pg!.url, 'load') : `${mongo!.url}load`;
      const env = { DB_DRIVER: driver, DATABASE_URL: databaseUrl };
      cli(env, 'db', 'init');
      cli(env, 'db', 'seed', '--size', 'large', '--seed', '1');
      const key = JSON.parse(cli(env, 'user', 'create', '--username', 'bench', '--email', 'bench@example.com', '--admin', '--json')).apiKey as string;
      const server = await startBuiltServer(env);
      try {
        const some = await gql(server.url, key, '{ projects(first: 1) { edges { node { id } } } }');
        const projectId = some.projects.edges[0].node.id as string;
        const today = new Date();
        const ops: [string, string, object][] = [
          ['by id', 'query($id: ID!) { project(id: $id) { id name status owner { id username } } }', { id: projectId }],
          ['nested page (50 projects + owner)', '{ projects(first: 50) { edges { node { id name status owner { id username } } } } }', {}],
          [
            'nested 3 levels (10×5×5)',
            '{ users(first: 10) { edges { node { id projects(first: 5) { edges { node { id name codeGenerations(first: 5) { edges { node { id status } } } latestAnalysis { healthScore } } } } } } } }',
            {},
          ],
          ['filtered search', '{ projects(first: 20, filter: { name: { contains: "chat" }, status: { in: [IN_PROGRESS, COMPLETED] } }) { edges { node { id name } } } }', {}],
          [
            'analytics (7 days, all)',
            'query($f: DateTime!, $t: DateTime!) { analytics(from: $f, to: $t) { generations successRate tokensUsed byLanguage { name count } healthTrend { day average } } }',
            { f: new Date(today.getTime() - 7 * 86_400_000).toISOString(), t: today.toISOString() },
          ],
          ['create mutation', 'mutation($p: ID!) { createCodeGeneration(input: { projectId: $p, specification: "bench", language: "go" }) { id } }', { p: projectId }],
        ];
        for (const [name, query, variables] of ops) {
          const warm = Date.now();
          try {
            await gql(server.url, key, query, variables); // warm up and check it works
          } catch (e) {
            table.push({ backend: driver, operation: name, error: String(e).slice(0, 120) });
            console.error(`${driver} ${name}: ${String(e).slice(0, 200)}`);
            continue;
          }
          console.error(`${driver} ${name}: first answer in ${Date.now() - warm} ms`);
          let before = 0;
          let requestsBefore = 0;
          const result = await load(
            { url: server.url, method: 'POST', connections: CONNECTIONS, headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) },
            async () => {
              before = await metric(server.base, 'codeobit_db_round_trips_total');
              requestsBefore = await metric(server.base, 'codeobit_graphql_requests_total');
            },
          );
          const trips = (await metric(server.base, 'codeobit_db_round_trips_total')) - before;
          const rss = (field: string) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1]) / 1024);
          const requests = (await metric(server.base, 'codeobit_graphql_requests_total')) - requestsBefore;
          table.push({
            backend: driver,
            operation: name,
            'req/s': Math.round(result.requests.average),
            'p50 ms': result.latency.p50,
            'p99 ms': result.latency.p99,
            'db trips/req': Math.round((trips / Math.max(requests, 1)) * 10) / 10,
            // Resident memory of the server right after this operation's run, and its peak so far.
            'rss MB': rss('VmRSS'),
            'peak MB': rss('VmHWM'),
            'heap MB': Math.round((await metric(server.base, 'nodejs_heap_size_total_bytes')) / 1048576),
            errors: result.non2xx + result.errors,
          });
        }
        const rss = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1];
        table.push({ backend: driver, operation: 'server peak RSS (MB)', 'req/s': Math.round(Number(rss) / 1024) });
        if (driver === 'postgresql' && process.env.BENCH_POSTGRAPHILE !== '0') {
          // The anchor, in the same run on the same database (server stopped meanwhile to share the CPU fairly).
          server.child.kill('SIGTERM');
          const pgl = await startPostGraphile(databaseUrl);
          try {
            for (const [name, query, variables] of POSTGRAPHILE_OPS(projectId)) {
              const check = await fetch(pgl.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
              const body = (await check.json()) as { errors?: unknown };
              if (body.errors) throw new Error(`PostGraphile: ${JSON.stringify(body.errors)}`);
              const result = await load({ url: pgl.url, method: 'POST', connections: CONNECTIONS, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
              table.push({
                backend: 'postgraphile 5.1.5',
                operation: name,
                'req/s': Math.round(result.requests.average),
                'p50 ms': result.latency.p50,
                'p99 ms': result.latency.p99,
                errors: result.non2xx + result.errors,
              });
            }
          } finally {
            pgl.child.kill('SIGTERM');
          }
        }
      } finally {
        server.child.kill('SIGTERM');
      }
    }
  } finally {
    pg?.stop();
    await mongo?.stop();
    rmSync(work, { recursive: true, force: true });
  }
  console.table(table);
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const out = join(ROOT, 'bench/results/load.json');
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, seconds: SECONDS, connections: CONNECTIONS, results: table }, null, 2));
  console.log(`written to ${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
