import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/core';
import { migrateUp } from '../../src/db/migrate';
import { initORM } from '../../src/db/orm';
import { freshDatabase, selectedBackends, type TestDatabase } from '../support/backends';
import { cliOk } from '../support/cli';
import { createBackend } from '../../src/db/drivers';
import { Compiler } from '../../src/db/backend/sql-reader';
import { TreeSql } from '../../src/db/backend/sql-tree';
import { AutoSave, CodeGeneration, Project, ProjectAnalysis, User } from '../../src/entities';
import { type FilterSpec, translateFilter } from '../../src/modules/common/filters';
import { ANALYSIS_FILTER_SPEC, ProjectAnalysisSortField } from '../../src/modules/analysis/analysis.inputs';
import { AUTO_SAVE_FILTER_SPEC, AutoSaveSortField } from '../../src/modules/auto-save/auto-save.inputs';
import { CODE_GENERATION_FILTER_SPEC, CodeGenerationSortField } from '../../src/modules/code-generation/code-generation.inputs';
import { PROJECT_FILTER_SPEC, ProjectSortField } from '../../src/modules/project/project.inputs';
import { USER_FILTER_SPEC, UserSortField } from '../../src/modules/user/user.inputs';

type EntityClass = new (...args: never[]) => object;

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

/** Which operator stands for each kind of filter field in the plans below (the one an index could serve). */
const REPRESENTATIVE: Record<string, string> = { id: 'eq', string: 'eq', int: 'gte', date: 'gte', enum: 'in' };

/**
 * Every filter field × sort key × direction the schema allows, on SQLite,
 * as the compiled read states it (TreeSql: the page subquery inside the JSON
 * aggregate), on the large seed with its statistics: no plan may scan the
 * table without an index, and none may sort unless what it sorts is what an
 * equality on a selective index found (at most 1% of the table).
 */
describe('query plans on sqlite: every filter × sort of the compiled read', () => {
  const run = selectedBackends().includes('sqlite') ? it : it.skip;
  run(
    'no combination scans or sorts the table when an index can serve it',
    async () => {
      const db = freshDatabase('sqlite');
      await cliOk(db, 'db', 'init');
      await cliOk(db, 'db', 'seed', '--size', 'large', '--seed', '3');
      const orm = await initORM({ driver: 'sqlite', databaseUrl: db.databaseUrl });
      try {
        const metadata = orm.getMetadata();
        const conn = orm.em.getConnection() as unknown as { execute(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]> };
        // Rows per key of each index (sqlite_stat1's second number), to tell a selective equality from a broad one.
        const stats = new Map((await conn.execute('select idx, stat from sqlite_stat1')).map((r) => [String(r.idx), String(r.stat).split(' ').map(Number)]));
        const lists: [EntityClass, FilterSpec, string[]][] = [
          [Project, PROJECT_FILTER_SPEC, Object.values(ProjectSortField)],
          [CodeGeneration, CODE_GENERATION_FILTER_SPEC, Object.values(CodeGenerationSortField)],
          [ProjectAnalysis, ANALYSIS_FILTER_SPEC, Object.values(ProjectAnalysisSortField)],
          [AutoSave, AUTO_SAVE_FILTER_SPEC, Object.values(AutoSaveSortField)],
          [User, USER_FILTER_SPEC, Object.values(UserSortField)],
        ];
        const seam = createBackend('sqlite', orm);
        const bad: string[] = [];
        let plans = 0;
        for (const [entity, spec, sorts] of lists) {
          const meta = metadata.getByClassName(entity.name);
          const [sample] = await conn.execute(`select * from ${meta.tableName} limit 1 offset 100`);
          const columnOf = (p: string) => meta.properties[p as never].fieldNames[0];
          for (const [field, { prop, kind }] of [['(none)', { prop: '', kind: '' }] as const, ...Object.entries(spec)]) {
            const stored = prop ? sample[columnOf(prop)] : undefined;
            const value = kind === 'date' ? new Date(Number(stored)).toISOString() : kind === 'enum' ? String(stored).toUpperCase() : stored;
            const op = REPRESENTATIVE[kind];
            const filter = prop ? { [field]: { [op]: op === 'in' ? [value, value] : value } } : {};
            const where = translateFilter(filter, spec, seam, columnOf);
            for (const sort of sorts) {
              for (const dir of ['asc', 'desc'] as const) {
                const compiler = new Compiler((n) => metadata.getByClassName(n), orm.em.getPlatform(), false);
                const sql = new TreeSql(compiler, (n) => metadata.getByClassName(n), false).root({
                  entity: entity.name,
                  where,
                  order: [
                    [sort, dir],
                    ['id', dir],
                  ],
                  limit: 21,
                  count: false,
                  node: { entity: entity.name, columns: undefined, toOne: [], lists: [] },
                });
                const lines = (await conn.execute(`explain query plan ${sql}`, compiler.params)).map((r) => String(r.detail));
                // The page's own plan: the co-routine that reads the table (what follows reads its 21 rows back and orders them for the JSON array).
                const start = lines.findIndex((d) => d.startsWith('CO-ROUTINE'));
                const end = lines.findIndex((d, i) => i > start && d.includes('json_group_array'));
                const plan = lines.slice(start + 1, end < 0 ? undefined : end);
                plans++;
                const label = `${entity.name} filter ${field} ${op ?? ''} sort ${sort} ${dir}: ${plan.join(' | ')}`;
                if (plan.some((d) => /^SCAN \w+$/.test(d))) bad.push(`scans: ${label}`);
                if (plan.some((d) => d.includes('TEMP B-TREE FOR ORDER BY'))) {
                  const search = plan.map((d) => /SEARCH \w+ USING (?:COVERING )?INDEX (\w+) \((\w+)=\?/.exec(d)).find(Boolean);
                  const rows = search ? stats.get(search[1]) : undefined;
                  if (!rows || rows[1] > rows[0] / 100) bad.push(`sorts: ${label}`);
                }
              }
            }
          }
        }
        process.stdout.write(`\nquery plans on sqlite: ${plans} filter × sort plans checked\n`);
        expect(bad).toEqual([]);
      } finally {
        await orm.close(true);
        db.dispose();
      }
    },
    300_000,
  );
});
