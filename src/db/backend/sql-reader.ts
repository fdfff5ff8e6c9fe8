import { ReferenceKind, type EntityMetadata, type MikroORM, type Platform } from '@mikro-orm/core';
import { readConnection } from '../read-target';
import type { ReadPlan } from './backend';
import { quote } from './sql-identifier';
import { NotCompiled, type RawRow, type TreeList, type TreeRows } from '../read-tree';
import { TreeSql } from './sql-tree';

/**
 * The read path's SQL compiler: the filters services build (equality, `$in`,
 * ranges, `$and`/`$or`, many-to-one relations, one level of "related row
 * matches") straight into one parameterised SELECT, run on a pooled connection,
 * on PostgreSQL as a named prepared statement. MikroORM's query builder costs
 * more CPU than the query itself for the small indexed reads a GraphQL request
 * makes; this skips it. Anything it does not know (raw fragments, operators
 * outside the list) returns null and the caller uses MikroORM's query builder.
 * Hand-written because it is the read path's cost: MikroORM 7's query builder
 * (its fallback here) takes 1.6–1.9× this compiler's CPU for a page of 51
 * rows, database time included (`npm run bench:read`).
 */

type Row = Record<string, unknown>;

type Order = Record<string, 'asc' | 'desc'>;

interface Statement {
  sql: string;
  params: unknown[];
}

/** `{ $keyset: ... }` in a filter: rows after this position in this order (see Compiler.keyset). */
export interface Keyset {
  fields: string[];
  values: unknown[];
  dir: 'asc' | 'desc';
}

/**
 * Filters made by SqlBackend.containsText: MikroORM gets them as a raw
 * fragment (keyed by symbol, opaque here), the compiler by this record.
 */
export const TEXT_CONTAINS = new WeakMap<object, { column: string; text: string }>();

