import type { Group } from '../../db/aggregate';
import { and } from '../../db/where';
import type { ServiceDeps } from '../../context';
import { GenerationDaily, GenerationStatus, HealthDaily, Project, User } from '../../entities';
import { badInput, notFound } from '../../errors/codes';
import { checkId } from '../common/base.service';
import { existingProject } from '../code-generation/code-generation.service';
import type { Analytics, AnalyticsArgs, BreakdownRow, DayQueueTimes } from './analytics.types';

const DAY = 86_400_000;
/** Exact (not rounded): a client rounds for display, and sums of rounded rates drift. */
const rate = (completed: number, failed: number) => (completed + failed ? completed / (completed + failed) : null);

/**
 * Analytics over code generations and analyses, read from the daily rollups
 * (src/analytics/rollups.ts: one row per UTC day and project, and per language,
 * framework and status for generations) with GROUP BY / $group, so a year of
 * history costs what its rollup rows cost, not its generations. FerretDB has no
 * date operators and no $avg/$min/$max: days are keys, averages are sum/count,
 * and a day's min/max come from its per-score rows grouped by (day, score).
 */
export class AnalyticsService {
  constructor(private readonly deps: ServiceDeps) {}

  async analytics(args: AnalyticsArgs): Promise<Analytics> {
    const { em } = this.deps;
    if (args.to.getTime() < args.from.getTime()) throw badInput('to must not be before from');
    if (args.to.getTime() - args.from.getTime() > 3660 * DAY) throw badInput('the range may span at most 3660 days');
    const fromDay = args.from.toISOString().slice(0, 10);
    const toDay = args.to.toISOString().slice(0, 10);
    const days = { day: { $gte: fromDay, $lte: toDay } };
    const scope = await this.scope(args);
    // Everything (an admin without projectId/userId) reads the every-project rows: one per day and dimension.
    const where = { ...(scope ?? { project: null }), ...days };
    const perProject = { ...(scope ?? { project: { $ne: null } }), ...days };

    const generations = { count: 'generations', sum: 'tokensUsed' };
    // Rollup rows a write took back to zero stay behind (see rollup-deltas.ts): groups that count nothing are left out.
    const counting = (groups: Group[]) => groups.filter((g) => g.count > 0);
    const [statusLang, statusFramework, perDay, top, healthDays, healthScores, waits, runs] = (
      await Promise.all([
        this.deps.store.backend.groupBy(em, GenerationDaily, ['status', 'language'], where, generations),
        this.deps.store.backend.groupBy(em, GenerationDaily, ['status', 'framework'], where, generations),
        this.deps.store.backend.groupBy(em, GenerationDaily, ['day'], where, generations),
        this.deps.store.backend.groupBy(em, GenerationDaily, ['project'], perProject, { ...generations, top: 10 }),
        this.deps.store.backend.groupBy(em, HealthDaily, ['day'], where, { count: 'analyses', sum: 'scoreSum' }),
        this.deps.store.backend.groupBy(em, HealthDaily, ['day', 'score'], where, { count: 'analyses' }),
        this.deps.store.backend.groupBy(em, GenerationDaily, ['day'], where, { count: 'timed', sum: 'waitMs' }),
        this.deps.store.backend.groupBy(em, GenerationDaily, ['day'], where, { count: 'timed', sum: 'runMs' }),
      ])
    ).map(counting);

    const byStatus = new Map<string, number>(Object.values(GenerationStatus).map((s) => [s, 0]));
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
      byStatus: [...byStatus].map(([status, count]) => ({ status: status as GenerationStatus, count })),
      successRate: rate(byStatus.get('completed') ?? 0, byStatus.get('failed') ?? 0),
      tokensUsed,
      perDay: perDay.map((g) => ({ day: String(g.keys[0]), generations: g.count, tokensUsed: g.sum })).sort((a, b) => a.day.localeCompare(b.day)),
      queueTimes: queueTimes(waits, runs),
      byLanguage: breakdown(statusLang),
      byFramework: breakdown(statusFramework),
      healthTrend: healthTrend(healthDays, healthScores),
      mostActiveProjects: top.map((g, i) => ({ project: projects[i] as Project, generations: g.count, tokensUsed: g.sum })).filter((p) => p.project instanceof Project),
    };
  }

  /** Which rows the numbers cover: one project, one user's projects, or all the caller may see (null: every project). */
  private async scope(args: AnalyticsArgs): Promise<Record<string, unknown> | null> {
    const { access, em } = this.deps;
    access.me();
    if (args.projectId != null) {
      const project = await existingProject(this.deps, args.projectId);
      return { project: project.id };
    }
    if (args.userId != null) {
      const id = checkId(args.userId, 'userId');
      const user = await em.findOne(User, and({ id }, access.users()));
      if (!user) throw notFound('User', args.userId);
      return access.inProjectsOf(user.id);
    }
    return access.isAdmin ? null : access.inOwnedProject();
  }
}

/** Rows grouped by (status, name) folded into one row per name, most used first. */
function breakdown(groups: { keys: (string | number | null)[]; count: number; sum: number }[]): BreakdownRow[] {
  const rows = new Map<string | null, { count: number; tokens: number; completed: number; failed: number }>();
  for (const g of groups) {
    const name = (g.keys[1] as string | null) ?? null;
    const row = rows.get(name) ?? { count: 0, tokens: 0, completed: 0, failed: 0 };
    row.count += g.count;
    row.tokens += g.sum;
    if (g.keys[0] === 'completed') row.completed += g.count;
    if (g.keys[0] === 'failed') row.failed += g.count;
    rows.set(name, row);
  }
  return [...rows]
    .map(([name, r]) => ({ name, count: r.count, tokensUsed: r.tokens, successRate: rate(r.completed, r.failed) }))
    .sort((a, b) => b.count - a.count || String(a.name).localeCompare(String(b.name)));
}

/** Per day: count, sum/count average, and the lowest and highest score that any analysis of the day has (from the per-score groups). */
function healthTrend(days: Group[], scores: Group[]) {
  const extreme = (pick: (a: number, b: number) => number) => {
    const out = new Map<string, number>();
    for (const g of scores) {
      const day = String(g.keys[0]);
      const score = Number(g.keys[1]);
      out.set(day, out.has(day) ? pick(out.get(day)!, score) : score);
    }
    return out;
  };
  const min = extreme(Math.min);
  const max = extreme(Math.max);
  return days
    .filter((d) => d.count > 0)
    .map((d) => {
      const day = String(d.keys[0]);
      return { day, analyses: d.count, average: d.sum / d.count, min: min.get(day)!, max: max.get(day)! };
    })
    .sort((a, b) => a.day.localeCompare(b.day));
}

/** Per day: finished generations and their summed wait and run times (rollup milliseconds), with exact averages. */
function queueTimes(waits: Group[], runs: Group[]): DayQueueTimes[] {
  const runMs = new Map(runs.map((g) => [String(g.keys[0]), g.sum]));
  return waits
    .map((g) => {
      const day = String(g.keys[0]);
      const waitSeconds = g.sum / 1000;
      const runSeconds = (runMs.get(day) ?? 0) / 1000;
      return { day, finished: g.count, waitSeconds, runSeconds, averageWaitSeconds: waitSeconds / g.count, averageRunSeconds: runSeconds / g.count };
    })
    .sort((a, b) => a.day.localeCompare(b.day));
}
