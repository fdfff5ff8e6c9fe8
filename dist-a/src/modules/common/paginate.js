"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_SORT = void 0;
exports.encodeCursor = encodeCursor;
exports.decodeCursor = decodeCursor;
exports.edgeOf = edgeOf;
exports.paginate = paginate;
const codes_1 = require("../../errors/codes");
const connection_1 = require("./connection");
const where_1 = require("../../db/where");
const light_find_1 = require("../../db/light-find");
exports.DEFAULT_SORT = { field: 'createdAt', direction: 'asc' };
/** Cursors hold dates as epoch milliseconds, tagged so they decode back to Date. */
const encodeValue = (v) => (v instanceof Date ? { d: v.getTime() } : v);
const decodeValue = (v) => (v && typeof v === 'object' && Number.isSafeInteger(v.d) ? new Date(v.d) : v);
/**
 * Cursors encode the list they belong to, its sort field, the row's value of it
 * and its id, so page N costs what page 1 costs and rows inserted meanwhile
 * neither repeat nor vanish. Opaque to clients (base64url of JSON).
 */
function encodeCursor(kind, row, sort = exports.DEFAULT_SORT) {
    const value = row[sort.field];
    return Buffer.from(JSON.stringify([kind, sort.field, encodeValue(value), row.id])).toString('base64url');
}
function decodeCursor(kind, cursor, sort = exports.DEFAULT_SORT) {
    let value;
    try {
        if (cursor.length > 400)
            throw new Error('too long');
        value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    }
    catch {
        value = null;
    }
    const ok = Array.isArray(value) &&
        value.length === 4 &&
        value[0] === kind &&
        ['string', 'number', 'object'].includes(typeof value[2]) &&
        value[2] !== null &&
        typeof value[3] === 'string' &&
        /^[0-9a-f-]{36}$/.test(value[3]);
    if (!ok)
        throw (0, codes_1.badInput)(`Cursor ${JSON.stringify(cursor.slice(0, 80))} is not a valid ${kind} cursor`);
    const [, field, raw, id] = value;
    if (field !== sort.field)
        throw (0, codes_1.badInput)(`Cursor was issued for a list ordered by ${field}, not ${sort.field}`);
    return { value: decodeValue(raw), id };
}
/** An edge whose cursor is encoded only if the client asks for it. */
class LazyEdge {
    constructor(node, kind, sort) {
        this.node = node;
        this.kind = kind;
        this.sort = sort;
    }
    get cursor() {
        return encodeCursor(this.kind, this.node, this.sort);
    }
}
function edgeOf(kind, node, sort = exports.DEFAULT_SORT) {
    return new LazyEdge(node, kind, sort);
}
/** One keyset page of `entity` matching `where` in `sort` order, forward (first/after) or backward (last/before). */
async function paginate(scope, entity, kind, 
/** The filter, or a function making it: raw SQL fragments in a filter can be used by one query only. */
filter, args, sort = exports.DEFAULT_SORT, 
/** Columns and to-one joins to read (see lightFind). */
plan = {}) {
    const where = () => (typeof filter === 'function' ? filter() : filter);
    if (args.first != null && args.last != null)
        throw (0, codes_1.badInput)('Pass either first or last, not both');
    if (args.after != null && args.last != null)
        throw (0, codes_1.badInput)('after goes with first; use before with last');
    if (args.before != null && args.first != null)
        throw (0, codes_1.badInput)('before goes with last; use after with first');
    const backward = args.last != null || args.before != null;
    const size = (backward ? args.last : args.first) ?? connection_1.PAGE.DEFAULT;
    const cursor = backward ? args.before : args.after;
    // Walking backward reads the list in reverse, then flips the page.
    const dir = backward === (sort.direction === 'asc') ? 'desc' : 'asc';
    const conditions = [where()];
    if (cursor != null) {
        const at = decodeCursor(kind, cursor, sort);
        const op = dir === 'asc' ? '$gt' : '$lt';
        conditions.push({
            $or: [{ [sort.field]: { [op]: at.value } }, { [sort.field]: at.value, id: { [op]: at.id } }],
        });
    }
    const rows = size === 0 ? [] : (await (0, light_find_1.lightFind)(scope, entity, (0, where_1.and)(...conditions), { orderBy: { [sort.field]: dir, id: dir }, limit: size + 1, ...plan }));
    const more = rows.length > size;
    const pageRows = rows.slice(0, size);
    if (backward)
        pageRows.reverse();
    const edges = pageRows.map((node) => edgeOf(kind, node, sort));
    return {
        edges,
        pageInfo: {
            // Only the side we walked towards is known exactly; the other side is
            // reported from the cursor (an item existed there when it was issued).
            hasNextPage: backward ? cursor != null : more,
            hasPreviousPage: backward ? more : cursor != null,
            // Getters: cursors are encoded only when asked for.
            get startCursor() {
                return edges[0]?.cursor ?? null;
            },
            get endCursor() {
                return edges[edges.length - 1]?.cursor ?? null;
            },
        },
        // A getter, so the count query runs only when the client selects totalCount.
        get totalCount() {
            return scope.em.count(entity, where());
        },
    };
}
//# sourceMappingURL=paginate.js.map