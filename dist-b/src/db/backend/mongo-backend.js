"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MongoBackend = void 0;
const entities_1 = require("../../entities");
const mongodb_1 = require("mongodb");
const codes_1 = require("../../errors/codes");
const mongo_filter_1 = require("./mongo-filter");
const mongo_bulk_load_1 = require("./mongo-bulk-load");
const mongo_group_by_1 = require("./mongo-group-by");
const mongo_schema_drift_1 = require("./mongo-schema-drift");
const db_errors_1 = require("./db-errors");
const entity_rules_1 = require("./entity-rules");
const rollup_deltas_1 = require("./rollup-deltas");
const mongo_rollups_1 = require("./mongo-rollups");
const mongo_write_lock_1 = require("./mongo-write-lock");
const stored_rows_1 = require("./stored-rows");
/** Set on a user or project while it is being deleted: new children check it after they are written. */
const DELETING = '_deleting';
/** Children swept at once when a parent is deleted (each with its own atomic findOneAndDelete). */
/** Fetch every child of a batch in one query only while that stays this small; else one query per parent. */
const FETCH_ALL_CHILDREN = 5000;
const SWEEP_BATCH = 200;
const SWEEP_PARALLEL = 8;
/** Tries of one rollup upsert that collides with another creating the same row (E11000). */
const UPSERT_TRIES = 5;
/**
 * Writes on MongoDB without multi-document transactions (FerretDB and a
 * standalone mongod have none), built on single-document atomicity:
 * - every row change is one atomic command (insertOne, findOneAndUpdate,
 *   findOneAndDelete) that also yields the pre-image, and is followed by
 *   exactly its rollup deltas, which commute ($inc upserts; an upsert that
 *   races another creating the same row is retried): rollups are exact under
 *   any interleaving;
 * - a parent being deleted is marked first; a child write checks the parent
 *   after writing and, finding the mark, takes its own row back and answers
 *   NOT_FOUND, while the deleter sweeps children one findOneAndDelete at a
 *   time until none are left: a create racing a delete either lands before
 *   and is deleted, or fails, and nothing is left orphaned;
 * - a crash between a row change and its rollup upserts leaves drift that
 *   `codeobit db rollups` reports and `--rebuild` repairs.
 * On a server whose single-document updates are not atomic (FerretDB 1.24,
 * found by probing, see probeAtomicUpdates) the same steps run one write at a
 * time under a lock shared by every gateway (MongoWriteLock).
 */
