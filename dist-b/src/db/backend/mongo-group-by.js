"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.mongoGroupBy = mongoGroupBy;
const aggregate_1 = require("../aggregate");
/**
 * COUNT and SUM per combination of `groupProps` over documents matching `where`,
 * with only $match, $group, $sum, $sort and $limit, which FerretDB implements as
 * MongoDB does.
 */
async function mongoGroupBy(em, entity, groupProps, where, opts = {}) {
    const meta = em.getMetadata().getByClassName(entity.name);
    const column = (prop) => meta.properties[prop].fieldNames[0];
    const mongo = em;
    const match = Object.fromEntries(Object.entries(where).map(([k, v]) => [k.startsWith('$') ? k : column(k), v]));
    const _id = groupProps.length ? Object.fromEntries(groupProps.map((p, i) => [`k${i}`, `$${column(p)}`])) : null;
    const keyOf = (id) => JSON.stringify(groupProps.map((_, i) => id?.[`k${i}`] ?? null));
    // One accumulator per $group: FerretDB 1.24 computes only the first accumulator
    // of a $group correctly (later ones come back 0), so count and sum run apart.
    const countPipeline = [{ $match: match }, { $group: { _id, value: { $sum: opts.count ? `$${column(opts.count)}` : 1 } } }];
    // Ties broken by the grouped values, so the top N is the same on every run and backend.
    if (opts.top)
        countPipeline.push({ $sort: { value: -1, _id: 1 } }, { $limit: opts.top });
    const counts = await mongo.aggregate(entity, countPipeline);
    const sums = opts.sum ? await mongo.aggregate(entity, [{ $match: match }, { $group: { _id, value: { $sum: `$${column(opts.sum)}` } } }]) : [];
    const sumBy = new Map(sums.map((r) => [keyOf(r._id), Number(r.value ?? 0)]));
    return counts.map((r) => ({ keys: JSON.parse(keyOf(r._id)), count: Number(r.value), sum: sumBy.get(keyOf(r._id)) ?? 0 })).sort(aggregate_1.byCount);
}
//# sourceMappingURL=mongo-group-by.js.map