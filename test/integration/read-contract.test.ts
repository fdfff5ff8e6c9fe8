import 'reflect-metadata';
import { type MikroORM, ReferenceKind } from '@mikro-orm/core';
import { prng } from '../../src/backup/seed-data';
import type { Backend } from '../../src/db/backend/backend';
import { createBackend } from '../../src/db/drivers';
import { initORM } from '../../src/db/orm';
import { ReadScope } from '../../src/db/read-scope';
import { AutoSave, CodeGeneration, Project, ProjectAnalysis } from '../../src/entities';
import { ANALYSIS_FILTER_SPEC } from '../../src/modules/analysis/analysis.inputs';
import { AUTO_SAVE_FILTER_SPEC } from '../../src/modules/auto-save/auto-save.inputs';
import { CODE_GENERATION_FILTER_SPEC } from '../../src/modules/code-generation/code-generation.inputs';
import type { Page, PageArgs } from '../../src/modules/common/connection';
import { type FilterSpec, translateFilter } from '../../src/modules/common/filters';
import { paginate, type SortKey } from '../../src/modules/common/paginate';
import { PROJECT_FILTER_SPEC } from '../../src/modules/project/project.inputs';
import { freshDatabase, selectedBackends, type TestDatabase } from '../support/backends';
import { cliOk } from '../support/cli';

/**
 * The read contract: every list the API serves goes through the fast path
 * (paginate → lightFind, compiled SQL or the MongoDB driver), and must return
 * exactly what MikroORM's em.find returns for the same filter and order —
 * the same rows, in the same order, with the same values — whichever way it
 * is paged (forward, backward, small pages, one page) and with the same
 * totalCount. Filters are generated (seeded) from each list's filter spec with
 * values taken from the stored rows, so they match something.
 */
const CASES_PER_ENTITY = Number(process.env.CONTRACT_CASES ?? 24);
type Row = Record<string, unknown>;
type EntityClass = new (...args: never[]) => object;

const LISTS: { entity: EntityClass; spec: FilterSpec; sorts: string[] }[] = [
  { entity: Project, spec: PROJECT_FILTER_SPEC, sorts: ['createdAt', 'updatedAt', 'name', 'status'] },
  { entity: CodeGeneration, spec: CODE_GENERATION_FILTER_SPEC, sorts: ['createdAt', 'updatedAt', 'status', 'tokensUsed'] },
  { entity: ProjectAnalysis, spec: ANALYSIS_FILTER_SPEC, sorts: ['createdAt', 'updatedAt', 'healthScore'] },
  { entity: AutoSave, spec: AUTO_SAVE_FILTER_SPEC, sorts: ['createdAt', 'updatedAt'] },
];

/** Which operators each kind of filter field offers in the schema. */
const OPS: Record<string, string[]> = { string: ['eq', 'in', 'contains'], id: ['eq', 'in'], int: ['eq', 'in', 'gt', 'gte', 'lt', 'lte'], date: ['gt', 'gte', 'lt', 'lte'], enum: ['eq', 'in'] };

/** A stable, comparable form of a row: scalars as JSON (dates as ISO, JSON with sorted keys), references as ids. */
function canonical(orm: MikroORM, entity: EntityClass, row: Row): string {
  const meta = orm.getMetadata().getByClassName(entity.name);
  const out: Row = {};
  for (const p of Object.values(meta.properties)) {
    const v = row[p.name];
    if (p.kind === ReferenceKind.MANY_TO_ONE) out[p.name] = v == null ? null : String((v as { id: string }).id);
    else if (p.kind === ReferenceKind.SCALAR) out[p.name] = v instanceof Date ? v.toISOString() : v === undefined ? null : sortKeys(v);
  }
  return JSON.stringify(out);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object' && !(v instanceof Date))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Row)[k])]),
    );
  return v;
}

