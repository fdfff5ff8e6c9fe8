/**
 * GC probe: where a server's p99 goes. The gateway and PostGraphile 5 on one
 * seeded PostgreSQL database, each pinned to core BENCH_PIN_CORE (default 1)
 * and run with `--trace-gc-nvp`, take the by-id shape in turns (the load
 * bench's first shape) for BENCH_ROUNDS rounds. Per server and round it prints
 * requests/s, latency percentiles, and the collections made while measured:
 * young (scavenges) and full (mark-compacts), their mean pause, and what a
 * scavenge promoted to the old generation.
 *   npm run build && npm run bench:gc
 *   GATEWAY_NODE_FLAGS="--max-semi-space-size=64" BENCH_SIZE=small BENCH_CONNECTIONS=1 npm run bench:gc
 * GATEWAY_NODE_FLAGS come after npm start's flags (the last of a V8 flag wins).
 */
import type { ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli as runCli, gql } from './support/client';
import { startBuiltServer } from './support/built-server';
import { createPgDatabase, startPostgres } from '../test/support/postgres';
import { SERVER_NODE_FLAGS } from '../test/support/server-process';
import { POSTGRAPHILE_OPS, startPostGraphile } from './postgraphile';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: object) => Promise<{ requests: { average: number }; latency: Record<string, number> }>;

process.env.BENCH_PIN_CORE ??= '1';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SHAPE = 'by id, 3 levels of to-one';
const GATEWAY_QUERY = 'query($id: ID!) { codeGeneration(id: $id) { id status project { id name owner { id username } } } }';

/** The collections in `--trace-gc-nvp` lines: count, mean pause (ms) and, for scavenges, mean bytes promoted. */
function collections(lines: string[]): Record<string, string> {
  const of = (kind: string) => lines.filter((l) => l.includes(` gc=${kind} `));
  const mean = (ls: string[], field: string) => ls.reduce((sum, l) => sum + Number(new RegExp(` ${field}=([0-9.]+)`).exec(l)?.[1] ?? 0), 0) / Math.max(1, ls.length);
  const young = of('s');
  const full = of('mc');
  return {
    scavenges: `${young.length}, ${mean(young, 'pause').toFixed(1)} ms`,
    promoted: `${(mean(young, 'promoted') / 1e6).toFixed(2)} MB`,
    'mark-compacts': `${full.length}, ${mean(full, 'pause').toFixed(1)} ms`,
  };
}

/** A server's GC log, read from where the last call left off. */
function logTail(path: string): () => string[] {
  let offset = 0;
  return () => {
    const text = readFileSync(path, 'utf8');
    const fresh = text.slice(offset);
    offset = text.length;
    return fresh.split('\n').filter(Boolean);
  };
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'codeobit-gc-'));
  const pg = await startPostgres();
  const fds: number[] = [];
  const children: ChildProcess[] = [];
  try {
    const databaseUrl = createPgDatabase(pg.url, 'gc');
    const env = { DB_DRIVER: 'postgresql', DATABASE_URL: databaseUrl };
    runCli(env, 160, 'db', 'init');
    runCli(env, 160, 'db', 'seed', '--size', process.env.BENCH_SIZE ?? 'large', '--seed', '1');
    const key = JSON.parse(runCli(env, 160, 'user', 'create', '--username', 'bench', '--email', 'bench@example.com', '--admin', '--json')).apiKey as string;
    const logs = { gateway: join(work, 'gateway.log'), postgraphile: join(work, 'postgraphile.log') };
    fds.push(openSync(logs.gateway, 'w'), openSync(logs.postgraphile, 'w'));
    const gatewayFlags = (process.env.GATEWAY_NODE_FLAGS ?? '').split(' ').filter(Boolean);
    // After npm start's flags: the last of a V8 flag wins.
    process.env.SERVER_NODE_FLAGS = [...SERVER_NODE_FLAGS, '--trace-gc-nvp', ...gatewayFlags].join(' ');
    const probed = await startBuiltServer(env, [], undefined, fds[0]);
    children.push(probed.child);
    const pgl = await startPostGraphile(databaseUrl, ['--trace-gc-nvp'], fds[1]);
    children.push(pgl.child);
    const generationId = (await gql(probed.url, key, '{ codeGenerations(first: 1) { nodes { id } } }')).codeGenerations.nodes[0].id as string;
    const [pglQuery, pglVariables] = POSTGRAPHILE_OPS[SHAPE]({ generationId, projectId: '', deepCursor: '' });
    const targets = [
      {
        name: `gateway (${[...SERVER_NODE_FLAGS, ...gatewayFlags].join(' ')})`,
        log: logTail(logs.gateway),
        request: { url: probed.url, headers: { authorization: `Bearer ${key}` }, body: JSON.stringify({ query: GATEWAY_QUERY, variables: { id: generationId } }) },
      },
      { name: 'postgraphile 5', log: logTail(logs.postgraphile), request: { url: pgl.url, headers: {}, body: JSON.stringify({ query: pglQuery, variables: pglVariables }) } },
    ];
    const rows: Record<string, unknown>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const { name, log, request } of targets) {
        const opts = { ...request, method: 'POST', headers: { 'content-type': 'application/json', ...request.headers }, connections: CONNECTIONS };
        await autocannon({ ...opts, duration: 2 }); // warm-up, not measured
        log();
        const result = await autocannon({ ...opts, duration: SECONDS });
        const { p50, p90, p97_5, p99, max } = result.latency;
        rows.push({ server: name, round, 'req/s': Math.round(result.requests.average), 'p50/p90/p97.5/p99/max ms': `${p50}/${p90}/${p97_5}/${p99}/${max}`, ...collections(log()) });
      }
    }
    console.table(rows);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    for (const fd of fds) closeSync(fd);
    pg.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
