import { type EntityManager, type EntityMetadata, type MikroORM, raw } from '@mikro-orm/core';
import type { TreeList, TreeRows } from '../read-tree';
import { readConnection } from '../read-target';
import { SqlReader, TEXT_CONTAINS } from './sql-reader';
import { conflict, notFound } from '../../errors/codes';
import type { EntityClass, Group, GroupOptions } from '../aggregate';
import type { Backend, ChildRowsRequest, ClaimRequest, FindRequest, FoundRow, InsertOptions, OwnerScope } from './backend';
import type { BulkSink } from '../../backup/bulk-sink';
import type { EntityCodec } from '../../backup/format';
import { sqlBulkLoad } from './sql-bulk-load';
import { numbered, quote } from './sql-identifier';
import { BoundedMemo } from './bounded-memo';
import { sqlGroupBy } from './sql-group-by';
import { sqlSchemaDrift } from './sql-schema-drift';
import { isDeadlock, isForeignKeyViolation, isUniqueViolation, uniqueViolationProperty } from './db-errors';
import { ruleOf } from './entity-rules';
import { isCounted, mergeDeltas, rollupDeltas, type RollupDelta } from './rollup-deltas';
import { claimOrder, isSpent, matches, spentLease } from './queue-rules';
import { columnOf, fromStored, storedFields, toStored, type PropRow, type StoredValues } from './stored-rows';
import { GENERATION_COUNTERS, rebuildSqlRollups, sqlRollupDrift } from './sql-rollups';

/** Runs of a transaction PostgreSQL chose as a deadlock victim (see transaction()). */
const TRANSACTION_TRIES = 3;

/** A transaction handle (MikroORM's), or none for a statement on its own. */
type Ctx = unknown;

interface SqlConnection {
  execute(sql: string, params?: unknown[], method?: 'all' | 'run', ctx?: Ctx): Promise<unknown>;
  transactional<T>(work: (ctx: Ctx) => Promise<T>): Promise<T>;
}

/** What differs between SQLite and PostgreSQL for writes. */
export interface SqlDialect {
  name: 'sqlite' | 'postgresql';
  /**
   * Row-lock clauses. PostgreSQL locks parents FOR KEY SHARE while a child is
   * written (blocking their deletion, not their updates) and rows FOR UPDATE
   * before reading a pre-image; SQLite has one writer at a time (one
   * connection, whole-database write lock), so it needs none.
   */
  keyShare: string;
  forUpdate: string;
  /** The database's size in bytes, as one row with a `size` column. */
  sizeQuery: string;
  /** Position of a substring (0 when absent): SQLite's instr, PostgreSQL's strpos. */
  position: 'instr' | 'strpos';
  /** Order rollup keys byte-wise (the order deltas are applied in, see rollup-deltas.ts). */
  byteOrder: string;
  /**
   * Claim locks, in the statement that reads the candidates (alias t) joined to
   * their projects (alias p): candidates FOR UPDATE SKIP LOCKED (rows another
   * claim holds are passed over, not waited for) and their projects FOR KEY
   * SHARE SKIP LOCKED (a project being deleted is passed over, so no claim
   * waits on a delete).
   */
  claimRows: string;
  /** A parameter in VALUES typed as column type `type` (PostgreSQL reads an untyped literal there as text; SQLite needs nothing). */
  typed(type: string): string;
  /** The RETURNING list of an UPDATE … FROM on alias `t` (PostgreSQL's `*` would add the FROM's columns; SQLite refuses `t.*`). */
  updatedRow: string;
  /** A timestamp column as epoch milliseconds, truncated as a JavaScript Date holds it (SQLite stores them so). */
  epochMs(column: string): string;
  /** Whether DELETE … RETURNING is used (MikroORM 6's SQLite dialect ran deletes without reading results; SQLite still selects first, not yet re-measured on 7). */
  deleteReturning: boolean;
}

export const SQLITE_DIALECT: SqlDialect = {
  name: 'sqlite',
  sizeQuery: 'select page_count * page_size as size from pragma_page_count(), pragma_page_size()',
  position: 'instr',
  keyShare: '',
  forUpdate: '',
  byteOrder: '',
  claimRows: '',
  typed: () => '?',
  epochMs: (column) => column,
  updatedRow: '*',
  deleteReturning: false,
};
export const POSTGRESQL_DIALECT: SqlDialect = {
  name: 'postgresql',
  sizeQuery: 'select pg_database_size(current_database()) as size',
  position: 'strpos',
  keyShare: ' for key share',
  forUpdate: ' for update',
  byteOrder: ' collate "C"',
  claimRows: ' for update of t skip locked for key share of p skip locked',
  typed: (type) => `cast(? as ${type})`,
  epochMs: (column) => `floor(extract(epoch from ${column}) * 1000)`,
  updatedRow: 't.*',
  deleteReturning: true,
};

/**
 * Writes on SQLite and PostgreSQL: single statements with RETURNING where one
 * row changes, and otherwise one transaction that takes its locks in one order
 * everywhere — parent row, then the row itself (FOR UPDATE, its pre-image),
 * then rollup rows sorted by key — so concurrent writers queue instead of
 * deadlocking, and a child cannot be written into a parent being deleted
 * (the delete holds the parent FOR UPDATE; the child write holds it FOR KEY
 * SHARE). Rollups move by upserts of the write's exact deltas.
 */
