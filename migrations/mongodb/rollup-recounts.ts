import type { Db } from 'mongodb';

/**
 * The rollup recounts as these migrations wrote them, frozen here so that a
 * migration does the same thing whatever the current code does.
 */

const lengthPrefixed = (s: string | null) => (s === null ? '-' : `${[...s].length}:${s}`);

/** generation_daily as migration 0005 created it (unchanged since). */
export async function recountGenerations(db: Db): Promise<void> {
  const rows = new Map<string, Record<string, unknown>>();
  for await (const doc of db.collection('code_generations').find({}, { projection: { _id: 0, day: 1, project: 1, language: 1, framework: 1, status: 1, tokensUsed: 1 } })) {
    for (const project of [String(doc.project), null]) {
      const framework = (doc.framework as string | null) ?? null;
      const id = `${doc.day}|${project ?? '*'}|${doc.status}|${lengthPrefixed(String(doc.language))}|${lengthPrefixed(framework)}`;
      const row = rows.get(id) ?? { _id: id, day: String(doc.day), project, language: String(doc.language), framework, status: String(doc.status), generations: 0, tokensUsed: 0 };
      (row.generations as number)++;
      row.tokensUsed = (row.tokensUsed as number) + Number(doc.tokensUsed ?? 0);
      rows.set(id, row);
    }
  }
  await replace(db, 'generation_daily', [...rows.values()]);
}

/**
 * generation_daily with queue times: finished generations (startedAt and
 * completedAt set) and their wait and run milliseconds (migration 0008 on);
 * `sharded`, in 16 rows per key by the last hex digit of the generation id,
 * which ends the row's id (migration 0009 on).
 */
export async function recountGenerationsTimed(db: Db, sharded = false): Promise<void> {
  const rows = new Map<string, Record<string, unknown>>();
  const projection = { _id: 1, day: 1, project: 1, language: 1, framework: 1, status: 1, tokensUsed: 1, createdAt: 1, startedAt: 1, completedAt: 1 };
  const ms = (v: unknown) => (v instanceof Date ? v.getTime() : null);
  for await (const doc of db.collection('code_generations').find({}, { projection })) {
    const [created, started, completed] = [ms(doc.createdAt), ms(doc.startedAt), ms(doc.completedAt)];
    const timed = created !== null && started !== null && completed !== null;
    for (const project of [String(doc.project), null]) {
      const framework = (doc.framework as string | null) ?? null;
      const shard = sharded ? `|${String(doc._id).slice(-1).toLowerCase()}` : '';
      const id = `${doc.day}|${project ?? '*'}|${doc.status}|${lengthPrefixed(String(doc.language))}|${lengthPrefixed(framework)}${shard}`;
      const row = rows.get(id) ?? {
        _id: id,
        day: String(doc.day),
        project,
        language: String(doc.language),
        framework,
        status: String(doc.status),
        generations: 0,
        tokensUsed: 0,
        timed: 0,
        waitMs: 0,
        runMs: 0,
      };
      (row.generations as number)++;
      row.tokensUsed = (row.tokensUsed as number) + Number(doc.tokensUsed ?? 0);
      if (timed) {
        (row.timed as number)++;
        row.waitMs = (row.waitMs as number) + (started - created);
        row.runMs = (row.runMs as number) + (completed - started);
      }
      rows.set(id, row);
    }
  }
  await replace(db, 'generation_daily', [...rows.values()]);
}

/** health_daily per day and scope with count, sum, min and max (migrations 0005 to 0006). */
export async function recountHealthMinMax(db: Db): Promise<void> {
  const rows = new Map<string, Record<string, unknown>>();
  for await (const doc of db.collection('project_analyses').find({}, { projection: { _id: 0, day: 1, project: 1, healthScore: 1 } })) {
    const score = Number(doc.healthScore);
    for (const project of [String(doc.project), null]) {
      const id = `${doc.day}|${project ?? '*'}`;
      const row = rows.get(id) ?? { _id: id, day: String(doc.day), project, analyses: 0, scoreSum: 0, scoreMin: score, scoreMax: score };
      (row.analyses as number)++;
      row.scoreSum = (row.scoreSum as number) + score;
      row.scoreMin = Math.min(row.scoreMin as number, score);
      row.scoreMax = Math.max(row.scoreMax as number, score);
      rows.set(id, row);
    }
  }
  await replace(db, 'health_daily', [...rows.values()]);
}

/** health_daily per day, scope and score with count and sum (migration 0006 on). */
export async function recountHealthPerScore(db: Db): Promise<void> {
  const rows = new Map<string, Record<string, unknown>>();
  for await (const doc of db.collection('project_analyses').find({}, { projection: { _id: 0, day: 1, project: 1, healthScore: 1 } })) {
    const score = Number(doc.healthScore);
    for (const project of [String(doc.project), null]) {
      const id = `${doc.day}|${project ?? '*'}|${score}`;
      const row = rows.get(id) ?? { _id: id, day: String(doc.day), project, score, analyses: 0, scoreSum: 0 };
      (row.analyses as number)++;
      row.scoreSum = (row.scoreSum as number) + score;
      rows.set(id, row);
    }
  }
  await replace(db, 'health_daily', [...rows.values()]);
}

async function replace(db: Db, name: string, docs: Record<string, unknown>[]): Promise<void> {
  const collection = db.collection<{ _id: string }>(name);
  await collection.deleteMany({});
  for (let i = 0; i < docs.length; i += 1000) await collection.insertMany(docs.slice(i, i + 1000) as { _id: string }[]);
}
