"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.and = and;
/**
 * AND of filter objects, as flat as possible: empty ones dropped, disjoint plain
 * ones merged into one object, `$and` only when keys collide. Flat filters let
 * FerretDB push conditions down to its storage (it scans everything for `$and`)
 * and give simpler SQL.
 */
function and(...conditions) {
    // Reflect.ownKeys: MikroORM 7 keys raw fragments by symbol.
    const parts = conditions.filter((c) => !!c && Reflect.ownKeys(c).length > 0);
    const merged = {};
    const rest = [];
    for (const part of parts) {
        if (Reflect.ownKeys(part).some((k) => typeof k === 'symbol' || k in merged || k.startsWith('$') || k.startsWith('[')))
            rest.push(part);
        else
            Object.assign(merged, part);
    }
    const all = Reflect.ownKeys(merged).length ? [merged, ...rest] : rest;
    return all.length === 0 ? {} : all.length === 1 ? all[0] : { $and: all };
}
//# sourceMappingURL=where.js.map