"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ENTITY_RULES = void 0;
exports.ruleOf = ruleOf;
exports.newRow = newRow;
const stored_rows_1 = require("./stored-rows");
exports.ENTITY_RULES = {
    User: {
        owner: { self: true },
        children: [
            { entity: 'Project', prop: 'owner' },
            { entity: 'AutoSave', prop: 'user' },
        ],
    },
    Project: {
        owner: { prop: 'owner' },
        parent: { prop: 'owner', entity: 'User' },
        children: [
            { entity: 'CodeGeneration', prop: 'project' },
            { entity: 'ProjectAnalysis', prop: 'project' },
        ],
    },
    CodeGeneration: { owner: { viaParent: 'project' }, parent: { prop: 'project', entity: 'Project' } },
    ProjectAnalysis: { owner: { viaParent: 'project' }, parent: { prop: 'project', entity: 'Project' } },
    AutoSave: { owner: { prop: 'user' }, parent: { prop: 'user', entity: 'User' } },
};
function ruleOf(entity) {
    const rule = exports.ENTITY_RULES[entity];
    if (!rule)
        throw new Error(`no write rules for ${entity}`);
    return rule;
}
/**
 * A complete new row: the given values, and for everything not given (or null)
 * the entity's own defaults (its id, timestamps and field initialisers), plus
 * the UTC day of createdAt where the entity keeps one.
 */
function newRow(meta, entity, data) {
    const defaults = new entity();
    const row = {};
    for (const f of (0, stored_rows_1.storedFields)(meta)) {
        const given = data[f.prop];
        row[f.prop] = given !== undefined && given !== null ? given : (defaults[f.prop] ?? null);
    }
    if ('day' in row && row.createdAt instanceof Date)
        row.day = row.createdAt.toISOString().slice(0, 10);
    return row;
}
//# sourceMappingURL=entity-rules.js.map