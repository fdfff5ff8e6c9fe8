"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Rollups = exports.healthKey = void 0;
exports.generationFacts = generationFacts;
exports.generationKey = generationKey;
exports.rebuildRollups = rebuildRollups;
exports.rebuildMongoRollups = rebuildMongoRollups;
exports.rollupDrift = rollupDrift;
const entities_1 = require("../entities");
function generationFacts(row) {
    return { day: row.day, project: row.project.id, language: row.language, framework: row.framework ?? null, status: row.status, tokensUsed: row.tokensUsed };
}
/**
 * Rollup ids spell out the key: free-text parts are length-prefixed, so no two
 * keys share an id. SQL builds the same string in rebuild() (GENERATION_KEY_SQL).
 */
function generationKey(f) {
    // Length in characters (code points), as SQL's length() counts them.
    const text = (s) => (s === null ? '-' : `${[...s].length}:${s}`);
    return `${f.day}|${f.project ?? '*'}|${f.status}|${text(f.language)}|${text(f.framework)}`;
}
const healthKey = (day, project) => `${day}|${project ?? '*'}`;
exports.healthKey = healthKey;
const lengthPrefixed = (col) => `coalesce(cast(length(${col}) as text) || ':' || ${col}, '-')`;
/** The key in SQL, per project (`"project_id"`) or for every project (`'*'`). */
const generationKeySql = (project) => `"day" || '|' || ${project} || '|' || "status" || '|' || ${lengthPrefixed('"language"')} || '|' || ${lengthPrefixed('"framework"')}`;
const healthKeySql = (project) => `"day" || '|' || ${project}`;
/** Statements that count rollup rows from the source rows, per project and for every project; `where` narrows the source rows. */
function countingSql(where = '') {
    const w = where ? ` where ${where}` : '';
    return {
        generations: [
            `select ${generationKeySql('"project_id"')} as c0, "day" as c1, "project_id" as c2, "language" as c3, "framework" as c4, "status" as c5, count(*) as c6, sum("tokens_used") as c7 from "code_generations"${w} group by "day", "project_id", "language", "framework", "status"`,
            `select ${generationKeySql("'*'")} as c0, "day" as c1, null as c2, "language" as c3, "framework" as c4, "status" as c5, count(*) as c6, sum("tokens_used") as c7 from "code_generations"${w} group by "day", "language", "framework", "status"`,
        ],
        health: [
            `select ${healthKeySql('"project_id"')} as c0, "day" as c1, "project_id" as c2, count(*) as c3, sum("health_score") as c4, min("health_score") as c5, max("health_score") as c6 from "project_analyses"${w} group by "day", "project_id"`,
            `select ${healthKeySql("'*'")} as c0, "day" as c1, null as c2, count(*) as c3, sum("health_score") as c4, min("health_score") as c5, max("health_score") as c6 from "project_analyses"${w} group by "day"`,
        ],
    };
}
const INSERT_GENERATIONS = `insert into "generation_daily" ("id", "day", "project_id", "language", "framework", "status", "generations", "tokens_used") `;
const INSERT_HEALTH = `insert into "health_daily" ("id", "day", "project_id", "analyses", "score_sum", "score_min", "score_max") `;
/**
 * Keeps the rollups in step with the rows they count, within the caller's write:
 * on SQL in its transaction (see Store.inTransaction), on MongoDB right after it
 * with upserts ($inc, $min, $max), since FerretDB and a standalone mongod have no
 * transactions; `codeobit db rollups --check` finds any drift a crash between the
 * two could leave, and `--rebuild` repairs it.
 */
