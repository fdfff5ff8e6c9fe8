"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sqlGroupBy = sqlGroupBy;
const core_1 = require("@mikro-orm/core");
const aggregate_1 = require("../aggregate");
/** COUNT(*) and SUM(prop) per combination of `groupProps` over rows matching `where`: one GROUP BY. */
async function sqlGroupBy(em, entity, groupProps, where, opts = {}) {
    const meta = em.getMetadata().getByClassName(entity.name);
    const column = (prop) => meta.properties[prop].fieldNames[0];
    const qb = em.createQueryBuilder(entity, 'x');
    const counted = opts.count ? `coalesce(sum(x.${column(opts.count)}), 0)` : 'count(*)';
    const fields = [(0, core_1.raw)(`${counted} as count`), (0, core_1.raw)(opts.sum ? `coalesce(sum(x.${column(opts.sum)}), 0) as sum` : '0 as sum')];
    groupProps.forEach((p, i) => fields.unshift((0, core_1.raw)(`x.${column(p)} as k${i}`)));
    let q = qb.select(fields).where(where);
    if (groupProps.length)
        q = q.groupBy(groupProps.map((p) => (0, core_1.raw)(`x.${column(p)}`)));
    // Ties broken by the grouped values, so the top N is the same on every run and backend.
    if (opts.top)
        q = q.orderBy([{ [(0, core_1.raw)(counted)]: 'desc' }, ...groupProps.map((p) => ({ [(0, core_1.raw)(`x.${column(p)}`)]: 'asc' }))]).limit(opts.top);
    const rows = (await q.execute('all', false));
    return rows.map((r) => ({ keys: groupProps.map((_, i) => r[`k${i}`] ?? null), count: Number(r.count), sum: Number(r.sum ?? 0) })).sort(aggregate_1.byCount);
}
//# sourceMappingURL=sql-group-by.js.map