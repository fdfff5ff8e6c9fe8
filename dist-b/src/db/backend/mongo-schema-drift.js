"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.mongoSchemaDrift = mongoSchemaDrift;
/** On MongoDB the schema is the indexes: every index the entities declare must exist with the same keys. */
async function mongoSchemaDrift(orm, db) {
    const problems = [];
    for (const meta of orm.getMetadata().getAll().values()) {
        if (meta.abstract || meta.embeddable)
            continue;
        const expected = expectedMongoIndexes(meta);
        const actual = await db
            .collection(meta.collection)
            .indexes()
            .catch(() => null);
        if (!actual) {
            problems.push(`collection ${meta.collection} is missing`);
            continue;
        }
        const have = new Set(actual.map((i) => JSON.stringify(i.key) + (i.unique ? '!' : '')));
        for (const e of expected)
            if (!have.has(e))
                problems.push(`${meta.collection}: missing index ${e}`);
    }
    return problems;
}
function expectedMongoIndexes(meta) {
    const field = (p) => meta.properties[p]?.fieldNames?.[0] ?? p;
    const key = (props) => JSON.stringify(Object.fromEntries(props.map((p) => [field(p), 1])));
    const list = (v) => (Array.isArray(v) ? v : [v]);
    const out = [];
    for (const i of meta.indexes)
        if (i.properties)
            out.push(key(list(i.properties)));
    for (const u of meta.uniques)
        if (u.properties)
            out.push(key(list(u.properties)) + '!');
    for (const p of Object.values(meta.properties)) {
        if (p.unique)
            out.push(key([p.name]) + '!');
        else if (p.index)
            out.push(key([p.name]));
    }
    return out;
}
//# sourceMappingURL=mongo-schema-drift.js.map