const COMPARE: Record<string, string> = { $eq: '=', $ne: '<>', $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

/** Most parameters a compiled tree may bind (under SQLite's 32,766); a tree with more goes the batched way. */
const MAX_TREE_PARAMS = 30_000;

/** Distinct statements kept prepared per connection; beyond that they run unnamed. */
const MAX_PREPARED = 500;

export class Compiler {
  readonly params: unknown[] = [];
  /**
   * SQLite, a page in this property's order (the first sort key): broad
   * conditions on other columns (enum values, ranges) are written `+column`,
   * which keeps SQLite from serving them from an index. SQLite's planner
   * otherwise takes such an index and sorts every match (a quarter of the
   * table for `status IN (…)`), where walking the sort key's index stops at
   * the page's LIMIT. Equalities on keys and other values stay indexable: they
   * find few rows, and sorting those is cheap.
   */
  orderProp?: string;

  constructor(
    private readonly metaOf: (name: string) => EntityMetadata,
    private readonly platform: Platform,
    private readonly postgres: boolean,
  ) {}

  private param(value: unknown): string {
    this.params.push(value instanceof Date ? this.platform.processDateProperty(value) : value);
    return this.postgres ? `$${this.params.length}` : '?';
  }

  /** SQL for `where` over `meta` (columns qualified by `alias`), or null when it holds anything unknown. */
  where(meta: EntityMetadata, where: Row, alias: string): string | null {
    const contains = TEXT_CONTAINS.get(where);
    if (contains) return `${this.postgres ? 'strpos' : 'instr'}(lower(${alias}.${quote(contains.column)}), lower(${this.param(contains.text)})) > 0`;
    const parts: string[] = [];
    // MikroORM 7 keys raw fragments by symbol, which Object.entries does not list: those go to MikroORM.
    if (Object.getOwnPropertySymbols(where).length) return null;
    for (const [key, value] of Object.entries(where)) {
      let sql: string | null;
      if (key === '$keyset') {
        sql = this.keyset(meta, value as Keyset, alias);
      } else if (key === '$and' || key === '$or') {
        if (!Array.isArray(value) || value.length === 0) return null;
        const items = value.map((v) => (v && typeof v === 'object' ? this.where(meta, v as Row, alias) : null));
        if (items.some((s) => s === null)) return null;
        sql = `(${items.join(key === '$and' ? ' and ' : ' or ')})`;
      } else {
        sql = this.condition(meta, key, value, alias);
      }
      if (sql === null) return null;
      parts.push(sql);
    }
    return parts.length ? parts.join(' and ') : '1 = 1';
  }

  /**
   * Rows after a keyset position, as a row-value comparison: `(sort, id) > (v, id)`.
   * Both PostgreSQL and SQLite turn it into an index range on (sort, id),
   * where the equivalent OR of two conditions can make them filter instead.
   */
  private keyset(meta: EntityMetadata, k: Keyset, alias: string): string | null {
    if (!k || !Array.isArray(k.fields) || k.fields.length !== k.values?.length) return null;
    const columns = k.fields.map((f) => meta.properties[f as never]?.fieldNames?.[0]);
    if (columns.some((c) => !c) || (k.dir !== 'asc' && k.dir !== 'desc')) return null;
    const left = columns.map((c) => `${alias}.${quote(c!)}`).join(', ');
    const right = k.values.map((v) => this.param(v)).join(', ');
    return `(${left}) ${k.dir === 'asc' ? '>' : '<'} (${right})`;
  }

  private condition(meta: EntityMetadata, key: string, value: unknown, alias: string): string | null {
    const prop = meta.properties[key as never] as EntityMetadata['properties'][string] | undefined;
    if (!prop || prop.fieldNames?.length !== 1 || prop.customType) return null;
    if (prop.kind !== ReferenceKind.SCALAR && prop.kind !== ReferenceKind.MANY_TO_ONE) return null;
    const column = `${this.broad(prop, value) ? '+' : ''}${alias}.${quote(prop.fieldNames[0])}`;
    if (value === null) return `${column} is null`;
    if (typeof value !== 'object' || value instanceof Date) return `${column} = ${this.param(value)}`;
    // An entity (or reference) stands for its primary key, as in MikroORM.
    if (prop.kind === ReferenceKind.MANY_TO_ONE && Object.getPrototypeOf(value) !== Object.prototype) {
      const id = (value as { id?: unknown }).id;
      return typeof id === 'string' ? `${column} = ${this.param(id)}` : null;
    }
    const ops = value as Row;
    const keys = Object.keys(ops);
    if (keys.length === 0) return null;
    if (!keys.every((k) => k.startsWith('$'))) {
      // A many-to-one whose target row must match: `column in (select id from target where ...)`.
      if (prop.kind !== ReferenceKind.MANY_TO_ONE) return null;
      const target = this.metaOf(prop.type);
      const pk = target.properties[target.primaryKeys[0] as never].fieldNames[0];
      const inner = this.where(target, ops, 's');
      return inner === null ? null : `${column} in (select s.${quote(pk)} from ${quote(target.tableName)} s where ${inner})`;
    }
    const parts: string[] = [];
    for (const op of keys) {
      const v = ops[op];
      if (op === '$in' || op === '$nin') {
        if (!Array.isArray(v)) return null;
        const not = op === '$nin';
        if (v.length === 0) parts.push(not ? '1 = 1' : '1 = 0');
        else if (this.postgres) parts.push(`${not ? 'not ' : ''}${column} = any(${this.param(v.map((x) => this.plain(x)))})`);
        else parts.push(`${column} ${not ? 'not in' : 'in'} (${v.map((x) => this.param(x)).join(', ')})`);
      } else if (COMPARE[op] && v !== undefined && (v === null || typeof v !== 'object' || v instanceof Date)) {
        if (v === null) parts.push(op === '$ne' ? `${column} is not null` : op === '$eq' ? `${column} is null` : '1 = 0');
        else parts.push(`${column} ${COMPARE[op]} ${this.param(v)}`);
      } else {
        return null;
      }
    }
    return parts.join(' and ');
  }

  /** Whether a condition on `prop` is one to keep off an index in an ordered SQLite page (see orderProp). */
  private broad(prop: EntityMetadata['properties'][string], value: unknown): boolean {
    if (this.postgres || !this.orderProp || prop.name === this.orderProp || prop.kind !== ReferenceKind.SCALAR || prop.primary) return false;
    if (prop.enum) return true;
    return !!value && typeof value === 'object' && !(value instanceof Date) && ['$gt', '$gte', '$lt', '$lte'].some((op) => op in (value as Row));
  }

  private plain(v: unknown): unknown {
    return v instanceof Date ? this.platform.processDateProperty(v) : v;
  }
}

/** [column, property] for each stored property of `meta` (or only `fields`), in table order; null when a field is not stored. */
export function columnsOf(meta: EntityMetadata, fields: string[] | undefined): [string, string][] | null {
  const stored = meta.props.filter((p) => (p.kind === ReferenceKind.SCALAR || p.kind === ReferenceKind.MANY_TO_ONE) && p.fieldNames?.length === 1 && p.persist !== false);
  const wanted = fields ? new Set(fields) : null;
  if (wanted && [...wanted].some((f) => !stored.some((p) => p.name === f))) return null;
  return stored.filter((p) => !wanted || wanted.has(p.name)).map((p) => [p.fieldNames[0], p.name]);
}

/**
 * A compiled select list: columns are named by position (c0, c1...), so a row
 * is read as an array (PostgreSQL's rowMode) or by those names (SQLite) and
 * split into the row and its joined rows without looking at keys.
 */
class Select {
  readonly sql: string;
  private readonly layout: { start: number; props: string[]; id: number }[] = [];

  constructor(parts: { alias: string; columns: [string, string][] }[], from: string) {
    const list: string[] = [];
    for (const { alias, columns } of parts) {
      const props = columns.map(([, prop]) => prop);
      this.layout.push({ start: list.length, props, id: props.indexOf('id') });
      for (const [column] of columns) list.push(`${alias}.${quote(column)} as c${list.length}`);
    }
    this.sql = `select ${list.join(', ')} from ${from}`;
  }

  /** The row and its joined rows, each created from its part's prototype (plain objects by default). */
  split(values: unknown[], prototypes: object[] = []): (Row | null)[] {
    const parts: (Row | null)[] = new Array(this.layout.length);
    for (let i = 0; i < this.layout.length; i++) {
      const { start, props, id } = this.layout[i];
      // A joined row without a key: the relation is empty (the left join found nothing).
      if (i > 0 && (id < 0 || values[start + id] == null)) {
        parts[i] = null;
        continue;
      }
      const row = (prototypes[i] ? Object.create(prototypes[i]) : {}) as Row;
      for (let k = 0; k < props.length; k++) row[props[k]] = values[start + k];
      parts[i] = row;
    }
    return parts;
  }
}

type PgPool = { query(q: { name?: string; text: string; values: unknown[]; rowMode?: 'array' }): Promise<{ rows: Row[] }> };
type SqliteStatement = { raw(on: boolean): SqliteStatement; all(...params: unknown[]): Row[]; run(...params: unknown[]): unknown; readonly reader: boolean };
type SqliteDatabase = { prepare(sql: string): SqliteStatement; readonly inTransaction: boolean; transaction<T>(work: () => T): () => T };

/** A value as better-sqlite3 binds it: it refuses booleans and dates (MikroORM stores them as 1/0 and epoch ms on SQLite). */
const bindable = (v: unknown) => (typeof v === 'boolean' ? Number(v) : v instanceof Date ? v.getTime() : v === undefined ? null : v);

export class SqlReader {
  private readonly names = new Map<string, string>();
  private readonly statements = new Map<string, SqliteStatement>();
  private readonly selects = new WeakMap<EntityMetadata, Map<string, Select>>();

  constructor(
    private readonly orm: MikroORM,
    /** Called once per statement sent, for the round-trip counter. */
    private readonly onRoundTrip: () => void,
    /** PostgreSQL's dialect (else SQLite's), as the SQL backend says. */
    private readonly postgres: boolean,
  ) {}

  /**
   * Rows of `entity` matching `where`, each as its parts: [the row, then one per
   * join (null when the relation is empty)], keyed by property, driver values.
   * Null when `where` is beyond this compiler.
   */
  async find(entityName: string, where: Row, options: { orderBy?: Order; limit?: number; prototypes?: object[] } & ReadPlan = {}): Promise<(Row | null)[][] | null> {
    const metadata = this.orm.getMetadata();
    const meta = metadata.getByClassName(entityName);
    const compiler = new Compiler((n) => metadata.getByClassName(n), this.orm.em.getPlatform(), this.postgres);
    const condition = compiler.where(meta, where, 't');
    if (condition === null) return null;
    const select = this.selectOf(meta, options.fields, options.joins ?? []);
    if (select === null) return null;
    let sql = `${select.sql} where ${condition}`;
    const order = Object.entries(options.orderBy ?? {});
    if (order.length) {
      const terms: string[] = [];
      for (const [prop, dir] of order) {
        const field = meta.properties[prop as never]?.fieldNames?.[0];
        if (!field || (dir !== 'asc' && dir !== 'desc')) return null;
        terms.push(`t.${quote(field)} ${dir}`);
      }
      sql += ` order by ${terms.join(', ')}`;
    }
    if (options.limit != null) {
      if (!Number.isSafeInteger(options.limit) || options.limit < 0) return null;
      sql += ` limit ${options.limit}`;
    }
    const rows = await this.run({ sql, params: compiler.params }, true);
    const prototypes = options.prototypes ?? [];
    return rows.map((values) => select.split(values as unknown[], prototypes));
  }

  /**
   * The first `perParent` rows of each parent in `parentIds` (ordered by
   * createdAt then id, in `direction`), in one statement: ROW_NUMBER() over a
   * partition per parent. Rows as find() makes them (no joins).
   */
  async firstPerParent(
    entityName: string,
    parentProp: string,
    parentIds: string[],
    filters: Row,
    perParent: number,
    direction: 'asc' | 'desc',
    fields: string[] | undefined,
    prototype?: object,
  ): Promise<Row[] | null> {
    const meta = this.orm.getMetadata().getByClassName(entityName);
    const compiler = new Compiler((n) => this.orm.getMetadata().getByClassName(n), this.orm.em.getPlatform(), this.postgres);
    const condition = compiler.where(meta, { ...filters, [parentProp]: { $in: parentIds } }, 't');
    const select = this.selectOf(meta, fields, []);
    const column = (p: string) => meta.properties[p as never]?.fieldNames?.[0];
    if (condition === null || select === null || !column(parentProp) || !Number.isSafeInteger(perParent) || perParent < 0) return null;
    const [parent, created, id] = [column(parentProp)!, column('createdAt')!, column('id')!].map(quote);
    const ranked = `select t.*, row_number() over (partition by t.${parent} order by t.${created} ${direction}, t.${id} ${direction}) as rn__ ` + `from ${quote(meta.tableName)} t where ${condition}`;
    const sql = `${select.sql.replace(` from ${quote(meta.tableName)} t`, ` from (${ranked}) t`)} where t.rn__ <= ${perParent} order by t.${parent}, t.rn__`;
    const rows = await this.run({ sql, params: compiler.params }, true);
    return rows.map((values) => select.split(values as unknown[], prototype ? [prototype] : [])[0]!);
  }

  /** Rows per parent matching `filters`, for each of `parentIds` that has any: one GROUP BY. */
  async countPerParent(entityName: string, parentProp: string, parentIds: string[], filters: Row): Promise<Map<string, number> | null> {
    const meta = this.orm.getMetadata().getByClassName(entityName);
    const compiler = new Compiler((n) => this.orm.getMetadata().getByClassName(n), this.orm.em.getPlatform(), this.postgres);
    const condition = compiler.where(meta, { ...filters, [parentProp]: { $in: parentIds } }, 't');
    const parent = meta.properties[parentProp as never]?.fieldNames?.[0];
    if (condition === null || !parent) return null;
    const sql = `select t.${quote(parent)} as c0, count(*) as c1 from ${quote(meta.tableName)} t where ${condition} group by t.${quote(parent)}`;
    const rows = (await this.run({ sql, params: compiler.params }, true)) as unknown[][];
    return new Map(rows.map(([p, n]) => [String(p), Number(n)]));
  }

  /**
   * `select ... from table t` with a left join per to-one relation in `joins`,
   * and how to split a result row (by column position) into its parts.
   */
  private selectOf(meta: EntityMetadata, fields: string[] | undefined, joins: NonNullable<ReadPlan['joins']>): Select | null {
    const key = JSON.stringify([fields ?? null, joins]);
    let byPlan = this.selects.get(meta);
    if (!byPlan) this.selects.set(meta, (byPlan = new Map()));
    let select = byPlan.get(key);
    if (select === undefined) {
      const own = columnsOf(meta, fields);
      if (own === null) return null;
      const parts = [{ alias: 't', columns: own }];
      const from = [`${quote(meta.tableName)} t`];
      for (const [i, join] of joins.entries()) {
        const prop = meta.properties[join.prop as never] as EntityMetadata['properties'][string] | undefined;
        if (prop?.kind !== ReferenceKind.MANY_TO_ONE || prop.fieldNames.length !== 1) return null;
        const target = prop.targetMeta!;
        const pk = target.properties[target.primaryKeys[0] as never].fieldNames[0];
        const theirs = columnsOf(target, join.fields);
        if (theirs === null) return null;
        parts.push({ alias: `j${i}`, columns: theirs });
        from.push(`left join ${quote(target.tableName)} j${i} on j${i}.${quote(pk)} = t.${quote(prop.fieldNames[0])}`);
      }
      select = new Select(parts, from.join(' '));
      byPlan.set(key, select);
    }
    return select;
  }

  /**
   * A root field's whole read (see read-tree.ts) in one statement, or null
   * when the tree holds something the compiler does not cover.
   */
  async readTree(list: TreeList): Promise<TreeRows | null> {
    const metadata = this.orm.getMetadata();
    const compiler = new Compiler((n) => metadata.getByClassName(n), this.orm.em.getPlatform(), this.postgres);
    let sql: string;
    try {
      sql = new TreeSql(compiler, (n) => metadata.getByClassName(n), this.postgres).root(list);
    } catch (e) {
      if (e instanceof NotCompiled) return null;
      throw e;
    }
    // Past what one statement may bind (SQLite 32,766, PostgreSQL 65,535), each level is read on its own.
    if (compiler.params.length > MAX_TREE_PARAMS) return null;
    const [row] = (await this.run({ sql, params: compiler.params }, true)) as unknown[][];
    // PostgreSQL's driver parses json columns; SQLite hands back text.
    const rows = typeof row[0] === 'string' ? JSON.parse(row[0]) : row[0];
    return { rows: (rows ?? []) as RawRow[], total: list.count ? Number(row[1]) : undefined };
  }

  /**
   * Runs one statement on the driver's own client, which MikroORM hands out
   * publicly (getNativeClient): pg's pool, statements prepared by name; SQLite's
   * better-sqlite3 database, statements prepared once and cached. `on`: the
   * connection type, by default where reads go now (see read-target.ts);
   * writes pass 'write'.
   */
  async run({ sql, params }: Statement, positional = false, on: 'read' | 'write' = readConnection()): Promise<Row[] | unknown[][]> {
    const client = (await this.orm.em.getConnection(on).getNativeClient()) as PgPool | SqliteDatabase;
    this.onRoundTrip();
    if (this.postgres) {
      let name = this.names.get(sql);
      if (!name && this.names.size < MAX_PREPARED) this.names.set(sql, (name = `codeobit_${this.names.size}`));
      return (await (client as PgPool).query({ name, text: sql, values: params, rowMode: positional ? 'array' : undefined })).rows;
    }
    if ((client as SqliteDatabase).inTransaction) {
      // One connection: a MikroORM transaction open across awaits (an update with its rollups, a claim,
      // a delete) would show this read its uncommitted rows. MikroORM's execute waits for its end.
      const rows = (await this.orm.em.getConnection(on).execute(sql, params, 'all')) as Row[];
      return positional ? rows.map((row) => Object.values(row)) : rows;
    }
    const statement = this.prepared(client as SqliteDatabase, sql);
    return positional ? statement.raw(true).all(...params) : statement.raw(false).all(...params);
  }

  private prepared(db: SqliteDatabase, sql: string): SqliteStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (this.statements.size < MAX_PREPARED) this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * SQLite: `work` as one transaction on better-sqlite3's database (BEGIN …
   * COMMIT, rolled back if it throws), run synchronously: no other
   * code of this process runs until it ends, so none of it reads or writes
   * inside it. `run` gives a statement's rows (none for one that returns no
   * data). Undefined when the connection is in a transaction already (one of
   * MikroORM's, open across awaits): the caller then waits its turn through
   * MikroORM.
   */
  async inProcessTransaction<T>(work: (run: (sql: string, params: unknown[]) => Row[]) => T): Promise<T | undefined> {
    const db = (await this.orm.em.getConnection('write').getNativeClient()) as SqliteDatabase;
    if (db.inTransaction) return undefined;
    const run = (sql: string, params: unknown[]): Row[] => {
      this.onRoundTrip();
      const statement = this.prepared(db, sql);
      const values = params.map(bindable);
      if (statement.reader) return statement.raw(false).all(...values);
      statement.run(...values);
      return [];
    };
    // Deferred, as MikroORM's: while another process holds the write lock the first write fails at once
    // (503, see db-errors.ts), where BEGIN IMMEDIATE would wait busy_timeout (5 s) with the event loop stopped.
    return db.transaction(() => work(run))();
  }
}
