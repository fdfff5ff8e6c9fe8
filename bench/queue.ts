/**
 * Work-queue bench: claims and completes per second with 1, 4 and 16 workers,
 * the queue holding 10k and then 1M pending generations (a claim must not slow
 * down with the queue's length), per backend. Workers are loops in this process
 * speaking HTTP to the built server: claim 10, then complete them one request
 * each (completeCodeGeneration) or all in one (completeCodeGenerations). The
 * server's CPU per claimed-and-completed job comes from /proc, and so does the
 * whole machine's (server, database and these clients: 2 cores = 2,000 ms/s).
 *   npm run build && npm run bench:queue
 *   BENCH_BACKENDS=postgresql BENCH_QUEUE_SIZES=10000,1000000 BENCH_SECONDS=10 npm run bench:queue
 * FerretDB scans in memory: it runs at 10k only (BENCH_QUEUE_SIZES applies to SQL).
 * PostgreSQL is reached over its Unix socket, as a database on the same host is
 * (BENCH_PG_TCP=1: over TCP on 127.0.0.1). BENCH_WORKERS=1,4,16 and
 * BENCH_COMPLETES=each,batch choose the runs; BENCH_PROF=DIR writes the server's CPU profile.
 */
import { startBuiltServer } from './support/built-server';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { initORM } from '../src/db/orm';
import { startFerretDb } from '../test/support/ferretdb';
import { createPgDatabase, startPostgres } from '../test/support/postgres';

const ROOT = resolve(__dirname, '..');
const CLI = join(ROOT, 'dist/src/cli/main.js');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const SIZES = (process.env.BENCH_QUEUE_SIZES ?? '10000,1000000').split(',').map(Number);
const WORKER_COUNTS = (process.env.BENCH_WORKERS ?? '1,4,16').split(',').map(Number);
const BATCH = 10;

function cli(env: Record<string, string>, ...args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

/** CPU time the whole machine spent (all processes), from /proc/stat. */
const machineCpuMs = () => {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  return (ticks.reduce((a, b) => a + b, 0) - ticks[3] - ticks[4]) * 10;
};

const cpuMs = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};

/**
 * Tops the queue up to `target` PENDING generations in one project, written straight into
 * the database (the bench measures claims, not inserts), so no run finds the queue drained.
 */
async function fillQueue(driver: string, databaseUrl: string, projectId: string, target: number): Promise<void> {
  const orm = await initORM({ driver: driver as never, databaseUrl });
  try {
    const count = target - (await pendingCount(orm, driver));
    if (count <= 0) return;
    const now = Date.now();
    const day = new Date(now).toISOString().slice(0, 10);
    if (driver === 'mongodb') {
      const db = (orm.em.getConnection() as unknown as { getDb(): import('mongodb').Db }).getDb();
      for (let i = 0; i < count; i += 5000) {
        const docs = Array.from({ length: Math.min(5000, count - i) }, (_, k) => {
          const at = new Date(now - (count - i - k));
          return {
            _id: crypto.randomUUID(),
            createdAt: at,
            updatedAt: at,
            specification: 'bench',
            language: 'go',
            framework: null,
            generatedCode: null,
            status: 'pending',
            tokensUsed: 0,
            priority: (i + k) % 3,
            attempts: 0,
            maxAttempts: 3,
            runAfter: null,
            lockedBy: null,
            lockedUntil: null,
            lastError: null,
            startedAt: null,
            completedAt: null,
            project: projectId,
            day,
          };
        });
        await db.collection('code_generations').insertMany(docs as never[]);
      }
    } else {
      const conn = orm.em.getConnection() as unknown as { execute(sql: string, params?: unknown[]): Promise<unknown> };
      const pg = driver === 'postgresql';
      const series = pg
        ? `select gen_random_uuid() as id, to_timestamp((${now} - (${count} - g)) / 1000.0) as at, g from generate_series(1, ${count}) g`
        : `with recursive s(g) as (select 1 union all select g + 1 from s where g < ${count}) select lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) as id, ${now} - (${count} - g) as at, g from s`;
      await conn.execute(
        `insert into code_generations (id, created_at, updated_at, specification, language, status, tokens_used, priority, attempts, max_attempts, project_id, day) ` +
          `select id, at, at, 'bench', 'go', 'pending', 0, g % 3, 0, 3, '${projectId}', '${day}' from (${series}) q`,
      );
      if (pg) await conn.execute('analyze code_generations');
    }
  } finally {
    await orm.close(true);
  }
}

async function pendingCount(orm: Awaited<ReturnType<typeof initORM>>, driver: string): Promise<number> {
  if (driver === 'mongodb') {
    const db = (orm.em.getConnection() as unknown as { getDb(): import('mongodb').Db }).getDb();
    return db.collection('code_generations').countDocuments({ status: 'pending' });
  }
  const conn = orm.em.getConnection() as unknown as { execute(sql: string): Promise<{ n: unknown }[]> };
  return Number((await conn.execute(`select count(*) as n from code_generations where status = 'pending'`))[0].n);
}

