"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.canonicalRollups = canonicalRollups;
const numeric = (k, v) => typeof v === 'bigint' || (typeof v === 'string' && /^-?\d+$/.test(v) && k !== '_id' && k !== 'day');
/**
 * Rows by id as canonical JSON (numbers as numbers, project ids as strings).
 * Rows whose `counter` is 0 count nothing and are left out: writes leave them
 * behind rather than delete them (see rollup-deltas.ts), and a rebuild drops them.
 */
function canonicalRollups(rows, counter) {
    const out = new Map();
    for (const r of rows) {
        const row = Object.fromEntries(Object.entries({ ...r, project: r.project == null ? null : String(r.project) }).map(([k, v]) => [k, numeric(k, v) ? Number(v) : v]));
        if (Number(row[counter]) === 0)
            continue;
        out.set(String(row._id), JSON.stringify(row));
    }
    return out;
}
//# sourceMappingURL=rollup-recount.js.map