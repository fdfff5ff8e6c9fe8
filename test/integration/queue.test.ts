import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { GraphQLFormattedError } from 'graphql';
import { prng } from '../../src/backup/seed-data';
import { createContext } from '../../src/context';
import { selectedBackends } from '../support/backends';
import { cli } from '../support/cli';
import { TestServer } from '../support/server';

/**
 * The work queue through real HTTP on every backend: the protocol (priority,
 * leases, heartbeats, backoff, LEASE_LOST) on a clock the test moves instead
 * of sleeping, then 16 workers over 2,000 jobs with failures, lost leases and
 * a worker that dies holding work: every job ends COMPLETED exactly once or
 * FAILED for good, and what each acknowledged completion wrote is what is stored.
 */
/**
 * 2,000 jobs; 400 on the embedded FerretDB 1.24, whose writes queue behind one lock and
 * whose every claim scans the collection in memory (2,000 there take over ten minutes).
 * With MONGO_URL (a real MongoDB) the full 2,000.
 */
const jobsFor = (backend: string) => Number(process.env.QUEUE_TEST_JOBS ?? (backend === 'mongodb' && !process.env.MONGO_URL ? 400 : 2000));
const WORKERS = 16;

type Answer<T> = { status: number; data?: T | null; errors?: GraphQLFormattedError[] };
type Job = {
  id: string;
  status: string;
  priority: number;
  attempts: number;
  maxAttempts: number;
  lockedBy: string | null;
  lockedUntil: string | null;
  runAfter: string | null;
  lastError: string | null;
  generatedCode: string | null;
  tokensUsed: number;
  completedAt: string | null;
};
const JOB = 'id status priority attempts maxAttempts lockedBy lockedUntil runAfter lastError generatedCode tokensUsed completedAt';
const CLAIM = `mutation($w: String!, $n: Int, $l: Int, $langs: [String!]) { claimCodeGenerations(workerId: $w, limit: $n, leaseSeconds: $l, languages: $langs) { ${JOB} } }`;
const HEARTBEAT = `mutation($id: ID!, $w: String!, $l: Int) { heartbeat(id: $id, workerId: $w, leaseSeconds: $l) { ${JOB} } }`;
const COMPLETE = `mutation($id: ID!, $w: String!, $c: String!, $t: Int!) { completeCodeGeneration(id: $id, workerId: $w, generatedCode: $c, tokensUsed: $t) { ${JOB} } }`;
const COMPLETE_MANY = `mutation($w: String!, $o: [GenerationOutput!]!) { completeCodeGenerations(workerId: $w, outputs: $o) { completed { ${JOB} } rejected { id reason message } } }`;
type CompletedMany = { completeCodeGenerations: { completed: Job[]; rejected: { id: string; reason: string; message: string }[] } };
const FAIL = `mutation($id: ID!, $w: String!, $e: String!, $r: Boolean) { failCodeGeneration(id: $id, workerId: $w, error: $e, retryable: $r) { ${JOB} } }`;

