"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.recall = recall;
exports.lightFind = lightFind;
exports.lightRow = lightRow;
exports.rowPrototype = rowPrototype;
exports.adoptRow = adoptRow;
const core_1 = require("@mikro-orm/core");
const read_scope_1 = require("./read-scope");
/**
 * A row this request already read. Rows read with some columns only (see
 * ReadPlan) are returned only to a caller that names the `fields` it needs and
 * finds them all there; without `fields`, only whole rows.
 */
function recall(scope, entity, id, fields) {
    const known = scope.rows.get(entity.name)?.get(id);
    const held = known?.[read_scope_1.HELD];
    if (!known || held === undefined)
        return undefined;
    if (held === null || (fields && fields.every((f) => held.has(f))))
        return known;
    return undefined;
}
function remember(scope, entity, id, row, fields) {
    let remembered = scope.rows.get(entity.name);
    if (!remembered)
        scope.rows.set(entity.name, (remembered = new Map()));
    row[read_scope_1.HELD] = fields;
    // A partial row never replaces a whole one.
    if (fields !== null && remembered.get(id)?.[read_scope_1.HELD] === null)
        return;
    remembered.set(id, row);
}
const shapes = new WeakMap();
function shapeOf(root, entity) {
    const driver = root.getDriver();
    let byName = shapes.get(driver);
    if (!byName)
        shapes.set(driver, (byName = new Map()));
    let shape = byName.get(entity.name);
    if (!shape) {
        const meta = root.getMetadata().getByClassName(entity.name);
        const props = Object.values(meta.properties);
        shape = {
            view: viewOf(meta, entity),
            jsonText: props.filter((p) => p.customType instanceof core_1.JsonType).map((p) => p.name),
            refs: props.filter((p) => p.kind === core_1.ReferenceKind.MANY_TO_ONE).map((p) => p.name),
            dates: props.filter((p) => p.kind === core_1.ReferenceKind.SCALAR && p.runtimeType === 'Date').map((p) => p.name),
        };
        byName.set(entity.name, shape);
    }
    return shape;
}
/**
 * Read-only rows without entity hydration (no identity map, change tracking or
 * reference wiring), read by the backend (see Backend.find) with only the
 * planned columns: each row a plain object shaped like the entity (JSON
 * parsed, many-to-one relations as `{ id }`, or the joined row itself). Used
 * for GraphQL reads, never for rows a mutation changes.
 */
async function lightFind(scope, entity, where, options = {}) {
    const root = scope.root;
    const joins = options.joins ?? [];
    const meta = root.getMetadata().getByClassName(entity.name);
    const targets = joins.map((j) => meta.properties[j.prop].targetMeta.class);
    const own = shapeOf(root, entity);
    const theirs = targets.map((t) => shapeOf(root, t));
    const transaction = scope.existingEm?.getTransactionContext() ? scope.existingEm : undefined;
    const rows = await scope.backend.find({
        ...options,
        entity: entity.name,
        where: where,
        prototypes: [own.view, ...theirs.map((t) => t.view)],
        transaction,
    });
    const joinedFields = joins.map((j) => (j.fields ? new Set(j.fields) : null));
    const fields = options.fields ? new Set(options.fields) : null;
    return rows.map(([row, ...joined]) => {
        // Joined rows are remembered for the request: their resolvers answer without a query.
        for (let i = 0; i < joined.length; i++) {
            if (!joined[i])
                continue;
            // The relation holds the joined row itself (it has the id, as a reference would).
            row[joins[i].prop] = finish(scope, targets[i], theirs[i], joined[i], joinedFields[i]);
        }
        return finish(scope, entity, own, row, fields);
    });
}
const views = new WeakMap();
/**
 * A prototype under the entity's that holds a writable data property for each
 * entity property. MikroORM puts accessors on the entity prototype (to wire
 * references on assignment); with these in between, plain assignment makes own
 * data properties, which is much cheaper than defineProperty per field.
 */
function viewOf(meta, entity) {
    let view = views.get(meta);
    if (!view) {
        view = Object.create(entity.prototype);
        for (const name of Object.keys(meta.properties))
            Object.defineProperty(view, name, { value: undefined, writable: true, enumerable: false, configurable: true });
        views.set(meta, view);
    }
    return view;
}
/** Shapes one row of driver data (property names, driver types) like the entity, and remembers it for this request. */
function lightRow(scope, entity, row, fields = null) {
    const shape = shapeOf(scope.root, entity);
    // An instance of the entity class (so type-graphql takes it as is) whose fields are
    // plain own properties: the view prototype shadows MikroORM's accessors (see viewOf).
    const instance = Object.create(shape.view);
    for (const key in row)
        instance[key] = row[key];
    return finish(scope, entity, shape, instance, fields);
}
/** The prototype rows of `entity` are created from (see viewOf); pass rows made from it to adoptRow. */
function rowPrototype(scope, entity) {
    return shapeOf(scope.root, entity).view;
}
/** A row created from rowPrototype and filled with driver values, finished and remembered (see finish). */
function adoptRow(scope, entity, row, fields = null) {
    return finish(scope, entity, shapeOf(scope.root, entity), row, fields);
}
/**
 * Converts a row's driver values in place and remembers it: SQLite hands JSON
 * back as text and dates as epoch milliseconds (MikroORM's choice); relations
 * become `{ id }`. A value that is not valid JSON stays as it is, so only that
 * field fails (as with MikroORM's own parsing).
 */
function finish(scope, entity, shape, row, fields) {
    for (const p of shape.jsonText)
        if (typeof row[p] === 'string')
            row[p] = parseJsonSafe(row[p]);
    for (const p of shape.dates) {
        const v = row[p];
        if (typeof v === 'number')
            row[p] = new Date(v);
        else if (typeof v === 'string')
            row[p] = new Date(/^\d+$/.test(v) ? Number(v) : v);
    }
    for (const p of shape.refs)
        if (row[p] != null && typeof row[p] !== 'object')
            row[p] = { id: String(row[p]) };
    remember(scope, entity, String(row.id), row, fields);
    return row;
}
function parseJsonSafe(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return text;
    }
}
//# sourceMappingURL=light-find.js.map