"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.rebuildSqlRollups = rebuildSqlRollups;
exports.sqlRollupDrift = sqlRollupDrift;
exports.compareRollups = compareRollups;
const rollup_recount_1 = require("./rollup-recount");
const lengthPrefixed = (col) => `coalesce(cast(length(${col}) as text) || ':' || ${col}, '-')`;
/** The rollup keys in SQL (the same strings as generationKey / healthKey), per project (`"project_id"`) or for every project (`'*'`). */
const generationKeySql = (project) => `"day" || '|' || ${project} || '|' || "status" || '|' || ${lengthPrefixed('"language"')} || '|' || ${lengthPrefixed('"framework"')}`;
const healthKeySql = (project) => `"day" || '|' || ${project} || '|' || cast("health_score" as text)`;
/** Statements that count rollup rows from the source rows, per project and for every project. */
const COUNTING = {
    generations: [
        `select ${generationKeySql('"project_id"')} as c0, "day" as c1, "project_id" as c2, "language" as c3, "framework" as c4, "status" as c5, count(*) as c6, sum("tokens_used") as c7 from "code_generations" group by "day", "project_id", "language", "framework", "status"`,
        `select ${generationKeySql("'*'")} as c0, "day" as c1, null as c2, "language" as c3, "framework" as c4, "status" as c5, count(*) as c6, sum("tokens_used") as c7 from "code_generations" group by "day", "language", "framework", "status"`,
    ],
    health: [
        `select ${healthKeySql('"project_id"')} as c0, "day" as c1, "project_id" as c2, "health_score" as c3, count(*) as c4, sum("health_score") as c5 from "project_analyses" group by "day", "project_id", "health_score"`,
        `select ${healthKeySql("'*'")} as c0, "day" as c1, null as c2, "health_score" as c3, count(*) as c4, sum("health_score") as c5 from "project_analyses" group by "day", "health_score"`,
    ],
};
const INSERT_GENERATIONS = `insert into "generation_daily" ("id", "day", "project_id", "language", "framework", "status", "generations", "tokens_used") `;
const INSERT_HEALTH = `insert into "health_daily" ("id", "day", "project_id", "score", "analyses", "score_sum") `;
const GENERATION_FIELDS = ['_id', 'day', 'project', 'language', 'framework', 'status', 'generations', 'tokensUsed'];
const HEALTH_FIELDS = ['_id', 'day', 'project', 'score', 'analyses', 'scoreSum'];
/** Deletes every rollup row and counts them again, in one transaction. */
async function rebuildSqlRollups(conn) {
    return conn.transactional(async (ctx) => {
        const run = (sql) => conn.execute(sql, [], 'run', ctx);
        await run(`delete from "generation_daily"`);
        await run(`delete from "health_daily"`);
        for (const select of COUNTING.generations)
            await run(INSERT_GENERATIONS + select);
        for (const select of COUNTING.health)
            await run(INSERT_HEALTH + select);
        const count = async (table) => Number((await conn.execute(`select count(*) as n from "${table}"`, [], 'all', ctx))[0].n);
        return { generationRows: await count('generation_daily'), healthRows: await count('health_daily') };
    });
}
/** The recount and the stored rows, compared (see rollupDrift). */
async function sqlRollupDrift(conn, limit = 20) {
    const rows = async (sql, names) => (await conn.execute(sql)).map((r) => Object.fromEntries(names.map((name, i) => [name, r[`c${i}`]])));
    const expected = {
        generations: (0, rollup_recount_1.canonicalRollups)((await Promise.all(COUNTING.generations.map((s) => rows(s, GENERATION_FIELDS)))).flat(), 'generations'),
        health: (0, rollup_recount_1.canonicalRollups)((await Promise.all(COUNTING.health.map((s) => rows(s, HEALTH_FIELDS)))).flat(), 'analyses'),
    };
    const stored = {
        generations: (0, rollup_recount_1.canonicalRollups)(await rows(`select "id" as c0, "day" as c1, "project_id" as c2, "language" as c3, "framework" as c4, "status" as c5, "generations" as c6, "tokens_used" as c7 from "generation_daily"`, GENERATION_FIELDS), 'generations'),
        health: (0, rollup_recount_1.canonicalRollups)(await rows(`select "id" as c0, "day" as c1, "project_id" as c2, "score" as c3, "analyses" as c4, "score_sum" as c5 from "health_daily"`, HEALTH_FIELDS), 'analyses'),
    };
    return compareRollups(expected, stored, limit);
}
function compareRollups(expected, stored, limit) {
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
//# sourceMappingURL=sql-rollups.js.map