class Rollups {
    constructor(em) {
        this.em = em;
    }
    get conn() {
        return this.em.getConnection();
    }
    get mongo() {
        return this.conn.getDb?.();
    }
    sql(sql, params) {
        return this.conn.execute(sql, params, 'run', this.em.getTransactionContext());
    }
    greatest(a, b, max) {
        const sqlite = this.em.getPlatform().constructor.name.includes('Sqlite');
        return `${sqlite ? (max ? 'max' : 'min') : max ? 'greatest' : 'least'}(${a}, ${b})`;
    }
    /** Moves one generation from `before` to `after` (null: it was created / deleted). */
    async generation(before, after) {
        if (before && after && generationKey(before) === generationKey(after) && before.tokensUsed === after.tokensUsed)
            return;
        if (before)
            await this.addGeneration(before, -1);
        if (after)
            await this.addGeneration(after, 1);
    }
    async addGeneration(facts, sign) {
        for (const project of [facts.project, null])
            await this.addGenerationRow({ ...facts, project }, sign);
    }
    async addGenerationRow(f, sign) {
        const id = generationKey(f);
        const db = this.mongo;
        if (db) {
            const rows = db.collection('generation_daily');
            await rows.updateOne({ _id: id }, { $inc: { generations: sign, tokensUsed: sign * f.tokensUsed }, $setOnInsert: { day: f.day, project: f.project, language: f.language, framework: f.framework, status: f.status } }, { upsert: true });
            if (sign < 0)
                await rows.deleteOne({ _id: id, generations: { $lte: 0 } });
            return;
        }
        await this.sql(`insert into "generation_daily" ("id", "day", "project_id", "language", "framework", "status", "generations", "tokens_used") values (?, ?, ?, ?, ?, ?, ?, ?) ` +
            `on conflict ("id") do update set "generations" = "generation_daily"."generations" + excluded."generations", "tokens_used" = "generation_daily"."tokens_used" + excluded."tokens_used"`, [id, f.day, f.project, f.language, f.framework, f.status, sign, sign * f.tokensUsed]);
        if (sign < 0)
            await this.sql(`delete from "generation_daily" where "id" = ? and "generations" <= 0`, [id]);
    }
    /** A new analysis: count, sum, min and max of its day. */
    async analysisAdded(day, projectId, score) {
        for (const project of [projectId, null])
            await this.addAnalysisRow(day, project, score);
    }
    async addAnalysisRow(day, project, score) {
        const id = (0, exports.healthKey)(day, project);
        const db = this.mongo;
        if (db) {
            await db.collection('health_daily').updateOne({ _id: id }, { $inc: { analyses: 1, scoreSum: score }, $min: { scoreMin: score }, $max: { scoreMax: score }, $setOnInsert: { day, project } }, { upsert: true });
            return;
        }
        await this.sql(`insert into "health_daily" ("id", "day", "project_id", "analyses", "score_sum", "score_min", "score_max") values (?, ?, ?, 1, ?, ?, ?) ` +
            `on conflict ("id") do update set "analyses" = "health_daily"."analyses" + 1, "score_sum" = "health_daily"."score_sum" + excluded."score_sum", ` +
            `"score_min" = ${this.greatest('"health_daily"."score_min"', 'excluded."score_min"', false)}, "score_max" = ${this.greatest('"health_daily"."score_max"', 'excluded."score_max"', true)}`, [id, day, project, score, score, score]);
    }
    /** An analysis changed or went away: min and max cannot be undone, so the day is recounted (one project's analyses of one day). */
    async analysisChanged(day, projectId) {
        for (const project of [projectId, null])
            await this.recountAnalyses(day, project);
    }
    async recountAnalyses(day, project) {
        const id = (0, exports.healthKey)(day, project);
        const db = this.mongo;
        if (db) {
            const scores = (await db.collection('project_analyses').find(project ? { project, day } : { day }, { projection: { healthScore: 1 } }).toArray()).map((d) => Number(d.healthScore));
            const rows = db.collection('health_daily');
            if (!scores.length)
                await rows.deleteOne({ _id: id });
            else
                await rows.replaceOne({ _id: id }, { day, project, ...summarize(scores) }, { upsert: true });
            return;
        }
        await this.sql(`delete from "health_daily" where "id" = ?`, [id]);
        const [perProject, everyProject] = countingSql(project ? `"project_id" = ? and "day" = ?` : `"day" = ?`).health;
        await this.sql(INSERT_HEALTH + (project ? perProject : everyProject), project ? [project, day] : [day]);
    }
    /** The days that rows of these projects count on: read before deleting them, for projectsDeleted. */
    async daysOf(projectIds) {
        if (!projectIds.length)
            return [];
        const db = this.mongo;
        if (db) {
            const days = await Promise.all(['generation_daily', 'health_daily'].map((n) => db.collection(n).distinct('day', { project: { $in: projectIds } })));
            return [...new Set(days.flat().map(String))];
        }
        const marks = projectIds.map(() => '?').join(', ');
        const rows = (await this.conn.execute(`select "day" from "generation_daily" where "project_id" in (${marks}) union select "day" from "health_daily" where "project_id" in (${marks})`, [...projectIds, ...projectIds], 'all', this.em.getTransactionContext()));
        return rows.map((r) => r.day);
    }
    /**
     * Projects deleted with their rows: their own rollups go (SQL by foreign key
     * cascade), and the every-project rows of `days` are counted again.
     */
    async projectsDeleted(projectIds, days) {
        const db = this.mongo;
        if (db) {
            for (const name of ['generation_daily', 'health_daily'])
                await db.collection(name).deleteMany({ project: { $in: projectIds } });
            if (days.length)
                await replaceMongoRows(db, await expectedMongo(db, days, false), { project: null, day: { $in: days } });
            return;
        }
        for (let i = 0; i < days.length; i += 500) {
            const some = days.slice(i, i + 500);
            const marks = some.map(() => '?').join(', ');
            const { generations, health } = countingSql(`"day" in (${marks})`);
            await this.sql(`delete from "generation_daily" where "project_id" is null and "day" in (${marks})`, some);
            await this.sql(`delete from "health_daily" where "project_id" is null and "day" in (${marks})`, some);
            await this.sql(INSERT_GENERATIONS + generations[1], some);
            await this.sql(INSERT_HEALTH + health[1], some);
        }
    }
}
exports.Rollups = Rollups;
function summarize(scores) {
    return { analyses: scores.length, scoreSum: scores.reduce((a, b) => a + b, 0), scoreMin: Math.min(...scores), scoreMax: Math.max(...scores) };
}
/** Deletes every rollup row and counts them again from code generations and analyses. Returns the rows written. */
async function rebuildRollups(em) {
    const conn = em.getConnection();
    const db = conn.getDb?.();
    if (db)
        return rebuildMongoRollups(db);
    await em.transactional(async (tx) => {
        const run = (sql) => tx.getConnection().execute(sql, [], 'run', tx.getTransactionContext());
        await run(`delete from "generation_daily"`);
        await run(`delete from "health_daily"`);
        const { generations, health } = countingSql();
        for (const select of generations)
            await run(INSERT_GENERATIONS + select);
        for (const select of health)
            await run(INSERT_HEALTH + select);
    });
    return { generationDays: await em.fork().count(entities_1.GenerationDaily, {}), healthDays: await em.fork().count(entities_1.HealthDaily, {}) };
}
/** rebuildRollups on MongoDB, given the database (also run by its migration). */
async function rebuildMongoRollups(db) {
    const expected = await expectedMongo(db);
    await replaceMongoRows(db, expected, {});
    return { generationDays: expected.generations.size, healthDays: expected.health.size };
}
/** Replaces the rollup documents matching `filter` with the counted ones. */
async function replaceMongoRows(db, counted, filter) {
    for (const [name, rows] of [['generation_daily', counted.generations], ['health_daily', counted.health]]) {
        const collection = db.collection(name);
        await collection.deleteMany(filter);
        const docs = [...rows.values()].map((json) => JSON.parse(json));
        for (let i = 0; i < docs.length; i += 1000)
            await collection.insertMany(docs.slice(i, i + 1000));
    }
}
/** Rollup rows that differ from a full recount (empty when they agree), at most `limit` described. */
async function rollupDrift(em, limit = 20) {
    const conn = em.getConnection();
    const db = conn.getDb?.();
    const expected = db ? await expectedMongo(db) : await expectedSql(conn);
    const stored = db ? await storedMongo(db) : await storedSql(conn);
    const drift = [];
    for (const kind of ['generations', 'health']) {
        const want = expected[kind];
        const have = stored[kind];
        for (const [id, row] of want)
            if (have.get(id) !== row)
                drift.push(`${kind} ${id}: stored ${have.get(id) ?? 'nothing'}, recount ${row}`);
        for (const [id, row] of have)
            if (!want.has(id))
                drift.push(`${kind} ${id}: stored ${row}, recount nothing`);
    }
    return drift.slice(0, limit);
}
/** Rows as canonical JSON by id, for comparison. */
const canonical = (row) => JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' || (typeof v === 'string' && /^\d+$/.test(v) && k !== '_id' && k !== 'day') ? Number(v) : v])));
async function expectedSql(conn) {
    const { generations, health } = countingSql();
    const rows = async (selects, names) => (await Promise.all(selects.map((sql) => conn.execute(sql)))).flat().map((r) => Object.fromEntries(names.map((name, i) => [name, r[`c${i}`]])));
    return {
        generations: byId(await rows(generations, ['_id', 'day', 'project', 'language', 'framework', 'status', 'generations', 'tokensUsed'])),
        health: byId(await rows(health, ['_id', 'day', 'project', 'analyses', 'scoreSum', 'scoreMin', 'scoreMax'])),
    };
}
async function storedSql(conn) {
    const gens = (await conn.execute(`select "id" as "_id", "day", "project_id" as "project", "language", "framework", "status", "generations", "tokens_used" as "tokensUsed" from "generation_daily"`));
    const health = (await conn.execute(`select "id" as "_id", "day", "project_id" as "project", "analyses", "score_sum" as "scoreSum", "score_min" as "scoreMin", "score_max" as "scoreMax" from "health_daily"`));
    return { generations: byId(gens), health: byId(health) };
}
function byId(rows) {
    return new Map(rows.map((r) => [String(r._id), canonical({ ...r, project: r.project == null ? null : String(r.project) })]));
}
/**
 * The recount on MongoDB: one pass over the rows' key fields (a projection,
 * streamed), counted here. FerretDB 1.24 groups on a five-field key at a few
 * hundred documents a second and computes only the first accumulator of a
 * $group, which made the server-side recount of the large seed take many
 * minutes; this maintenance pass is the one place rows are read into Node.
 */