export class SqlBackend implements Backend {
  private readonly conn: SqlConnection;
  private readonly values: StoredValues;
  private readonly reader: SqlReader;
  private onTrip = () => {};

  constructor(
    private readonly orm: MikroORM,
    private readonly dialect: SqlDialect,
  ) {
    this.conn = orm.em.getConnection() as unknown as SqlConnection;
    this.reader = new SqlReader(orm, () => this.onTrip(), dialect.name === 'postgresql');
    const platform = orm.em.getPlatform();
    this.values = { date: (d) => platform.processDateProperty(d), jsonAsText: true };
  }

  private meta(entity: string): EntityMetadata {
    return this.orm.getMetadata().getByClassName(entity);
  }

  private async all(sql: string, params: unknown[], ctx?: Ctx): Promise<Record<string, unknown>[]> {
    return (await this.conn.execute(sql, params, 'all', ctx)) as Record<string, unknown>[];
  }

  /**
   * A write that is one statement on its own (no transaction) on the primary.
   * PostgreSQL: on pg's own pool as a named prepared statement, as the reader
   * runs its reads. MikroORM's execute inlines every value into new SQL text,
   * which PostgreSQL then parses and plans anew: `createCodeGeneration` took
   * 1.56 ms of server CPU per request that way and 0.97 ms this way, at 560 →
   * 1,050 requests/s (the load bench's create, on one core). SQLite keeps
   * MikroORM's execute: better-sqlite3 binds no booleans.
   */
  private async single(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    if (this.dialect.name !== 'postgresql') return this.all(sql, params);
    return (await this.reader.run({ sql: numbered(sql), params }, false, 'write')) as Record<string, unknown>[];
  }

  private column(meta: EntityMetadata, prop: string): string {
    const field = storedFields(meta).find((f) => f.prop === prop);
    if (!field) throw new Error(`${meta.className}.${prop} is not stored`);
    return quote(field.column);
  }

  /** SQL (on alias `t` of `entity`) that holds when the row belongs to `owner`, with its parameters. */
  private ownedBy(entity: string, owner: OwnerScope): { sql: string; params: unknown[] } {
    if (owner === null) return { sql: '', params: [] };
    const meta = this.meta(entity);
    const rule = ruleOf(entity).owner;
    if ('self' in rule) return { sql: ` and t.${this.column(meta, 'id')} = ?`, params: [owner] };
    if ('prop' in rule) return { sql: ` and t.${this.column(meta, rule.prop)} = ?`, params: [owner] };
    const parent = ruleOf(entity).parent!;
    const parentMeta = this.meta(parent.entity);
    const inner = this.ownedBy(parent.entity, owner);
    return {
      sql: ` and t.${this.column(meta, rule.viaParent)} in (select t.${this.column(parentMeta, 'id')} from ${quote(parentMeta.tableName)} t where 1 = 1${inner.sql})`,
      params: inner.params,
    };
  }

  /** Locks row `id` of `entity` FOR KEY SHARE if `owner` may reach it; whether it exists. */
  private async holdParent(entity: string, id: unknown, owner: OwnerScope, ctx: Ctx): Promise<boolean> {
    const meta = this.meta(entity);
    const own = this.ownedBy(entity, owner);
    const rows = await this.all(
      `select t.${this.column(meta, 'id')} as id from ${quote(meta.tableName)} t where t.${this.column(meta, 'id')} = ?${own.sql}${this.dialect.keyShare}`,
      [id, ...own.params],
      ctx,
    );
    return rows.length > 0;
  }

  /**
   * For a row that hangs from a parent: its parent's id if `owner` may reach the
   * row, with the parent locked FOR KEY SHARE (so the parent cannot be deleted
   * under the write); null when there is no such row.
   */
  private async holdParentOf(entity: string, id: string, owner: OwnerScope, ctx: Ctx): Promise<string | null> {
    const meta = this.meta(entity);
    const parent = ruleOf(entity).parent!;
    const own = this.ownedBy(entity, owner);
    const [row] = await this.all(`select t.${this.column(meta, parent.prop)} as p from ${quote(meta.tableName)} t where t.${this.column(meta, 'id')} = ?${own.sql}`, [id, ...own.params], ctx);
    if (!row) return null;
    return (await this.holdParent(parent.entity, row.p, null, ctx)) ? String(row.p) : null;
  }

  /** Deletes the row of `entity` (alias t) matching `where`: the row as it was. Inside a transaction where the dialect reads it first. */
  private async deleteOne(entity: string, where: string, params: unknown[], ctx: Ctx): Promise<Record<string, unknown> | undefined> {
    const table = `${quote(this.meta(entity).tableName)} as t`;
    if (this.dialect.deleteReturning) return (await this.all(`delete from ${table} where ${where} returning *`, params, ctx))[0];
    const [raw] = await this.all(`select * from ${table} where ${where}`, params, ctx);
    if (raw) await this.conn.execute(`delete from ${table} where ${where}`, params, 'run', ctx);
    return raw;
  }

