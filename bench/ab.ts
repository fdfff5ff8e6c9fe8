/**
 * A/B bench: server CPU per request of the current build against another commit's,
 * on one seeded database, shape by shape, the two servers in turns (the order
 * swapped every round), each pinned to core BENCH_PIN_CORE (default 1). A change
 * to the request path shows here as a ratio this machine's noise moves far less
 * than it moves requests/s between runs.
 *   npm run bench:ab -- <commit>        (BENCH_DRIVER=sqlite, BENCH_ROUNDS=4, BENCH_SECONDS=4)
 * The other commit is built in a git worktree under the system temp directory,
 * with this checkout's node_modules.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cli as runCli, gql } from './support/client';
import { cpuMs, startBuiltServer } from './support/built-server';
import { createPgDatabase, startPostgres } from '../test/support/postgres';
import { atExit } from '../test/support/exit-hooks';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: object) => Promise<{ requests: { total: number } }>;

process.env.BENCH_PIN_CORE ??= '1';
const ROOT = resolve(__dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);

/** `commit` checked out and built in a worktree of its own: the path of its dist/src/main.js. */
function buildCommit(commit: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'codeobit-ab-'));
  execFileSync('git', ['worktree', 'add', '--detach', dir, commit], { cwd: ROOT, stdio: 'ignore' });
  atExit(() => {
    execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: ROOT, stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'inherit' });
  return join(dir, 'dist/src/main.js');
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

async function main() {
  const base = process.argv[2];
  if (!base) throw new Error('usage: npm run bench:ab -- <commit>');
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const baseMain = buildCommit(base);
  if (!existsSync(baseMain)) throw new Error(`${base} did not build`);
  const driver = process.env.BENCH_DRIVER ?? 'postgresql';
  const work = mkdtempSync(join(tmpdir(), 'codeobit-ab-db-'));
  atExit(() => rmSync(work, { recursive: true, force: true }));
  const pg = driver === 'postgresql' ? await startPostgres() : null;
  const env = { DB_DRIVER: driver, DATABASE_URL: pg ? createPgDatabase(pg.url, 'ab') : join(work, 'ab.sqlite3') };
  const cli = (...args: string[]) => runCli(env, 160, ...args);
  cli('db', 'init');
  cli('db', 'seed', '--size', 'medium', '--seed', '1');
  const key = JSON.parse(cli('user', 'create', '--username', 'bench', '--email', 'bench@example.com', '--admin', '--json')).apiKey as string;
  const servers = [
    { name: base, ...(await startBuiltServer(env, [], baseMain)) },
    { name: 'this build', ...(await startBuiltServer(env)) },
  ];
  const url = servers[1].url;
  const generation = (await gql(url, key, '{ codeGenerations(first: 1) { nodes { id } } }')).codeGenerations.nodes[0].id;
  const project = (await gql(url, key, '{ projects(first: 1) { nodes { id } } }')).projects.nodes[0].id;
  let cursor: string | null = null;
  for (let i = 0; i < 10; i++) cursor = (await gql(url, key, 'query($c: String) { projects(first: 100, after: $c) { pageInfo { endCursor } } }', { c: cursor })).projects.pageInfo.endCursor;
  const shapes: [string, string, object][] = [
    ['by id, 3 levels of to-one', 'query($id: ID!) { codeGeneration(id: $id) { id status project { id name owner { id username } } } }', { id: generation }],
    ['50-row page + to-one + totalCount', '{ projects(first: 50) { totalCount nodes { id name status owner { id username } } } }', {}],
    ['nested 10×5×5', '{ users(first: 10) { nodes { id username projects(first: 5) { nodes { id name codeGenerations(first: 5) { nodes { id status } } } } } } }', {}],
    [
      'filtered + sorted page',
      '{ codeGenerations(first: 20, filter: { status: { in: [COMPLETED, FAILED] }, tokensUsed: { gte: 500 } }, orderBy: { field: TOKENS_USED, direction: DESC }) { nodes { id status tokensUsed } } }',
      {},
    ],
    ['page 1,000 rows deep by cursor', 'query($c: String) { projects(first: 50, after: $c) { nodes { id name } } }', { c: cursor }],
    ['createCodeGeneration', 'mutation($p: ID!) { createCodeGeneration(input: { projectId: $p, specification: "bench", language: "go" }) { id } }', { p: project }],
  ];
  const table: Record<string, unknown>[] = [];
  for (const [shape, query, variables] of shapes) {
    const cpu = new Map<string, number[]>(servers.map((s) => [s.name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const server of round % 2 ? [...servers].reverse() : servers) {
        const opts = { url: server.url, method: 'POST', connections: 10, headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) };
        await autocannon({ ...opts, duration: 2 });
        const before = cpuMs(server.child.pid!);
        const result = await autocannon({ ...opts, duration: SECONDS });
        cpu.get(server.name)!.push((cpuMs(server.child.pid!) - before) / Math.max(1, result.requests.total));
      }
    }
    const [a, b] = servers.map((s) => cpu.get(s.name)!);
    const ratios = b.map((x, i) => x / a[i]);
    table.push({
      shape,
      [`${base} cpu ms/req`]: round2(median(a)),
      'this build cpu ms/req': round2(median(b)),
      'ratio per round': ratios.map(round2).join(' '),
      'median ratio': round2(median(ratios)),
    });
  }
  // The servers close their pools before the database goes.
  await Promise.all(servers.map((s) => new Promise((exited) => s.child.once('exit', exited).kill('SIGTERM'))));
  pg?.stop();
  console.table(table);
}

const round2 = (n: number) => Math.round(n * 100) / 100;

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
