"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.schemaDrift = schemaDrift;
/**
 * What the database lacks or has beyond what the entities declare, after
 * migrations: an empty list means no drift. Used by `migration:check` and tests.
 */
async function schemaDrift(orm) {
    const platform = orm.em.getPlatform().constructor.name;
    if (platform === 'MongoPlatform')
        return mongoDrift(orm);
    const sql = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    // DDL here has no semicolons inside literals, and MikroORM sometimes joins statements on one line.
    const statements = sql
        .split(/;\s*/)
        .map((s) => s.trim())
        .filter(Boolean);
    return platform === 'SqlitePlatform' ? await withoutSqliteNoise(orm, statements) : statements;
}
/**
 * MikroORM 6.6 on SQLite reports every table with an enum check of 3+ values as
 * changed and proposes rebuilding it identically. A rebuild whose new table
 * definition equals the current one (and whose indexes all exist) is not drift.
 */
async function withoutSqliteNoise(orm, statements) {
    const conn = orm.em.getConnection();
    const master = await conn.execute(`select type, name, sql from sqlite_master where sql is not null`);
    const tables = new Map(master.filter((m) => m.type === 'table').map((m) => [m.name, m.sql]));
    const indexes = new Set(master.filter((m) => m.type === 'index').map((m) => m.name));
    const norm = (s) => s
        .replace(/\s+/g, ' ')
        .replace(/;$/, '')
        .replace(/^create table/i, 'create table')
        .trim();
    const noisyTables = new Set();
    for (const s of statements) {
        const m = /^create table `(\w+)__temp_alter` /.exec(s);
        if (!m)
            continue;
        const current = tables.get(m[1]);
        if (current && norm(s.replace(`\`${m[1]}__temp_alter\``, `\`${m[1]}\``)) === norm(current))
            noisyTables.add(m[1]);
    }
    return statements.filter((s) => {
        if (/^pragma foreign_keys = (on|off)/.test(s))
            return false;
        const table = (/ on `(\w+)`/.exec(s) ?? /`(\w+?)(?:__temp_alter)?`/.exec(s))?.[1];
        if (!table || !noisyTables.has(table))
            return true;
        const index = /^create (?:unique )?index `(\w+)`/.exec(s)?.[1];
        if (index)
            return !indexes.has(index);
        return !/^(create table|insert into|drop table|alter table `\w+__temp_alter` rename)/.test(s);
    });
}
/** On MongoDB the schema is the indexes: every index the entities declare must exist with the same keys. */
async function mongoDrift(orm) {
    const db = orm.em.getConnection().getDb();
    const problems = [];
    for (const meta of Object.values(orm.getMetadata().getAll())) {
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
//# sourceMappingURL=schema-check.js.map