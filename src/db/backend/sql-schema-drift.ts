import type { MikroORM } from '@mikro-orm/core';

/**
 * What the database lacks or has beyond what the entities declare, after
 * migrations, as the DDL MikroORM would run: empty means no drift. `sqlite`:
 * leave out SQLite's false positives (below).
 */
export async function sqlSchemaDrift(orm: MikroORM, sqlite: boolean): Promise<string[]> {
  const sql = await (orm.schema as unknown as { getUpdateSchemaSQL(o: object): Promise<string> }).getUpdateSchemaSQL({ wrap: false });
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
async function withoutSqliteNoise(orm: MikroORM, statements: string[]): Promise<string[]> {
  const conn = orm.em.getConnection() as unknown as { execute(sql: string): Promise<{ name: string; sql: string | null; type: string }[]> };
  const master = await conn.execute(`select type, name, sql from sqlite_master where sql is not null`);
  const tables = new Map(master.filter((m) => m.type === 'table').map((m) => [m.name, m.sql!]));
  const indexes = new Set(master.filter((m) => m.type === 'index').map((m) => m.name));
  const norm = (s: string) =>
    s
      .replace(/\s+/g, ' ')
      .replace(/;$/, '')
      .replace(/^create table/i, 'create table')
      .replace(/^create (unique )?index/i, (m) => m.toLowerCase())
      .trim();

  const noisyTables = new Set<string>();
  for (const s of statements) {
    const m = /^create table `(\w+)__temp_alter` /.exec(s);
    if (!m) continue;
    const current = tables.get(m[1]);
    if (current && norm(s.replace(`\`${m[1]}__temp_alter\``, `\`${m[1]}\``)) === norm(current)) noisyTables.add(m[1]);
  }
  // MikroORM 7.2 on SQLite reads an index with a DESC column back without it and proposes
  // dropping and creating it again: when the index stored is the one it would create, not drift.
  const indexSql = new Map(master.filter((m) => m.type === 'index').map((m) => [m.name, norm(m.sql!)]));
  const recreated = new Set<string>();
  for (const s of statements) {
    const m = /^create (?:unique )?index `(\w+)` /.exec(s);
    if (m && indexSql.get(m[1]) === norm(s) && statements.includes(`drop index \`${m[1]}\``)) recreated.add(m[1]);
  }
  return statements.filter((s) => {
    if (/^pragma foreign_keys = (on|off)/.test(s)) return false;
    const named = /^(?:drop index|create (?:unique )?index) `(\w+)`/.exec(s)?.[1];
    if (named && recreated.has(named)) return false;
    const table = (/ on `(\w+)`/.exec(s) ?? /`(\w+?)(?:__temp_alter)?`/.exec(s))?.[1];
    if (!table || !noisyTables.has(table)) return true;
    const index = /^create (?:unique )?index `(\w+)`/.exec(s)?.[1];
    if (index) return !indexes.has(index);
    return !/^(create table|insert into|drop table|alter table `\w+__temp_alter` rename)/.test(s);
  });
}