  /** Runs `work` in a transaction; driver errors that mean a client mistake become domain errors. */
  private async transaction<T>(entity: string, work: (ctx: Ctx) => Promise<T>): Promise<T> {
    // Writers take locks in one order, so PostgreSQL should never pick a deadlock victim; if it does,
    // the whole transaction was rolled back and runs again rather than failing the request.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.mapErrors(entity, () => this.conn.transactional(work));
      } catch (error) {
        if (attempt >= TRANSACTION_TRIES || !isDeadlock(error)) throw error;
      }
    }
  }

  private async mapErrors<T>(entity: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const meta = this.meta(entity);
      if (isUniqueViolation(error)) {
        const field = uniqueViolationProperty(error, meta);
        throw conflict(
          field ? `A ${meta.className.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} with this ${field} already exists` : 'A record with the same unique value already exists',
          field ? { field } : {},
        );
      }
      // Parents are checked and held in the same transaction, so this means one vanished regardless.
      if (isForeignKeyViolation(error)) throw notFound(meta.className, '');
      throw error;
    }
  }

  async insert(entity: string, row: PropRow, owner: OwnerScope, options: InsertOptions = {}): Promise<PropRow> {
    const meta = this.meta(entity);
    const parent = ruleOf(entity).parent;
    const stored = toStored(meta, row, this.values);
    const insert = this.insertSql(entity, Object.keys(stored));
    const write = async (ctx?: Ctx) => {
      if (parent) {
        const parentId = row[parent.prop];
        if (!(await this.holdParent(parent.entity, parentId, owner, ctx))) {
          throw notFound(parent.entity, String(parentId), options.parentField ? { field: options.parentField } : {});
        }
      }
      const [raw] = await this.all(insert, Object.values(stored), ctx);
      const created = fromStored(meta, raw);
      await this.applyDeltas(rollupDeltas(entity, null, created), ctx);
      return created;
    };
    if (!parent && !isCounted(entity)) return this.mapErrors(entity, () => write());
    if (parent && this.dialect.name === 'postgresql') return this.insertAtOnce(entity, stored, row[parent.prop], owner, options);
    if (this.dialect.name === 'sqlite') {
      const created = await this.mapErrors(entity, () => this.insertInProcess(entity, stored, parent ? row[parent.prop] : undefined, owner, options));
      if (created) return created;
    }
    return this.transaction(entity, write);
  }

  /**
   * SQLite: the same writes as insert's transaction (parent checked, row
   * inserted, rollups upserted) as one synchronous better-sqlite3 transaction
   * on statements prepared once (see SqlReader.inProcessTransaction), where
   * MikroORM's took five awaited statements with every value inlined into new
   * SQL text. Undefined while a MikroORM transaction holds the connection.
   * A create's deltas only add, so no rollup row can reach zero here.
   */
  private insertInProcess(entity: string, stored: Record<string, unknown>, parentId: unknown, owner: OwnerScope, options: InsertOptions): Promise<PropRow | undefined> {
    const meta = this.meta(entity);
    const parent = ruleOf(entity).parent;
    const own = parent ? this.ownedBy(parent.entity, owner) : { sql: '', params: [] };
    const check =
      parent &&
      this.heads.get(`check\n${parent.entity}\n${own.sql}`, () => {
        const parentMeta = this.meta(parent.entity);
        return `select 1 from ${quote(parentMeta.tableName)} t where t.${this.column(parentMeta, 'id')} = ?${own.sql}`;
      });
    const insert = this.insertSql(entity, Object.keys(stored));
    return this.reader.inProcessTransaction((run) => {
      if (parent && !run(check as string, [parentId, ...own.params]).length) {
        throw notFound(parent.entity, String(parentId), options.parentField ? { field: options.parentField } : {});
      }
      const created = fromStored(meta, run(insert, Object.values(stored))[0]);
      for (const upsert of this.rollupUpserts(rollupDeltas(entity, null, created), false)) run(`${upsert.insert} values ${upsert.values} ${upsert.onConflict}`, upsert.params);
      return created;
    });
  }

  /**
   * PostgreSQL: a row that hangs from a parent, in one data-modifying WITH:
   * the parent checked (owner included) and held FOR KEY SHARE, the row
   * inserted only if it was found, and the rollups moved only if the row was
   * inserted. One statement is atomic, so there is no BEGIN/COMMIT: one round
   * trip where the transaction took five. The locks are taken in the order
   * every writer takes them (parent, row, rollups).
   */
  private async insertAtOnce(entity: string, stored: Record<string, unknown>, parentId: unknown, owner: OwnerScope, options: InsertOptions): Promise<PropRow> {
    const meta = this.meta(entity);
    const parent = ruleOf(entity).parent!;
    const own = this.ownedBy(parent.entity, owner);
    const columns = Object.keys(stored);
    const parts = [this.insertHead(entity, columns, own.sql)];
    const params: unknown[] = [parentId, ...own.params, ...Object.values(stored)];
    // The deltas of the row as it will be stored (every column is given, so RETURNING can add nothing they read).
    const deltas = rollupDeltas(entity, null, fromStored(meta, stored));
    for (const upsert of this.rollupUpserts(deltas, true)) {
      parts.push(`${upsert.table} as (${upsert.insert} select * from (values ${upsert.values}) v where exists (select 1 from ins) ${upsert.onConflict})`);
      params.push(...upsert.params);
    }
    const sql = `${parts.join(', ')} select * from ins`;
    for (let attempt = 1; ; attempt++) {
      try {
        const [raw] = await this.mapErrors(entity, () => this.single(sql, params));
        if (!raw) throw notFound(parent.entity, String(parentId), options.parentField ? { field: options.parentField } : {});
        return fromStored(meta, raw);
      } catch (error) {
        if (attempt >= TRANSACTION_TRIES || !isDeadlock(error)) throw error;
      }
    }
  }

  /** Insert statements by entity, columns and owner rule (a few shapes; bounded regardless). */
  private readonly heads = new BoundedMemo<string>(200);

  /** A plain insert of these columns, returning the row as stored. */
  private insertSql(entity: string, columns: string[]): string {
    return this.heads.get(`insert\n${entity}\n${columns.join()}`, () => {
      const table = quote(this.meta(entity).tableName);
      return `insert into ${table} (${columns.map(quote).join(', ')}) values (${columns.map(() => '?').join(', ')}) returning *`;
    });
  }

  private insertHead(entity: string, columns: string[], ownSql: string): string {
    return this.heads.get(`${entity}\n${columns.join()}\n${ownSql}`, () => {
      const meta = this.meta(entity);
      const parentMeta = this.meta(ruleOf(entity).parent!.entity);
      const typed = (column: string) => this.dialect.typed(meta.properties[storedFields(meta).find((f) => f.column === column)!.prop as never].columnTypes[0]);
      const parentKey = this.column(parentMeta, 'id');
      return [
        `with parent as (select t.${parentKey} from ${quote(parentMeta.tableName)} t where t.${parentKey} = ?${ownSql} for key share)`,
        `ins as (insert into ${quote(meta.tableName)} (${columns.map(quote).join(', ')}) select ${columns.map(typed).join(', ')} where exists (select 1 from parent) returning *)`,
      ].join(', ');
    });
  }

  async update(entity: string, id: string, owner: OwnerScope, changes: PropRow): Promise<PropRow | null> {
    const meta = this.meta(entity);
    const set = toStored(meta, { ...changes, ...(meta.properties.updatedAt ? { updatedAt: new Date() } : {}) }, this.values);
    const assignments = Object.keys(set)
      .map((c) => `${quote(c)} = ?`)
      .join(', ');
    const key = this.column(meta, 'id');
    if (!isCounted(entity)) {
      // One statement: last writer wins whole, and RETURNING answers what it stored.
      const own = this.ownedBy(entity, owner);
      const sql = `update ${quote(meta.tableName)} as t set ${assignments} where t.${key} = ?${own.sql} returning *`;
      const [raw] = await this.mapErrors(entity, () => this.single(sql, [...Object.values(set), id, ...own.params]));
      return raw ? fromStored(meta, raw) : null;
    }
    return this.transaction(entity, async (ctx) => {
      if ((await this.holdParentOf(entity, id, owner, ctx)) === null) return null;
      const [before] = await this.all(`select * from ${quote(meta.tableName)} where ${key} = ?${this.dialect.forUpdate}`, [id], ctx);
      if (!before) return null;
      const [raw] = await this.all(`update ${quote(meta.tableName)} set ${assignments} where ${key} = ? returning *`, [...Object.values(set), id], ctx);
      const after = fromStored(meta, raw);
      await this.applyDeltas(rollupDeltas(entity, fromStored(meta, before), after), ctx);
      return after;
    });
  }

  async updateIf(entity: string, id: string, expect: PropRow, changes: (before: PropRow) => PropRow): Promise<{ before: PropRow | null; after: PropRow | null }> {
    return (await this.updateEachIf(entity, [id], expect, changes))[0];
  }

  async updateEachIf(entity: string, ids: string[], expect: PropRow, changes: (before: PropRow) => PropRow): Promise<{ before: PropRow | null; after: PropRow | null }[]> {
    const meta = this.meta(entity);
    const key = this.column(meta, 'id');
    const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
    return this.transaction(entity, async (ctx) => {
      // The order every writer takes: parents FOR KEY SHARE (so none is deleted under the write), then the rows.
      // Rows whose parent is gone (or going: its delete holds it) count as missing, as in update().
      const parent = ruleOf(entity).parent;
      let held: Set<string> | null = null;
      if (parent) {
        const parentMeta = this.meta(parent.entity);
        const pk = this.column(parentMeta, 'id');
        const fk = this.column(meta, parent.prop);
        const locked = await this.all(
          `select p.${pk} as id from ${quote(parentMeta.tableName)} p where p.${pk} in (select ${fk} from ${quote(meta.tableName)} where ${key} in (${marks(ids.length)})) order by p.${pk}${this.dialect.keyShare}`,
          ids,
          ctx,
        );
        held = new Set(locked.map((r) => String(r.id)));
      }
      const rows = (await this.all(`select * from ${quote(meta.tableName)} where ${key} in (${marks(ids.length)}) order by ${key}${this.dialect.forUpdate}`, ids, ctx))
        .map((raw) => fromStored(meta, raw))
        .filter((row) => !held || !parent || held.has(String(row[parent.prop])));
      const byId = new Map(rows.map((row) => [String(row.id), row]));
      const updatedAt = meta.properties.updatedAt ? { updatedAt: new Date() } : {};
      const chosen = rows.filter((before) => matches(before, expect));
      const stored = await this.updateRows(
        meta,
        chosen.map((before) => ({ id: before.id, set: toStored(meta, { ...changes(before), ...updatedAt }, this.values) })),
        ctx,
      );
      const written = new Map(stored.map((raw) => fromStored(meta, raw)).map((after) => [String(after.id), after]));
      // All rollup rows at once, in the one order every writer takes them (no deadlocks).
      await this.applyDeltas(mergeDeltas(chosen.flatMap((before) => rollupDeltas(entity, before, written.get(String(before.id))!))), ctx);
      return ids.map((id) => ({ before: byId.get(id) ?? null, after: written.get(id) ?? null }));
    });
  }

  async claim(r: ClaimRequest): Promise<PropRow[]> {
    const meta = this.meta('CodeGeneration');
    const projects = this.meta('Project');
    const c = (prop: string) => `t.${this.column(meta, prop)}`;
    const order = `order by ${c('priority')} desc, ${c('createdAt')}, ${c('id')} limit ${Math.trunc(r.limit)}`;
    const languages = r.languages?.length ? ` and ${c('language')} in (${r.languages.map(() => '?').join(', ')})` : '';
    const now = this.values.date(r.now);
    const pk = this.column(projects, 'id');
    const pick = (condition: string) =>
      `select t.* from ${quote(meta.tableName)} t join ${quote(projects.tableName)} p on p.${pk} = ${c('project')} where ${condition}${languages} ${order}${this.dialect.claimRows}`;
    const due = pick(`${c('status')} = 'pending' and (${c('runAfter')} is null or ${c('runAfter')} <= ?)`);
    const expired = pick(`${c('status')} = 'running' and ${c('lockedUntil')} < ?`);
    return this.transaction('CodeGeneration', async (ctx) => {
      // One statement, two index range scans (due PENDING work by priority, expired leases), each row
      // taken with its project (see claimRows); then the best `limit` of both.
      const candidates = (await this.all(`select * from (${due}) d union all select * from (${expired}) e`, [now, ...(r.languages ?? []), now, ...(r.languages ?? [])], ctx)).map((raw) =>
        fromStored(meta, raw),
      );
      if (!candidates.length) return [];
      const best = candidates.sort(claimOrder).slice(0, r.limit);
      // A lease that ran out on the last attempt ends the job (a job that kills its workers is not handed out forever).
      const deltas = await this.failSpent(best.filter(isSpent), r.now, ctx);
      const chosen = best.filter((row) => !isSpent(row));
      let written: PropRow[] = [];
      if (chosen.length) {
        const set = toStored(meta, { status: 'running', lockedBy: r.workerId, lockedUntil: r.lockedUntil, startedAt: r.now, updatedAt: new Date() }, this.values);
        const assignments = [...Object.keys(set).map((col) => `${quote(col)} = ?`), `${this.column(meta, 'attempts')} = ${this.column(meta, 'attempts')} + 1`].join(', ');
        const key = this.column(meta, 'id');
        written = (
          await this.all(
            `update ${quote(meta.tableName)} set ${assignments} where ${key} in (${chosen.map(() => '?').join(', ')}) returning *`,
            [...Object.values(set), ...chosen.map((row) => row.id)],
            ctx,
          )
        ).map((raw) => fromStored(meta, raw));
        const byId = new Map(chosen.map((row) => [String(row.id), row]));
        for (const after of written) deltas.push(...rollupDeltas('CodeGeneration', byId.get(String(after.id))!, after));
      }
      // All of the claim's rollup rows at once, in the one order every writer takes them (no deadlocks).
      await this.applyDeltas(mergeDeltas(deltas), ctx);
      return written.sort(claimOrder);
    });
  }

  /**
   * Writes each row's `set` (stored values by column) in one statement per set
   * of columns: UPDATE … FROM (VALUES …), the values every row shares written
   * once. Rows as stored. (A batch of ten completions took ten statements,
   * each a round trip to the database, before.)
   */
  private async updateRows(meta: EntityMetadata, writes: { id: unknown; set: Record<string, unknown> }[], ctx: Ctx): Promise<Record<string, unknown>[]> {
    const groups = new Map<string, typeof writes>();
    for (const w of writes) {
      const columns = Object.keys(w.set).join('\0');
      groups.set(columns, [...(groups.get(columns) ?? []), w]);
    }
    const key = this.column(meta, 'id');
    const out: Record<string, unknown>[] = [];
    for (const group of groups.values()) {
      const columns = Object.keys(group[0].set);
      const same = (c: string) => group.every((w) => JSON.stringify(w.set[c]) === JSON.stringify(group[0].set[c]));
      const shared = group.length > 1 ? columns.filter(same) : columns;
      const varying = columns.filter((c) => !shared.includes(c));
      const assignments = [...shared.map((c) => `${quote(c)} = ?`), ...varying.map((c, i) => `${quote(c)} = v.column${i + 2}`)].join(', ');
      const table = `${quote(meta.tableName)} as t`;
      if (!varying.length) {
        const ids = group.map((w) => w.id);
        out.push(...(await this.all(`update ${table} set ${assignments} where t.${key} in (${ids.map(() => '?').join(', ')}) returning *`, [...shared.map((c) => group[0].set[c]), ...ids], ctx)));
        continue;
      }
      const typeOf = (column: string) => this.dialect.typed(meta.properties[storedFields(meta).find((f) => f.column === column)!.prop as never].columnTypes[0]);
      const tuple = `(${[typeOf(columnOf(meta, 'id')), ...varying.map(typeOf)].join(', ')})`;
      out.push(
        ...(await this.all(
          `update ${table} set ${assignments} from (values ${group.map(() => tuple).join(', ')}) as v where t.${key} = v.column1 returning ${this.dialect.updatedRow}`,
          [...shared.map((c) => group[0].set[c]), ...group.flatMap((w) => [w.id, ...varying.map((c) => w.set[c])])],
          ctx,
        )),
      );
    }
    return out;
  }

  /** Marks `rows` (held by this transaction) FAILED for good (see spentLease): the rollup deltas to apply. */
  private async failSpent(rows: PropRow[], now: Date, ctx: Ctx): Promise<RollupDelta[]> {
    const meta = this.meta('CodeGeneration');
    const updatedAt = new Date();
    const stored = await this.updateRows(
      meta,
      rows.map((before) => ({ id: before.id, set: toStored(meta, { ...spentLease(before, now), updatedAt }, this.values) })),
      ctx,
    );
    const after = new Map(stored.map((raw) => fromStored(meta, raw)).map((row) => [String(row.id), row]));
    return rows.flatMap((before) => rollupDeltas('CodeGeneration', before, after.get(String(before.id))!));
  }

  async remove(entity: string, id: string, owner: OwnerScope): Promise<PropRow | null> {
    const meta = this.meta(entity);
    const key = this.column(meta, 'id');
    const rule = ruleOf(entity);
    if (rule.children?.length) return this.removeParent(entity, id, owner);
    if (!isCounted(entity)) {
      const own = this.ownedBy(entity, owner);
      const raw = await this.transaction(entity, (ctx) => this.deleteOne(entity, `t.${key} = ?${own.sql}`, [id, ...own.params], ctx));
      return raw ? fromStored(meta, raw) : null;
    }
    return this.transaction(entity, async (ctx) => {
      if ((await this.holdParentOf(entity, id, owner, ctx)) === null) return null;
      const raw = await this.deleteOne(entity, `t.${key} = ?`, [id], ctx);
      if (!raw) return null;
      const before = fromStored(meta, raw);
      await this.applyDeltas(rollupDeltas(entity, before, null), ctx);
      return before;
    });
  }

  /**
   * A user or a project with everything below it: the row locked FOR UPDATE
   * first (child writes hold it FOR KEY SHARE, so they finish before and none
   * start after), then the projects it owns in id order, then the every-project
   * rollups moved by what those projects counted; foreign keys cascade the rest.
   */
  private async removeParent(entity: string, id: string, owner: OwnerScope): Promise<PropRow | null> {
    const meta = this.meta(entity);
    const projects = this.meta('Project');
    return this.transaction(entity, async (ctx) => {
      const own = this.ownedBy(entity, owner);
      const [held] = await this.all(
        `select t.${this.column(meta, 'id')} as id from ${quote(meta.tableName)} t where t.${this.column(meta, 'id')} = ?${own.sql}${this.dialect.forUpdate}`,
        [id, ...own.params],
        ctx,
      );
      if (!held) return null;
      const projectIds =
        entity === 'Project'
          ? [id]
          : (
              await this.all(`select ${this.column(projects, 'id')} as id from ${quote(projects.tableName)} where ${this.column(projects, 'owner')} = ? order by 1${this.dialect.forUpdate}`, [id], ctx)
            ).map((r) => String(r.id));
      await this.subtractProjectRollups(projectIds, ctx);
      const raw = await this.deleteOne(entity, `t.${this.column(meta, 'id')} = ?`, [id], ctx);
      return raw ? fromStored(meta, raw) : null;
    });
  }

  /**
   * The every-project rollup rows lose what these projects' own rows counted
   * (their own rows go with them by foreign key). Exact, because every write to
   * a project's rows moved its own and the every-project rows alike, and the
   * projects are locked.
   */
  private async subtractProjectRollups(projectIds: string[], ctx: Ctx): Promise<void> {
    const lengthPrefixed = (col: string) => `coalesce(cast(length(${col}) as text) || ':' || ${col}, '-')`;
    // A project's row and the every-project row of the same key end in the same shard (see shardOf).
    const shard = `substr("id", length("id"), 1)`;
    const generationKey = `"day" || '|*|' || "status" || '|' || ${lengthPrefixed('"language"')} || '|' || ${lengthPrefixed('"framework"')} || '|' || ${shard}`;
    const healthKey = `"day" || '|*|' || cast("score" as text)`;
    for (let i = 0; i < projectIds.length; i += 1000) {
      const some = projectIds.slice(i, i + 1000);
      const marks = some.map(() => '?').join(', ');
      await this.all(
        `insert into "generation_daily" ("id", "day", "project_id", "language", "framework", "status", ${GENERATION_COUNTERS.map((c) => `"${c}"`).join(', ')}) ` +
          `select ${generationKey}, "day", null, "language", "framework", "status", ${GENERATION_COUNTERS.map((c) => `-sum("${c}")`).join(', ')} ` +
          `from "generation_daily" where "project_id" in (${marks}) group by "day", "language", "framework", "status", ${shard} order by ${generationKey}${this.dialect.byteOrder} ` +
          `on conflict ("id") do update set ${GENERATION_COUNTERS.map((c) => `"${c}" = "generation_daily"."${c}" + excluded."${c}"`).join(', ')}`,
        some,
        ctx,
      );
      await this.all(
        `insert into "health_daily" ("id", "day", "project_id", "score", "analyses", "score_sum") ` +
          `select ${healthKey}, "day", null, "score", -sum("analyses"), -sum("score_sum") ` +
          `from "health_daily" where "project_id" in (${marks}) group by "day", "score" order by ${healthKey}${this.dialect.byteOrder} ` +
          `on conflict ("id") do update set "analyses" = "health_daily"."analyses" + excluded."analyses", "score_sum" = "health_daily"."score_sum" + excluded."score_sum"`,
        some,
        ctx,
      );
      // Every-project rows left counting nothing go; this transaction already holds each of them.
      await this.conn.execute(
        `delete from "generation_daily" where "project_id" is null and "generations" = 0 and "id" in (select ${generationKey} from "generation_daily" where "project_id" in (${marks}))`,
        some,
        'run',
        ctx,
      );
      await this.conn.execute(
        `delete from "health_daily" where "project_id" is null and "analyses" = 0 and "id" in (select ${healthKey} from "health_daily" where "project_id" in (${marks}))`,
        some,
        'run',
        ctx,
      );
    }
  }

  /** Adds the deltas, in their (sorted) order, one multi-row upsert per table. */
  private async applyDeltas(deltas: RollupDelta[], ctx: Ctx): Promise<void> {
    for (const upsert of this.rollupUpserts(deltas, false)) {
      const { meta, counters } = upsert;
      const upserted = await this.all(
        `${upsert.insert} values ${upsert.values} ${upsert.onConflict} returning ${this.column(meta, 'id')} as id, ${counters.map((c, i) => `${c} as n${i}`).join(', ')}`,
        upsert.params,
        ctx,
      );
      // Rows a decrement took to zero in every counter go (this transaction holds their locks already).
      const emptied = upserted.filter((r) => counters.every((_, i) => Number(r[`n${i}`]) === 0)).map((r) => r.id);
      if (emptied.length) {
        await this.conn.execute(`delete from ${quote(meta.tableName)} where ${this.column(meta, 'id')} in (${emptied.map(() => '?').join(', ')})`, emptied, 'run', ctx);
      }
    }
  }

  /**
   * The rollup deltas as one multi-row upsert per rollup table: `insert into
   * … (columns)`, the VALUES rows (parameters typed where PostgreSQL reads
   * them outside a plain VALUES: `typed`), and the ON CONFLICT clause that
   * adds the counters.
   */
  /** rollupUpserts' SQL by table, typing, row count and delta shape (a few dozen shapes; bounded regardless). */
  private readonly upsertTexts = new BoundedMemo<{ table: string; meta: EntityMetadata; counters: string[]; insert: string; values: string; onConflict: string }>(500);

  private rollupUpserts(deltas: RollupDelta[], typed: boolean) {
    const out = [];
    for (const table of ['generation_daily', 'health_daily'] as const) {
      const rows = deltas.filter((d) => d.table === table);
      if (!rows.length) continue;
      const keyProps = Object.keys(rows[0].key);
      const addProps = Object.keys(rows[0].add);
      const text = this.upsertTexts.get(`${table}\n${typed}\n${rows.length}\n${keyProps.join()}\n${addProps.join()}`, () => {
        const meta = this.meta(table === 'generation_daily' ? 'GenerationDaily' : 'HealthDaily');
        const props = ['id', ...keyProps, ...addProps];
        const tuple = `(${props.map((p) => (typed ? this.dialect.typed(meta.properties[p as never].columnTypes[0]) : '?')).join(', ')})`;
        const counters = addProps.map((p) => this.column(meta, p));
        return {
          table,
          meta,
          counters,
          insert: `insert into ${quote(meta.tableName)} (${props.map((p) => this.column(meta, p)).join(', ')})`,
          values: rows.map(() => tuple).join(', '),
          onConflict: `on conflict (${this.column(meta, 'id')}) do update set ${counters.map((c) => `${c} = ${quote(meta.tableName)}.${c} + excluded.${c}`).join(', ')}`,
        };
      });
      out.push({ ...text, params: rows.flatMap((d) => [d.id, ...keyProps.map((p) => d.key[p]), ...addProps.map((p) => d.add[p])]) });
    }
    return out;
  }

  /**
   * Recounts the rollups, then refreshes the planner's statistics: this runs
   * after every bulk change (seed, restore, `db rollups --rebuild`). Without
   * them SQLite picks indexes by guesswork: a page of generations filtered by
   * `status IN (…)` and sorted by tokens went through a status index and sorted
   * a quarter of the table (27 requests/s, 40 ms of CPU each, on the large
   * seed) instead of walking (tokens_used, id) (see the query-plan test).
   */
  async rebuildRollups(): Promise<{ generationRows: number; healthRows: number }> {
    const counts = await rebuildSqlRollups(this.conn, this.dialect.epochMs);
    await this.conn.execute('analyze', [], 'run');
    return counts;
  }

  rollupDrift(limit?: number): Promise<string[]> {
    return sqlRollupDrift(this.conn, this.dialect.epochMs, limit);
  }

  observeRoundTrips(onTrip: () => void): void {
    // MikroORM's own statements pass its onQuery hook; the fast reader counts its own (it runs on the native client).
    this.orm.config.set('onQuery', (sql: string) => {
      onTrip();
      return sql;
    });
    this.onTrip = onTrip;
  }

  async find(r: FindRequest): Promise<FoundRow[]> {
    if (!r.transaction) {
      const rows = await this.reader.find(r.entity, r.where, r);
      if (rows) return rows as FoundRow[];
    }
    // What the compiler does not know, and reads a transaction must see: MikroORM's
    // query builder, its results mapped to properties (no joins: resolvers load them).
    const em = (r.transaction ?? this.orm.em.fork()) as unknown as { createQueryBuilder(entity: string, alias: string, type?: string): FallbackQb };
    const qb = em
      .createQueryBuilder(r.entity, 't', r.transaction ? 'write' : readConnection())
      .select(r.fields ?? '*')
      .where(r.where);
    if (r.orderBy) qb.orderBy(r.orderBy);
    if (r.limit != null) qb.limit(r.limit);
    const rows = await qb.execute('all', true);
    return rows.map((row) => [Object.assign(Object.create(r.prototypes[0]), row)]);
  }

  async inProjectsOf(_em: EntityManager, userId: string): Promise<Record<string, unknown>> {
    return { project: { owner: userId } };
  }

  containsText(_prop: string, column: string, text: string): Record<string, unknown> {
    // A raw fragment (MikroORM's raw(), keyed by the alias of the table it applies to); lower() on both sides.
    const condition = { [raw((alias: string) => `${this.dialect.position}(lower(${alias ? `${alias}.` : ''}${quote(column)}), lower(?))`, [text])]: { $gt: 0 } };
    TEXT_CONTAINS.set(condition, { column, text }); // the same condition, for the SQL compiler
    return condition;
  }

  readTree(list: TreeList): Promise<TreeRows | null> {
    return this.reader.readTree(list);
  }

  async childRows(r: ChildRowsRequest): Promise<Record<string, unknown>[]> {
    const rows = await this.reader.firstPerParent(r.entity, r.parentProp, r.parentIds, r.filters, r.perParent, r.direction, r.fields, r.prototype);
    // Only typed equality filters reach here, which the SQL compiler always takes.
    if (!rows) throw new Error(`${r.entity}: child page filter not compilable`);
    return rows;
  }

  async countPerParent(_em: EntityManager, entity: string, parentProp: string, parentIds: string[], filters: Record<string, unknown>): Promise<Map<string, number>> {
    const counts = await this.reader.countPerParent(entity, parentProp, parentIds, filters);
    if (!counts) throw new Error(`${entity}: child count filter not compilable`);
    return counts;
  }

  schemaDrift(): Promise<string[]> {
    return sqlSchemaDrift(this.orm, this.dialect.name === 'sqlite');
  }

  async databaseSize(): Promise<number | null> {
    const [row] = await this.all(this.dialect.sizeQuery, []).catch(() => [] as Record<string, unknown>[]);
    return row ? Number(row.size) : null;
  }

  async *storedRows(codec: EntityCodec, batch: number): AsyncGenerator<Record<string, unknown>[]> {
    const table = quote(codec.meta.tableName);
    const idColumn = codec.meta.properties.id.fieldNames[0];
    const columns = codec.fields.map((f) => quote(f.column)).join(', ');
    let after: string | null = null;
    for (;;) {
      const rows: Record<string, unknown>[] =
        after === null
          ? await this.all(`select ${columns} from ${table} order by ${quote(idColumn)} limit ${batch}`, [])
          : await this.all(`select ${columns} from ${table} where ${quote(idColumn)} > ? order by ${quote(idColumn)} limit ${batch}`, [after]);
      if (!rows.length) return;
      yield rows;
      if (rows.length < batch) return;
      after = String(rows[rows.length - 1][idColumn]);
    }
  }

  bulkLoad(all: EntityCodec[], replace: boolean, fill: (sink: BulkSink) => Promise<void>): Promise<void> {
    return sqlBulkLoad(this.orm, this.dialect.name === 'sqlite', all, replace, fill);
  }

  groupBy(em: EntityManager, entity: EntityClass, groupProps: string[], where: Record<string, unknown>, opts?: GroupOptions): Promise<Group[]> {
    return sqlGroupBy(em, entity, groupProps, where, opts);
  }

  async recover(): Promise<boolean> {
    return false;
  }
}

/** The part of MikroORM's SQL query builder the fallback read uses. */
interface FallbackQb {
  select(fields: string[] | '*'): FallbackQb;
  where(where: object): FallbackQb;
  orderBy(order: object): FallbackQb;
  limit(n: number): FallbackQb;
  execute(method: 'all', mapResults: true): Promise<Record<string, unknown>[]>;
}
