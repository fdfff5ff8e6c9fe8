"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sqlSchemaDrift = sqlSchemaDrift;
/**
 * What the database lacks or has beyond what the entities declare, after
 * migrations, as the DDL MikroORM would run: empty means no drift. `sqlite`:
 * leave out SQLite's false positives (below).
 */
async function sqlSchemaDrift(orm, sqlite) {
    const sql = await orm.schema.getUpdateSchemaSQL({ wrap: false });
    // DDL here has no semicolons inside literals, and MikroORM sometimes joins statements on one line.
    const statements = sql
        .split(/;\s*/)
        .map((s) => s.trim())
        .filter(Boolean);
    return sqlite ? await withoutSqliteNoise(orm, statements) : statements;
}
/**
 * MikroORM 6.6 on SQLite reported every table with an enum check of 3+ values as
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
//# sourceMappingURL=sql-schema-drift.js.map