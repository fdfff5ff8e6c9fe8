import 'reflect-metadata';
import { startFerretDb } from '../support/ferretdb';
import { createPgDatabase, startPostgres } from '../support/postgres';
import { selectedBackends } from '../support/backends';
import { TestServer } from '../support/server';
import { holdSqliteWriteLock } from '../support/sqlite-lock';
import { startTcpProxy } from '../support/tcp-proxy';

type Tally = Record<string, number>;

/** Clients hitting the server (reads and writes) until stopped, tallying answers per phase and noting any that break the rules. */
function load(server: TestServer, clients = 6) {
  const tallies: Record<string, Tally> = {};
  const bad: string[] = [];
  let phase = 'before';
  let running = true;
  const one = async (k: number) => {
    for (let i = 0; running; i++) {
      const write = i % 2 === 1;
      const query = write ? `mutation { createProject(input: { name: "load-${k}-${i}" }) { id } }` : '{ projects(first: 5) { totalCount edges { node { id name } } } }';
      const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${server.key}` }, body: JSON.stringify({ query }) });
      const body = (await res.json()) as { errors?: { extensions?: { code?: string; retryAfterSeconds?: number } }[] };
      const code = body.errors?.[0]?.extensions?.code ?? 'ok';
      const at = phase;
      const key = `${write ? 'write' : 'read'} ${res.status} ${code}`;
      (tallies[at] ??= {})[key] = (tallies[at][key] ?? 0) + 1;
      // SERVICE_UNAVAILABLE, or TIMEOUT for a request that waited past the execution timeout: both 503, both with Retry-After.
      const unavailable = res.status === 503 && ['SERVICE_UNAVAILABLE', 'TIMEOUT'].includes(code) && res.headers.get('retry-after') === '2' && body.errors![0].extensions!.retryAfterSeconds === 2;
      if ((res.status >= 500 && !unavailable) || (res.status === 200 && code !== 'ok')) bad.push(`${at}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    }
  };
  const all = Array.from({ length: clients }, (_, k) => one(k));
  return {
    tallies,
    bad,
    phase: (p: string) => (phase = p),
    stop: async () => {
      running = false;
      await Promise.all(all);
    },
  };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const count = (tally: Tally | undefined, pattern: RegExp) => Object.entries(tally ?? {}).reduce((n, [k, v]) => n + (pattern.test(k) ? v : 0), 0);

/** The server's log lines about the outage: one warning when it starts, one line with the count when it ends, no stack per request. */
async function expectOutageLoggedOnce(server: TestServer, backend: string, failures: number) {
  let recovered: string | undefined;
  for (let i = 0; i < 40 && !recovered; i++) {
    await pause(250);
    recovered = server.logs.filter((l) => l.includes('"database available again"')).pop();
  }
  expect(server.logs.filter((l) => l.includes('"database unavailable"'))).toHaveLength(1);
  expect(JSON.parse(recovered!)).toMatchObject({ driver: backend, failedRequests: expect.any(Number) });
  // Counted: failures the database caused (a write refused because another held the lock is not one).
  expect(JSON.parse(recovered!).failedRequests).toBeGreaterThan(0);
  expect(failures).toBeGreaterThan(0);
  expect(server.logs.filter((l) => l.includes('unhandled error') || l.includes('"stack"'))).toEqual([]);
}

const SERVERS = {
  postgresql: async () => {
    const cluster = await startPostgres();
    return { url: createPgDatabase(cluster.url, 'outage'), halt: async () => cluster.halt(), resume: async () => cluster.resume(), stop: async () => cluster.stop() };
  },
  // The gateway reaches FerretDB through a proxy that is cut and restored (restarting FerretDB itself
  // left the MongoDB driver failing server selection with stale "connection closed" errors for a while).
  mongodb: async () => {
    const mongo = await startFerretDb();
    const proxy = await startTcpProxy(Number(new URL(mongo.url).port));
    return {
      url: `mongodb://127.0.0.1:${proxy.port}/outage`,
      halt: () => proxy.halt(),
      resume: () => proxy.resume(),
      stop: async () => {
        await proxy.stop();
        await mongo.stop();
      },
    };
  },
};

/**
 * FerretDB keeps answering while the PostgreSQL it stores into is down (its
 * errors, e.g. InternalError "unexpected EOF", must read as unavailable too).
 * Only for the embedded FerretDB: a real MongoDB (MONGO_URL) has no such layer.
 */
const STORAGE_OUTAGES = {
  mongodb: async () => {
    const cluster = await startPostgres();
    const mongo = await startFerretDb(createPgDatabase(cluster.url, 'ferretdb'));
    return {
      url: `${mongo.url}outage`,
      halt: async () => cluster.halt(),
      resume: async () => cluster.resume(),
      stop: async () => {
        await mongo.stop();
        cluster.stop();
      },
    };
  },
};

const CASES = [
  ...selectedBackends()
    .filter((b): b is keyof typeof SERVERS => b in SERVERS)
    .map((backend) => ({ title: `an outage of ${backend} under load`, backend, start: SERVERS[backend] })),
  ...selectedBackends()
    .filter((b): b is keyof typeof STORAGE_OUTAGES => b in STORAGE_OUTAGES && !process.env.MONGO_URL)
    .map((backend) => ({ title: `an outage of the PostgreSQL under FerretDB (${backend}) under load`, backend, start: STORAGE_OUTAGES[backend] })),
];

/**
 * The database server stopped under load and started again: every request
 * meanwhile is answered 503 SERVICE_UNAVAILABLE with Retry-After (never 500),
 * /readyz says 503, the outage is logged once (with a count, no stack per
 * request), and the server serves again once the database is back, without a restart.
 */
for (const { title, backend, start } of CASES)
  describe(title, () => {
    let database: Awaited<ReturnType<typeof start>>;
    let server: TestServer;
    beforeAll(async () => {
      database = await start();
      server = await TestServer.start(backend, { RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_ANON_PER_MINUTE: '0', AUTH_CACHE_TTL_MS: '0', LOG_LEVEL: 'info' }, database.url);
    });
    afterAll(async () => {
      await server?.stop();
      await database?.stop();
    });

    it('answers 503 with Retry-After while it is down, logs it once, and recovers without a restart', async () => {
      const readyz = server.url.replace('/graphql', '/readyz');
      const traffic = load(server);
      await pause(1000);
      await database.halt();
      traffic.phase('down');
      await pause(4000);
      const notReady = await fetch(readyz);
      expect(notReady.status).toBe(503);
      expect(notReady.headers.get('retry-after')).toBe('2');
      await database.resume();
      traffic.phase('after');
      let ready = 0;
      for (let i = 0; i < 60 && ready !== 200; i++) {
        await pause(250);
        ready = (await fetch(readyz)).status;
      }
      expect(ready).toBe(200);
      traffic.phase('recovered');
      await pause(2000);
      await traffic.stop();
      process.stdout.write(`\noutage of ${backend}: ${JSON.stringify(traffic.tallies)}\n`);
      const unhandled = server.logs.filter((l) => l.includes('unhandled error')).map((l) => JSON.parse(l).error?.message);
      expect([...traffic.bad, ...unhandled]).toEqual([]);
      const failures = count(traffic.tallies.down, / 503 SERVICE_UNAVAILABLE$/);
      expect(failures).toBeGreaterThan(0);
      expect(count(traffic.tallies.recovered, /^read 200 ok$/)).toBeGreaterThan(0);
      expect(count(traffic.tallies.recovered, /^write 200 ok$/)).toBeGreaterThan(0);
      await expectOutageLoggedOnce(server, backend, failures);
    });
  });

/**
 * SQLite has no server to stop; what a client meets is the file locked by
 * another writer (a migration, a CLI restore, another process) for longer
 * than busy_timeout (5 s). Reads go on (WAL); writes answer 503 with
 * Retry-After until the lock goes, then succeed again.
 */
for (const backend of selectedBackends().filter((b) => b === 'sqlite'))
  describe(`the ${backend} file locked by another writer under load`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await TestServer.start(backend, { RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_ANON_PER_MINUTE: '0', LOG_LEVEL: 'info' });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('answers writes 503 with Retry-After while locked, keeps serving reads, and recovers', async () => {
      const traffic = load(server, 4);
      await pause(500);
      const lock = await holdSqliteWriteLock(server.db.databaseUrl);
      traffic.phase('down');
      await pause(7000);
      await lock.release();
      traffic.phase('after');
      await pause(1500);
      traffic.phase('recovered');
      await pause(1500);
      await traffic.stop();
      process.stdout.write(`\nlocked ${backend}: ${JSON.stringify(traffic.tallies)}\n`);
      expect(traffic.bad).toEqual([]);
      const failures = count(traffic.tallies.down, /^write 503 SERVICE_UNAVAILABLE$/) + count(traffic.tallies.after, /^write 503 SERVICE_UNAVAILABLE$/);
      expect(failures).toBeGreaterThan(0);
      expect(count(traffic.tallies.down, /^read 200 ok$/)).toBeGreaterThan(0);
      expect(count(traffic.tallies.recovered, /^write 200 ok$/)).toBeGreaterThan(0);
      await expectOutageLoggedOnce(server, backend, failures);
    });
  });
