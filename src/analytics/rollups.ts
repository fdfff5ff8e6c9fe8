import type { EntityManager } from '@mikro-orm/core';
import type { Collection, Db } from 'mongodb';
import { CodeGeneration, GenerationDaily, HealthDaily } from '../entities';

/** What a code generation adds to its day's rollup row. */
export interface GenerationFacts {
  day: string;
  project: string;
  language: string;
  framework: string | null;
  status: string;
  tokensUsed: number;
}

export function generationFacts(row: CodeGeneration): GenerationFacts {
  return { day: row.day, project: row.project.id, language: row.language, framework: row.framework ?? null, status: row.status, tokensUsed: row.tokensUsed };
}

/**
 * Rollup ids spell out the key: free-text parts are length-prefixed, so no two
 * keys share an id. SQL builds the same string in rebuild() (GENERATION_KEY_SQL).
 */
export function generationKey(f: Omit<GenerationFacts, 'tokensUsed'>): string {
  // Length in characters (code points), as SQL's length() counts them.
  const text = (s: string | null) => (s === null ? '-' : `${[...s].length}:${s}`);
  return `${f.day}|${f.project}|${f.status}|${text(f.language)}|${text(f.framework)}`;
}
export const healthKey = (day: string, project: string) => `${day}|${project}`;

const lengthPrefixed = (col: string) => `coalesce(cast(length(${col}) as text) || ':' || ${col}, '-')`;
const GENERATION_KEY_SQL = `"day" || '|' || "project_id" || '|' || "status" || '|' || ${lengthPrefixed('"language"')} || '|' || ${lengthPrefixed('"framework"')}`;
const HEALTH_KEY_SQL = `"day" || '|' || "project_id"`;

type Conn = {
  execute(sql: string, params?: unknown[], method?: 'all' | 'run', ctx?: unknown): Promise<unknown>;
  getDb?(): Db;
};

/**
 * Keeps the rollups in step with the rows they count, within the caller's write:
 * on SQL in its transaction (see Store.inTransaction), on MongoDB right after it
 * with upserts ($inc, $min, $max), since FerretDB and a standalone mongod have no
 * transactions; `codeobit db rollups --check` finds any drift a crash between the
 * two could leave, and `--rebuild` repairs it.
 */
export class Rollups {
  constructor(private readonly em: EntityManager) {}

  private get conn(): Conn {
    return this.em.getConnection() as unknown as Conn;
  }

  private get mongo(): Db | undefined {
    return this.conn.getDb?.();
  }

  private sql(sql: string, params: unknown[]): Promise<unknown> {
    return this.conn.execute(sql, params, 'run', this.em.getTransactionContext());
  }

  private greatest(a: string, b: string, max: boolean): string {
    const sqlite = this.em.getPlatform().constructor.name.includes('Sqlite');
    return `${sqlite ? (max ? 'max' : 'min') : max ? 'greatest' : 'least'}(${a}, ${b})`;
  }

  /** Moves one generation from `before` to `after` (null: it was created / deleted). */
  async generation(before: GenerationFacts | null, after: GenerationFacts | null): Promise<void> {
    if (before && after && generationKey(before) === generationKey(after) && before.tokensUsed === after.tokensUsed) return;
    if (before) await this.addGeneration(before, -1);
    if (after) await this.addGeneration(after, 1);
  }

  private async addGeneration(f: GenerationFacts, sign: 1 | -1): Promise<void> {
    const id = generationKey(f);
    const db = this.mongo;
    if (db) {
      const rows = db.collection<{ _id: string }>('generation_daily');
      await rows.updateOne(
        { _id: id },
        { $inc: { generations: sign, tokensUsed: sign * f.tokensUsed }, $setOnInsert: { day: f.day, project: f.project, language: f.language, framework: f.framework, status: f.status } },
        { upsert: true },
      );
      if (sign < 0) await rows.deleteOne({ _id: id, generations: { $lte: 0 } });
      return;
    }
    await this.sql(
      `insert into "generation_daily" ("id", "day", "project_id", "language", "framework", "status", "generations", "tokens_used") values (?, ?, ?, ?, ?, ?, ?, ?) ` +
        `on conflict ("id") do update set "generations" = "generation_daily"."generations" + excluded."generations", "tokens_used" = "generation_daily"."tokens_used" + excluded."tokens_used"`,
      [id, f.day, f.project, f.language, f.framework, f.status, sign, sign * f.tokensUsed],
    );
    if (sign < 0) await this.sql(`delete from "generation_daily" where "id" = ? and "generations" <= 0`, [id]);
  }

