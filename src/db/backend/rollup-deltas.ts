/**
 * The analytics rollups as increments: what one row of code_generations or
 * project_analyses adds to the daily rollup rows, per project and for every
 * project (project null, key '*'). Every write moves the rollups by exactly
 * (what the row adds after) − (what it added before), computed from the
 * pre-image read atomically with the write. Increments commute, so any
 * interleaving of writes sums to the exact totals on every backend, with no
 * recount racing a write: health rollups keep a count per score (0–100), from
 * which a day's min and max follow, instead of a min and max that a decrement
 * could not undo.
 */

/** One rollup table's row key and the amounts to add to it. */
export interface RollupDelta {
  table: 'generation_daily' | 'health_daily';
  /** The row's key (see generationKey / healthKey); also its primary key. */
  id: string;
  /** The key's parts, written when the row is created. */
  key: Record<string, string | number | null>;
  /** Amounts added to the counters, by property. */
  add: Record<string, number>;
}

/** A code generation's facts that rollups count. */
export interface GenerationFacts {
  /** The rollup shard the generation counts in (see shardOf). */
  shard: string;
  day: string;
  project: string;
  language: string;
  framework: string | null;
  status: string;
  tokensUsed: number;
  /** 1 when a worker finished it (startedAt and completedAt set), with its queue times; 0 and no times otherwise. */
  timed: 0 | 1;
  waitMs: number;
  runMs: number;
}

/** An analysis's facts that rollups count. */
export interface AnalysisFacts {
  day: string;
  project: string;
  healthScore: number;
}

/**
 * Generation rollups are split into 16 rows per key, by the last hex digit of
 * the generation's id: every write to one generation moves the same row, so
 * each row is an exact count of its sixteenth (never negative), and readers sum
 * them. One row per key made every create, claim and completion of a day (the
 * every-project row has no project in its key) wait on one row lock until the
 * previous writer's commit: on createCodeGeneration (the load bench's shape, 10
 * clients on one project, PostgreSQL), 16 rows took it from 708 to 874 and from
 * 583 to 645 requests/s in two paired runs on this noisy 2-core machine.
 */
export const shardOf = (id: unknown): string => {
  const text = String(id);
  return text.charAt(text.length - 1).toLowerCase();
};

/**
 * Rollup ids spell out the key: free-text parts are length-prefixed, so no two
 * keys share an id; generation ids end in their shard. SQL builds the same
 * string (generationKeySql).
 */
export function generationKey(f: { day: string; project: string | null; status: string; language: string; framework: string | null; shard: string }): string {
  // Length in characters (code points), as SQL's length() counts them.
  const text = (s: string | null) => (s === null ? '-' : `${[...s].length}:${s}`);
  return `${f.day}|${f.project ?? '*'}|${f.status}|${text(f.language)}|${text(f.framework)}|${f.shard}`;
}

export const healthKey = (day: string, project: string | null, score: number) => `${day}|${project ?? '*'}|${score}`;

const ref = (v: unknown): string => (v && typeof v === 'object' ? String((v as { id: unknown }).id) : String(v));

/** Epoch milliseconds of a stored date (a Date, or what a driver returned), null when unset. */
const msOf = (v: unknown): number | null => (v == null ? null : v instanceof Date ? v.getTime() : new Date(v as string | number).getTime());

export function generationFacts(row: Record<string, unknown>): GenerationFacts {
  const created = msOf(row.createdAt);
  const started = msOf(row.startedAt);
  const completed = msOf(row.completedAt);
  const timed = created !== null && started !== null && completed !== null;
  return {
    shard: shardOf(row.id ?? row._id),
    timed: timed ? 1 : 0,
    waitMs: timed ? started - created : 0,
    runMs: timed ? completed - started : 0,
    day: String(row.day),
    project: ref(row.project),
    language: String(row.language),
    framework: (row.framework as string | null | undefined) ?? null,
    status: String(row.status),
    tokensUsed: Number(row.tokensUsed ?? 0),
  };
}

export function analysisFacts(row: Record<string, unknown>): AnalysisFacts {
  return { day: String(row.day), project: ref(row.project), healthScore: Number(row.healthScore) };
}

function generationDeltas(f: GenerationFacts, sign: 1 | -1): RollupDelta[] {
  return [f.project, null].map((project) => {
    const key = { day: f.day, project, language: f.language, framework: f.framework, status: f.status };
    return {
      table: 'generation_daily',
      id: generationKey({ ...key, shard: f.shard }),
      key,
      add: { generations: sign, tokensUsed: sign * f.tokensUsed, timed: sign * f.timed, waitMs: sign * f.waitMs, runMs: sign * f.runMs },
    };
  });
}

function analysisDeltas(f: AnalysisFacts, sign: 1 | -1): RollupDelta[] {
  return [f.project, null].map((project) => ({
    table: 'health_daily',
    id: healthKey(f.day, project, f.healthScore),
    key: { day: f.day, project, score: f.healthScore },
    add: { analyses: sign, scoreSum: sign * f.healthScore },
  }));
}

/** Which entities rollups count, and how. */
const COUNTED: Record<string, (row: Record<string, unknown>, sign: 1 | -1) => RollupDelta[]> = {
  CodeGeneration: (row, sign) => generationDeltas(generationFacts(row), sign),
  ProjectAnalysis: (row, sign) => analysisDeltas(analysisFacts(row), sign),
};

/** Whether writes to `entity` move rollups (and so need their pre-image). */
export const isCounted = (entity: string) => entity in COUNTED;

/**
 * The change a write of `entity` makes to the rollups, from the row before
 * (null: created) to the row after (null: deleted): merged per rollup row,
 * zero changes dropped, sorted by table and id so that concurrent writers
 * touch rollup rows in one order (no deadlocks on SQL).
 */
export function rollupDeltas(entity: string, before: Record<string, unknown> | null, after: Record<string, unknown> | null): RollupDelta[] {
  const counted = COUNTED[entity];
  if (!counted) return [];
  return mergeDeltas([...(before ? counted(before, -1) : []), ...(after ? counted(after, 1) : [])]);
}

/** Deltas with the same row merged, zeroes dropped, in (table, id) order. */
export function mergeDeltas(deltas: RollupDelta[]): RollupDelta[] {
  const merged = new Map<string, RollupDelta>();
  for (const d of deltas) {
    const k = `${d.table}\0${d.id}`;
    const known = merged.get(k);
    if (!known) merged.set(k, { ...d, add: { ...d.add } });
    else for (const [p, n] of Object.entries(d.add)) known.add[p] = (known.add[p] ?? 0) + n;
  }
  return [...merged.values()].filter((d) => Object.values(d.add).some((n) => n !== 0)).sort((a, b) => (a.table === b.table ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.table < b.table ? -1 : 1));
}

/** Negated deltas (undoing a write's effect). */
export const negate = (deltas: RollupDelta[]): RollupDelta[] => deltas.map((d) => ({ ...d, add: Object.fromEntries(Object.entries(d.add).map(([p, n]) => [p, -n])) }));

/** The counter that tells whether a rollup row still counts anything (rows at zero are removed). */
export const COUNTER: Record<RollupDelta['table'], string> = { generation_daily: 'generations', health_daily: 'analyses' };
