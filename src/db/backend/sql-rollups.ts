import { canonicalRollups, type RollupCounts } from './rollup-recount';

/** Runs one statement (MikroORM's connection; in a transaction when given one). */
interface Runner {
  execute(sql: string, params?: unknown[], method?: 'all' | 'run', ctx?: unknown): Promise<unknown>;
  transactional<T>(work: (ctx: unknown) => Promise<T>): Promise<T>;
}

const lengthPrefixed = (col: string) => `coalesce(cast(length(${col}) as text) || ':' || ${col}, '-')`;
/** A code generation's rollup shard in SQL (see shardOf): the last character of its id. */
const SHARD = `lower(substr(cast("id" as text), length(cast("id" as text)), 1))`;
/** The rollup keys in SQL (the same strings as generationKey / healthKey), per project (`"project_id"`) or for every project (`'*'`). */
const generationKeySql = (project: string) => `"day" || '|' || ${project} || '|' || "status" || '|' || ${lengthPrefixed('"language"')} || '|' || ${lengthPrefixed('"framework"')} || '|' || ${SHARD}`;
const healthKeySql = (project: string) => `"day" || '|' || ${project} || '|' || cast("health_score" as text)`;

/** generation_daily's counters, as columns, in the order the statements below write them. */
export const GENERATION_COUNTERS = ['generations', 'tokens_used', 'timed', 'wait_ms', 'run_ms'];

/**
 * Statements that count rollup rows from the source rows, per project and for
 * every project. `epochMs` turns a timestamp column into epoch milliseconds,
 * truncated as JavaScript's Date holds it (the dialect's, see SqlDialect).
 */
function counting(epochMs: (column: string) => string) {
  const timed = `"started_at" is not null and "completed_at" is not null`;
  const between = (from: string, to: string) => `sum(case when ${timed} then ${epochMs(to)} - ${epochMs(from)} else 0 end)`;
  // Columns named c0, c1, … (what drift reads; INSERT … SELECT goes by position).
  const select = (columns: string[], rest: string) => `select ${columns.map((c, i) => `${c} as c${i}`).join(', ')} ${rest}`;
  const generations = (project: string, projectColumn: string, groupBy: string) =>
    select(
      [
        generationKeySql(project),
        '"day"',
        projectColumn,
        '"language"',
        '"framework"',
        '"status"',
        'count(*)',
        'sum("tokens_used")',
        `sum(case when ${timed} then 1 else 0 end)`,
        between('"created_at"', '"started_at"'),
        between('"started_at"', '"completed_at"'),
      ],
      `from "code_generations" group by ${groupBy}`,
    );
  const health = (project: string, projectColumn: string, groupBy: string) =>
    select([healthKeySql(project), '"day"', projectColumn, '"health_score"', 'count(*)', 'sum("health_score")'], `from "project_analyses" group by ${groupBy}`);
  return {
    generations: [
      generations('"project_id"', '"project_id"', `"day", "project_id", "language", "framework", "status", ${SHARD}`),
      generations("'*'", 'null', `"day", "language", "framework", "status", ${SHARD}`),
    ],
    health: [health('"project_id"', '"project_id"', '"day", "project_id", "health_score"'), health("'*'", 'null', '"day", "health_score"')],
  };
}
const INSERT_GENERATIONS = `insert into "generation_daily" ("id", "day", "project_id", "language", "framework", "status", ${GENERATION_COUNTERS.map((c) => `"${c}"`).join(', ')}) `;
const INSERT_HEALTH = `insert into "health_daily" ("id", "day", "project_id", "score", "analyses", "score_sum") `;
const GENERATION_FIELDS = ['_id', 'day', 'project', 'language', 'framework', 'status', 'generations', 'tokensUsed', 'timed', 'waitMs', 'runMs'];
const HEALTH_FIELDS = ['_id', 'day', 'project', 'score', 'analyses', 'scoreSum'];

/** Deletes every rollup row and counts them again, in one transaction. */
export async function rebuildSqlRollups(conn: Runner, epochMs: (column: string) => string): Promise<{ generationRows: number; healthRows: number }> {
  const statements = counting(epochMs);
  return conn.transactional(async (ctx) => {
    const run = (sql: string) => conn.execute(sql, [], 'run', ctx);
    await run(`delete from "generation_daily"`);
    await run(`delete from "health_daily"`);
    for (const select of statements.generations) await run(INSERT_GENERATIONS + select);
    for (const select of statements.health) await run(INSERT_HEALTH + select);
    const count = async (table: string) => Number(((await conn.execute(`select count(*) as n from "${table}"`, [], 'all', ctx)) as { n: unknown }[])[0].n);
    return { generationRows: await count('generation_daily'), healthRows: await count('health_daily') };
  });
}

/** The recount and the stored rows, compared (see rollupDrift). */
export async function sqlRollupDrift(conn: Runner, epochMs: (column: string) => string, limit = 20): Promise<string[]> {
  const statements = counting(epochMs);
  const rows = async (sql: string, names: string[]) => ((await conn.execute(sql)) as Record<string, unknown>[]).map((r) => Object.fromEntries(names.map((name, i) => [name, r[`c${i}`]])));
  const expected: RollupCounts = {
    generations: canonicalRollups((await Promise.all(statements.generations.map((s) => rows(s, GENERATION_FIELDS)))).flat(), 'generations'),
    health: canonicalRollups((await Promise.all(statements.health.map((s) => rows(s, HEALTH_FIELDS)))).flat(), 'analyses'),
  };
  const stored: RollupCounts = {
    generations: canonicalRollups(
      await rows(
        `select "id" as c0, "day" as c1, "project_id" as c2, "language" as c3, "framework" as c4, "status" as c5, "generations" as c6, "tokens_used" as c7, "timed" as c8, "wait_ms" as c9, "run_ms" as c10 from "generation_daily"`,
        GENERATION_FIELDS,
      ),
      'generations',
    ),
    health: canonicalRollups(await rows(`select "id" as c0, "day" as c1, "project_id" as c2, "score" as c3, "analyses" as c4, "score_sum" as c5 from "health_daily"`, HEALTH_FIELDS), 'analyses'),
  };
  return compareRollups(expected, stored, limit);
}

export function compareRollups(expected: RollupCounts, stored: RollupCounts, limit: number): string[] {
  const drift: string[] = [];
  for (const kind of ['generations', 'health'] as const) {
    const want = expected[kind];
    const have = stored[kind];
    for (const [id, row] of want) if (have.get(id) !== row) drift.push(`${kind} ${id}: stored ${have.get(id) ?? 'nothing'}, recount ${row}`);
    for (const [id, row] of have) if (!want.has(id)) drift.push(`${kind} ${id}: stored ${row}, recount nothing`);
  }
  return drift.slice(0, limit);
}
