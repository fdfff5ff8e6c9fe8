/**
 * Load bench: the gateway on the `large` seed (10,000 projects, 100,000 code
 * generations), per backend, for the everyday query shapes, beside PostGraphile
 * 5 and a raw server (one hand-written SQL statement per request, no GraphQL:
 * the ceiling) on the same PostgreSQL database in the same run. Prints
 * requests/s, p50/p99, server CPU per request (from /proc, the server pinned to
 * core BENCH_PIN_CORE, default 1), DB round trips, root fields the compiled
 * read did not take ("batched") and queries answered from their rows per request, ratios to PostGraphile and to the
 * raw server, and writes bench/results/load.json. Every server runs at once
 * (idle while another is measured), and the shapes are measured one at a time,
 * each server in turn, BENCH_ROUNDS times (default 3): the table gives each
 * server's median round.
 *   npm run bench                    (SQLite and PostgreSQL; BENCH_BACKENDS=sqlite,postgresql,mongodb adds MongoDB)
 *   BENCH_BACKENDS=postgresql BENCH_SECONDS=10 npm run bench
 * Each run follows BENCH_WARMUP seconds (default 2) of the same load, not measured.
 */
import { cli as runCli, gql } from './support/client';
import { cpuMs, spawnPinned, startBuiltServer } from './support/built-server';
import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { freePort } from '../test/support/ports';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createPgDatabase, startPostgres } from '../test/support/postgres';
import { startFerretDb } from '../test/support/ferretdb';
import { DEEP, POSTGRAPHILE_OPS, postgraphileDeepCursor, startPostGraphile } from './postgraphile';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: object) => Promise<{ requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number }>;

process.env.BENCH_PIN_CORE ??= '1';

const ROOT = resolve(__dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** Load before each measured run, not counted: both servers reach steady state (JIT, pools, caches). */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
/** Runs per server and shape, interleaved (see main); the table gives each one's median. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** Runs `opts` for WARMUP seconds first (not measured), then for its duration. */
async function load(opts: Record<string, unknown>, measure: () => Promise<void> = async () => {}) {
  if (WARMUP > 0) await autocannon({ ...opts, duration: WARMUP });
  await measure();
  return autocannon({ ...opts, duration: SECONDS });
}

const cli = (env: Record<string, string>, ...args: string[]) => runCli(env, 160, ...args);

/** A counter's value summed over its labels (codeobit_graphql_requests_total is by operation and code). */
async function metric(base: string, name: string, label = ''): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const values = [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*${label}[^}]*\\})? (\\d+)$`, 'gm'))].map((m) => Number(m[1]));
  return values.length ? values.reduce((a, b) => a + b, 0) : NaN;
}

/** The shapes: the gateway's operation (and the raw server's path) by name; PostGraphile's are in postgraphile.ts. */
function gatewayOps(ids: { generationId: string; projectId: string; deepCursor: string }): [string, string, Record<string, unknown>, string][] {
  return [
    ['by id, 3 levels of to-one', 'query($id: ID!) { codeGeneration(id: $id) { id status project { id name owner { id username } } } }', { id: ids.generationId }, `by-id?id=${ids.generationId}`],
    ['50-row page + to-one + totalCount', '{ projects(first: 50) { totalCount nodes { id name status owner { id username } } } }', {}, 'page'],
    ['nested 10×5×5', '{ users(first: 10) { nodes { id username projects(first: 5) { nodes { id name codeGenerations(first: 5) { nodes { id status } } } } } } }', {}, 'nested'],
    [
      'filtered + sorted page',
      '{ codeGenerations(first: 20, filter: { status: { in: [COMPLETED, FAILED] }, tokensUsed: { gte: 500 } }, orderBy: { field: TOKENS_USED, direction: DESC }) { nodes { id status tokensUsed } } }',
      {},
      'filtered',
    ],
    [`page ${DEEP} rows deep by cursor`, 'query($c: String) { projects(first: 50, after: $c) { nodes { id name } } }', { c: ids.deepCursor }, 'deep'],
    [
      'createCodeGeneration',
      'mutation($p: ID!) { createCodeGeneration(input: { projectId: $p, specification: "bench", language: "go" }) { id } }',
      { p: ids.projectId },
      `create?project=${ids.projectId}`,
    ],
  ];
}

type Result = Record<string, unknown>;

/** Measures one operation against one server: throughput, latency, CPU per request and (for the gateway) round trips. */
async function measure(target: { name: string; pid: number; metrics?: string }, operation: string, opts: Record<string, unknown>): Promise<Result> {
  let cpuBefore = 0;
  let trips = 0;
  let batched = 0;
  let fromRows = 0;
  let requests = 0;
  const result = await load(opts, async () => {
    cpuBefore = cpuMs(target.pid);
    if (target.metrics) {
      trips = await metric(target.metrics, 'codeobit_db_round_trips_total');
      batched = await metric(target.metrics, 'codeobit_root_reads_total', 'path="batched"');
      fromRows = await metric(target.metrics, 'codeobit_tree_answers_total');
      requests = await metric(target.metrics, 'codeobit_graphql_requests_total');
    }
  });
  const cpu = cpuMs(target.pid) - cpuBefore;
  const row: Result = {
    server: target.name,
    operation,
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    'cpu ms/req': Math.round((cpu / Math.max(1, result.requests.total)) * 100) / 100,
    errors: result.non2xx + result.errors,
  };
  if (target.metrics) {
    const answered = Math.max(1, (await metric(target.metrics, 'codeobit_graphql_requests_total')) - requests);
    row['db trips/req'] = Math.round((((await metric(target.metrics, 'codeobit_db_round_trips_total')) - trips) / answered) * 10) / 10;
    row['batched/req'] = Math.round((((await metric(target.metrics, 'codeobit_root_reads_total', 'path="batched"')) - batched) / answered) * 10) / 10;
    // Queries written from their compiled trees' rows (see src/tree-executor.ts); mutations are executed.
    row['from rows/req'] = Math.round((((await metric(target.metrics, 'codeobit_tree_answers_total')) - fromRows) / answered) * 10) / 10;
  }
  return row;
}

const post = (url: string, body: string, headers: Record<string, string> = {}) => ({
  url,
  method: 'POST',
  connections: CONNECTIONS,
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

async function startRaw(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawnPinned(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'bench/raw-server.ts'), databaseUrl, String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${url}/page`)).ok) return { url, child };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('raw server did not start');
}

