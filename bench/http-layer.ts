/**
 * HTTP-layer bench: the gateway's own node:http layer against Fastify 5 with
 * @as-integrations/fastify serving the same schema, Apollo server and context
 * (bench/http-layer/fastify-server.js), on one seeded SQLite database. Server
 * CPU per request from /proc (steadier than requests/s on a shared machine),
 * rounds interleaved, medians printed.
 *   npm run build && npm run bench:http
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { killAtExit } from '../test/support/exit-hooks';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../test/support/ports';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: object) => Promise<{ non2xx: number; errors: number }>;

const ROOT = resolve(__dirname, '..');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SERVERS: Record<string, string> = {
  'gateway (node:http)': join(ROOT, 'dist/src/main.js'),
  'Fastify 5 + @as-integrations/fastify': join(ROOT, 'bench/http-layer/fastify-server.js'),
};
const OPERATIONS: Record<string, string> = {
  'me (smallest answer)': '{ me { id username } }',
  '50 projects + owner': '{ projects(first: 50) { edges { node { id name status owner { id username } } } } }',
};

/** CPU milliseconds the process has used (user + system, from /proc). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function start(script: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = killAtExit(
    spawn(process.execPath, ['--max-old-space-size=256', script], {
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_ANON_PER_MINUTE: '0' },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return { child, url: `http://127.0.0.1:${port}/graphql` };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${script} did not start`);
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'codeobit-http-'));
  const env = { DB_DRIVER: 'sqlite', DATABASE_URL: join(work, 'http.sqlite3') };
  const cli = (...args: string[]) =>
    execFileSync(process.execPath, [join(ROOT, 'dist/src/cli/main.js'), ...args], { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    cli('db', 'init');
    cli('db', 'seed', '--size', 'large', '--seed', '1');
    const key = JSON.parse(cli('user', 'create', '--username', 'bench', '--email', 'bench@example.com', '--admin', '--json')).apiKey as string;
    const runs: Record<string, Record<string, number[]>> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const [server, script] of Object.entries(SERVERS)) {
        const { child, url } = await start(script, env);
        try {
          for (const [operation, query] of Object.entries(OPERATIONS)) {
            const opts = { url, method: 'POST', connections: 10, headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query }) };
            await autocannon({ ...opts, amount: 500 }); // warm-up: JIT, caches, pools
            const before = cpuMs(child.pid!);
            const result = await autocannon({ ...opts, amount: REQUESTS });
            if (result.non2xx || result.errors) throw new Error(`${server} ${operation}: ${result.non2xx} non-2xx, ${result.errors} errors`);
            ((runs[operation] ??= {})[server] ??= []).push((cpuMs(child.pid!) - before) / REQUESTS);
          }
        } finally {
          child.kill('SIGTERM');
          await new Promise((r) => child.once('exit', r));
        }
      }
    }
    const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
    const table = Object.entries(runs).flatMap(([operation, byServer]) => {
      const base = median(byServer['gateway (node:http)']);
      return Object.entries(byServer).map(([server, values]) => ({
        operation,
        server,
        'ms CPU/request (median)': Number(median(values).toFixed(3)),
        'vs gateway': Number((median(values) / base).toFixed(2)),
        runs: values.map((v) => v.toFixed(3)).join(' '),
      }));
    });
    console.table(table);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