describe.each(selectedBackends())('work queue on %s', (backend) => {
  const JOBS = jobsFor(backend);
  let server: TestServer;
  let worker: TestServer;
  let projectId: string;
  /** The server's clock runs this far ahead of the real one. */
  let offset = 0;
  const now = () => Date.now() + offset;

  beforeAll(async () => {
    // Keep-alive past any stall: a client reusing a connection the server is closing at that moment gets a reset.
    // No execution timeout in reach: a timed-out completion would leave the worker unsure whether it was stored
    // (the embedded FerretDB, which scans in memory, can take seconds per claim on a loaded machine).
    server = await TestServer.start(backend, { RATE_LIMIT_PER_MINUTE: '0', QUEUE_BACKOFF_JITTER_PERCENT: '0', KEEP_ALIVE_TIMEOUT_MS: '600000', EXECUTION_TIMEOUT_MS: '300000' });
    server.app.store.now = () => new Date(now());
    // Worker keys come from the CLI (`user create --worker`) or an admin's createUser(role: WORKER).
    const created = await cli(server.db, 'user', 'create', '--username', 'worker1', '--email', 'worker1@example.com', '--worker', '--json');
    expect(JSON.parse(created.out)).toMatchObject({ role: 'worker' });
    worker = server.as(JSON.parse(created.out).apiKey);
    projectId = (await ok<{ createProject: { id: string } }>(`mutation { createProject(input: { name: "queue" }) { id } }`)).createProject.id;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  const send = <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, as = server): Promise<Answer<T>> => as.raw<T>({ query, variables });
  async function ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, as = server): Promise<T> {
    const res = await send<T>(query, variables, as);
    if (res.errors?.length || !res.data) throw new Error(`failed: ${JSON.stringify(res.errors)}`);
    return res.data;
  }
  const claim = async (w: string, n = 1, lease = 60, languages?: string[]) => (await ok<{ claimCodeGenerations: Job[] }>(CLAIM, { w, n, l: lease, langs: languages }, worker)).claimCodeGenerations;
  const job = async (id: string) => (await ok<{ codeGeneration: Job }>(`query($id: ID!) { codeGeneration(id: $id) { ${JOB} } }`, { id })).codeGeneration;
  const create = async (priority = 0, language = 'go', maxAttempts?: number) =>
    (
      await ok<{ createCodeGeneration: { id: string } }>(
        `mutation($p: ID!, $pr: Int, $lang: String!, $m: Int) { createCodeGeneration(input: { projectId: $p, specification: "job", language: $lang, priority: $pr, maxAttempts: $m }) { id } }`,
        { p: projectId, pr: priority, lang: language, m: maxAttempts },
      )
    ).createCodeGeneration.id;
  /** Claims until nothing is left, so each protocol test starts from an empty queue. */
  const drain = async () => {
    offset += 10 * 86_400_000;
    for (let jobs = await claim('drain', 100, 1); jobs.length; jobs = await claim('drain', 100, 1)) {
      for (const j of jobs) await ok(FAIL, { id: j.id, w: 'drain', e: 'drained', r: false }, worker);
    }
  };
  const codeOf = (a: Answer<unknown>) => a.errors?.[0]?.extensions?.code;
  /** As a worker does: SERVICE_UNAVAILABLE (the database busy, nothing written) is tried again. */
  const sendRetrying = async <T = Record<string, any>>(query: string, variables: Record<string, unknown>, as: TestServer): Promise<Answer<T>> => {
    for (let attempt = 0; ; attempt++) {
      const answer = await send<T>(query, variables, as);
      if (codeOf(answer) !== 'SERVICE_UNAVAILABLE' || attempt >= 100) return answer;
      tally.busy++;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const tally = { claims: 0, claimed: 0, completed: 0, failedRetry: 0, failedFinal: 0, abandoned: 0, stalled: 0, leaseLost: 0, busy: 0, clockMoves: 0 };
  const reasonOf = (a: Answer<unknown>) => a.errors?.[0]?.extensions?.reason;

  it('claims the highest priority first, then the oldest, and marks each RUNNING for the worker', async () => {
    await drain();
    const ids = [await create(0), await create(5), await create(5), await create(-1), await create(1)];
    const started = now();
    const jobs = await claim('alpha', 4, 30);
    expect(jobs.map((j) => j.id)).toEqual([ids[1], ids[2], ids[4], ids[0]]);
    for (const j of jobs) {
      expect(j).toMatchObject({ status: 'RUNNING', lockedBy: 'alpha', attempts: 1 });
      expect(Date.parse(j.lockedUntil!) - started).toBeGreaterThanOrEqual(30_000);
      expect(Date.parse(j.lockedUntil!) - started).toBeLessThan(35_000);
    }
    expect((await claim('beta', 4)).map((j) => j.id)).toEqual([ids[3]]);
    expect(await claim('beta', 4)).toEqual([]);
  });

  it('takes only the languages asked for', async () => {
    await drain();
    const go = await create(0, 'go');
    const rust = await create(9, 'rust');
    expect((await claim('alpha', 5, 60, ['go'])).map((j) => j.id)).toEqual([go]);
    expect((await claim('alpha', 5, 60, ['go'])).map((j) => j.id)).toEqual([]);
    expect((await claim('alpha', 5, 60)).map((j) => j.id)).toEqual([rust]);
  });

  it('an expired lease makes the job claimable again; the stale worker then changes nothing (LEASE_LOST)', async () => {
    await drain();
    const id = await create();
    const [first] = await claim('stale', 1, 10);
    expect(first.id).toBe(id);
    expect(await claim('fresh', 1, 10)).toEqual([]);
    offset += 11_000;
    const [second] = await claim('fresh', 1, 60);
    expect(second).toMatchObject({ id, lockedBy: 'fresh', attempts: 2, status: 'RUNNING' });
    for (const [query, vars] of [
      [COMPLETE, { id, w: 'stale', c: 'late', t: 1 }],
      [FAIL, { id, w: 'stale', e: 'late', r: true }],
      [HEARTBEAT, { id, w: 'stale', l: 60 }],
    ] as const) {
      const refused = await send(query, vars, worker);
      expect([codeOf(refused), reasonOf(refused)]).toEqual(['CONFLICT', 'LEASE_LOST']);
    }
    expect(await job(id)).toMatchObject({ status: 'RUNNING', lockedBy: 'fresh', attempts: 2, generatedCode: null, lastError: null });
    // The hook live updates attach to sees each transition with the stored row.
    const changes: string[] = [];
    const listen = (row: Record<string, unknown>, change: string) => changes.push(`${change}:${row.status}:${row.id === id}`);
    server.app.store.generationChanges.on('changed', listen);
    const done = await ok<{ completeCodeGeneration: Job }>(COMPLETE, { id, w: 'fresh', c: 'print(1)', t: 42 }, worker);
    server.app.store.generationChanges.off('changed', listen);
    expect(changes).toEqual(['completed:completed:true']);
    expect(done.completeCodeGeneration).toMatchObject({ status: 'COMPLETED', generatedCode: 'print(1)', tokensUsed: 42, lockedBy: null, lockedUntil: null });
    expect(await job(id)).toEqual(done.completeCodeGeneration);
    // Finished work is nobody's: completing it again is refused the same way.
    expect(reasonOf(await send(COMPLETE, { id, w: 'fresh', c: 'again', t: 1 }, worker))).toBe('LEASE_LOST');
  });

  it('completes a batch in one request: each outcome stored or rejected on its own', async () => {
    await drain();
    const [a, b, c] = [await create(2), await create(1), await create(0)];
    expect((await claim('batcher', 2, 60)).map((j) => j.id)).toEqual([a, b]);
    expect((await claim('other', 1, 60)).map((j) => j.id)).toEqual([c]);
    const missing = '00000000-0000-4000-8000-000000000000';
    const outputs = [
      { id: b, generatedCode: 'b()', tokensUsed: 2 },
      { id: c, generatedCode: 'stolen', tokensUsed: 3 },
      { id: a, generatedCode: 'a()', tokensUsed: 1 },
      { id: missing, generatedCode: 'x', tokensUsed: 0 },
    ];
    const done = (await ok<CompletedMany>(COMPLETE_MANY, { w: 'batcher', o: outputs }, worker)).completeCodeGenerations;
    expect(done.completed.map((j) => [j.id, j.status, j.generatedCode, j.tokensUsed, j.lockedBy])).toEqual([
      [b, 'COMPLETED', 'b()', 2, null],
      [a, 'COMPLETED', 'a()', 1, null],
    ]);
    expect(done.rejected.map((r) => [r.id, r.reason])).toEqual([
      [c, 'LEASE_LOST'],
      [missing, 'NOT_FOUND'],
    ]);
    expect(await job(a)).toEqual(done.completed[1]);
    expect(await job(c)).toMatchObject({ status: 'RUNNING', lockedBy: 'other', generatedCode: null });
    // Sent again, everything is refused: finished work is nobody's.
    const again = (await ok<CompletedMany>(COMPLETE_MANY, { w: 'batcher', o: outputs.slice(0, 1) }, worker)).completeCodeGenerations;
    expect([again.completed, again.rejected.map((r) => r.reason)]).toEqual([[], ['LEASE_LOST']]);
    // A batch with a bad outcome, a repeated id or none at all changes nothing.
    const bad = await send(
      COMPLETE_MANY,
      {
        w: 'other',
        o: [
          { id: c, generatedCode: 'c()', tokensUsed: 1 },
          { id: a, generatedCode: 'x', tokensUsed: -1 },
        ],
      },
      worker,
    );
    expect([codeOf(bad), (bad.errors?.[0]?.extensions?.fields as { field: string }[])?.map((f) => f.field)]).toEqual(['BAD_USER_INPUT', ['outputs.1.tokensUsed']]);
    const twice = { id: c, generatedCode: 'c()', tokensUsed: 1 };
    expect(codeOf(await send(COMPLETE_MANY, { w: 'other', o: [twice, twice] }, worker))).toBe('BAD_USER_INPUT');
    expect(codeOf(await send(COMPLETE_MANY, { w: 'other', o: [] }, worker))).toBe('BAD_USER_INPUT');
    expect(await job(c)).toMatchObject({ status: 'RUNNING', lockedBy: 'other', generatedCode: null });
    expect(await server.app.store.backend.rollupDrift()).toEqual([]);
  });

  it('analytics report the wait and run time of finished work per day, exactly', async () => {
    await drain();
    const own = (await ok<{ createProject: { id: string } }>(`mutation { createProject(input: { name: "timed" }) { id } }`)).createProject.id;
    const make = async () =>
      (await ok<{ createCodeGeneration: { id: string } }>(`mutation($p: ID!) { createCodeGeneration(input: { projectId: $p, specification: "t", language: "go" }) { id } }`, { p: own }))
        .createCodeGeneration.id;
    const [a, b] = [await make(), await make()];
    await make(); // never claimed: not timed
    offset += 7_000;
    await claim('timer', 2, 60);
    offset += 2_500;
    await ok(COMPLETE, { id: a, w: 'timer', c: 'a', t: 1 }, worker);
    offset += 1_000;
    await ok(FAIL, { id: b, w: 'timer', e: 'no', r: false }, worker);
    const times = async (id: string) => {
      const g = (await ok<{ codeGeneration: Record<string, string> }>(`query($id: ID!) { codeGeneration(id: $id) { createdAt startedAt completedAt } }`, { id })).codeGeneration;
      return { day: g.createdAt.slice(0, 10), wait: Date.parse(g.startedAt) - Date.parse(g.createdAt), run: Date.parse(g.completedAt) - Date.parse(g.startedAt) };
    };
    const [ta, tb] = [await times(a), await times(b)];
    // The server's clock is the real one moved ahead: at least the moves, plus the time the requests took.
    expect([ta.run >= 2_500, tb.run >= 3_500, ta.wait >= 7_000, tb.wait >= 7_000, tb.run - ta.run >= 1_000]).toEqual([true, true, true, true, true]);
    const q = `query($p: ID!) { analytics(from: "2020-01-01T00:00:00Z", to: "2029-12-31T00:00:00Z", projectId: $p) { queueTimes { day finished waitSeconds runSeconds averageWaitSeconds averageRunSeconds } } }`;
    const waitSeconds = (ta.wait + tb.wait) / 1000;
    expect((await ok<{ analytics: { queueTimes: unknown[] } }>(q, { p: own })).analytics.queueTimes).toEqual([
      { day: ta.day, finished: 2, waitSeconds, runSeconds: (ta.run + tb.run) / 1000, averageWaitSeconds: waitSeconds / 2, averageRunSeconds: (ta.run + tb.run) / 1000 / 2 },
    ]);
    expect(await server.app.store.backend.rollupDrift()).toEqual([]);
  });

  it('a heartbeat extends the lease from now', async () => {
    await drain();
    const id = await create();
    await claim('beating', 1, 10);
    offset += 8_000;
    const beat = (await ok<{ heartbeat: Job }>(HEARTBEAT, { id, w: 'beating', l: 10 }, worker)).heartbeat;
    expect(Date.parse(beat.lockedUntil!) - now()).toBeGreaterThan(9_000);
    offset += 8_000;
    expect(await claim('thief', 1, 10)).toEqual([]);
    offset += 3_000;
    expect((await claim('thief', 1, 10)).map((j) => j.id)).toEqual([id]);
  });

  it('a retryable failure waits 30 s × 2^(attempts − 1), then fails for good after maxAttempts, keeping the last error', async () => {
    await drain();
    const id = await create(0, 'go', 3);
    for (const [attempt, wait] of [
      [1, 30_000],
      [2, 60_000],
    ] as const) {
      const [held] = await claim('retry', 1, 60);
      expect(held).toMatchObject({ id, attempts: attempt });
      const failed = (await ok<{ failCodeGeneration: Job }>(FAIL, { id, w: 'retry', e: `boom ${attempt}`, r: true }, worker)).failCodeGeneration;
      expect(failed).toMatchObject({ status: 'PENDING', lockedBy: null, lastError: `boom ${attempt}` });
      expect(Date.parse(failed.runAfter!) - now()).toBeGreaterThan(wait - 2_000);
      expect(Date.parse(failed.runAfter!) - now()).toBeLessThanOrEqual(wait);
      offset += wait - 2_000;
      expect(await claim('retry', 1, 60)).toEqual([]);
      offset += 2_000;
    }
    const [last] = await claim('retry', 1, 60);
    expect(last).toMatchObject({ id, attempts: 3 });
    const final = (await ok<{ failCodeGeneration: Job }>(FAIL, { id, w: 'retry', e: 'boom 3', r: true }, worker)).failCodeGeneration;
    expect(final).toMatchObject({ status: 'FAILED', attempts: 3, lastError: 'boom 3', lockedBy: null });
    expect(final.completedAt).not.toBeNull();
    offset += 86_400_000;
    expect(await claim('retry', 1, 60)).toEqual([]);
  });

  it('a failure that is not retryable is final at once', async () => {
    await drain();
    const id = await create();
    await claim('w', 1, 60);
    expect((await ok<{ failCodeGeneration: Job }>(FAIL, { id, w: 'w', e: 'bad spec', r: false }, worker)).failCodeGeneration).toMatchObject({ status: 'FAILED', attempts: 1, lastError: 'bad spec' });
  });

  it('only WORKER keys and admins take work; bad arguments are BAD_USER_INPUT', async () => {
    const user = await ok<{ createUser: { apiKey: string } }>(`mutation { createUser(input: { username: "plain", email: "plain@example.com" }) { apiKey } }`);
    const plain = server.as(user.createUser.apiKey);
    expect(codeOf(await send(CLAIM, { w: 'x', n: 1 }, plain))).toBe('FORBIDDEN');
    expect(codeOf(await send(CLAIM, { w: 'x', n: 1 }, server.as(null)))).toBe('UNAUTHENTICATED');
    expect((await send(CLAIM, { w: 'admin', n: 1 }, server)).errors).toBeUndefined();
    for (const vars of [
      { w: '', n: 1 },
      { w: 'x', n: 0 },
      { w: 'x', n: 101 },
      { w: 'x', n: 1, l: 0 },
      { w: 'x', n: 1, l: 3601 },
      { w: 'bad id!', n: 1 },
      // Found by the schema fuzzer: a NUL in a language reached the SQL as text.
      { w: 'x', n: 1, langs: ['a\u0000b'] },
    ]) {
      expect(codeOf(await send(CLAIM, vars, worker))).toBe('BAD_USER_INPUT');
    }
    expect(codeOf(await send(COMPLETE, { id: '00000000-0000-4000-8000-000000000000', w: 'x', c: 'c', t: 1 }, worker))).toBe('NOT_FOUND');
    expect(codeOf(await send(COMPLETE, { id: 'nope', w: 'x', c: 'c', t: 1 }, worker))).toBe('BAD_USER_INPUT');
  });

  /** Runs `codeobit worker` (the built CLI) with `handler` as its handler module, as a real process. */
  const startWorker = (handler: string, args: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'codeobit-worker-'));
    const file = join(dir, 'handler.js');
    writeFileSync(file, handler);
    const child = spawn(process.execPath, [resolve(__dirname, '../../dist/src/cli/main.js'), 'worker', '--handler', file, ...args], {
      env: { ...process.env, CODEOBIT_URL: server.url, CODEOBIT_API_KEY: worker.key! },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    return { child, exited, stderr: () => stderr, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  };
  const unfinished = async () =>
    (await ok<{ codeGenerations: { totalCount: number } }>(`{ codeGenerations(first: 0, filter: { status: { in: [PENDING, RUNNING] } }) { totalCount } }`)).codeGenerations.totalCount;

  it('the reference worker runs a handler that fails sometimes until the queue is empty, then stops on SIGTERM', async () => {
    await drain();
    const specs = [...Array.from({ length: 14 }, (_, i) => `ok ${i}`), ...Array.from({ length: 4 }, (_, i) => `flaky ${i}`), 'never 1', 'never 2'];
    const ids = new Map<string, string>();
    for (const spec of specs) {
      const id = (
        await ok<{ createCodeGeneration: { id: string } }>(`mutation($p: ID!, $s: String!) { createCodeGeneration(input: { projectId: $p, specification: $s, language: "go" }) { id } }`, {
          p: projectId,
          s: spec,
        })
      ).createCodeGeneration.id;
      ids.set(spec, id);
    }
    const handler = `module.exports = async (job) => {
      if (job.specification.startsWith('never')) throw Object.assign(new Error('cannot do ' + job.specification), { retryable: false });
      if (job.specification.startsWith('flaky') && job.attempts < 2) throw new Error('model overloaded');
      return { code: '// ' + job.language + ': ' + job.specification, tokensUsed: job.specification.length };
    };`;
    // A lease longer than the clock moves in this test: each job is claimed once (or twice when flaky).
    const w = startWorker(handler, ['--concurrency', '4', '--lease', '3600', '--progress', '1', '--worker-id', 'e2e-worker']);
    try {
      // Retries wait 30 s on the server's clock: moved on while the worker runs.
      for (let i = 0; i < 600 && (await unfinished()) > 0; i++) {
        offset += 31_000;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await unfinished()).toBe(0);
      w.child.kill('SIGTERM');
      expect(await w.exited).toBe(0);
    } finally {
      w.child.kill('SIGKILL');
      w.dispose();
    }
    for (const [spec, id] of ids) {
      const j = await job(id);
      if (spec.startsWith('never')) expect(j).toMatchObject({ status: 'FAILED', attempts: 1, lastError: `cannot do ${spec}` });
      else expect(j).toMatchObject({ status: 'COMPLETED', generatedCode: `// go: ${spec}`, tokensUsed: spec.length, attempts: spec.startsWith('flaky') ? 2 : 1, lockedBy: null });
    }
    expect(w.stderr()).toMatch(/worker e2e-worker: SIGTERM: finishing running work/);
    expect(w.stderr()).toMatch(/completed 18, failed 6, lease lost 0, released 0/);
  }, 120_000);

  it('on SIGTERM the worker gives back what its handlers have not finished within the grace time', async () => {
    await drain();
    const a = await create();
    const b = await create();
    const handler = `module.exports = (job, signal) => new Promise((resolve, reject) => {
      const t = setTimeout(() => resolve({ code: 'late', tokensUsed: 1 }), 60000);
      signal.addEventListener('abort', () => { clearTimeout(t); reject(new Error('aborted')); });
    });`;
    const w = startWorker(handler, ['--concurrency', '2', '--lease', '60', '--grace', '1', '--worker-id', 'leaving']);
    try {
      for (let i = 0; i < 100; i++) {
        const held = await Promise.all([job(a), job(b)]);
        if (held.every((j) => j.lockedBy === 'leaving')) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      w.child.kill('SIGTERM');
      expect(await w.exited).toBe(0);
    } finally {
      w.child.kill('SIGKILL');
      w.dispose();
    }
    for (const id of [a, b]) expect(await job(id)).toMatchObject({ status: 'PENDING', lockedBy: null, lockedUntil: null, attempts: 0, runAfter: null });
    expect(w.stderr()).toMatch(/released 2/);
  }, 60_000);

  it(`exactly once: ${WORKERS} workers over ${JOBS} jobs with failures, lost leases and a worker that dies holding work`, async () => {
    await drain();
    const random = prng(backend.length * 31 + 7);
    // Jobs made through the service (as createCodeGeneration makes them), not one HTTP call each.
    const ctx = createContext(server.app.store, { user: null, system: true });
    const ids: string[] = [];
    for (let i = 0; i < JOBS; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, JOBS - i) }, (_, k) =>
          ctx.codeGenerations.create({ projectId, specification: `job ${i + k}`, language: 'go', priority: (i + k) % 3, maxAttempts: 3 } as never),
        ),
      );
      ids.push(...batch.map((j) => j.id));
    }
    /** Each job's acknowledged completion (worker, code): at most one per job. */
    const acknowledged = new Map<string, { code: string; tokens: number }[]>();
    const unexpected: string[] = [];
    /** Workers whose last claim found nothing (the dead one counts as idle). */
    const idle = new Set<number>();
    let done = false;

    const runWorker = async (w: number) => {
      const name = `worker-${w}`;
      const dies = w === WORKERS - 1;
      while (!done) {
        const res = await sendRetrying<{ claimCodeGenerations: Job[] }>(CLAIM, { w: name, n: 1 + Math.floor(random.next() * 5), l: 30 }, worker);
        if (res.errors?.length || !res.data) {
          unexpected.push(`claim: ${JSON.stringify(res.errors)}`);
          done = true; // fail now rather than wait for work this worker will never take
          return;
        }
        const jobs = res.data.claimCodeGenerations;
        tally.claims++;
        tally.claimed += jobs.length;
        if (dies && jobs.length) {
          // Killed mid-lease: holds its work and never answers again.
          tally.abandoned += jobs.length;
          idle.add(w);
          return;
        }
        if (!jobs.length) {
          idle.add(w);
          await new Promise((r) => setTimeout(r, 20));
          continue;
        }
        idle.delete(w);
        // Even workers report their completions of a claim in one completeCodeGenerations.
        const batch: { id: string; generatedCode: string; tokensUsed: number }[] = [];
        for (const j of jobs) {
          const roll = random.next();
          let answer: Answer<Record<string, Job>>;
          if (roll < 0.03) {
            // Stalls past its lease (the clock moves while it waits), then reports as if nothing happened.
            tally.stalled++;
            idle.add(w);
            const moves = tally.clockMoves;
            while (!done && tally.clockMoves === moves) await new Promise((r) => setTimeout(r, 20));
            idle.delete(w);
          }
          // A stalled worker then completes (the usual report of a worker that came back).
          const action = roll < 0.03 ? 1 : roll;
          if (action < 0.08) {
            tally.abandoned++; // lease left to expire
            continue;
          } else if (action < 0.2) {
            answer = await sendRetrying(FAIL, { id: j.id, w: name, e: `transient ${j.attempts}`, r: true }, worker);
            if (!answer.errors) tally.failedRetry++;
          } else if (action < 0.24) {
            answer = await sendRetrying(FAIL, { id: j.id, w: name, e: 'permanent', r: false }, worker);
            if (!answer.errors) tally.failedFinal++;
          } else {
            const code = `// ${j.id} by ${name} attempt ${j.attempts}`;
            const tokens = 1 + Math.floor(random.next() * 1000);
            if (w % 2 === 0) {
              batch.push({ id: j.id, generatedCode: code, tokensUsed: tokens });
              continue;
            }
            answer = await sendRetrying(COMPLETE, { id: j.id, w: name, c: code, t: tokens }, worker);
            if (!answer.errors) {
              tally.completed++;
              acknowledged.set(j.id, [...(acknowledged.get(j.id) ?? []), { code, tokens }]);
            }
          }
          if (answer.errors) {
            if (reasonOf(answer) === 'LEASE_LOST') tally.leaseLost++;
            else unexpected.push(JSON.stringify(answer.errors));
          }
        }
        if (batch.length) {
          const answer = await sendRetrying<CompletedMany>(COMPLETE_MANY, { w: name, o: batch }, worker);
          if (answer.errors || !answer.data) {
            unexpected.push(JSON.stringify(answer.errors));
            continue;
          }
          for (const j of answer.data.completeCodeGenerations.completed) {
            const sent = batch.find((o) => o.id === j.id)!;
            tally.completed++;
            acknowledged.set(j.id, [...(acknowledged.get(j.id) ?? []), { code: sent.generatedCode, tokens: sent.tokensUsed }]);
          }
          for (const r of answer.data.completeCodeGenerations.rejected) {
            if (r.reason === 'LEASE_LOST') tally.leaseLost++;
            else unexpected.push(JSON.stringify(r));
          }
        }
      }
    };

    // The clock: when every worker finds nothing, leases and backoffs are made to run out.
    const clock = (async () => {
      let quiet = 0;
      while (!done) {
        await new Promise((r) => setTimeout(r, 50));
        if (idle.size < WORKERS) {
          quiet = 0;
          continue;
        }
        const left = await ok<{ codeGenerations: { totalCount: number } }>(`{ codeGenerations(first: 0, filter: { status: { in: [PENDING, RUNNING] } }) { totalCount } }`);
        if (left.codeGenerations.totalCount === 0 && ++quiet >= 2) done = true;
        else if (left.codeGenerations.totalCount > 0) {
          offset += 3_600_000;
          tally.clockMoves++;
        }
      }
    })();
    await Promise.all([...Array.from({ length: WORKERS }, (_, w) => runWorker(w)), clock]);
    console.log(`work queue on ${backend}: ${JOBS} jobs, ${WORKERS} workers: ${JSON.stringify(tally)}`);

    expect(unexpected).toEqual([]);
    // Every job ended; each completed one exactly once, with what its one acknowledged completion wrote.
    const stored = new Map<string, Job>();
    for (let after: string | null = null; ; ) {
      const page: { codeGenerations: { edges: { node: Job }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } = await ok(
        `query($a: String) { codeGenerations(first: 100, after: $a, filter: { projectId: { eq: "${projectId}" } }) { edges { node { ${JOB} } } pageInfo { hasNextPage endCursor } } }`,
        { a: after },
      );
      for (const e of page.codeGenerations.edges) stored.set(e.node.id, e.node);
      if (!page.codeGenerations.pageInfo.hasNextPage) break;
      after = page.codeGenerations.pageInfo.endCursor;
    }
    const counts = { COMPLETED: 0, FAILED: 0, other: 0 };
    for (const id of ids) {
      const j = stored.get(id)!;
      const acks = acknowledged.get(id) ?? [];
      if (j.status === 'COMPLETED') {
        counts.COMPLETED++;
        expect({ id, acks: acks.length }).toEqual({ id, acks: 1 });
        expect({ id, code: j.generatedCode, tokens: j.tokensUsed }).toEqual({ id, code: acks[0].code, tokens: acks[0].tokens });
        expect(j.lockedBy).toBeNull();
      } else if (j.status === 'FAILED') {
        counts.FAILED++;
        expect({ id, acks: acks.length }).toEqual({ id, acks: 0 });
        expect(j.lastError === 'permanent' || j.attempts === j.maxAttempts).toBe(true);
      } else counts.other++;
      expect(j.attempts).toBeGreaterThanOrEqual(1);
      expect(j.attempts).toBeLessThanOrEqual(j.maxAttempts);
    }
    console.log(`work queue on ${backend}: stored ${JSON.stringify(counts)}`);
    expect(counts.other).toBe(0);
    expect(counts.COMPLETED).toBe(tally.completed);
    expect(counts.COMPLETED + counts.FAILED).toBe(JOBS);
    expect(await server.app.store.backend.rollupDrift()).toEqual([]);

    // What operators see: the CLI and /metrics agree with the stored rows.
    const status = await cli(server.db, 'queue', 'status', '--json');
    expect(status.code).toBe(0);
    const reported = JSON.parse(status.out);
    expect(reported.byStatus.pending + reported.byStatus.running).toBe(0);
    expect(reported.leasesExpired).toBe(0);
    // The ten most frequent last errors, most frequent first; "permanent" is the most frequent here.
    const failures = reported.failuresByError as { error: string | null; count: number }[];
    expect(failures.length).toBeLessThanOrEqual(10);
    expect(failures[0]).toMatchObject({ error: 'permanent' });
    expect(failures.map((f) => f.count)).toEqual([...failures.map((f) => f.count)].sort((a, b) => b - a));
    expect(failures.reduce((n, f) => n + f.count, 0)).toBeLessThanOrEqual(reported.byStatus.failed);
    const metrics = await (await fetch(server.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toMatch(new RegExp(`^codeobit_queue_depth\\{status="failed"\\} ${reported.byStatus.failed}$`, 'm'));
    expect(metrics).toMatch(/^codeobit_queue_leases_expired 0$/m);
  }, 900_000);
});