  /** A new analysis: count, sum, min and max of its day. */
  async analysisAdded(day: string, project: string, score: number): Promise<void> {
    const id = healthKey(day, project);
    const db = this.mongo;
    if (db) {
      await db.collection<{ _id: string }>('health_daily').updateOne(
        { _id: id },
        { $inc: { analyses: 1, scoreSum: score }, $min: { scoreMin: score }, $max: { scoreMax: score }, $setOnInsert: { day, project } },
        { upsert: true },
      );
      return;
    }
    await this.sql(
      `insert into "health_daily" ("id", "day", "project_id", "analyses", "score_sum", "score_min", "score_max") values (?, ?, ?, 1, ?, ?, ?) ` +
        `on conflict ("id") do update set "analyses" = "health_daily"."analyses" + 1, "score_sum" = "health_daily"."score_sum" + excluded."score_sum", ` +
        `"score_min" = ${this.greatest('"health_daily"."score_min"', 'excluded."score_min"', false)}, "score_max" = ${this.greatest('"health_daily"."score_max"', 'excluded."score_max"', true)}`,
      [id, day, project, score, score, score],
    );
  }

  /** An analysis changed or went away: min and max cannot be undone, so the day is recounted (one project's analyses of one day). */
  async analysisChanged(day: string, project: string): Promise<void> {
    const id = healthKey(day, project);
    const db = this.mongo;
    if (db) {
      const scores = (await db.collection('project_analyses').find({ project, day }, { projection: { healthScore: 1 } }).toArray()).map((d) => Number(d.healthScore));
      const rows = db.collection<{ _id: string }>('health_daily');
      if (!scores.length) await rows.deleteOne({ _id: id });
      else await rows.replaceOne({ _id: id }, { day, project, ...summarize(scores) }, { upsert: true });
      return;
    }
    await this.sql(`delete from "health_daily" where "id" = ?`, [id]);
    await this.sql(
      `insert into "health_daily" ("id", "day", "project_id", "analyses", "score_sum", "score_min", "score_max") ` +
        `select ?, "day", "project_id", count(*), sum("health_score"), min("health_score"), max("health_score") from "project_analyses" where "project_id" = ? and "day" = ? group by "day", "project_id"`,
      [id, project, day],
    );
  }

  /** Projects deleted: their rollups go too (SQL does this by foreign key cascade). */
  async projectsDeleted(projectIds: string[]): Promise<void> {
    const db = this.mongo;
    if (!db || !projectIds.length) return;
    for (const name of ['generation_daily', 'health_daily']) await db.collection(name).deleteMany({ project: { $in: projectIds } });
  }
}

function summarize(scores: number[]) {
  return { analyses: scores.length, scoreSum: scores.reduce((a, b) => a + b, 0), scoreMin: Math.min(...scores), scoreMax: Math.max(...scores) };
}

type Counts = Map<string, string>;

/** Deletes every rollup row and counts them again from code generations and analyses. Returns the rows written. */
export async function rebuildRollups(em: EntityManager): Promise<{ generationDays: number; healthDays: number }> {
  const conn = em.getConnection() as unknown as Conn;
  const db = conn.getDb?.();
  if (db) return rebuildMongoRollups(db);
  await em.transactional(async (tx) => {
    const run = (sql: string) => (tx.getConnection() as unknown as Conn).execute(sql, [], 'run', tx.getTransactionContext());
    await run(`delete from "generation_daily"`);
    await run(`delete from "health_daily"`);
    await run(
      `insert into "generation_daily" ("id", "day", "project_id", "language", "framework", "status", "generations", "tokens_used") ` +
        `select ${GENERATION_KEY_SQL}, "day", "project_id", "language", "framework", "status", count(*), sum("tokens_used") from "code_generations" group by "day", "project_id", "language", "framework", "status"`,
    );
    await run(
      `insert into "health_daily" ("id", "day", "project_id", "analyses", "score_sum", "score_min", "score_max") ` +
        `select ${HEALTH_KEY_SQL}, "day", "project_id", count(*), sum("health_score"), min("health_score"), max("health_score") from "project_analyses" group by "day", "project_id"`,
    );
  });
  return { generationDays: await em.fork().count(GenerationDaily, {}), healthDays: await em.fork().count(HealthDaily, {}) };
}

/** rebuildRollups on MongoDB, given the database (also run by its migration). */
export async function rebuildMongoRollups(db: Db): Promise<{ generationDays: number; healthDays: number }> {
  const expected = await expectedMongo(db);
  for (const [name, rows] of [['generation_daily', expected.generations], ['health_daily', expected.health]] as const) {
    const collection = db.collection<{ _id: string }>(name);
    await collection.deleteMany({});
    const docs = [...rows.values()].map((json) => JSON.parse(json) as { _id: string });
    for (let i = 0; i < docs.length; i += 1000) await collection.insertMany(docs.slice(i, i + 1000));
  }
  return { generationDays: expected.generations.size, healthDays: expected.health.size };
}

/** Rollup rows that differ from a full recount (empty when they agree), at most `limit` described. */
export async function rollupDrift(em: EntityManager, limit = 20): Promise<string[]> {
  const conn = em.getConnection() as unknown as Conn;
  const db = conn.getDb?.();
  const expected = db ? await expectedMongo(db) : await expectedSql(conn);
  const stored = db ? await storedMongo(db) : await storedSql(conn);
  const drift: string[] = [];
  for (const kind of ['generations', 'health'] as const) {
    const want = expected[kind];
    const have = stored[kind];
    for (const [id, row] of want) if (have.get(id) !== row) drift.push(`${kind} ${id}: stored ${have.get(id) ?? 'nothing'}, recount ${row}`);
    for (const [id, row] of have) if (!want.has(id)) drift.push(`${kind} ${id}: stored ${row}, recount nothing`);
  }
  return drift.slice(0, limit);
}

