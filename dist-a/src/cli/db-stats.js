"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.computeStats = computeStats;
exports.statsCommand = statsCommand;
const entities_1 = require("../entities");
const context_1 = require("./context");
const DAY = 86_400_000;
/** The numbers a team lead asks for, over the last `days` days, computed by the database. */
async function computeStats(backend, em, days, now = new Date()) {
    const since = new Date(now.getTime() - days * DAY);
    const window = { createdAt: { $gte: since } };
    const [statuses, languages, frameworks, health, users, projects] = await Promise.all([
        backend.groupBy(em, entities_1.CodeGeneration, ['status'], window, { sum: 'tokensUsed' }),
        backend.groupBy(em, entities_1.CodeGeneration, ['language'], window, { sum: 'tokensUsed' }),
        backend.groupBy(em, entities_1.CodeGeneration, ['framework'], window, { sum: 'tokensUsed' }),
        backend.groupBy(em, entities_1.ProjectAnalysis, [], window, { sum: 'healthScore' }),
        em.count(entities_1.User, window),
        em.count(entities_1.Project, window),
    ]);
    const byStatus = { pending: 0, running: 0, completed: 0, failed: 0 };
    for (const g of statuses)
        byStatus[String(g.keys[0] ?? 'unknown')] = g.count;
    const finished = byStatus.completed + byStatus.failed;
    const analyses = health[0] ?? { count: 0, sum: 0 };
    return {
        days,
        since: since.toISOString(),
        newUsers: users,
        newProjects: projects,
        codeGenerations: {
            total: statuses.reduce((a, g) => a + g.count, 0),
            byStatus,
            successRate: finished ? Math.round((byStatus.completed / finished) * 10000) / 10000 : null,
            tokensUsed: statuses.reduce((a, g) => a + g.sum, 0),
            byLanguage: languages.map((g) => ({ language: String(g.keys[0] ?? ''), count: g.count, tokensUsed: g.sum })),
            byFramework: frameworks.map((g) => ({ framework: g.keys[0] ?? null, count: g.count, tokensUsed: g.sum })),
        },
        analyses: {
            count: analyses.count,
            averageHealthScore: analyses.count ? Math.round((analyses.sum / analyses.count) * 100) / 100 : null,
        },
    };
}
/** db stats [--days N] [--json] */
async function statsCommand(io, days, json) {
    await (0, context_1.withDatabase)(io, async ({ orm, backend, config }) => {
        const s = await computeStats(backend, orm.em.fork(), days);
        if (json)
            return io.out(JSON.stringify(s, null, 2));
        const g = s.codeGenerations;
        io.out(`${config.driver}: last ${days} day(s), since ${s.since}`);
        io.out(`new users ${s.newUsers}, new projects ${s.newProjects}`);
        io.out(`code generations: ${g.total} (${Object.entries(g.byStatus)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')})`);
        io.out(`success rate: ${g.successRate === null ? 'n/a' : `${(g.successRate * 100).toFixed(1)}%`}, tokens used: ${g.tokensUsed}`);
        io.out('by language:');
        for (const l of g.byLanguage)
            io.out(`  ${l.language.padEnd(14)} ${String(l.count).padStart(8)} gens ${String(l.tokensUsed).padStart(12)} tokens`);
        io.out('by framework:');
        for (const f of g.byFramework)
            io.out(`  ${(f.framework ?? '(none)').padEnd(14)} ${String(f.count).padStart(8)} gens ${String(f.tokensUsed).padStart(12)} tokens`);
        io.out(`analyses: ${s.analyses.count}, average health score ${s.analyses.averageHealthScore ?? 'n/a'}`);
    });
}
//# sourceMappingURL=db-stats.js.map