async function run(url: string, key: string, workers: number, seconds: number, batched: boolean): Promise<{ claimed: number; completed: number; errors: number }> {
  const post = async (query: string, variables: object) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as { data?: Record<string, { id: string }[]>; errors?: unknown[] };
  };
  const until = Date.now() + seconds * 1000;
  const counts = { claimed: 0, completed: 0, errors: 0 };
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (Date.now() < until) {
        const claim = await post('mutation($w: String!, $n: Int!) { claimCodeGenerations(workerId: $w, limit: $n, leaseSeconds: 300) { id } }', { w: `bench-${w}`, n: BATCH });
        if (claim.errors) {
          counts.errors++;
          continue;
        }
        const jobs = claim.data!.claimCodeGenerations;
        counts.claimed += jobs.length;
        if (batched && jobs.length) {
          const outputs = jobs.map((job) => ({ id: job.id, generatedCode: 'x', tokensUsed: 1 }));
          const done = await post('mutation($w: String!, $o: [GenerationOutput!]!) { completeCodeGenerations(workerId: $w, outputs: $o) { completed { id } } }', { w: `bench-${w}`, o: outputs });
          const completed = (done.data?.completeCodeGenerations as unknown as { completed: unknown[] } | undefined)?.completed.length ?? 0;
          counts.completed += completed;
          counts.errors += jobs.length - completed;
          continue;
        }
        for (const job of jobs) {
          const done = await post('mutation($id: ID!, $w: String!) { completeCodeGeneration(id: $id, workerId: $w, generatedCode: "x", tokensUsed: 1) { id } }', { id: job.id, w: `bench-${w}` });
          if (done.errors) counts.errors++;
          else counts.completed++;
        }
      }
    }),
  );
  return counts;
}

async function main() {
  const backends = (process.env.BENCH_BACKENDS ?? 'sqlite,postgresql,mongodb').split(',');
  const work = mkdtempSync(join(tmpdir(), 'codeobit-queue-'));
  const pg = backends.some((b) => b !== 'sqlite') ? await startPostgres() : null;
  const mongo = backends.includes('mongodb') ? await startFerretDb(createPgDatabase(pg!.url, 'ferretdb')) : null;
  const table: Record<string, unknown>[] = [];
  try {
    for (const driver of backends) {
      for (const size of driver === 'mongodb' ? [10_000] : SIZES) {
        const databaseUrl =
          driver === 'sqlite'
            ? join(work, `q${size}.sqlite3`)
            : driver === 'postgresql'
              ? createPgDatabase(process.env.BENCH_PG_SOCKET ? pg!.socketUrl : pg!.url, `q${size}`)
              : `${mongo!.url}q${size}`;
        const env = { DB_DRIVER: driver, DATABASE_URL: databaseUrl };
        cli(env, 'db', 'init');
        const key = JSON.parse(cli(env, 'user', 'create', '--username', 'bencher', '--email', 'b@example.com', '--worker', '--json')).apiKey as string;
        const admin = JSON.parse(cli(env, 'user', 'create', '--username', 'owner', '--email', 'o@example.com', '--admin', '--json')).apiKey as string;
        const server = await startBuiltServer(
          { AUTH_CACHE_TTL_MS: '60000', KEEP_ALIVE_TIMEOUT_MS: '600000', ...env },
          process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [],
        );
        try {
          const made = await fetch(server.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
            body: JSON.stringify({ query: 'mutation { createProject(input: { name: "bench" }) { id } }' }),
          });
          const projectId = ((await made.json()) as { data: { createProject: { id: string } } }).data.createProject.id;
          const filled = Date.now();
          await fillQueue(driver, databaseUrl, projectId, size);
          console.error(`${driver}: ${size} pending in ${Date.now() - filled} ms`);
          await run(server.url, key, 4, 1, false); // warm-up
          for (const batched of (process.env.BENCH_COMPLETES ?? 'each,batch').split(',').map((c) => c === 'batch'))
            for (const workers of WORKER_COUNTS) {
              await fillQueue(driver, databaseUrl, projectId, size);
              const cpu = cpuMs(server.child.pid!);
              const machine = machineCpuMs();
              const client = process.cpuUsage();
              const counts = await run(server.url, key, workers, SECONDS, batched);
              const used = cpuMs(server.child.pid!) - cpu;
              const spent = process.cpuUsage(client);
              const clientMs = spent.user + spent.system;
              const jobs = Math.max(counts.completed, 1);
              table.push({
                backend: driver,
                'pending rows': size,
                completes: batched ? 'batch' : 'each',
                workers,
                'claims/s': Math.round(counts.claimed / SECONDS),
                'completes/s': Math.round(counts.completed / SECONDS),
                'server CPU ms/job': Number((used / jobs).toFixed(2)),
                'client CPU ms/job': Number((clientMs / 1000 / jobs).toFixed(2)),
                'machine CPU ms/job': Number(((machineCpuMs() - machine) / jobs).toFixed(2)),
                errors: counts.errors,
              });
            }
        } finally {
          server.child.kill('SIGTERM');
        }
      }
    }
  } finally {
    pg?.stop();
    await mongo?.stop();
    rmSync(work, { recursive: true, force: true });
  }
  console.table(table);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
