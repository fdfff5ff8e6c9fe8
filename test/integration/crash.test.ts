import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, selectedBackends } from '../support/backends';
import { cli, cliOk } from '../support/cli';
import { postJson } from '../support/raw-http';
import { startServerProcess } from '../support/server-process';

/**
 * kill -9 during numbered writes (creates, and updates that move rollups),
 * then a restart on the same database: every acknowledged write is there,
 * exactly as acknowledged, and the rollups match a recount. SQL backends
 * commit row and rollups in one transaction, so they are clean as they
 * stand; MongoDB (no transactions used) may hold a half-applied rollup
 * delta, which `codeobit db rollups --rebuild` repairs: tested here.
 */
const WRITERS = 8;
const noLimits = { RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_ANON_PER_MINUTE: '0', AUTO_MIGRATE: 'true' };
type Gen = { specification: string; tokensUsed: number; status: string };

async function storedGenerations(db: Parameters<typeof cliOk>[0], file: string): Promise<Map<string, Gen>> {
  await cliOk(db, 'db', 'backup', '--output', file);
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { e: string; d: Gen & { id: string } });
  return new Map(rows.filter((r) => r.e === 'CodeGeneration').map((r) => [r.d.id, r.d]));
}

describe.each(selectedBackends())('kill -9 during writes on %s', (backend) => {
  it('keeps every acknowledged write exactly; rollups clean (MongoDB: after --rebuild)', async () => {
    const db = freshDatabase(backend);
    let server = startServerProcess({ DB_DRIVER: backend, DATABASE_URL: db.databaseUrl, ...noLimits });
    try {
      let url = await server.ready();
      const key = JSON.parse((await cliOk(db, 'user', 'create', '--username', 'root', '--email', 'root@example.com', '--admin', '--json')).out).apiKey as string;
      const auth = { authorization: `Bearer ${key}` };
      const call = async (query: string, variables: Record<string, unknown>) => {
        const o = await postJson(url, { query, variables }, auth, false);
        if (o.kind !== 'answered') return null;
        const body = JSON.parse(o.body) as { data?: Record<string, Record<string, unknown>>; errors?: unknown[] };
        if (o.status !== 200 || body.errors) throw new Error(`write refused: ${o.status} ${o.body.slice(0, 300)}`);
        return body.data!;
      };
      const projects = await Promise.all([0, 1].map(async (p) => (await call('mutation($n: String!) { createProject(input: { name: $n }) { id } }', { n: `p${p}` }))!.createProject.id as string));

      // What each client saw acknowledged: creates by specification, and the last acknowledged update per generation.
      const created = new Map<string, Gen & { id: string }>();
      const lastUpdate = new Map<string, { tokensUsed: number; status: string }>();
      const attempted = new Map<string, Set<number>>();
      let n = 0;
      let killed = false;
      const writer = async (w: number) => {
        const mine: string[] = [];
        while (!killed) {
          const i = n++;
          if (mine.length > 2 && i % 3 === 0) {
            const id = mine[i % mine.length];
            const change = { tokensUsed: 1000 + i, status: ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED'][i % 4] };
            attempted.get(id)!.add(change.tokensUsed);
            const data = await call('mutation($id: ID!, $i: UpdateCodeGenerationInput!) { updateCodeGeneration(id: $id, input: $i) { tokensUsed status } }', { id, i: change });
            if (!data) return;
            expect(data.updateCodeGeneration).toEqual(change);
            lastUpdate.set(id, change);
          } else {
            const spec = `n-${i}`;
            const data = await call('mutation($i: CreateCodeGenerationInput!) { createCodeGeneration(input: $i) { id specification tokensUsed status } }', {
              i: { projectId: projects[w % 2], specification: spec, language: 'go', tokensUsed: i, status: 'PENDING' },
            });
            if (!data) return;
            const gen = data.createCodeGeneration as Gen & { id: string };
            created.set(gen.id, gen);
            attempted.set(gen.id, new Set());
            mine.push(gen.id);
          }
        }
      };
      const writers = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
      await new Promise((r) => setTimeout(r, 1500));
      killed = true;
      server.child.kill('SIGKILL');
      await writers;
      await server.exited;

      server = startServerProcess({ DB_DRIVER: backend, DATABASE_URL: db.databaseUrl, ...noLimits });
      url = await server.ready();
      const stored = await storedGenerations(db, join(tmpdir(), `codeobit-crash-${process.pid}-${backend}.ndjson`));
      process.stdout.write(`\nkill -9 on ${backend}: ${created.size} creates and ${lastUpdate.size} updated rows acknowledged, ${stored.size} generations stored\n`);
      expect(created.size).toBeGreaterThan(20);
      for (const [id, gen] of created) {
        const row = stored.get(id);
        expect(row).toBeDefined();
        expect(row!.specification).toBe(gen.specification);
        const acked = lastUpdate.get(id);
        if (!acked) continue;
        // The acknowledged update, or one sent after it whose answer the kill cut off.
        const later = [...attempted.get(id)!].filter((t) => t >= acked.tokensUsed);
        expect(later).toContain(row!.tokensUsed);
        if (row!.tokensUsed === acked.tokensUsed) expect(row!.status.toUpperCase()).toBe(acked.status);
      }
      // At most one unacknowledged create per writer (the one in flight when the process died).
      expect(stored.size - created.size).toBeLessThanOrEqual(WRITERS);

      const check = await cli(db, 'db', 'rollups');
      if (backend === 'mongodb') {
        if (check.code !== 0) expect(check.out).toMatch(/rollups differ from a full recount/);
        await cliOk(db, 'db', 'rollups', '--rebuild');
        expect((await cliOk(db, 'db', 'rollups')).out).toBe(`${backend}: rollups match a full recount`);
      } else {
        expect(check.out).toBe(`${backend}: rollups match a full recount`);
        expect(check.code).toBe(0);
      }
      // The restarted server takes writes (on MongoDB after the dead writer's lock lease, which clients wait out on 503).
      let after: Record<string, Record<string, unknown>> | null = null;
      for (let attempt = 0; attempt < 20 && !after; attempt++) {
        const o = await postJson(
          url,
          { query: 'mutation($p: ID!) { createCodeGeneration(input: { projectId: $p, specification: "after", language: "go" }) { id } }', variables: { p: projects[0] } },
          auth,
          false,
        );
        if (o.kind === 'answered' && o.status === 503) {
          await new Promise((r) => setTimeout(r, 500));
          continue;
        }
        expect(o).toMatchObject({ kind: 'answered', status: 200 });
        after = JSON.parse((o as { body: string }).body).data;
      }
      expect(after?.createCodeGeneration.id).toEqual(expect.any(String));
    } finally {
      server.child.kill('SIGKILL');
      await server.exited;
      db.dispose();
    }
  }, 120_000);
});
