/**
 * Live-data bench: 10,000 subscribers over 200 WebSocket connections on 100
 * projects (100 users, each following their own project from 2 connections ×
 * 50 subscriptions), a writer making 200 changes a second over HTTP, each by
 * the project's owner and carrying its sequence number (see CHANGES). Reported per scenario: delivery latency from the write's
 * acknowledgement (the HTTP answer) to receipt, p50/p99/max (an event can
 * arrive before the answer does: that counts 0), from the write's request too,
 * deliveries against those expected, and each server's CPU (from /proc) and RSS.
 * Scenarios: event subscriptions and live queries, on one instance, then on two
 * instances over Redis (subscribers on B, the writer on A).
 *   npm run build && npm run bench:live
 *   BENCH_SECONDS=20 BENCH_SUBSCRIBERS=10000 BENCH_CONNECTIONS=200 BENCH_PROJECTS=100 BENCH_WRITES=200 npm run bench:live
 * BENCH_SCENARIOS=events,live,events-redis,live-redis chooses; BENCH_DISTINCT=1 makes every subscription's
 * document distinct, so none share an execution (a cost ceiling, not a likely workload).
 * The database is PostgreSQL over its Unix socket; this process is the clients and the writer.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createPgDatabase, startPostgres } from '../test/support/postgres';
import { startRedis } from '../test/support/redis';
import { startBuiltServer } from './support/built-server';

const ROOT = resolve(__dirname, '..');
const CLI = join(ROOT, 'dist/src/cli/main.js');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 100);
const WRITES_PER_SECOND = Number(process.env.BENCH_WRITES ?? 200);
const DISTINCT = process.env.BENCH_DISTINCT === '1';
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'events,live,events-redis,live-redis').split(',');
const CHANGE_KINDS = (process.env.BENCH_CHANGES ?? 'project,generation').split(',') as Change[];

/**
 * What the writer changes (BENCH_CHANGES=generation,project): a code generation's tokensUsed (a
 * transaction that also moves its analytics rollups: 5 round trips) or a project's description
 * (one UPDATE … RETURNING). Each with the subscription and the live query that see it, and where
 * in their result the write's sequence number shows.
 */
const CHANGES = {
  generation: {
    write: `mutation($id: ID!, $n: Int!) { updateCodeGeneration(id: $id, input: { tokensUsed: $n }) { id } }`,
    target: (o: Owner) => o.generation,
    events: `subscription($p: ID!) { codeGenerationChanged(projectId: $p) { change codeGeneration { tokensUsed } } }`,
    live: `query($p: ID!) @live { project(id: $p) { codeGenerations(first: 1) { edges { node { tokensUsed } } } } }`,
    seen: (d: Record<string, any> | undefined, live: boolean) => (live ? d?.project?.codeGenerations?.edges?.[0]?.node?.tokensUsed : d?.codeGenerationChanged?.codeGeneration?.tokensUsed),
    leaf: '{ tokensUsed }',
  },
  project: {
    write: `mutation($id: ID!, $n: String!) { updateProject(id: $id, input: { description: $n }) { id } }`,
    target: (o: Owner) => o.project,
    events: `subscription($p: ID!) { projectChanged(id: $p) { change project { description } } }`,
    live: `query($p: ID!) @live { project(id: $p) { description } }`,
    seen: (d: Record<string, any> | undefined, live: boolean) => Number((live ? d?.project?.description : d?.projectChanged?.project?.description) ?? Number.NaN),
    leaf: '{ description }',
  },
};
type Change = keyof typeof CHANGES;

