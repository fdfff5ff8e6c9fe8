"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AnalyticsService = void 0;
const where_1 = require("../../db/where");
const entities_1 = require("../../entities");
const codes_1 = require("../../errors/codes");
const base_service_1 = require("../common/base.service");
const code_generation_service_1 = require("../code-generation/code-generation.service");
const DAY = 86_400_000;
const rate = (completed, failed) => (completed + failed ? Math.round((completed / (completed + failed)) * 10000) / 10000 : null);
/**
 * Analytics over code generations and analyses, read from the daily rollups
 * (src/analytics/rollups.ts: one row per UTC day and project, and per language,
 * framework and status for generations) with GROUP BY / $group, so a year of
 * history costs what its rollup rows cost, not its generations. FerretDB has no
 * date operators and no $avg/$min/$max: days are keys, averages are sum/count,
 * and a day's min/max come from its per-score rows grouped by (day, score).
 */
class AnalyticsService {
    constructor(deps) {
        this.deps = deps;
    }
    async analytics(args) {
        const { em } = this.deps;
        if (args.to.getTime() < args.from.getTime())
            throw (0, codes_1.badInput)('to must not be before from');
        if (args.to.getTime() - args.from.getTime() > 3660 * DAY)
            throw (0, codes_1.badInput)('the range may span at most 3660 days');
        const fromDay = args.from.toISOString().slice(0, 10);
        const toDay = args.to.toISOString().slice(0, 10);
        const days = { day: { $gte: fromDay, $lte: toDay } };
        const scope = await this.scope(args);
        // Everything (an admin without projectId/userId) reads the every-project rows: one per day and dimension.
        const where = { ...(scope ?? { project: null }), ...days };
        const perProject = { ...(scope ?? { project: { $ne: null } }), ...days };
        const generations = { count: 'generations', sum: 'tokensUsed' };
        // Rollup rows a write took back to zero stay behind (see rollup-deltas.ts): groups that count nothing are left out.
        const counting = (groups) => groups.filter((g) => g.count > 0);
        const [statusLang, statusFramework, perDay, top, healthDays, healthScores] = (await Promise.all([
            this.deps.store.backend.groupBy(em, entities_1.GenerationDaily, ['status', 'language'], where, generations),
            this.deps.store.backend.groupBy(em, entities_1.GenerationDaily, ['status', 'framework'], where, generations),
            this.deps.store.backend.groupBy(em, entities_1.GenerationDaily, ['day'], where, generations),
            this.deps.store.backend.groupBy(em, entities_1.GenerationDaily, ['project'], perProject, { ...generations, top: 10 }),
            this.deps.store.backend.groupBy(em, entities_1.HealthDaily, ['day'], where, { count: 'analyses', sum: 'scoreSum' }),
            this.deps.store.backend.groupBy(em, entities_1.HealthDaily, ['day', 'score'], where, { count: 'analyses' }),
        ])).map(counting);
        const byStatus = new Map(Object.values(entities_1.GenerationStatus).map((s) => [s, 0]));
        let tokensUsed = 0;
        for (const g of statusLang) {
            byStatus.set(String(g.keys[0]), (byStatus.get(String(g.keys[0])) ?? 0) + g.count);
            tokensUsed += g.sum;
        }
        const projects = await this.deps.loaders.project.loadMany(top.map((g) => String(g.keys[0])));
        return {
            fromDay,
            toDay,
            generations: [...byStatus.values()].reduce((a, b) => a + b, 0),
            byStatus: [...byStatus].map(([status, count]) => ({ status: status, count })),
            successRate: rate(byStatus.get('completed') ?? 0, byStatus.get('failed') ?? 0),
            tokensUsed,
            perDay: perDay.map((g) => ({ day: String(g.keys[0]), generations: g.count, tokensUsed: g.sum })).sort((a, b) => a.day.localeCompare(b.day)),
            byLanguage: breakdown(statusLang),
            byFramework: breakdown(statusFramework),
            healthTrend: healthTrend(healthDays, healthScores),
            mostActiveProjects: top.map((g, i) => ({ project: projects[i], generations: g.count, tokensUsed: g.sum })).filter((p) => p.project instanceof entities_1.Project),
        };
    }
    /** Which rows the numbers cover: one project, one user's projects, or all the caller may see (null: every project). */
    async scope(args) {
        const { access, em } = this.deps;
        access.me();
        if (args.projectId != null) {
            const project = await (0, code_generation_service_1.existingProject)(this.deps, args.projectId);
            return { project: project.id };
        }
        if (args.userId != null) {
            const id = (0, base_service_1.checkId)(args.userId, 'userId');
            const user = await em.findOne(entities_1.User, (0, where_1.and)({ id }, access.users()));
            if (!user)
                throw (0, codes_1.notFound)('User', args.userId);
            return access.inProjectsOf(user.id);
        }
        return access.isAdmin ? null : access.inOwnedProject();
    }
}
exports.AnalyticsService = AnalyticsService;
/** Rows grouped by (status, name) folded into one row per name, most used first. */
function breakdown(groups) {
    const rows = new Map();
    for (const g of groups) {
        const name = g.keys[1] ?? null;
        const row = rows.get(name) ?? { count: 0, tokens: 0, completed: 0, failed: 0 };
        row.count += g.count;
        row.tokens += g.sum;
        if (g.keys[0] === 'completed')
            row.completed += g.count;
        if (g.keys[0] === 'failed')
            row.failed += g.count;
        rows.set(name, row);
    }
    return [...rows]
        .map(([name, r]) => ({ name, count: r.count, tokensUsed: r.tokens, successRate: rate(r.completed, r.failed) }))
        .sort((a, b) => b.count - a.count || String(a.name).localeCompare(String(b.name)));
}
/** Per day: count, sum/count average, and the lowest and highest score that any analysis of the day has (from the per-score groups). */
function healthTrend(days, scores) {
    const extreme = (pick) => {
        const out = new Map();
        for (const g of scores) {
            const day = String(g.keys[0]);
            const score = Number(g.keys[1]);
            out.set(day, out.has(day) ? pick(out.get(day), score) : score);
        }
        return out;
    };
    const min = extreme(Math.min);
    const max = extreme(Math.max);
    return days
        .filter((d) => d.count > 0)
        .map((d) => {
        const day = String(d.keys[0]);
        return { day, analyses: d.count, average: Math.round((d.sum / d.count) * 100) / 100, min: min.get(day), max: max.get(day) };
    })
        .sort((a, b) => a.day.localeCompare(b.day));
}
//# sourceMappingURL=analytics.service.js.map