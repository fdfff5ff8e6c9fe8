"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.storedFields = storedFields;
exports.columnOf = columnOf;
exports.toStored = toStored;
exports.fromStored = fromStored;
const core_1 = require("@mikro-orm/core");
const fieldCache = new WeakMap();
/** The stored properties of an entity (scalars and many-to-one keys), in declaration order. */
function storedFields(meta) {
    let fields = fieldCache.get(meta);
    if (!fields) {
        fields = meta.props
            .filter((p) => (p.kind === core_1.ReferenceKind.SCALAR || p.kind === core_1.ReferenceKind.MANY_TO_ONE) && p.persist !== false && p.fieldNames?.length === 1)
            .map((p) => ({
            prop: p.name,
            column: p.fieldNames[0],
            kind: p.kind === core_1.ReferenceKind.MANY_TO_ONE ? 'ref' : p.runtimeType === 'Date' || p.type === 'datetime' ? 'date' : p.customType?.constructor.name === 'JsonType' ? 'json' : 'scalar',
        }));
        fieldCache.set(meta, fields);
    }
    return fields;
}
function columnOf(meta, prop) {
    const field = storedFields(meta).find((f) => f.prop === prop);
    if (!field)
        throw new Error(`${meta.className}.${prop} is not a stored property`);
    return field.column;
}
const refId = (v) => (v && typeof v === 'object' ? v.id : v);
/** The given properties of `row` as stored values by column (properties `row` lacks are left out). */
function toStored(meta, row, values) {
    const out = {};
    for (const f of storedFields(meta)) {
        if (!(f.prop in row))
            continue;
        const v = row[f.prop];
        if (v == null)
            out[f.column] = null;
        else if (f.kind === 'date')
            out[f.column] = values.date(v);
        else if (f.kind === 'json')
            out[f.column] = values.jsonAsText ? JSON.stringify(v) : v;
        else if (f.kind === 'ref')
            out[f.column] = refId(v);
        else
            out[f.column] = v;
    }
    return out;
}
/** A stored row (columns, database values) as a property row. */
function fromStored(meta, raw) {
    const row = {};
    for (const f of storedFields(meta)) {
        if (!(f.column in raw))
            continue;
        const v = raw[f.column];
        if (v == null)
            row[f.prop] = null;
        else if (f.kind === 'date')
            row[f.prop] = v instanceof Date ? v : new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v);
        else if (f.kind === 'json')
            row[f.prop] = typeof v === 'string' ? JSON.parse(v) : v;
        else if (f.kind === 'ref')
            row[f.prop] = String(v);
        else if (typeof v === 'bigint')
            row[f.prop] = Number(v);
        else
            row[f.prop] = v;
    }
    return row;
}
//# sourceMappingURL=stored-rows.js.map