describe.each(selectedBackends())('read contract on %s: fast path = em.find', (backend) => {
  let db: TestDatabase;
  let orm: MikroORM;
  let seam: Backend;
  const tally = { cases: 0, walks: 0, pages: 0, rows: 0 };

  beforeAll(async () => {
    db = freshDatabase(backend);
    await cliOk(db, 'db', 'init');
    await cliOk(db, 'db', 'seed', '--seed', '21', '--anchor', '2026-11-01');
    orm = await initORM({ driver: backend, databaseUrl: db.databaseUrl });
    seam = createBackend(backend, orm);
  }, 120_000);
  afterAll(async () => {
    process.stdout.write(`\nread contract on ${backend}: ${JSON.stringify(tally)}\n`);
    await orm.close(true);
    db.dispose();
  });

  it.each(LISTS.map((l) => [l.entity.name, l] as const))(
    '%s: every generated filter, sort and paging agrees',
    async (_, list) => {
      const r = prng(list.entity.name.length * 7919);
      const meta = orm.getMetadata().getByClassName(list.entity.name);
      const columnOf = (p: string) => meta.properties[p as never].fieldNames[0];
      const all = (await orm.em.fork().find(list.entity, {}, { orderBy: { id: 'asc' } })) as unknown as Row[];
      expect(all.length).toBeGreaterThan(20);

      // A value of a stored row for a filter field, as the API passes it (ids as strings).
      const storedValue = (prop: string) => {
        const v = r.pick(all)[prop];
        return v && typeof v === 'object' && !(v instanceof Date) ? (v as { id: string }).id : v;
      };
      const condition = (): Row => {
        const [field, { prop, kind }] = r.pick(Object.entries(list.spec));
        const op = r.pick(OPS[kind]);
        if (op === 'in') return { [field]: { in: [storedValue(prop), storedValue(prop), storedValue(prop)].filter((v) => v != null) } };
        let value = storedValue(prop);
        if (value == null) return {};
        if (op === 'contains') {
          const text = String(value);
          const start = r.int(0, Math.max(0, text.length - 2));
          value = text.slice(start, start + r.int(1, 4));
          if (r.next() < 0.5) value = (value as string).toUpperCase();
        }
        return { [field]: { [op]: value } };
      };
      const filter = (): Row => {
        const shape = r.int(0, 5);
        if (shape === 0) return {};
        if (shape === 4) return { OR: [condition(), condition()] };
        if (shape === 5) return { AND: [condition(), { OR: [condition(), condition()] }] };
        return Object.assign({}, ...Array.from({ length: shape }, condition));
      };

      for (let c = 0; c < CASES_PER_ENTITY; c++) {
        const f = filter();
        const sort: SortKey = { field: r.pick(list.sorts), direction: r.next() < 0.5 ? 'asc' : 'desc' };
        const where = () => translateFilter(f, list.spec, seam, columnOf);
        const label = `${list.entity.name} filter ${JSON.stringify(f)} order ${sort.field} ${sort.direction}`;
        const expected = ((await orm.em.fork().find(list.entity, where(), { orderBy: { [sort.field]: sort.direction, id: sort.direction } })) as unknown as Row[]).map((row) =>
          canonical(orm, list.entity, row),
        );
        tally.cases++;
        // Small pages (at most ~15 per walk, so long lists stay quick on FerretDB's in-memory scans) and one size past most lists.
        for (const size of [Math.max(r.int(1, 9), Math.ceil(expected.length / 15)), 50]) {
          for (const backward of [false, true]) {
            const seen: string[] = [];
            let cursor: string | null = null;
            let totalCount: number | undefined;
            for (let guard = 0; guard <= all.length; guard++) {
              const scope = new ReadScope(seam, orm.em);
              const args: PageArgs = backward ? { last: size, before: cursor } : { first: size, after: cursor };
              const page: Page<Row & { id: string; createdAt: Date }> = await paginate<Row & { id: string; createdAt: Date }>(scope, list.entity as never, 'contract', where, args, sort);
              tally.pages++;
              totalCount ??= await page.totalCount;
              const rows = page.edges.map((e) => canonical(orm, list.entity, e.node));
              if (backward) seen.unshift(...rows);
              else seen.push(...rows);
              const more = backward ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage;
              if (!more) break;
              cursor = backward ? page.pageInfo.startCursor : page.pageInfo.endCursor;
            }
            tally.walks++;
            tally.rows += seen.length;
            expect({ label, size, backward, rows: seen }).toEqual({ label, size, backward, rows: expected });
            expect({ label, totalCount }).toEqual({ label, totalCount: expected.length });
          }
        }
      }
    },
    300_000,
  );
});
