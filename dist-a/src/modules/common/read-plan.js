"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.columnsFor = columnsFor;
exports.readPlan = readPlan;
const core_1 = require("@mikro-orm/core");
/**
 * GraphQL fields that are not stored properties, with the properties their
 * resolvers read. A field missing here and from the entity makes the read take
 * every column, so forgetting one costs speed, never correctness.
 */
const COMPUTED = {
    User: { apiKeyActive: ['apiKeyHash'], autoSaves: [] },
    Project: { latestAnalysis: [] },
};
/**
 * The properties to read for `selection` on `meta`: the selected stored ones,
 * plus id, every many-to-one key (resolvers and access checks follow them) and
 * `extra` (e.g. the sort key, which cursors hold). Undefined means all.
 */
function columnsFor(meta, selection, extra = []) {
    if (extra.length)
        return compute(meta, selection, extra);
    // Asked once per row by to-one resolvers: remembered per (parsed, cached) selection.
    let byMeta = cache.get(selection);
    if (!byMeta)
        cache.set(selection, (byMeta = new Map()));
    if (!byMeta.has(meta))
        byMeta.set(meta, compute(meta, selection, extra));
    return byMeta.get(meta);
}
const cache = new WeakMap();
function compute(meta, selection, extra) {
    const out = new Set(['id', ...extra]);
    for (const p of meta.props)
        if (p.kind === core_1.ReferenceKind.MANY_TO_ONE)
            out.add(p.name);
    for (const name of selection.keys()) {
        if (name === '__typename')
            continue;
        const prop = meta.properties[name];
        if (prop) {
            if (prop.kind === core_1.ReferenceKind.SCALAR)
                out.add(name);
            continue; // to-one: its key is in already; to-many: read by id
        }
        const needs = COMPUTED[meta.className]?.[name];
        if (!needs)
            return undefined;
        for (const n of needs)
            out.add(n);
    }
    return [...out];
}
/** Columns for `selection`, and a join for each selected to-one relation with the columns its own selection needs. */
function readPlan(meta, selection, extra = []) {
    // Asked once per parent by nested lists: remembered per (parsed, cached) selection.
    let byKey = plans.get(selection);
    if (!byKey)
        plans.set(selection, (byKey = new Map()));
    const key = `${meta.className}:${extra.join(',')}`;
    let plan = byKey.get(key);
    if (!plan)
        byKey.set(key, (plan = planFor(meta, selection, extra)));
    return plan;
}
const plans = new WeakMap();
function planFor(meta, selection, extra) {
    const joins = [];
    for (const [name, below] of selection) {
        const prop = meta.properties[name];
        if (prop?.kind === core_1.ReferenceKind.MANY_TO_ONE && prop.targetMeta)
            joins.push({ prop: name, fields: columnsFor(prop.targetMeta, below) });
    }
    return { fields: columnsFor(meta, selection, extra), joins };
}
//# sourceMappingURL=read-plan.js.map