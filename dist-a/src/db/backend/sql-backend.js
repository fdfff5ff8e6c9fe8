"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SqlBackend = exports.POSTGRESQL_DIALECT = exports.SQLITE_DIALECT = void 0;
const core_1 = require("@mikro-orm/core");
const sql_reader_1 = require("./sql-reader");
const codes_1 = require("../../errors/codes");
const sql_bulk_load_1 = require("./sql-bulk-load");
const sql_identifier_1 = require("./sql-identifier");
const sql_group_by_1 = require("./sql-group-by");
const sql_schema_drift_1 = require("./sql-schema-drift");
const db_errors_1 = require("./db-errors");
const entity_rules_1 = require("./entity-rules");
const rollup_deltas_1 = require("./rollup-deltas");
const stored_rows_1 = require("./stored-rows");
const sql_rollups_1 = require("./sql-rollups");
exports.SQLITE_DIALECT = {
    name: 'sqlite',
    sizeQuery: 'select page_count * page_size as size from pragma_page_count(), pragma_page_size()',
    position: 'instr',
    keyShare: '',
    forUpdate: '',
    byteOrder: '',
    deleteReturning: false,
};
exports.POSTGRESQL_DIALECT = {
    name: 'postgresql',
    sizeQuery: 'select pg_database_size(current_database()) as size',
    position: 'strpos',
    keyShare: ' for key share',
    forUpdate: ' for update',
    byteOrder: ' collate "C"',
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
class SqlBackend {
    constructor(orm, dialect) {
        this.orm = orm;
        this.dialect = dialect;
        this.onTrip = () => { };
        this.conn = orm.em.getConnection();
        this.reader = new sql_reader_1.SqlReader(orm, () => this.onTrip(), dialect.name === 'postgresql');
        const platform = orm.em.getPlatform();
        this.values = { date: (d) => platform.processDateProperty(d), jsonAsText: true };
    }
    meta(entity) {
        return this.orm.getMetadata().getByClassName(entity);
    }
    async all(sql, params, ctx) {
        return (await this.conn.execute(sql, params, 'all', ctx));
    }
    column(meta, prop) {
        const field = (0, stored_rows_1.storedFields)(meta).find((f) => f.prop === prop);
        if (!field)
            throw new Error(`${meta.className}.${prop} is not stored`);
        return (0, sql_identifier_1.quote)(field.column);
    }
    /** SQL (on alias `t` of `entity`) that holds when the row belongs to `owner`, with its parameters. */
    ownedBy(entity, owner) {
        if (owner === null)
            return { sql: '', params: [] };
        const meta = this.meta(entity);
        const rule = (0, entity_rules_1.ruleOf)(entity).owner;
        if ('self' in rule)
            return { sql: ` and t.${this.column(meta, 'id')} = ?`, params: [owner] };
        if ('prop' in rule)
            return { sql: ` and t.${this.column(meta, rule.prop)} = ?`, params: [owner] };
        const parent = (0, entity_rules_1.ruleOf)(entity).parent;
        const parentMeta = this.meta(parent.entity);
        const inner = this.ownedBy(parent.entity, owner);
        return {
            sql: ` and t.${this.column(meta, rule.viaParent)} in (select t.${this.column(parentMeta, 'id')} from ${(0, sql_identifier_1.quote)(parentMeta.tableName)} t where 1 = 1${inner.sql})`,
            params: inner.params,
        };
    }
    /** Locks row `id` of `entity` FOR KEY SHARE if `owner` may reach it; whether it exists. */
    async holdParent(entity, id, owner, ctx) {
        const meta = this.meta(entity);
        const own = this.ownedBy(entity, owner);
        const rows = await this.all(`select t.${this.column(meta, 'id')} as id from ${(0, sql_identifier_1.quote)(meta.tableName)} t where t.${this.column(meta, 'id')} = ?${own.sql}${this.dialect.keyShare}`, [id, ...own.params], ctx);
        return rows.length > 0;
    }
    /**
     * For a row that hangs from a parent: its parent's id if `owner` may reach the
     * row, with the parent locked FOR KEY SHARE (so the parent cannot be deleted
     * under the write); null when there is no such row.
     */
    async holdParentOf(entity, id, owner, ctx) {
        const meta = this.meta(entity);
        const parent = (0, entity_rules_1.ruleOf)(entity).parent;
        const own = this.ownedBy(entity, owner);
        const [row] = await this.all(`select t.${this.column(meta, parent.prop)} as p from ${(0, sql_identifier_1.quote)(meta.tableName)} t where t.${this.column(meta, 'id')} = ?${own.sql}`, [id, ...own.params], ctx);
        if (!row)
            return null;
        return (await this.holdParent(parent.entity, row.p, null, ctx)) ? String(row.p) : null;
    }
    /** Deletes the row of `entity` (alias t) matching `where`: the row as it was. Inside a transaction where the dialect reads it first. */
    async deleteOne(entity, where, params, ctx) {
        const table = `${(0, sql_identifier_1.quote)(this.meta(entity).tableName)} as t`;
        if (this.dialect.deleteReturning)
            return (await this.all(`delete from ${table} where ${where} returning *`, params, ctx))[0];
        const [raw] = await this.all(`select * from ${table} where ${where}`, params, ctx);
        if (raw)
            await this.conn.execute(`delete from ${table} where ${where}`, params, 'run', ctx);
        return raw;
    }
    /** Runs `work` in a transaction; driver errors that mean a client mistake become domain errors. */
    async transaction(entity, work) {
        return this.mapErrors(entity, () => this.conn.transactional(work));
    }
    async mapErrors(entity, work) {
        try {
            return await work();
        }
        catch (error) {
            const meta = this.meta(entity);
            if ((0, db_errors_1.isUniqueViolation)(error)) {
                const field = (0, db_errors_1.uniqueViolationProperty)(error, meta);
                throw (0, codes_1.conflict)(field ? `A ${meta.className.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} with this ${field} already exists` : 'A record with the same unique value already exists', field ? { field } : {});
            }
            // Parents are checked and held in the same transaction, so this means one vanished regardless.
            if ((0, db_errors_1.isForeignKeyViolation)(error))
                throw (0, codes_1.notFound)(meta.className, '');
            throw error;
        }
    }
    async insert(entity, row, owner, options = {}) {
        const meta = this.meta(entity);
        const parent = (0, entity_rules_1.ruleOf)(entity).parent;
        const stored = (0, stored_rows_1.toStored)(meta, row, this.values);
        const columns = Object.keys(stored);
        const insert = `insert into ${(0, sql_identifier_1.quote)(meta.tableName)} (${columns.map(sql_identifier_1.quote).join(', ')}) values (${columns.map(() => '?').join(', ')}) returning *`;
        const write = async (ctx) => {
            if (parent) {
                const parentId = row[parent.prop];
                if (!(await this.holdParent(parent.entity, parentId, owner, ctx))) {
                    throw (0, codes_1.notFound)(parent.entity, String(parentId), options.parentField ? { field: options.parentField } : {});
                }
            }
            const [raw] = await this.all(insert, Object.values(stored), ctx);
            const created = (0, stored_rows_1.fromStored)(meta, raw);
            await this.applyDeltas((0, rollup_deltas_1.rollupDeltas)(entity, null, created), ctx);
            return created;
        };
        if (!parent && !(0, rollup_deltas_1.isCounted)(entity))
            return this.mapErrors(entity, () => write());
        return this.transaction(entity, write);
    }
    async update(entity, id, owner, changes) {
        const meta = this.meta(entity);
        const set = (0, stored_rows_1.toStored)(meta, { ...changes, ...(meta.properties.updatedAt ? { updatedAt: new Date() } : {}) }, this.values);
        const assignments = Object.keys(set)
            .map((c) => `${(0, sql_identifier_1.quote)(c)} = ?`)
            .join(', ');
        const key = this.column(meta, 'id');
        if (!(0, rollup_deltas_1.isCounted)(entity)) {
            // One statement: last writer wins whole, and RETURNING answers what it stored.
            const own = this.ownedBy(entity, owner);
            const sql = `update ${(0, sql_identifier_1.quote)(meta.tableName)} as t set ${assignments} where t.${key} = ?${own.sql} returning *`;
            const [raw] = await this.mapErrors(entity, () => this.all(sql, [...Object.values(set), id, ...own.params]));
            return raw ? (0, stored_rows_1.fromStored)(meta, raw) : null;
        }
        return this.transaction(entity, async (ctx) => {
            if ((await this.holdParentOf(entity, id, owner, ctx)) === null)
                return null;
            const [before] = await this.all(`select * from ${(0, sql_identifier_1.quote)(meta.tableName)} where ${key} = ?${this.dialect.forUpdate}`, [id], ctx);
            if (!before)
                return null;
            const [raw] = await this.all(`update ${(0, sql_identifier_1.quote)(meta.tableName)} set ${assignments} where ${key} = ? returning *`, [...Object.values(set), id], ctx);
            const after = (0, stored_rows_1.fromStored)(meta, raw);
            await this.applyDeltas((0, rollup_deltas_1.rollupDeltas)(entity, (0, stored_rows_1.fromStored)(meta, before), after), ctx);
            return after;
        });
    }
    async remove(entity, id, owner) {
        const meta = this.meta(entity);
        const key = this.column(meta, 'id');
        const rule = (0, entity_rules_1.ruleOf)(entity);
        if (rule.children?.length)
            return this.removeParent(entity, id, owner);
        if (!(0, rollup_deltas_1.isCounted)(entity)) {
            const own = this.ownedBy(entity, owner);
            const raw = await this.transaction(entity, (ctx) => this.deleteOne(entity, `t.${key} = ?${own.sql}`, [id, ...own.params], ctx));
            return raw ? (0, stored_rows_1.fromStored)(meta, raw) : null;
        }
        return this.transaction(entity, async (ctx) => {
            if ((await this.holdParentOf(entity, id, owner, ctx)) === null)
                return null;
            const raw = await this.deleteOne(entity, `t.${key} = ?`, [id], ctx);
            if (!raw)
                return null;
            const before = (0, stored_rows_1.fromStored)(meta, raw);
            await this.applyDeltas((0, rollup_deltas_1.rollupDeltas)(entity, before, null), ctx);
            return before;
        });
    }
    /**
     * A user or a project with everything below it: the row locked FOR UPDATE
     * first (child writes hold it FOR KEY SHARE, so they finish before and none
     * start after), then the projects it owns in id order, then the every-project
     * rollups moved by what those projects counted; foreign keys cascade the rest.
     */
    async removeParent(entity, id, owner) {
        const meta = this.meta(entity);
        const projects = this.meta('Project');
        return this.transaction(entity, async (ctx) => {
            const own = this.ownedBy(entity, owner);
            const [held] = await this.all(`select t.${this.column(meta, 'id')} as id from ${(0, sql_identifier_1.quote)(meta.tableName)} t where t.${this.column(meta, 'id')} = ?${own.sql}${this.dialect.forUpdate}`, [id, ...own.params], ctx);
            if (!held)
                return null;
            const projectIds = entity === 'Project'
                ? [id]
                : (await this.all(`select ${this.column(projects, 'id')} as id from ${(0, sql_identifier_1.quote)(projects.tableName)} where ${this.column(projects, 'owner')} = ? order by 1${this.dialect.forUpdate}`, [id], ctx)).map((r) => String(r.id));
            await this.subtractProjectRollups(projectIds, ctx);
            const raw = await this.deleteOne(entity, `t.${this.column(meta, 'id')} = ?`, [id], ctx);
            return raw ? (0, stored_rows_1.fromStored)(meta, raw) : null;
        });
    }
    /**
     * The every-project rollup rows lose what these projects' own rows counted
     * (their own rows go with them by foreign key). Exact, because every write to
     * a project's rows moved its own and the every-project rows alike, and the
     * projects are locked.
     */
    async subtractProjectRollups(projectIds, ctx) {
        const lengthPrefixed = (col) => `coalesce(cast(length(${col}) as text) || ':' || ${col}, '-')`;
        const generationKey = `"day" || '|*|' || "status" || '|' || ${lengthPrefixed('"language"')} || '|' || ${lengthPrefixed('"framework"')}`;
        const healthKey = `"day" || '|*|' || cast("score" as text)`;
        for (let i = 0; i < projectIds.length; i += 1000) {
            const some = projectIds.slice(i, i + 1000);
            const marks = some.map(() => '?').join(', ');
            await this.all(`insert into "generation_daily" ("id", "day", "project_id", "language", "framework", "status", "generations", "tokens_used") ` +
                `select ${generationKey}, "day", null, "language", "framework", "status", -sum("generations"), -sum("tokens_used") ` +
                `from "generation_daily" where "project_id" in (${marks}) group by "day", "language", "framework", "status" order by ${generationKey}${this.dialect.byteOrder} ` +
                `on conflict ("id") do update set "generations" = "generation_daily"."generations" + excluded."generations", "tokens_used" = "generation_daily"."tokens_used" + excluded."tokens_used"`, some, ctx);
            await this.all(`insert into "health_daily" ("id", "day", "project_id", "score", "analyses", "score_sum") ` +
                `select ${healthKey}, "day", null, "score", -sum("analyses"), -sum("score_sum") ` +
                `from "health_daily" where "project_id" in (${marks}) group by "day", "score" order by ${healthKey}${this.dialect.byteOrder} ` +
                `on conflict ("id") do update set "analyses" = "health_daily"."analyses" + excluded."analyses", "score_sum" = "health_daily"."score_sum" + excluded."score_sum"`, some, ctx);
            // Every-project rows left counting nothing go; this transaction already holds each of them.
            await this.conn.execute(`delete from "generation_daily" where "project_id" is null and "generations" = 0 and "tokens_used" = 0 and "id" in (select ${generationKey} from "generation_daily" where "project_id" in (${marks}))`, some, 'run', ctx);
            await this.conn.execute(`delete from "health_daily" where "project_id" is null and "analyses" = 0 and "id" in (select ${healthKey} from "health_daily" where "project_id" in (${marks}))`, some, 'run', ctx);
        }
    }
    /** Adds the deltas, in their (sorted) order, one multi-row upsert per table. */
    async applyDeltas(deltas, ctx) {
        for (const table of ['generation_daily', 'health_daily']) {
            const rows = deltas.filter((d) => d.table === table);
            if (!rows.length)
                continue;
            const meta = this.meta(table === 'generation_daily' ? 'GenerationDaily' : 'HealthDaily');
            const keyProps = Object.keys(rows[0].key);
            const addProps = Object.keys(rows[0].add);
            const columns = ['id', ...keyProps, ...addProps].map((p) => this.column(meta, p));
            const params = rows.flatMap((d) => [d.id, ...keyProps.map((p) => d.key[p]), ...addProps.map((p) => d.add[p])]);
            const tuple = `(${columns.map(() => '?').join(', ')})`;
            const sums = addProps.map((p) => `${this.column(meta, p)} = ${(0, sql_identifier_1.quote)(meta.tableName)}.${this.column(meta, p)} + excluded.${this.column(meta, p)}`).join(', ');
            await this.all(`insert into ${(0, sql_identifier_1.quote)(meta.tableName)} (${columns.join(', ')}) values ${rows.map(() => tuple).join(', ')} on conflict (${this.column(meta, 'id')}) do update set ${sums}`, params, ctx);
            // Rows a decrement took to zero in every counter go (this transaction holds their locks already).
            const lowered = rows.filter((d) => Object.values(d.add).some((n) => n < 0));
            if (lowered.length) {
                const zero = addProps.map((p) => `${this.column(meta, p)} = 0`).join(' and ');
                await this.conn.execute(`delete from ${(0, sql_identifier_1.quote)(meta.tableName)} where ${this.column(meta, 'id')} in (${lowered.map(() => '?').join(', ')}) and ${zero}`, lowered.map((d) => d.id), 'run', ctx);
            }
        }
    }
    rebuildRollups() {
        return (0, sql_rollups_1.rebuildSqlRollups)(this.conn);
    }
    rollupDrift(limit) {
        return (0, sql_rollups_1.sqlRollupDrift)(this.conn, limit);
    }
    observeRoundTrips(onTrip) {
        // MikroORM's own statements pass its onQuery hook; the fast reader counts its own (it runs on the native client).
        this.orm.config.set('onQuery', (sql) => {
            onTrip();
            return sql;
        });
        this.onTrip = onTrip;
    }
    async find(r) {
        if (!r.transaction) {
            const rows = await this.reader.find(r.entity, r.where, r);
            if (rows)
                return rows;
        }
        // What the compiler does not know, and reads a transaction must see: MikroORM's
        // query builder, its results mapped to properties (no joins: resolvers load them).
        const em = (r.transaction ?? this.orm.em.fork());
        const qb = em.createQueryBuilder(r.entity, 't').select(r.fields ?? '*').where(r.where);
        if (r.orderBy)
            qb.orderBy(r.orderBy);
        if (r.limit != null)
            qb.limit(r.limit);
        const rows = await qb.execute('all', true);
        return rows.map((row) => [Object.assign(Object.create(r.prototypes[0]), row)]);
    }
    async inProjectsOf(_em, userId) {
        return { project: { owner: userId } };
    }
    containsText(_prop, column, text) {
        // A raw fragment (MikroORM's raw(), keyed by the alias of the table it applies to); lower() on both sides.
        return { [(0, core_1.raw)((alias) => `${this.dialect.position}(lower(${alias ? `${alias}.` : ''}${(0, sql_identifier_1.quote)(column)}), lower(?))`, [text])]: { $gt: 0 } };
    }
    async childRows(r) {
        const rows = await this.reader.firstPerParent(r.entity, r.parentProp, r.parentIds, r.filters, r.perParent, r.direction, r.fields, r.prototype);
        // Only typed equality filters reach here, which the SQL compiler always takes.
        if (!rows)
            throw new Error(`${r.entity}: child page filter not compilable`);
        return rows;
    }
    async countPerParent(_em, entity, parentProp, parentIds, filters) {
        const counts = await this.reader.countPerParent(entity, parentProp, parentIds, filters);
        if (!counts)
            throw new Error(`${entity}: child count filter not compilable`);
        return counts;
    }
    schemaDrift() {
        return (0, sql_schema_drift_1.sqlSchemaDrift)(this.orm, this.dialect.name === 'sqlite');
    }
    async databaseSize() {
        const [row] = await this.all(this.dialect.sizeQuery, []).catch(() => []);
        return row ? Number(row.size) : null;
    }
    async *storedRows(codec, batch) {
        const table = (0, sql_identifier_1.quote)(codec.meta.tableName);
        const idColumn = codec.meta.properties.id.fieldNames[0];
        const columns = codec.fields.map((f) => (0, sql_identifier_1.quote)(f.column)).join(', ');
        let after = null;
        for (;;) {
            const rows = after === null
                ? await this.all(`select ${columns} from ${table} order by ${(0, sql_identifier_1.quote)(idColumn)} limit ${batch}`, [])
                : await this.all(`select ${columns} from ${table} where ${(0, sql_identifier_1.quote)(idColumn)} > ? order by ${(0, sql_identifier_1.quote)(idColumn)} limit ${batch}`, [after]);
            if (!rows.length)
                return;
            yield rows;
            if (rows.length < batch)
                return;
            after = String(rows[rows.length - 1][idColumn]);
        }
    }
    bulkLoad(all, replace, fill) {
        return (0, sql_bulk_load_1.sqlBulkLoad)(this.orm, this.dialect.name === 'sqlite', all, replace, fill);
    }
    groupBy(em, entity, groupProps, where, opts) {
        return (0, sql_group_by_1.sqlGroupBy)(em, entity, groupProps, where, opts);
    }
    async recover() {
        return false;
    }
}
exports.SqlBackend = SqlBackend;
//# sourceMappingURL=sql-backend.js.map