async function expectedMongo(db, days, perProject = true) {
    const only = days ? { day: { $in: days } } : {};
    const scopes = (project) => (perProject ? [project, null] : [null]);
    const totals = new Map();
    const fields = { _id: 0, day: 1, project: 1, language: 1, framework: 1, status: 1, tokensUsed: 1 };
    for await (const doc of db.collection('code_generations').find(only, { projection: fields, batchSize: 5000 })) {
        for (const project of scopes(String(doc.project))) {
            const key = { day: String(doc.day), project, language: String(doc.language), framework: doc.framework ?? null, status: String(doc.status) };
            const id = generationKey(key);
            const t = totals.get(id) ?? { key, n: 0, tokens: 0 };
            t.n += 1;
            t.tokens += Number(doc.tokensUsed ?? 0);
            totals.set(id, t);
        }
    }
    const gens = new Map([...totals].map(([id, t]) => [id, canonical({ _id: id, ...t.key, generations: t.n, tokensUsed: t.tokens })]));
    const perDay = new Map();
    for await (const doc of db.collection('project_analyses').find(only, { projection: { _id: 0, day: 1, project: 1, healthScore: 1 }, batchSize: 5000 })) {
        for (const project of scopes(String(doc.project))) {
            const id = (0, exports.healthKey)(String(doc.day), project);
            const entry = perDay.get(id) ?? { day: String(doc.day), project, scores: [] };
            entry.scores.push(Number(doc.healthScore));
            perDay.set(id, entry);
        }
    }
    const health = new Map([...perDay].map(([id, d]) => [id, canonical({ _id: id, day: d.day, project: d.project, ...summarize(d.scores) })]));
    return { generations: gens, health };
}
async function storedMongo(db) {
    const gens = await db.collection('generation_daily').find({}).toArray();
    const health = await db.collection('health_daily').find({}).toArray();
    const pick = (doc, keys) => canonical(Object.fromEntries(keys.map((k) => [k, k === 'project' && doc[k] != null ? String(doc[k]) : (doc[k] ?? null)])));
    return {
        generations: new Map(gens.map((d) => [String(d._id), pick(d, ['_id', 'day', 'project', 'language', 'framework', 'status', 'generations', 'tokensUsed'])])),
        health: new Map(health.map((d) => [String(d._id), pick(d, ['_id', 'day', 'project', 'analyses', 'scoreSum', 'scoreMin', 'scoreMax'])])),
    };
}
//# sourceMappingURL=rollups.js.map