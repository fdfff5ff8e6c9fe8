"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.rebuildMongoRollups = rebuildMongoRollups;
exports.mongoRollupDrift = mongoRollupDrift;
const rollup_deltas_1 = require("./rollup-deltas");
const rollup_recount_1 = require("./rollup-recount");
const sql_rollups_1 = require("./sql-rollups");
const GENERATION_FIELDS = ['_id', 'day', 'project', 'language', 'framework', 'status', 'generations', 'tokensUsed'];
const HEALTH_FIELDS = ['_id', 'day', 'project', 'score', 'analyses', 'scoreSum'];
/**
 * The recount on MongoDB: one pass over the rows' key fields (a projection,
 * streamed), counted here. FerretDB 1.24 groups on a five-field key at a few
 * hundred documents a second and computes only the first accumulator of a
 * $group, which made the server-side recount of the large seed take many
 * minutes; this maintenance pass is the one place rows are read into Node.
 */
async function recount(db) {
    const generations = new Map();
    const fields = { _id: 0, day: 1, project: 1, language: 1, framework: 1, status: 1, tokensUsed: 1 };
    for await (const doc of db.collection('code_generations').find({}, { projection: fields, batchSize: 5000 })) {
        for (const project of [String(doc.project), null]) {
            const key = { day: String(doc.day), project, language: String(doc.language), framework: doc.framework ?? null, status: String(doc.status) };
            const id = (0, rollup_deltas_1.generationKey)(key);
            const row = generations.get(id) ?? { _id: id, ...key, generations: 0, tokensUsed: 0 };
            row.generations++;
            row.tokensUsed = row.tokensUsed + Number(doc.tokensUsed ?? 0);
            generations.set(id, row);
        }
    }
    const health = new Map();
    for await (const doc of db.collection('project_analyses').find({}, { projection: { _id: 0, day: 1, project: 1, healthScore: 1 }, batchSize: 5000 })) {
        for (const project of [String(doc.project), null]) {
            const score = Number(doc.healthScore);
            const id = (0, rollup_deltas_1.healthKey)(String(doc.day), project, score);
            const row = health.get(id) ?? { _id: id, day: String(doc.day), project, score, analyses: 0, scoreSum: 0 };
            row.analyses++;
            row.scoreSum = row.scoreSum + score;
            health.set(id, row);
        }
    }
    return { generations: [...generations.values()], health: [...health.values()] };
}
/** Deletes every rollup document and writes the recount. */
async function rebuildMongoRollups(db) {
    const counted = await recount(db);
    for (const [name, docs] of [
        ['generation_daily', counted.generations],
        ['health_daily', counted.health],
    ]) {
        const collection = db.collection(name);
        await collection.deleteMany({});
        for (let i = 0; i < docs.length; i += 1000)
            await collection.insertMany(docs.slice(i, i + 1000));
    }
    return { generationRows: counted.generations.length, healthRows: counted.health.length };
}
async function mongoRollupDrift(db, limit = 20) {
    const counted = await recount(db);
    const pick = (doc, keys) => Object.fromEntries(keys.map((k) => [k, doc[k] ?? null]));
    const expected = {
        generations: (0, rollup_recount_1.canonicalRollups)(counted.generations.map((d) => pick(d, GENERATION_FIELDS)), 'generations'),
        health: (0, rollup_recount_1.canonicalRollups)(counted.health.map((d) => pick(d, HEALTH_FIELDS)), 'analyses'),
    };
    const stored = {
        generations: (0, rollup_recount_1.canonicalRollups)((await db.collection('generation_daily').find({}).toArray()).map((d) => pick(d, GENERATION_FIELDS)), 'generations'),
        health: (0, rollup_recount_1.canonicalRollups)((await db.collection('health_daily').find({}).toArray()).map((d) => pick(d, HEALTH_FIELDS)), 'analyses'),
    };
    return (0, sql_rollups_1.compareRollups)(expected, stored, limit);
}
//# sourceMappingURL=mongo-rollups.js.map