class MongoBackend {
    constructor(orm) {
        this.orm = orm;
        this.values = { date: (d) => d, jsonAsText: false };
        this.lock = new mongo_write_lock_1.MongoWriteLock(() => this.db);
    }
    get connection() {
        return this.orm.em.getConnection();
    }
    /** The database through the ORM's current client (which recover() may replace). */
    get db() {
        return this.connection.getDb();
    }
    /** Runs one write: as is where single-document updates are atomic, else under the shared write lock. */
    async write(work) {
        this.atomicUpdates ??= (0, mongo_write_lock_1.probeAtomicUpdates)(this.db);
        const atomic = await this.atomicUpdates;
        return atomic ? work(true) : this.lock.run(() => work(false));
    }
    meta(entity) {
        return this.orm.getMetadata().getByClassName(entity);
    }
    collection(entity) {
        return this.db.collection(this.meta(entity).collection);
    }
    field(entity, prop) {
        const f = (0, stored_rows_1.storedFields)(this.meta(entity)).find((x) => x.prop === prop);
        if (!f)
            throw new Error(`${entity}.${prop} is not stored`);
        return f.column;
    }
    row(entity, doc) {
        return (0, stored_rows_1.fromStored)(this.meta(entity), doc);
    }
    /**
     * A filter for row `id` of an entity owned directly (itself, or by a user
     * reference) that matches only if it is `owner`'s. Plain equalities: FerretDB
     * answers `_id` equality from its key but scans for `$and`.
     */
    own(entity, id, owner) {
        if (owner === null)
            return { _id: id };
        const rule = (0, entity_rules_1.ruleOf)(entity).owner;
        if ('self' in rule)
            return { _id: (id === owner ? id : { $in: [] }) };
        if ('prop' in rule)
            return { _id: id, [this.field(entity, rule.prop)]: owner };
        throw new Error(`${entity} is owned through its parent`);
    }
    /** Whether `owner` may reach row `id` (through its parent for rows owned that way); its parent id when it has one. */
    async reach(entity, id, owner) {
        const rule = (0, entity_rules_1.ruleOf)(entity);
        if (!('viaParent' in rule.owner)) {
            const found = await this.collection(entity).findOne(this.own(entity, id, owner), { projection: { _id: 1 } });
            return found ? {} : null;
        }
        const parentField = this.field(entity, rule.owner.viaParent);
        const doc = await this.collection(entity).findOne({ _id: id }, { projection: { [parentField]: 1 } });
        if (!doc)
            return null;
        const parent = String(doc[parentField]);
        if (owner !== null && !(await this.parentAlive(rule.parent.entity, parent, owner, false)))
            return null;
        return { parent };
    }
    /** Whether parent row `id` exists, belongs to `owner` and (unless `evenIfDeleting`) is not being deleted. */
    async parentAlive(entity, id, owner, requireLive = true) {
        const filter = this.own(entity, id, owner);
        if (requireLive)
            filter[DELETING] = { $exists: false };
        return (await this.collection(entity).findOne(filter, { projection: { _id: 1 } })) !== null;
    }
    insert(entity, row, owner, options = {}) {
        return this.write(() => this.insertRow(entity, row, owner, options));
    }
    update(entity, id, owner, changes) {
        return this.write(() => this.updateRow(entity, id, owner, changes));
    }
    remove(entity, id, owner) {
        return this.write((atomic) => this.removeRow(entity, id, owner, atomic ? SWEEP_PARALLEL : 1));
    }
    async insertRow(entity, row, owner, options) {
        const meta = this.meta(entity);
        const parent = (0, entity_rules_1.ruleOf)(entity).parent;
        const parentId = parent ? row[parent.prop] : undefined;
        const missing = () => (0, codes_1.notFound)(parent.entity, String(parentId), options.parentField ? { field: options.parentField } : {});
        if (parent && !(await this.parentAlive(parent.entity, parentId, owner)))
            throw missing();
        const doc = (0, stored_rows_1.toStored)(meta, row, this.values);
        await this.unique(entity, doc, () => this.collection(entity).insertOne(doc));
        const deltas = (0, rollup_deltas_1.rollupDeltas)(entity, null, row);
        try {
            await this.applyDeltas(deltas);
        }
        catch (error) {
            // Repair before answering: the write fails as a whole (as far as the database lets us).
            await this.takeBack(entity, String(row.id), deltas).catch(() => undefined);
            throw error;
        }
        // The parent may have started being deleted meanwhile: then this row is taken back (or already swept).
        if (parent && !(await this.parentAlive(parent.entity, parentId, null))) {
            await this.takeBack(entity, String(row.id), deltas);
            throw missing();
        }
        return this.row(entity, doc);
    }
    /**
     * Runs a write that may violate a unique index, answering CONFLICT with the
     * field. FerretDB does not always say which index, so then the stored values
     * are looked up: whichever unique field already holds this write's value.
     */
    async unique(entity, values, write) {
        try {
            return await write();
        }
        catch (error) {
            if (!(0, db_errors_1.isUniqueViolation)(error))
                throw error;
            const meta = this.meta(entity);
            let field = (0, db_errors_1.uniqueViolationProperty)(error, meta);
            for (const prop of field ? [] : (0, db_errors_1.uniqueProps)(meta)) {
                const column = this.field(entity, prop);
                if (column in values && (await this.collection(entity).findOne({ [column]: values[column] }, { projection: { _id: 1 } }))) {
                    field = prop;
                    break;
                }
            }
            throw (0, codes_1.conflict)(field ? `A ${meta.className.toLowerCase()} with this ${field} already exists` : 'A record with the same unique value already exists', field ? { field } : {});
        }
    }
    /** Removes a row this write inserted (if still there), with the rollup deltas it applied. */
    async takeBack(entity, id, applied) {
        if ((0, entity_rules_1.ruleOf)(entity).children?.length) {
            await this.removeParent(entity, id, null, 1);
            return;
        }
        const gone = await this.collection(entity).findOneAndDelete({ _id: id });
        // Not there: a parent's sweep took it, and undid its rollups itself.
        if (gone)
            await this.applyDeltas((0, rollup_deltas_1.negate)(applied));
    }
    async updateRow(entity, id, owner, changes) {
        const meta = this.meta(entity);
        const set = (0, stored_rows_1.toStored)(meta, { ...changes, ...(meta.properties.updatedAt ? { updatedAt: new Date() } : {}) }, this.values);
        if (!(0, rollup_deltas_1.isCounted)(entity)) {
            const after = await this.unique(entity, set, () => this.collection(entity).findOneAndUpdate(this.own(entity, id, owner), { $set: set }, { returnDocument: 'after' }));
            return after ? this.row(entity, stripMarks(after)) : null;
        }
        if (!(await this.reach(entity, id, owner)))
            return null;
        // The pre-image, atomically with the change: this write's rollup delta is exact.
        const before = await this.collection(entity).findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'before' });
        if (!before)
            return null;
        const after = this.row(entity, { ...before, ...set });
        await this.applyDeltas((0, rollup_deltas_1.rollupDeltas)(entity, this.row(entity, before), after));
        return after;
    }
    async removeRow(entity, id, owner, parallel) {
        if ((0, entity_rules_1.ruleOf)(entity).children?.length)
            return this.removeParent(entity, id, owner, parallel);
        if (!(0, rollup_deltas_1.isCounted)(entity)) {
            const gone = await this.collection(entity).findOneAndDelete(this.own(entity, id, owner));
            return gone ? this.row(entity, gone) : null;
        }
        if (!(await this.reach(entity, id, owner)))
            return null;
        const gone = await this.collection(entity).findOneAndDelete({ _id: id });
        if (!gone)
            return null;
        const before = this.row(entity, gone);
        await this.applyDeltas((0, rollup_deltas_1.rollupDeltas)(entity, before, null));
        return before;
    }
    /**
     * A user or project with everything below it: marked as being deleted (new
     * children then take themselves back), children swept, then the row itself.
     * Concurrent deletes of one row all sweep (each child goes once); the one
     * whose final delete removes the row answers it, the others null.
     */
    async removeParent(entity, id, owner, parallel) {
        const marked = await this.collection(entity).findOneAndUpdate(this.own(entity, id, owner), { $set: { [DELETING]: true } }, { returnDocument: 'before' });
        if (!marked)
            return null;
        for (const child of (0, entity_rules_1.ruleOf)(entity).children ?? [])
            await this.sweep(child.entity, this.field(child.entity, child.prop), id, parallel);
        const gone = await this.collection(entity).findOneAndDelete({ _id: id });
        return gone ? this.row(entity, stripMarks(marked)) : null;
    }
    /**
     * Deletes every row of `entity` whose `field` is `parentId`, with its own
     * children and rollups, `parallel` at a time (1 where updates are not atomic:
     * concurrent $inc of one rollup row would lose increments there).
     */
    async sweep(entity, field, parentId, parallel) {
        const hasChildren = Boolean((0, entity_rules_1.ruleOf)(entity).children?.length);
        if (!hasChildren && !(0, rollup_deltas_1.isCounted)(entity)) {
            await this.collection(entity).deleteMany({ [field]: parentId });
            return;
        }
        for (;;) {
            const batch = await this.collection(entity)
                .find({ [field]: parentId }, { projection: { _id: 1 }, limit: SWEEP_BATCH })
                .toArray();
            if (!batch.length)
                return;
            for (let i = 0; i < batch.length; i += parallel) {
                await Promise.all(batch.slice(i, i + parallel).map(async ({ _id }) => {
                    if (hasChildren)
                        return this.removeParent(entity, String(_id), null, parallel);
                    const gone = await this.collection(entity).findOneAndDelete({ _id });
                    if (gone)
                        await this.applyDeltas((0, rollup_deltas_1.rollupDeltas)(entity, this.row(entity, gone), null));
                }));
            }
        }
    }
    /** $inc upserts, one per rollup row; an upsert racing another that created the row first is tried again (it then updates). */
    async applyDeltas(deltas) {
        for (const d of deltas) {
            const entity = d.table === 'generation_daily' ? 'GenerationDaily' : 'HealthDaily';
            const inc = Object.fromEntries(Object.entries(d.add).map(([p, n]) => [this.field(entity, p), n]));
            const key = Object.fromEntries(Object.entries(d.key).map(([p, v]) => [this.field(entity, p), v]));
            for (let attempt = 1;; attempt++) {
                try {
                    await this.collection(entity).updateOne({ _id: d.id }, { $inc: inc, $setOnInsert: key }, { upsert: true });
                    break;
                }
                catch (error) {
                    if (!(0, db_errors_1.isUniqueViolation)(error) || attempt >= UPSERT_TRIES)
                        throw error;
                }
            }
            // A row at zero in every counter counts nothing: removing it changes no sum, whatever else is in flight.
            if (Object.values(d.add).some((n) => n < 0))
                await this.collection(entity).deleteOne({ _id: d.id, ...Object.fromEntries(Object.keys(inc).map((f) => [f, 0])) });
        }
    }
    rebuildRollups() {
        return (0, mongo_rollups_1.rebuildMongoRollups)(this.db);
    }
    rollupDrift(limit) {
        return (0, mongo_rollups_1.mongoRollupDrift)(this.db, limit);
    }
    observeRoundTrips(onTrip) {
        const ignore = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'endSessions', 'saslStart', 'saslContinue']);
        this.orm.em.getConnection().getClient().on('commandStarted', (e) => {
            if (!ignore.has(e.commandName))
                onTrip();
        });
    }
    async inProjectsOf(em, userId) {
        // Outside the identity map: partial (id-only) projects there would be served as whole ones later.
        const projects = await em.find(entities_1.Project, { owner: userId }, { fields: ['id'], disableIdentityMap: true });
        return { project: { $in: projects.map((p) => p.id) } };
    }
    containsText(prop, _column, text) {
        return { [prop]: { $regex: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), $options: 'i' } };
    }
    async find(r) {
        const meta = this.meta(r.entity);
        const filter = (0, mongo_filter_1.toDocumentFilter)(meta, r.where);
        if (!filter) {
            // A filter the translation does not know: MikroORM's own find, entities outside the identity map.
            const em = r.transaction ?? this.orm.em.fork();
            const found = await em.find(meta.class, r.where, { orderBy: r.orderBy, limit: r.limit, disableIdentityMap: true });
            return found.map((e) => [(0, mongo_filter_1.documentToRow)(meta, (0, stored_rows_1.toStored)(meta, e, this.values), r.prototypes[0])]);
        }
        const docs = await this.db
            .collection(meta.collection)
            .find(filter, { sort: r.orderBy && (0, mongo_filter_1.toDocumentSort)(meta, r.orderBy), limit: r.limit, projection: (0, mongo_filter_1.toProjection)(meta, r.fields), batchSize: r.limit })
            .toArray();
        return docs.map((d) => [(0, mongo_filter_1.documentToRow)(meta, d, r.prototypes[0])]);
    }
    async childRows(r) {
        const meta = this.meta(r.entity);
        const collection = this.db.collection(meta.collection);
        const match = { ...this.byColumn(meta, r.filters), [r.parentProp]: { $in: r.parentIds } };
        const order = r.direction === 'asc' ? 1 : -1;
        const sort = { [meta.properties['createdAt'].fieldNames[0]]: order, _id: order };
        const total = (await r.counts(r.parentIds)).reduce((a, b) => a + b, 0);
        // batchSize: the whole answer in one reply, not 101 documents and then getMore round trips.
        const docs = total <= Math.max(FETCH_ALL_CHILDREN, r.perParent * r.parentIds.length)
            ? await collection.find(match, { sort, batchSize: total + 1 }).toArray()
            : (await Promise.all(r.parentIds.map((id) => collection.find({ ...match, [r.parentProp]: id }, { sort, limit: r.perParent, batchSize: r.perParent }).toArray()))).flat();
        return docs.map((d) => (0, mongo_filter_1.documentToRow)(meta, d, r.prototype));
    }
    async countPerParent(_em, entity, parentProp, parentIds, filters) {
        const meta = this.meta(entity);
        const rows = await this.db
            .collection(meta.collection)
            .aggregate([{ $match: { ...this.byColumn(meta, filters), [parentProp]: { $in: parentIds } } }, { $group: { _id: `$${parentProp}`, n: { $sum: 1 } } }])
            .toArray();
        return new Map(rows.map((row) => [String(row._id), Number(row.n)]));
    }
    /** Equality filters on properties as filters on the stored field names. */
    byColumn(meta, filters) {
        return Object.fromEntries(Object.entries(filters).map(([k, v]) => [meta.properties[k].fieldNames[0], v]));
    }
    schemaDrift() {
        return (0, mongo_schema_drift_1.mongoSchemaDrift)(this.orm, this.db);
    }
    async databaseSize() {
        const stats = await this.db.command({ dbStats: 1 }).catch(() => null);
        if (!stats)
            return null;
        return Number(stats.storageSize ?? 0) + Number(stats.indexSize ?? 0) || Number(stats.dataSize ?? 0) || null;
    }
    async *storedRows(codec, batch) {
        const cursor = this.db.collection(codec.meta.collection).find({}, { sort: { _id: 1 }, batchSize: batch });
        let rows = [];
        for await (const doc of cursor) {
            rows.push(doc);
            if (rows.length === batch) {
                yield rows;
                rows = [];
            }
        }
        if (rows.length)
            yield rows;
    }
    bulkLoad(all, _replace, fill) {
        // The swap replaces the live collections whether or not they held rows (the caller checked `replace`).
        return (0, mongo_bulk_load_1.mongoBulkLoad)(this.db, all, fill);
    }
    groupBy(em, entity, groupProps, where, opts) {
        return (0, mongo_group_by_1.mongoGroupBy)(em, entity, groupProps, where, opts);
    }
    async recover() {
        const current = this.connection;
        const fresh = new mongodb_1.MongoClient(this.orm.config.get('clientUrl'), { serverSelectionTimeoutMS: 2000, connectTimeoutMS: 2000 });
        try {
            await fresh.connect();
            await fresh.db('admin').command({ ping: 1 });
        }
        catch {
            return false; // the database itself is unavailable: nothing to replace
        }
        finally {
            await fresh.close().catch(() => undefined);
        }
        if (await current.isConnected())
            return false;
        await current.close(true).catch(() => undefined);
        await current.connect();
        return true;
    }
}
exports.MongoBackend = MongoBackend;
/** A document without the marks this backend keeps on it. */
function stripMarks(doc) {
    const { [DELETING]: _mark, ...rest } = doc;
    return rest;
}
//# sourceMappingURL=mongo-backend.js.map