"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.recountGenerations = recountGenerations;
exports.recountHealthMinMax = recountHealthMinMax;
exports.recountHealthPerScore = recountHealthPerScore;
/**
 * The rollup recounts as these migrations wrote them, frozen here so that a
 * migration does the same thing whatever the current code does.
 */
const lengthPrefixed = (s) => (s === null ? '-' : `${[...s].length}:${s}`);
/** generation_daily as migration 0005 created it (unchanged since). */
async function recountGenerations(db) {
    const rows = new Map();
    for await (const doc of db.collection('code_generations').find({}, { projection: { _id: 0, day: 1, project: 1, language: 1, framework: 1, status: 1, tokensUsed: 1 } })) {
        for (const project of [String(doc.project), null]) {
            const framework = doc.framework ?? null;
            const id = `${doc.day}|${project ?? '*'}|${doc.status}|${lengthPrefixed(String(doc.language))}|${lengthPrefixed(framework)}`;
            const row = rows.get(id) ?? { _id: id, day: String(doc.day), project, language: String(doc.language), framework, status: String(doc.status), generations: 0, tokensUsed: 0 };
            row.generations++;
            row.tokensUsed = row.tokensUsed + Number(doc.tokensUsed ?? 0);
            rows.set(id, row);
        }
    }
    await replace(db, 'generation_daily', [...rows.values()]);
}
/** health_daily per day and scope with count, sum, min and max (migrations 0005 to 0006). */
async function recountHealthMinMax(db) {
    const rows = new Map();
    for await (const doc of db.collection('project_analyses').find({}, { projection: { _id: 0, day: 1, project: 1, healthScore: 1 } })) {
        const score = Number(doc.healthScore);
        for (const project of [String(doc.project), null]) {
            const id = `${doc.day}|${project ?? '*'}`;
            const row = rows.get(id) ?? { _id: id, day: String(doc.day), project, analyses: 0, scoreSum: 0, scoreMin: score, scoreMax: score };
            row.analyses++;
            row.scoreSum = row.scoreSum + score;
            row.scoreMin = Math.min(row.scoreMin, score);
            row.scoreMax = Math.max(row.scoreMax, score);
            rows.set(id, row);
        }
    }
    await replace(db, 'health_daily', [...rows.values()]);
}
/** health_daily per day, scope and score with count and sum (migration 0006 on). */
async function recountHealthPerScore(db) {
    const rows = new Map();
    for await (const doc of db.collection('project_analyses').find({}, { projection: { _id: 0, day: 1, project: 1, healthScore: 1 } })) {
        const score = Number(doc.healthScore);
        for (const project of [String(doc.project), null]) {
            const id = `${doc.day}|${project ?? '*'}|${score}`;
            const row = rows.get(id) ?? { _id: id, day: String(doc.day), project, score, analyses: 0, scoreSum: 0 };
            row.analyses++;
            row.scoreSum = row.scoreSum + score;
            rows.set(id, row);
        }
    }
    await replace(db, 'health_daily', [...rows.values()]);
}
async function replace(db, name, docs) {
    const collection = db.collection(name);
    await collection.deleteMany({});
    for (let i = 0; i < docs.length; i += 1000)
        await collection.insertMany(docs.slice(i, i + 1000));
}
//# sourceMappingURL=rollup-recounts.js.map