/** Rows as canonical JSON by id, for comparison. */
const canonical = (row: Record<string, unknown>) =>
  JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' || (typeof v === 'string' && /^\d+$/.test(v) && k !== '_id' && k !== 'day') ? Number(v) : v])));

async function expectedSql(conn: Conn): Promise<{ generations: Counts; health: Counts }> {
  const gens = (await conn.execute(
    `select ${GENERATION_KEY_SQL} as "_id", "day", "project_id" as "project", "language", "framework", "status", count(*) as "generations", sum("tokens_used") as "tokensUsed" from "code_generations" group by "day", "project_id", "language", "framework", "status"`,
  )) as Record<string, unknown>[];
  const health = (await conn.execute(
    `select ${HEALTH_KEY_SQL} as "_id", "day", "project_id" as "project", count(*) as "analyses", sum("health_score") as "scoreSum", min("health_score") as "scoreMin", max("health_score") as "scoreMax" from "project_analyses" group by "day", "project_id"`,
  )) as Record<string, unknown>[];
  return { generations: byId(gens), health: byId(health) };
}

async function storedSql(conn: Conn): Promise<{ generations: Counts; health: Counts }> {
  const gens = (await conn.execute(
    `select "id" as "_id", "day", "project_id" as "project", "language", "framework", "status", "generations", "tokens_used" as "tokensUsed" from "generation_daily"`,
  )) as Record<string, unknown>[];
  const health = (await conn.execute(
    `select "id" as "_id", "day", "project_id" as "project", "analyses", "score_sum" as "scoreSum", "score_min" as "scoreMin", "score_max" as "scoreMax" from "health_daily"`,
  )) as Record<string, unknown>[];
  return { generations: byId(gens), health: byId(health) };
}

function byId(rows: Record<string, unknown>[]): Counts {
  return new Map(rows.map((r) => [String(r._id), canonical({ ...r, project: String(r.project) })]));
}

/**
 * The recount on MongoDB: one pass over the rows' key fields (a projection,
 * streamed), counted here. FerretDB 1.24 groups on a five-field key at a few
 * hundred documents a second and computes only the first accumulator of a
 * $group, which made the server-side recount of the large seed take many
 * minutes; this maintenance pass is the one place rows are read into Node.
 */
async function expectedMongo(db: Db): Promise<{ generations: Counts; health: Counts }> {
  const generations = db.collection('code_generations') as Collection;
  const totals = new Map<string, { key: Omit<GenerationFacts, 'tokensUsed'>; n: number; tokens: number }>();
  const fields = { _id: 0, day: 1, project: 1, language: 1, framework: 1, status: 1, tokensUsed: 1 };
  for await (const doc of generations.find({}, { projection: fields, batchSize: 5000 })) {
    const key = { day: String(doc.day), project: String(doc.project), language: String(doc.language), framework: (doc.framework as string | null) ?? null, status: String(doc.status) };
    const id = generationKey(key);
    const t = totals.get(id) ?? { key, n: 0, tokens: 0 };
    t.n += 1;
    t.tokens += Number(doc.tokensUsed ?? 0);
    totals.set(id, t);
  }
  const gens: Counts = new Map([...totals].map(([id, t]) => [id, canonical({ _id: id, ...t.key, generations: t.n, tokensUsed: t.tokens })]));
  const perDay = new Map<string, { day: string; project: string; scores: number[] }>();
  for await (const doc of db.collection('project_analyses').find({}, { projection: { _id: 0, day: 1, project: 1, healthScore: 1 }, batchSize: 5000 })) {
    const id = healthKey(String(doc.day), String(doc.project));
    const entry = perDay.get(id) ?? { day: String(doc.day), project: String(doc.project), scores: [] };
    entry.scores.push(Number(doc.healthScore));
    perDay.set(id, entry);
  }
  const health: Counts = new Map([...perDay].map(([id, d]) => [id, canonical({ _id: id, day: d.day, project: d.project, ...summarize(d.scores) })]));
  return { generations: gens, health };
}

async function storedMongo(db: Db): Promise<{ generations: Counts; health: Counts }> {
  const gens = await db.collection('generation_daily').find({}).toArray();
  const health = await db.collection('health_daily').find({}).toArray();
  const pick = (doc: Record<string, unknown>, keys: string[]) => canonical(Object.fromEntries(keys.map((k) => [k, k === 'project' ? String(doc[k]) : (doc[k] ?? null)])));
  return {
    generations: new Map(gens.map((d) => [String(d._id), pick(d, ['_id', 'day', 'project', 'language', 'framework', 'status', 'generations', 'tokensUsed'])])),
    health: new Map(health.map((d) => [String(d._id), pick(d, ['_id', 'day', 'project', 'analyses', 'scoreSum', 'scoreMin', 'scoreMax'])])),
  };
}
