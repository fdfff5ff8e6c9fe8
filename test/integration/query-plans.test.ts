import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/core';
import { migrateUp } from '../../src/db/migrate';
import { initORM } from '../../src/db/orm';
import { freshDatabase, selectedBackends, type TestDatabase } from '../support/backends';

const ID = '00000000-0000-4000-8000-000000000000';

/** The hot queries and the index each must use (a pattern where either of two will do). */
const QUERIES: [string, string, unknown[], string][] = [
  ["a user's projects page", 'select * from projects where owner_id = ? order by created_at, id limit 21', [ID], 'projects_owner_id_created_at_id_index'],
  ["a project's generations page", 'select * from code_generations where project_id = ? order by created_at, id limit 21', [ID], 'code_generations_project_id_created_at_id_index'],
  ['generations by status', 'select * from code_generations where status = ? order by created_at, id limit 21', ['failed'], 'code_generations_status_created_at_id_index'],
  ['latest analysis of a project', 'select * from project_analyses where project_id = ? order by created_at desc, id desc limit 1', [ID], 'project_analyses_project_id_created_at_id_index'],
  ['API key lookup', 'select * from users where api_key_hash = ?', ['x'], 'users_api_key_hash_unique'],
  ['analytics by day', 'select day, count(*) from code_generations where day >= ? and day <= ? group by day', ['2026-01-01', '2026-01-31'], 'code_generations_day_index'],
  ['an autosave session', 'select * from auto_saves where save_id = ?', ['s'], 'auto_saves_save_id_index'],
  // The work queue's claim (see SqlBackend.claim): due work in claim order, and expired leases.
  [
    'claiming due work',
    "select * from code_generations where status = 'pending' and (run_after is null or run_after <= ?) order by priority desc, created_at, id limit 10",
    ['2026-01-01T00:00:00.000Z'],
    'code_generations_claim_index',
  ],
  // Either index bounds it: RUNNING rows are as many as workers hold at once.
  [
    'claiming expired leases',
    "select * from code_generations where status = 'running' and locked_until < ? order by priority desc, created_at, id limit 10",
    ['2026-01-01T00:00:00.000Z'],
    'code_generations_(status_locked_until|claim)_index',
  ],
];

describe.each(selectedBackends())('query plans on %s', (backend) => {
  let db: TestDatabase;
  let orm: MikroORM;
  beforeAll(async () => {
    db = freshDatabase(backend);
    orm = await initORM({ driver: backend, databaseUrl: db.databaseUrl });
    await migrateUp(orm);
  });
  afterAll(async () => {
    await orm?.close(true);
    db?.dispose();
  });

  it.each(QUERIES)('%s uses its index', async (_name, sql, params, index) => {
    const conn = orm.em.getConnection() as unknown as {
      execute(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
      getDb?(): import('mongodb').Db;
    };
    if (backend === 'sqlite') {
      const plan = await conn.execute(`explain query plan ${sql}`, params);
      expect(plan.map((r) => r.detail).join('\n')).toMatch(new RegExp(index));
    } else if (backend === 'postgresql') {
      // On near-empty tables the planner rightly prefers a scan; forbid it to see which index it would use.
      const plan = await orm.em.fork().transactional(async (em) => {
        const run = (q: string, p: unknown[] = []) => (em as unknown as { execute(q: string, p: unknown[]): Promise<Record<string, unknown>[]> }).execute(q, p);
        await run('set local enable_seqscan = off');
        return run(`explain (format json) ${sql}`, params);
      });
      expect(JSON.stringify(plan)).toMatch(new RegExp(`"Index Name":"${index}"`));
    } else {
      // FerretDB's explain does not report index use; check the index the query needs exists.
      const table = /from (\w+)/.exec(sql)![1];
      const names = (await conn.getDb!().collection(table).indexes()).map((i) => i.name);
      expect(names.some((n) => new RegExp(`^${index}$`).test(String(n)))).toBe(true);
    }
  });
});
