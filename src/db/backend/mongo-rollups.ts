import type { Db } from 'mongodb';
import { generationFacts, generationKey, healthKey } from './rollup-deltas';
import { canonicalRollups, type RollupCounts } from './rollup-recount';
import { compareRollups } from './sql-rollups';

const GENERATION_FIELDS = ['_id', 'day', 'project', 'language', 'framework', 'status', 'generations', 'tokensUsed', 'timed', 'waitMs', 'runMs'];
const HEALTH_FIELDS = ['_id', 'day', 'project', 'score', 'analyses', 'scoreSum'];

/**
 * The recount on MongoDB: one pass over the rows' key fields (a projection,
 * streamed), counted here. FerretDB 1.24 groups on a five-field key at a few
 * hundred documents a second and computes only the first accumulator of a
 * $group, which made the server-side recount of the large seed take many
 * minutes; this maintenance pass is the one place rows are read into Node.
 */
async function recount(db: Db): Promise<{ generations: Record<string, unknown>[]; health: Record<string, unknown>[] }> {
  const generations = new Map<string, Record<string, unknown>>();
  const fields = { _id: 1, day: 1, project: 1, language: 1, framework: 1, status: 1, tokensUsed: 1, createdAt: 1, startedAt: 1, completedAt: 1 };
  for await (const doc of db.collection('code_generations').find({}, { projection: fields, batchSize: 5000 })) {
    const facts = generationFacts(doc);
    for (const project of [facts.project, null]) {
      const key = { day: facts.day, project, language: facts.language, framework: facts.framework, status: facts.status };
      const id = generationKey({ ...key, shard: facts.shard });
      const row = generations.get(id) ?? { _id: id, ...key, generations: 0, tokensUsed: 0, timed: 0, waitMs: 0, runMs: 0 };
      (row.generations as number)++;
      for (const counter of ['tokensUsed', 'timed', 'waitMs', 'runMs'] as const) row[counter] = (row[counter] as number) + facts[counter];
      generations.set(id, row);
    }
  }
  const health = new Map<string, Record<string, unknown>>();
  for await (const doc of db.collection('project_analyses').find({}, { projection: { _id: 0, day: 1, project: 1, healthScore: 1 }, batchSize: 5000 })) {
    for (const project of [String(doc.project), null]) {
      const score = Number(doc.healthScore);
      const id = healthKey(String(doc.day), project, score);
      const row = health.get(id) ?? { _id: id, day: String(doc.day), project, score, analyses: 0, scoreSum: 0 };
      (row.analyses as number)++;
      row.scoreSum = (row.scoreSum as number) + score;
      health.set(id, row);
    }
  }
  return { generations: [...generations.values()], health: [...health.values()] };
}

/** Deletes every rollup document and writes the recount. */
export async function rebuildMongoRollups(db: Db): Promise<{ generationRows: number; healthRows: number }> {
  const counted = await recount(db);
  for (const [name, docs] of [
    ['generation_daily', counted.generations],
    ['health_daily', counted.health],
  ] as const) {
    const collection = db.collection<{ _id: string }>(name);
    await collection.deleteMany({});
    for (let i = 0; i < docs.length; i += 1000) await collection.insertMany(docs.slice(i, i + 1000) as { _id: string }[]);
  }
  return { generationRows: counted.generations.length, healthRows: counted.health.length };
}

export async function mongoRollupDrift(db: Db, limit = 20): Promise<string[]> {
  const counted = await recount(db);
  const pick = (doc: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, doc[k] ?? null]));
  const expected: RollupCounts = {
    generations: canonicalRollups(
      counted.generations.map((d) => pick(d, GENERATION_FIELDS)),
      'generations',
    ),
    health: canonicalRollups(
      counted.health.map((d) => pick(d, HEALTH_FIELDS)),
      'analyses',
    ),
  };
  const stored: RollupCounts = {
    generations: canonicalRollups(
      (await db.collection('generation_daily').find({}).toArray()).map((d) => pick(d, GENERATION_FIELDS)),
      'generations',
    ),
    health: canonicalRollups(
      (await db.collection('health_daily').find({}).toArray()).map((d) => pick(d, HEALTH_FIELDS)),
      'analyses',
    ),
  };
  return compareRollups(expected, stored, limit);
}
