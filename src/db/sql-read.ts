import { ReferenceKind, type EntityMetadata, type MikroORM, type Platform } from '@mikro-orm/core';

/**
 * The read path's SQL compiler: the filters services build (equality, `$in`,
 * ranges, `$and`/`$or`, many-to-one relations, one level of "related row
 * matches") straight into one parameterised SELECT, run on a pooled connection,
 * on PostgreSQL as a named prepared statement. MikroORM's query builder costs
 * more CPU than the query itself for the small indexed reads a GraphQL request
 * makes; this skips it. Anything it does not know (raw fragments, operators
 * outside the list) returns null and the caller uses MikroORM.
 */

type Row = Record<string, unknown>;

/**
 * Which columns to read (props; all when absent) and which to-one relations to
 * join into the same statement, with their columns. SQL only: MongoDB and the
 * MikroORM fallback read whole rows (and the id loaders fetch relations).
 */
export interface ReadPlan {
  fields?: string[];
  joins?: { prop: string; fields?: string[] }[];
}
type Order = Record<string, 'asc' | 'desc'>;

interface Statement {
  sql: string;
  params: unknown[];
}

const COMPARE: Record<string, string> = { $eq: '=', $ne: '<>', $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

/** Distinct statements kept prepared per connection; beyond that they run unnamed. */
const MAX_PREPARED = 500;

class Compiler {
  readonly params: unknown[] = [];

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
    const parts: string[] = [];
    for (const [key, value] of Object.entries(where)) {
      let sql: string | null;
      if (key === '$and' || key === '$or') {
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

  private condition(meta: EntityMetadata, key: string, value: unknown, alias: string): string | null {
    const prop = meta.properties[key as never] as EntityMetadata['properties'][string] | undefined;
    if (!prop || prop.fieldNames?.length !== 1 || prop.customType) return null;
    if (prop.kind !== ReferenceKind.SCALAR && prop.kind !== ReferenceKind.MANY_TO_ONE) return null;
    const column = `${alias}.${quote(prop.fieldNames[0])}`;
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

  private plain(v: unknown): unknown {
    return v instanceof Date ? this.platform.processDateProperty(v) : v;
  }
}

export function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/**
 * `alias."column" as "prefix+prop"` for each stored property of `meta` (or
 * only `fields`, in table order); null when a field is not a stored property.
 */
function columnsOf(meta: EntityMetadata, fields: string[] | undefined, alias: string, prefix: string): string | null {
  const stored = meta.props.filter((p) => (p.kind === ReferenceKind.SCALAR || p.kind === ReferenceKind.MANY_TO_ONE) && p.fieldNames?.length === 1 && p.persist !== false);
  const wanted = fields ? new Set(fields) : null;
  if (wanted && [...wanted].some((f) => !stored.some((p) => p.name === f))) return null;
  return stored
    .filter((p) => !wanted || wanted.has(p.name))
    .map((p) => `${alias}.${quote(p.fieldNames[0])} as ${quote(prefix + p.name)}`)
    .join(', ');
}

type PgClient = { query(q: { name?: string; text: string; values: unknown[] }): Promise<{ rows: Row[] }> };
type SqliteDb = { all(sql: string, params: unknown[], cb: (err: Error | null, rows: Row[]) => void): void };
interface KnexClient {
  acquireConnection(): Promise<unknown>;
  releaseConnection(conn: unknown): Promise<unknown>;
}

export class SqlReader {
  private readonly postgres: boolean;
  private readonly names = new Map<string, string>();
  private readonly selects = new WeakMap<EntityMetadata, Map<string, string>>();

  constructor(
    private readonly orm: MikroORM,
    /** Called once per statement sent, for the round-trip counter. */
    private readonly onRoundTrip: () => void,
  ) {
    this.postgres = orm.em.getPlatform().constructor.name.startsWith('PostgreSql');
  }

  /** Raw rows (column names, driver values) of `entity` matching `where`, or null when `where` is beyond this compiler. */
  /** Rows with property names as keys (driver values), joined ones under `j<i>__<prop>`; null when `where` is beyond this compiler. */
  async find(entityName: string, where: Row, options: { orderBy?: Order; limit?: number } & ReadPlan = {}): Promise<Row[] | null> {
    const metadata = this.orm.getMetadata();
    const meta = metadata.get(entityName);
    const compiler = new Compiler((n) => metadata.get(n), this.orm.em.getPlatform(), this.postgres);
    const condition = compiler.where(meta, where, 't');
    if (condition === null) return null;
    const select = this.selectOf(meta, options.fields, options.joins ?? []);
    if (select === null) return null;
    let sql = `${select} where ${condition}`;
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
    return this.run({ sql, params: compiler.params });
  }

  /**
   * `select ... from table t`, columns named as their properties, plus a left
   * join per to-one relation in `joins`, whose columns come back as
   * `j<i>__<prop>` (see splitJoined).
   */
  private selectOf(meta: EntityMetadata, fields: string[] | undefined, joins: NonNullable<ReadPlan['joins']>): string | null {
    const key = JSON.stringify([fields ?? null, joins]);
    let byPlan = this.selects.get(meta);
    if (!byPlan) this.selects.set(meta, (byPlan = new Map()));
    let select = byPlan.get(key);
    if (select === undefined) {
      const own = columnsOf(meta, fields, 't', '');
      if (own === null) return null;
      const columns = [own];
      const from = [`${quote(meta.tableName)} t`];
      for (const [i, join] of joins.entries()) {
        const prop = meta.properties[join.prop as never] as EntityMetadata['properties'][string] | undefined;
        if (prop?.kind !== ReferenceKind.MANY_TO_ONE || prop.fieldNames.length !== 1) return null;
        const target = this.orm.getMetadata().get(prop.type);
        const pk = target.properties[target.primaryKeys[0] as never].fieldNames[0];
        const theirs = columnsOf(target, join.fields, `j${i}`, `j${i}__`);
        if (theirs === null) return null;
        columns.push(theirs);
        from.push(`left join ${quote(target.tableName)} j${i} on j${i}.${quote(pk)} = t.${quote(prop.fieldNames[0])}`);
      }
      select = `select ${columns.join(', ')} from ${from.join(' ')}`;
      byPlan.set(key, select);
    }
    return select;
  }

  /** Runs one statement on a pooled connection (prepared by name on PostgreSQL). */
  async run({ sql, params }: Statement): Promise<Row[]> {
    const client = (this.orm.em.getConnection() as unknown as { getKnex(): { client: KnexClient } }).getKnex().client;
    const conn = await client.acquireConnection();
    this.onRoundTrip();
    try {
      if (this.postgres) {
        let name = this.names.get(sql);
        if (!name && this.names.size < MAX_PREPARED) this.names.set(sql, (name = `codeobit_${this.names.size}`));
        return (await (conn as PgClient).query({ name, text: sql, values: params })).rows;
      }
      return await new Promise<Row[]>((resolve, reject) => (conn as SqliteDb).all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows))));
    } finally {
      await client.releaseConnection(conn);
    }
  }
}

/** Splits a row read with joins into the row itself and the joined rows (null where the relation is empty). */
export function splitJoined(row: Row, joins: number): { row: Row; joined: (Row | null)[] } {
  if (joins === 0) return { row, joined: [] };
  const own: Row = {};
  const joined: (Row | null)[] = Array.from({ length: joins }, () => ({}));
  for (const key in row) {
    const cut = key.charCodeAt(0) === 106 /* j */ ? key.indexOf('__') : -1;
    if (cut > 0) (joined[Number(key.slice(1, cut))] as Row)[key.slice(cut + 2)] = row[key];
    else own[key] = row[key];
  }
  return { row: own, joined: joined.map((j) => (j && Object.values(j).every((v) => v === null) ? null : j)) };
}

/** One reader per ORM, found from any of its entity managers (see Store). */
const readers = new WeakMap<object, SqlReader>();

export function registerSqlReader(orm: MikroORM, onRoundTrip: () => void): SqlReader {
  const reader = new SqlReader(orm, onRoundTrip);
  readers.set(orm.em.getDriver(), reader);
  return reader;
}

export function sqlReaderOf(driver: object): SqlReader | undefined {
  return readers.get(driver);
}