const cli = (env: Record<string, string>, ...args: string[]) =>
  execFileSync(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const cpuMs = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
/** CPU time the whole machine spent (all processes), from /proc/stat. */
const machineCpuMs = () => {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  return (ticks.reduce((a, b) => a + b, 0) - ticks[3] - ticks[4]) * 10;
};
const memoryMb = (pid: number, field: 'VmRSS' | 'VmHWM') => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const pct = (sorted: Float64Array, p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : Number.NaN);

type Server = Awaited<ReturnType<typeof startBuiltServer>>;
/** Every server started, so none outlives the bench when it fails. */
const started: Server[] = [];
const start = async (env: Record<string, string>) => {
  const server = await startBuiltServer(env);
  started.push(server);
  return server;
};
type Owner = { key: string; project: string; generation: string };

async function post(url: string, key: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

async function setUp(server: Server, admin: string): Promise<Owner[]> {
  const owners: Owner[] = [];
  for (let i = 0; i < PROJECTS; i++) {
    const made = (await post(server.url, admin, `mutation($u: String!, $e: String!) { createUser(input: { username: $u, email: $e }) { apiKey } }`, { u: `owner${i}`, e: `owner${i}@example.com` }))
      .createUser;
    const project = (await post(server.url, made.apiKey, `mutation { createProject(input: { name: "p" }) { id } }`)).createProject.id;
    const generation = (await post(server.url, made.apiKey, `mutation($p: ID!) { createCodeGeneration(input: { projectId: $p, specification: "s", language: "go" }) { id } }`, { p: project }))
      .createCodeGeneration.id;
    owners.push({ key: made.apiKey, project, generation });
  }
  return owners;
}

/** One scenario: subscribers on `subscribeTo`, the writer on `writeTo`; what `servers` spent meanwhile. */
async function measure(name: string, change: Change, live: boolean, owners: Owner[], writeTo: Server, subscribeTo: Server, servers: Server[]) {
  const sentAt = new Map<number, number>();
  const ackAt = new Map<number, number>();
  const received: number[] = []; // (seq, time) pairs
  const kind = CHANGES[change];
  let seq = 1_000_000 * (1 + SCENARIOS.indexOf(name) + 10 * CHANGE_KINDS.indexOf(change));
  const firstSeq = seq + 1;
  const clients: Client[] = [];
  const perConnection = Math.ceil(SUBSCRIBERS / CONNECTIONS);
  const connectionsPerOwner = CONNECTIONS / owners.length;
  let subscribed = 0;
  for (let c = 0; c < CONNECTIONS; c++) {
    const owner = owners[Math.floor(c / connectionsPerOwner)];
    const client = createClient({ url: subscribeTo.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${owner.key}` }, retryAttempts: 0, lazy: false });
    clients.push(client);
    for (let s = 0; s < perConnection && subscribed < SUBSCRIBERS; s++, subscribed++) {
      // With BENCH_DISTINCT every document differs (an alias), so no two share an execution.
      const base = live ? kind.live : kind.events;
      const query = DISTINCT ? base.replace(kind.leaf, `${kind.leaf.slice(0, -1)} n${subscribed}: __typename }`) : base;
      client.subscribe(
        { query, variables: { p: owner.project } },
        {
          next: (value) => {
            const n = kind.seen(value.data as Record<string, any> | undefined, live);
            if (typeof n === 'number' && n >= firstSeq) received.push(n, performance.now());
          },
          error: (error) => console.error(name, 'subscription error', JSON.stringify(error).slice(0, 300)),
          complete: () => undefined,
        },
      );
    }
  }
  await new Promise((r) => setTimeout(r, 3000 + SUBSCRIBERS / 5)); // subscriptions registered (live: first results sent)
  received.length = 0;

  const cpuBefore = servers.map((s) => cpuMs(s.child.pid!));
  const machineBefore = machineCpuMs();
  const clientBefore = process.cpuUsage();
  const runsBefore = live ? await liveRuns(subscribeTo) : 0;
  const started = performance.now();
  const total = SECONDS * WRITES_PER_SECOND;
  const inFlight: Promise<void>[] = [];
  const writeErrors: string[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / WRITES_PER_SECOND;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const owner = owners[i % owners.length];
    const n = ++seq;
    sentAt.set(n, performance.now());
    inFlight.push(
      post(writeTo.url, owner.key, kind.write, { id: kind.target(owner), n: change === 'project' ? String(n) : n }).then(
        () => void ackAt.set(n, performance.now()),
        (error) => void writeErrors.push(String(error).slice(0, 200)),
      ),
    );
  }
  await Promise.all(inFlight);
  const writeSeconds = (performance.now() - started) / 1000;
  const cpu = servers.map((s, i) => (cpuMs(s.child.pid!) - cpuBefore[i]) / writeSeconds / 10); // % of one core
  const client = process.cpuUsage(clientBefore);
  const clientCpu = (client.user + client.system) / 1000 / writeSeconds / 10;
  const machineCpu = (machineCpuMs() - machineBefore) / writeSeconds / 10;
  // The last deliveries: until a second passes without one (at most 30 s).
  for (let last = -1, waited = 0; received.length !== last && waited < 30_000; waited += 1000) {
    last = received.length;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const runs = live ? (await liveRuns(subscribeTo)) - runsBefore : 0;
  const rss = servers.map((s) => `${memoryMb(s.child.pid!, 'VmRSS').toFixed(0)} MB (peak ${memoryMb(s.child.pid!, 'VmHWM').toFixed(0)})`);
  await Promise.all(clients.map((c) => c.dispose()));

  const fromAck = new Float64Array(received.length / 2);
  const fromSend = new Float64Array(received.length / 2);
  for (let i = 0; i < received.length; i += 2) {
    fromAck[i / 2] = Math.max(0, received[i + 1] - (ackAt.get(received[i]) ?? received[i + 1]));
    fromSend[i / 2] = received[i + 1] - sentAt.get(received[i])!;
    if (!ackAt.has(received[i])) fromAck[i / 2] = Number.NaN; // a write that failed yet was stored: left out below
  }
  fromAck.sort(); // NaN sorts last: cut off below
  const acked = fromAck.subarray(0, fromAck.findIndex(Number.isNaN) === -1 ? fromAck.length : fromAck.findIndex(Number.isNaN));
  fromSend.sort();
  const subscribersPerProject = SUBSCRIBERS / owners.length;
  const expected = total * subscribersPerProject;
  console.log(
    JSON.stringify({
      scenario: name,
      change,
      subscribers: SUBSCRIBERS,
      connections: CONNECTIONS,
      writesPerSecond: +(total / writeSeconds).toFixed(1),
      writeErrors: writeErrors.length ? `${writeErrors.length}: ${writeErrors[0]}` : 0,
      deliveries: fromAck.length,
      expected: live ? `${expected} at most (coalesced)` : expected,
      latencyFromAckMs: { p50: +pct(acked, 0.5).toFixed(1), p99: +pct(acked, 0.99).toFixed(1), max: +pct(acked, 1).toFixed(1) },
      latencyFromRequestMs: { p50: +pct(fromSend, 0.5).toFixed(1), p99: +pct(fromSend, 0.99).toFixed(1) },
      ...(live ? { liveRuns: runs, runsPerWrite: +(runs / total).toFixed(2) } : {}),
      serverCpuPercentOfOneCore: cpu.map((c) => +c.toFixed(0)),
      // The clients (10,000 subscriptions) and the writer run in this process, on the same 2 cores.
      clientCpuPercent: +clientCpu.toFixed(0),
      machineCpuPercentOf200: +machineCpu.toFixed(0),
      serverRss: rss,
    }),
  );
}

const stop = (server: Server) =>
  new Promise<void>((resolve) => {
    if (server.child.exitCode !== null) return resolve();
    server.child.once('exit', () => resolve());
    server.child.kill();
  });

async function liveRuns(server: Server): Promise<number> {
  const text = await (await fetch(`${server.base}/metrics`)).text();
  return Number(/^codeobit_live_query_runs_total (\S+)/m.exec(text)?.[1] ?? 0);
}

async function main() {
  const pg = await startPostgres();
  const redis = SCENARIOS.some((s) => s.endsWith('-redis')) ? await startRedis() : null;
  const databaseUrl = createPgDatabase(pg.socketUrl, 'live');
  const env = { DB_DRIVER: 'postgresql', DATABASE_URL: databaseUrl };
  cli(env, 'db', 'init');
  const admin = JSON.parse(cli(env, 'user', 'create', '--username', 'admin', '--email', 'a@example.com', '--admin', '--json')).apiKey as string;
  const settings = { ...env, WS_SUBSCRIPTIONS_PER_KEY: '100000', WS_SUBSCRIPTIONS_PER_CONNECTION: '1000', WS_CONNECTIONS_PER_IP: '100000', AUTH_CACHE_TTL_MS: '60000' };
  let owners: Owner[] | undefined;
  try {
    for (const change of CHANGE_KINDS)
      for (const scenario of SCENARIOS) {
        const live = scenario.startsWith('live');
        if (scenario.endsWith('-redis')) {
          const a = await start({ ...settings, REDIS_URL: redis!.url });
          const b = await start({ ...settings, REDIS_URL: redis!.url });
          owners ??= await setUp(a, admin);
          await measure(scenario, change, live, owners, a, b, [a, b]);
          await Promise.all([stop(a), stop(b)]);
        } else {
          const one = await start(settings);
          owners ??= await setUp(one, admin);
          await measure(scenario, change, live, owners, one, one, [one]);
          await stop(one);
        }
      }
  } finally {
    await Promise.all(started.map(stop));
    await redis?.stop();
    pg.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
