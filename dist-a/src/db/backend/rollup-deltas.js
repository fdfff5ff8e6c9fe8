"use strict";
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
Object.defineProperty(exports, "__esModule", { value: true });
exports.COUNTER = exports.negate = exports.isCounted = exports.healthKey = void 0;
exports.generationKey = generationKey;
exports.generationFacts = generationFacts;
exports.analysisFacts = analysisFacts;
exports.rollupDeltas = rollupDeltas;
exports.mergeDeltas = mergeDeltas;
/**
 * Rollup ids spell out the key: free-text parts are length-prefixed, so no two
 * keys share an id. SQL builds the same string (generationKeySql).
 */
function generationKey(f) {
    // Length in characters (code points), as SQL's length() counts them.
    const text = (s) => (s === null ? '-' : `${[...s].length}:${s}`);
    return `${f.day}|${f.project ?? '*'}|${f.status}|${text(f.language)}|${text(f.framework)}`;
}
const healthKey = (day, project, score) => `${day}|${project ?? '*'}|${score}`;
exports.healthKey = healthKey;
const ref = (v) => (v && typeof v === 'object' ? String(v.id) : String(v));
function generationFacts(row) {
    return {
        day: String(row.day),
        project: ref(row.project),
        language: String(row.language),
        framework: row.framework ?? null,
        status: String(row.status),
        tokensUsed: Number(row.tokensUsed ?? 0),
    };
}
function analysisFacts(row) {
    return { day: String(row.day), project: ref(row.project), healthScore: Number(row.healthScore) };
}
function generationDeltas(f, sign) {
    return [f.project, null].map((project) => {
        const key = { day: f.day, project, language: f.language, framework: f.framework, status: f.status };
        return { table: 'generation_daily', id: generationKey(key), key, add: { generations: sign, tokensUsed: sign * f.tokensUsed } };
    });
}
function analysisDeltas(f, sign) {
    return [f.project, null].map((project) => ({
        table: 'health_daily',
        id: (0, exports.healthKey)(f.day, project, f.healthScore),
        key: { day: f.day, project, score: f.healthScore },
        add: { analyses: sign, scoreSum: sign * f.healthScore },
    }));
}
/** Which entities rollups count, and how. */
const COUNTED = {
    CodeGeneration: (row, sign) => generationDeltas(generationFacts(row), sign),
    ProjectAnalysis: (row, sign) => analysisDeltas(analysisFacts(row), sign),
};
/** Whether writes to `entity` move rollups (and so need their pre-image). */
const isCounted = (entity) => entity in COUNTED;
exports.isCounted = isCounted;
/**
 * The change a write of `entity` makes to the rollups, from the row before
 * (null: created) to the row after (null: deleted): merged per rollup row,
 * zero changes dropped, sorted by table and id so that concurrent writers
 * touch rollup rows in one order (no deadlocks on SQL).
 */
function rollupDeltas(entity, before, after) {
    const counted = COUNTED[entity];
    if (!counted)
        return [];
    return mergeDeltas([...(before ? counted(before, -1) : []), ...(after ? counted(after, 1) : [])]);
}
/** Deltas with the same row merged, zeroes dropped, in (table, id) order. */
function mergeDeltas(deltas) {
    const merged = new Map();
    for (const d of deltas) {
        const k = `${d.table}\0${d.id}`;
        const known = merged.get(k);
        if (!known)
            merged.set(k, { ...d, add: { ...d.add } });
        else
            for (const [p, n] of Object.entries(d.add))
                known.add[p] = (known.add[p] ?? 0) + n;
    }
    return [...merged.values()].filter((d) => Object.values(d.add).some((n) => n !== 0)).sort((a, b) => (a.table === b.table ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.table < b.table ? -1 : 1));
}
/** Negated deltas (undoing a write's effect). */
const negate = (deltas) => deltas.map((d) => ({ ...d, add: Object.fromEntries(Object.entries(d.add).map(([p, n]) => [p, -n])) }));
exports.negate = negate;
/** The counter that tells whether a rollup row still counts anything (rows at zero are removed). */
exports.COUNTER = { generation_daily: 'generations', health_daily: 'analyses' };
//# sourceMappingURL=rollup-deltas.js.map