/** A server under load and how it asks for each shape (null: it does not have that shape). */
interface Target {
  name: string;
  pid: number;
  metrics?: string;
  request(operation: string): Record<string, unknown> | null;
}

async function main() {
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const backends = (process.env.BENCH_BACKENDS ?? 'sqlite,postgresql').split(',');
  const work = mkdtempSync(join(tmpdir(), 'codeobit-load-'));
  const pg = backends.includes('postgresql') || backends.includes('mongodb') ? await startPostgres() : null;
  // FerretDB on its PostgreSQL handler: its SQLite handler scans whole collections for most queries.
  const mongo = backends.includes('mongodb') ? await startFerretDb(createPgDatabase(pg!.url, 'ferretdb')) : null;
  const rows: Result[] = [];
  const children: ChildProcess[] = [];
  const targets: Target[] = [];
  const errors: Result[] = [];
  let names: string[] = [];
  try {
    // Every server is started first; they idle while another is measured.
    for (const driver of backends) {
      const databaseUrl = driver === 'sqlite' ? join(work, 'load.sqlite3') : driver === 'postgresql' ? createPgDatabase(pg!.url, 'load') : `${mongo!.url}load`;
      const env = { DB_DRIVER: driver, DATABASE_URL: databaseUrl };
      cli(env, 'db', 'init');
      cli(env, 'db', 'seed', '--size', 'large', '--seed', '1');
      const key = JSON.parse(cli(env, 'user', 'create', '--username', 'bench', '--email', 'bench@example.com', '--admin', '--json')).apiKey as string;
      const server = await startBuiltServer(env);
      children.push(server.child);
      const generationId = (await gql(server.url, key, '{ codeGenerations(first: 1) { edges { node { id } } } }')).codeGenerations.edges[0].node.id as string;
      const projectId = (await gql(server.url, key, '{ projects(first: 1) { edges { node { id } } } }')).projects.edges[0].node.id as string;
      let deepCursor: string | null = null;
      for (let seen = 0; seen < DEEP; seen += 100)
        deepCursor = (await gql(server.url, key, 'query($c: String) { projects(first: 100, after: $c) { pageInfo { endCursor } } }', { c: deepCursor })).projects.pageInfo.endCursor;
      const ids = { generationId, projectId, deepCursor: deepCursor! };
      const ops = gatewayOps(ids);
      names = ops.map(([name]) => name);
      const gateway = `gateway on ${driver}`;
      const works = new Set<string>();
      for (const [name, query, variables] of ops) {
        try {
          await gql(server.url, key, query, variables); // warm up and check it works
          works.add(name);
        } catch (e) {
          errors.push({ server: gateway, operation: name, error: String(e).slice(0, 120) });
        }
      }
      targets.push({
        name: gateway,
        pid: server.child.pid!,
        metrics: server.base,
        request: (operation) => {
          const op = ops.find(([name]) => name === operation);
          return op && works.has(operation) ? post(server.url, JSON.stringify({ query: op[1], variables: op[2] }), { authorization: `Bearer ${key}` }) : null;
        },
      });
      if (driver !== 'postgresql') continue;
      // The anchor and the ceiling, on the same database.
      if (process.env.BENCH_POSTGRAPHILE !== '0') {
        const pgl = await startPostGraphile(databaseUrl);
        children.push(pgl.child);
        const pglIds = { ...ids, deepCursor: await postgraphileDeepCursor(pgl.url) };
        const pglWorks = new Set<string>();
        for (const [name, make] of Object.entries(POSTGRAPHILE_OPS)) {
          const [query, variables] = make(pglIds);
          const check = (await (
            await fetch(pgl.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: fresh(name, variables) }) })
          ).json()) as { errors?: unknown };
          if (check.errors) errors.push({ server: 'postgraphile 5', operation: name, error: JSON.stringify(check.errors).slice(0, 120) });
          else pglWorks.add(name);
        }
        targets.push({
          name: 'postgraphile 5',
          pid: pgl.child.pid!,
          request: (operation) => {
            if (!pglWorks.has(operation)) return null;
            const [query, variables] = POSTGRAPHILE_OPS[operation](pglIds);
            // Each create needs its own id (PostGraphile inserts what it is given).
            const requests =
              operation === 'createCodeGeneration'
                ? [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: JSON.stringify({ query, variables: fresh(operation, variables) }) }) }]
                : undefined;
            return { ...post(pgl.url, JSON.stringify({ query, variables })), requests };
          },
        });
      }
      const raw = await startRaw(databaseUrl);
      children.push(raw.child);
      targets.push({
        name: 'raw SQL (ceiling)',
        pid: raw.child.pid!,
        request: (operation) => {
          const op = ops.find(([name]) => name === operation);
          if (!op) return null;
          const [route, queryString] = op[3].split('?');
          const deep = operation.startsWith('page ') ? `?at=${decodeDeep(ids.deepCursor).at}&id=${decodeDeep(ids.deepCursor).id}` : queryString ? `?${queryString}` : '';
          return { url: `${raw.url}/${route}${deep}`, method: 'GET', connections: CONNECTIONS };
        },
      });
    }
    // Shape by shape, each server in turn, ROUNDS times: a server's figures come from the same
    // minutes as the others', so a noisy minute on this shared machine hits every server alike.
    for (const operation of names) {
      for (let round = 0; round < ROUNDS; round++) {
        for (const target of targets) {
          const opts = target.request(operation);
          if (opts) rows.push(await measure(target, operation, opts));
        }
      }
    }
    for (const target of targets) {
      const rss = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${target.pid}/status`, 'utf8'))?.[1];
      console.error(`${target.name}: peak RSS ${Math.round(Number(rss) / 1024)} MB`);
    }
  } finally {
    for (const child of children) child.kill('SIGTERM');
    pg?.stop();
    await mongo?.stop();
    rmSync(work, { recursive: true, force: true });
  }
  // Each server's median round per shape (by requests/s), then ratios to PostGraphile and to the raw server.
  const table: Result[] = [];
  for (const operation of names) {
    for (const target of targets) {
      const runs = rows.filter((r) => r.server === target.name && r.operation === operation).sort((a, b) => (a['req/s'] as number) - (b['req/s'] as number));
      if (runs.length) table.push({ ...runs[Math.floor((runs.length - 1) / 2)], rounds: runs.map((r) => r['req/s']).join('/') });
    }
  }
  table.push(...errors);
  const of = (server: string, operation: string) => table.find((r) => r.server === server && r.operation === operation)?.['req/s'] as number | undefined;
  for (const row of table) {
    const pglRate = of('postgraphile 5', row.operation as string);
    const rawRate = of('raw SQL (ceiling)', row.operation as string);
    if (typeof row['req/s'] === 'number' && String(row.server).startsWith('gateway')) {
      if (pglRate) row['× pgl'] = Math.round(((row['req/s'] as number) / pglRate) * 100) / 100;
      if (rawRate) row['× raw'] = Math.round(((row['req/s'] as number) / rawRate) * 100) / 100;
    }
  }
  console.table(table);
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const out = join(ROOT, 'bench/results/load.json');
  writeFileSync(
    out,
    JSON.stringify(
      { date: new Date().toISOString(), node: process.version, seconds: SECONDS, connections: CONNECTIONS, rounds: ROUNDS, pinnedCore: process.env.BENCH_PIN_CORE, results: table, runs: rows },
      null,
      2,
    ),
  );
  console.log(`written to ${out}`);
}

/** Variables with a fresh id for a create (PostGraphile's mutation takes the row's id). */
function fresh(name: string, variables: Record<string, unknown>): Record<string, unknown> {
  if (name !== 'createCodeGeneration') return variables;
  const input = variables.i as { codeGeneration: Record<string, unknown> };
  return { i: { codeGeneration: { ...input.codeGeneration, rowId: randomUUID() } } };
}

/** The position a gateway cursor holds (for the raw server's deep page). */
function decodeDeep(cursor: string): { at: number; id: string } {
  const [, , value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string, { d: number }, string];
  return { at: value.d, id };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
