import 'reflect-metadata';
import { Agent } from 'node:http';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, selectedBackends } from '../support/backends';
import { cliOk } from '../support/cli';
import { postHead, postJson, rawConnection, type Outcome } from '../support/raw-http';
import { startServerProcess } from '../support/server-process';

/**
 * SIGTERM under write load: every request the server received is answered
 * (including one sent on a connection opened just before the signal and one
 * whose body was still arriving), nothing stored that its client did not
 * see acknowledged, and the process exits 0. Slow and silent clients are cut
 * by the documented timeouts without disturbing anyone else.
 */
const WRITERS = 12;
const create = (name: string) => ({ query: 'mutation($n: String!) { createProject(input: { name: $n }) { id name } }', variables: { n: name } });
const noLimits = { RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_ANON_PER_MINUTE: '0' };

async function storedProjectNames(db: Parameters<typeof cliOk>[0], file: string): Promise<string[]> {
  await cliOk(db, 'db', 'backup', '--output', file);
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { e: string; d: { name?: string } })
    .filter((r) => r.e === 'Project')
    .map((r) => r.d.name!);
}

describe.each(selectedBackends())('graceful shutdown on %s', (backend) => {
  it('answers every request it received, stores nothing unacknowledged, exits 0', async () => {
    const db = freshDatabase(backend);
    const server = startServerProcess({ DB_DRIVER: backend, DATABASE_URL: db.databaseUrl, AUTO_MIGRATE: 'true', SHUTDOWN_TIMEOUT_MS: '10000', ...noLimits });
    try {
      const url = await server.ready();
      const key = JSON.parse((await cliOk(db, 'user', 'create', '--username', 'root', '--email', 'root@example.com', '--admin', '--json')).out).apiKey as string;
      const auth = { authorization: `Bearer ${key}` };

      // Opened before the signal: one idle, one whose body is half sent.
      const late = JSON.stringify(create('late-idle'));
      const idle = await rawConnection(url);
      const half = await rawConnection(url);
      const slowBody = JSON.stringify(create('late-body'));
      half.socket.write(postHead(url, Buffer.byteLength(slowBody), auth) + slowBody.slice(0, 20));

      const outcomes = new Map<string, Outcome>();
      let next = 0;
      let signalled = false;
      const keepAlive = new Agent({ keepAlive: true, maxSockets: WRITERS });
      const writer = async (w: number) => {
        for (;;) {
          const name = `w-${next++}`;
          const outcome = await postJson(url, create(name), auth, w % 2 === 0 ? false : keepAlive);
          outcomes.set(name, outcome);
          if (outcome.kind !== 'answered' && signalled) return;
          if (outcome.kind !== 'answered') throw new Error(`${name} failed before the signal: ${JSON.stringify(outcome)}`);
        }
      };
      const writers = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
      await new Promise((r) => setTimeout(r, 600));
      signalled = true;
      server.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 150));
      idle.socket.write(postHead(url, Buffer.byteLength(late), auth) + late);
      half.socket.write(slowBody.slice(20));

      await writers;
      await Promise.all([idle.closed, half.closed]);
      expect(await server.exited).toBe(0);
      keepAlive.destroy();

      for (const conn of [idle, half]) {
        expect(conn.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
        expect(conn.received()).toMatch(/\r\nConnection: close\r\n/i);
      }
      const tally: Record<string, number> = {};
      const acknowledged = new Set(['late-idle', 'late-body']);
      for (const [name, o] of outcomes) {
        const label = o.kind === 'answered' ? `${o.status}${o.body.includes('"errors"') ? ' with errors' : ''}` : o.kind === 'reset' ? `reset ${o.code}` : 'refused';
        tally[label] = (tally[label] ?? 0) + 1;
        if (o.kind === 'answered' && o.status === 200 && !o.body.includes('"errors"')) acknowledged.add(name);
      }
      process.stdout.write(`\nSIGTERM under load on ${backend}: ${JSON.stringify(tally)}\n`);
      // Everything answered was a success: a draining server does not refuse work it received.
      expect(Object.keys(tally).filter((k) => !['200', 'refused'].includes(k) && !k.startsWith('reset'))).toEqual([]);
      expect(tally['200']).toBeGreaterThan(WRITERS);
      const stored = await storedProjectNames(db, join(tmpdir(), `codeobit-shutdown-${process.pid}-${backend}.ndjson`));
      expect(stored.length).toBe(new Set(stored).size);
      expect(new Set(stored)).toEqual(acknowledged);
      expect(server.stderr()).not.toMatch(/"level":"error"/);
    } finally {
      server.child.kill('SIGKILL');
      db.dispose();
    }
  }, 90_000);
});

describe('slow and silent clients', () => {
  const backend = selectedBackends()[0];
  it('are answered 408 and closed at the documented timeouts while others are served', async () => {
    const db = freshDatabase(backend);
    const server = startServerProcess({
      DB_DRIVER: backend,
      DATABASE_URL: db.databaseUrl,
      AUTO_MIGRATE: 'true',
      HEADERS_TIMEOUT_MS: '1000',
      REQUEST_TIMEOUT_MS: '2000',
      KEEP_ALIVE_TIMEOUT_MS: '1000',
      ...noLimits,
    });
    try {
      const url = await server.ready();
      const silent = await rawConnection(url);
      const slowHeaders = await rawConnection(url);
      const slowBody = await rawConnection(url);
      const keptAlive = await rawConnection(url);
      const head = postHead(url, 100);
      slowBody.socket.write(head);
      keptAlive.socket.write(`GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n`);
      let i = 0;
      const trickle = setInterval(() => {
        if (!slowHeaders.socket.destroyed) slowHeaders.socket.write(head[i % head.length]);
        if (!slowBody.socket.destroyed) slowBody.socket.write('{');
        i++;
      }, 300);
      // Meanwhile everyone else is served at once.
      const answered: number[] = [];
      const serve = (async () => {
        for (let k = 0; k < 10; k++) {
          const t = Date.now();
          const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
          expect(res.status).toBe(200);
          await res.text();
          answered.push(Date.now() - t);
          await new Promise((r) => setTimeout(r, 200));
        }
      })();
      const [silentMs, headersMs, bodyMs, keptMs] = await Promise.all([silent.closed, slowHeaders.closed, slowBody.closed, keptAlive.closed]);
      clearInterval(trickle);
      await serve;
      process.stdout.write(`\nslow clients cut after: silent ${silentMs} ms, trickled headers ${headersMs} ms, trickled body ${bodyMs} ms, idle keep-alive ${keptMs} ms\n`);
      expect(silent.received()).toMatch(/^HTTP\/1\.1 408 /);
      expect(slowHeaders.received()).toMatch(/^HTTP\/1\.1 408 /);
      expect(slowBody.received()).toMatch(/^HTTP\/1\.1 408 /);
      expect(keptAlive.received()).toMatch(/^HTTP\/1\.1 200 /);
      // Node checks deadlines every min(1 s, headers timeout / 4): allow that plus scheduling noise.
      for (const ms of [silentMs, headersMs]) expect(ms).toBeGreaterThanOrEqual(1000);
      for (const ms of [silentMs, headersMs]) expect(ms).toBeLessThan(2500);
      expect(bodyMs).toBeGreaterThanOrEqual(2000);
      expect(bodyMs).toBeLessThan(3500);
      expect(keptMs).toBeGreaterThanOrEqual(900);
      expect(keptMs).toBeLessThan(3500);
      expect(Math.max(...answered)).toBeLessThan(1000);
      expect(server.stderr()).not.toMatch(/"level":"error"/);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      db.dispose();
    }
  }, 60_000);
});
