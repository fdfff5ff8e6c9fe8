import type { EntityManager, EntityMetadata, MikroORM } from '@mikro-orm/core';
import { Project } from '../../entities';
import { Long, MongoClient, MongoServerError, type Collection, type Db, type Document, type Filter } from 'mongodb';
import { conflict, notFound } from '../../errors/codes';
import type { EntityClass, Group, GroupOptions } from '../aggregate';
import { documentToRow, toDocumentFilter, toDocumentSort, toProjection } from './mongo-filter';
import type { Backend, ChildRowsRequest, ClaimRequest, FindRequest, FoundRow, InsertOptions, OwnerScope } from './backend';
import { claimOrder, isSpent, matches, spentLease } from './queue-rules';
import type { BulkSink } from '../../backup/bulk-sink';
import type { EntityCodec } from '../../backup/format';
import { mongoBulkLoad } from './mongo-bulk-load';
import { mongoGroupBy } from './mongo-group-by';
import { mongoSchemaDrift } from './mongo-schema-drift';
import { isUnavailable, isUniqueViolation, uniqueProps, uniqueViolationProperty } from './db-errors';
import { ruleOf } from './entity-rules';
import { isCounted, mergeDeltas, negate, rollupDeltas, type RollupDelta } from './rollup-deltas';
import { mongoRollupDrift, rebuildMongoRollups } from './mongo-rollups';
import { MongoWriteLock, probeAtomicUpdates } from './mongo-write-lock';
import { fromStored, storedFields, toStored, type PropRow, type StoredValues } from './stored-rows';
import { probeLookups, TreePipeline, treeRows } from './mongo-tree';
import { NotCompiled, type TreeList, type TreeRows } from '../read-tree';

/** Set on a user or project while it is being deleted: new children check it after they are written. */
const DELETING = '_deleting';
/** Children swept at once when a parent is deleted (each with its own atomic findOneAndDelete). */
/** Fetch every child of a batch in one query only while that stays this small; else one query per parent. */
const FETCH_ALL_CHILDREN = 5000;
const SWEEP_BATCH = 200;

/** How a delete sweeps a parent's children (see sweep). */
type Sweep = { parallel: number; exclusive: boolean };
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
export class MongoBackend implements Backend {
  private readonly values: StoredValues = { date: (d) => d, jsonAsText: false };
  private readonly lock: MongoWriteLock;
  private atomicUpdates?: Promise<boolean>;
  private lookups?: Promise<boolean>;

  constructor(private readonly orm: MikroORM) {
    this.lock = new MongoWriteLock(() => this.db);
  }

  private get connection(): MongoConnectionLike {
    return this.orm.em.getConnection() as unknown as MongoConnectionLike;
  }

  /** The database through the ORM's current client (which recover() may replace). */
  private get db(): Db {
    return this.connection.getDb();
  }

  /** Runs one write: as is where single-document updates are atomic, else under the shared write lock. */
  private async write<T>(work: (atomic: boolean) => Promise<T>): Promise<T> {
    this.atomicUpdates ??= probeAtomicUpdates(this.db);
    const atomic = await this.atomicUpdates;
    return atomic ? work(true) : this.lock.run(() => work(false));
  }

  private meta(entity: string): EntityMetadata {
    return this.orm.getMetadata().getByClassName(entity);
  }

  private collection(entity: string): Collection<Document> {
    return this.db.collection(this.meta(entity).collection);
  }

  private field(entity: string, prop: string): string {
    const f = storedFields(this.meta(entity)).find((x) => x.prop === prop);
    if (!f) throw new Error(`${entity}.${prop} is not stored`);
    return f.column;
  }

  private row(entity: string, doc: Document): PropRow {
    return fromStored(this.meta(entity), doc);
  }

  /**
   * A filter for row `id` of an entity owned directly (itself, or by a user
   * reference) that matches only if it is `owner`'s. Plain equalities: FerretDB
   * answers `_id` equality from its key but scans for `$and`.
   */
  private own(entity: string, id: unknown, owner: OwnerScope): Filter<Document> {
    if (owner === null) return { _id: id as never };
    const rule = ruleOf(entity).owner;
    if ('self' in rule) return { _id: (id === owner ? id : { $in: [] }) as never };
    if ('prop' in rule) return { _id: id as never, [this.field(entity, rule.prop)]: owner };
    throw new Error(`${entity} is owned through its parent`);
  }

  /** Whether `owner` may reach row `id` (through its parent for rows owned that way); its parent id when it has one. */
  private async reach(entity: string, id: string, owner: OwnerScope): Promise<{ parent?: string } | null> {
    const rule = ruleOf(entity);
    if (!('viaParent' in rule.owner)) {
      const found = await this.collection(entity).findOne(this.own(entity, id, owner), { projection: { _id: 1 } });
      return found ? {} : null;
    }
    const parentField = this.field(entity, rule.owner.viaParent);
    const doc = await this.collection(entity).findOne({ _id: id as never }, { projection: { [parentField]: 1 } });
    if (!doc) return null;
    const parent = String(doc[parentField]);
    if (owner !== null && !(await this.parentAlive(rule.parent!.entity, parent, owner, false))) return null;
    return { parent };
  }

  /** Whether parent row `id` exists, belongs to `owner` and (unless `evenIfDeleting`) is not being deleted. */
  private async parentAlive(entity: string, id: unknown, owner: OwnerScope, requireLive = true): Promise<boolean> {
    const filter = this.own(entity, id, owner);
    if (requireLive) filter[DELETING] = { $exists: false };
    return (await this.collection(entity).findOne(filter, { projection: { _id: 1 } })) !== null;
  }

  insert(entity: string, row: PropRow, owner: OwnerScope, options: InsertOptions = {}): Promise<PropRow> {
    return this.write(() => this.insertRow(entity, row, owner, options));
  }

  update(entity: string, id: string, owner: OwnerScope, changes: PropRow): Promise<PropRow | null> {
    return this.write(() => this.updateRow(entity, id, owner, changes));
  }

  updateIf(entity: string, id: string, expect: PropRow, changes: (before: PropRow) => PropRow): Promise<{ before: PropRow | null; after: PropRow | null }> {
    return this.write(() => this.updateRowIf(entity, id, expect, changes));
  }

  /** One compare-and-set per row (no multi-document transactions assumed), under one hold of the write lock. */
  updateEachIf(entity: string, ids: string[], expect: PropRow, changes: (before: PropRow) => PropRow): Promise<{ before: PropRow | null; after: PropRow | null }[]> {
    return this.write(async () => {
      const results = [];
      for (const id of ids) results.push(await this.updateRowIf(entity, id, expect, changes));
      return results;
    });
  }

  /**
   * Reads the row, checks `expect`, then writes with a filter holding what it
   * read (expected values and updatedAt): a write in between makes the filter
   * miss, and it reads again.
   */
  private async updateRowIf(entity: string, id: string, expect: PropRow, changes: (before: PropRow) => PropRow): Promise<{ before: PropRow | null; after: PropRow | null }> {
    const meta = this.meta(entity);
    const updatedAt = this.field(entity, 'updatedAt');
    for (let tries = 0; tries < UPSERT_TRIES * 2; tries++) {
      const doc = await this.collection(entity).findOne({ _id: id as never });
      if (!doc) return { before: null, after: null };
      const before = this.row(entity, stripMarks(doc));
      if (!matches(before, expect)) return { before, after: null };
      const set = toStored(meta, { ...changes(before), updatedAt: new Date(Math.max(Date.now(), (doc[updatedAt] as Date).getTime() + 1)) }, this.values);
      const filter = { ...toStored(meta, expect, this.values), _id: id as never, [updatedAt]: doc[updatedAt] };
      const prior = await this.collection(entity).findOneAndUpdate(filter, { $set: set }, { returnDocument: 'before' });
      if (!prior) continue;
      const was = this.row(entity, stripMarks(prior));
      const after = this.row(entity, stripMarks({ ...prior, ...set }));
      await this.applyDeltas(rollupDeltas(entity, was, after));
      return { before: was, after };
    }
    throw new Error(`${entity} ${id} kept changing under a conditional update`);
  }

  async claim(r: ClaimRequest): Promise<PropRow[]> {
    // Idle workers poll: a read first, and the write lock (where writes need it) only when there is work to take.
    const { due, expired } = this.claimable(r);
    const any = async (filter: Filter<Document>) => (await this.collection('CodeGeneration').findOne(filter, { projection: { _id: 1 } })) !== null;
    if (!(await any(expired)) && !(await any(due))) return [];
    return this.write(() => this.claimRows(r));
  }

  /** Filters for due PENDING work and for RUNNING work whose lease ran out. */
  private claimable(r: ClaimRequest): { due: Filter<Document>; expired: Filter<Document> } {
    const f = (prop: string) => this.field('CodeGeneration', prop);
    const languages = r.languages?.length ? { [f('language')]: { $in: r.languages } } : {};
    return {
      due: { [f('status')]: 'pending', $or: [{ [f('runAfter')]: null }, { [f('runAfter')]: { $lte: r.now } }], ...languages },
      expired: { [f('status')]: 'running', [f('lockedUntil')]: { $lt: r.now }, ...languages },
    };
  }

  /** One findOneAndUpdate per item (the best claimable one, sorted on the claim index), each atomic on its own. */
  private async claimRows(r: ClaimRequest): Promise<PropRow[]> {
    const meta = this.meta('CodeGeneration');
    const f = (prop: string) => this.field('CodeGeneration', prop);
    const { due, expired } = this.claimable(r);
    const sort = { [f('priority')]: -1, [f('createdAt')]: 1, _id: 1 } as const;
    const set = toStored(meta, { status: 'running', lockedBy: r.workerId, lockedUntil: r.lockedUntil, startedAt: r.now, updatedAt: new Date() }, this.values);
    const claimed: PropRow[] = [];
    for (const filter of [expired, due]) {
      while (claimed.length < r.limit) {
        const prior = await this.collection('CodeGeneration').findOneAndUpdate(filter, { $set: set, $inc: { [f('attempts')]: 1 } }, { sort, returnDocument: 'before' });
        if (!prior) break;
        const before = this.row('CodeGeneration', stripMarks(prior));
        const after = { ...before, ...this.row('CodeGeneration', set), attempts: Number(before.attempts) + 1 };
        await this.applyDeltas(rollupDeltas('CodeGeneration', before, after));
        if (filter === expired && isSpent(before)) {
          // Its lease ran out on the last attempt: it ends FAILED (this claim holds it meanwhile, so nobody else moves it).
          const failed = { ...spentLease(before, r.now), attempts: before.attempts, updatedAt: new Date() };
          await this.collection('CodeGeneration').updateOne({ _id: before.id as never, [f('lockedBy')]: r.workerId }, { $set: toStored(meta, failed, this.values) });
          await this.applyDeltas(rollupDeltas('CodeGeneration', after, { ...after, ...failed }));
          continue;
        }
        claimed.push(after);
      }
    }
    return claimed.sort(claimOrder);
  }

  remove(entity: string, id: string, owner: OwnerScope): Promise<PropRow | null> {
    return this.write((atomic) => this.removeRow(entity, id, owner, { parallel: atomic ? SWEEP_PARALLEL : 1, exclusive: !atomic }));
  }

  private async insertRow(entity: string, row: PropRow, owner: OwnerScope, options: InsertOptions): Promise<PropRow> {
    const meta = this.meta(entity);
    const parent = ruleOf(entity).parent;
    const parentId = parent ? row[parent.prop] : undefined;
    const missing = () => notFound(parent!.entity, String(parentId), options.parentField ? { field: options.parentField } : {});
    if (parent && !(await this.parentAlive(parent.entity, parentId, owner))) throw missing();
    const doc = toStored(meta, row, this.values);
    await this.unique(entity, doc, () => this.collection(entity).insertOne(doc));
    const deltas = rollupDeltas(entity, null, row);
    try {
      await this.applyDeltas(deltas);
    } catch (error) {
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
  private async unique<T>(entity: string, values: Document, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const meta = this.meta(entity);
      let field = uniqueViolationProperty(error, meta);
      for (const prop of field ? [] : uniqueProps(meta)) {
        const column = this.field(entity, prop);
        if (column in values && (await this.collection(entity).findOne({ [column]: values[column] }, { projection: { _id: 1 } }))) {
          field = prop;
          break;
        }
      }
      throw conflict(field ? `A ${meta.className.toLowerCase()} with this ${field} already exists` : 'A record with the same unique value already exists', field ? { field } : {});
    }
  }

  /** Removes a row this write inserted (if still there), with the rollup deltas it applied. */
  private async takeBack(entity: string, id: string, applied: RollupDelta[]): Promise<void> {
    if (ruleOf(entity).children?.length) {
      await this.removeParent(entity, id, null, { parallel: 1, exclusive: false });
      return;
    }
    const gone = await this.collection(entity).findOneAndDelete({ _id: id as never });
    // Not there: a parent's sweep took it, and undid its rollups itself.
    if (gone) await this.applyDeltas(negate(applied));
  }

  private async updateRow(entity: string, id: string, owner: OwnerScope, changes: PropRow): Promise<PropRow | null> {
    const meta = this.meta(entity);
    const set = toStored(meta, { ...changes, ...(meta.properties.updatedAt ? { updatedAt: new Date() } : {}) }, this.values);
    if (!isCounted(entity)) {
      const after = await this.unique(entity, set, () => this.collection(entity).findOneAndUpdate(this.own(entity, id, owner), { $set: set }, { returnDocument: 'after' }));
      return after ? this.row(entity, stripMarks(after)) : null;
    }
    if (!(await this.reach(entity, id, owner))) return null;
    // The pre-image, atomically with the change: this write's rollup delta is exact.
    const before = await this.collection(entity).findOneAndUpdate({ _id: id as never }, { $set: set }, { returnDocument: 'before' });
    if (!before) return null;
    const after = this.row(entity, { ...before, ...set });
    await this.applyDeltas(rollupDeltas(entity, this.row(entity, before), after));
    return after;
  }

  private async removeRow(entity: string, id: string, owner: OwnerScope, sweep: Sweep): Promise<PropRow | null> {
    if (ruleOf(entity).children?.length) return this.removeParent(entity, id, owner, sweep);
    if (!isCounted(entity)) {
      const gone = await this.collection(entity).findOneAndDelete(this.own(entity, id, owner));
      return gone ? this.row(entity, gone) : null;
    }
    if (!(await this.reach(entity, id, owner))) return null;
    const gone = await this.collection(entity).findOneAndDelete({ _id: id as never });
    if (!gone) return null;
    const before = this.row(entity, gone);
    await this.applyDeltas(rollupDeltas(entity, before, null));
    return before;
  }

  /**
   * A user or project with everything below it: marked as being deleted (new
   * children then take themselves back), children swept, then the row itself.
   * Concurrent deletes of one row all sweep (each child goes once); the one
   * whose final delete removes the row answers it, the others null.
   */
  private async removeParent(entity: string, id: string, owner: OwnerScope, sweep: Sweep): Promise<PropRow | null> {
    const marked = await this.collection(entity).findOneAndUpdate(this.own(entity, id, owner), { $set: { [DELETING]: true } }, { returnDocument: 'before' });
    if (!marked) return null;
    for (const child of ruleOf(entity).children ?? []) await this.sweep(child.entity, this.field(child.entity, child.prop), id, sweep);
    const gone = await this.collection(entity).findOneAndDelete({ _id: id as never });
    return gone ? this.row(entity, stripMarks(marked)) : null;
  }

  /**
   * Deletes every row of `entity` whose `field` is `parentId`, with its own
   * children and rollups. Where updates are atomic, `parallel` atomic
   * findOneAndDeletes at a time (each yields its pre-image). Holding the write
   * lock (`exclusive`: no other write runs anywhere), a batch at a time: read
   * whole, deleted by id in one command. On FerretDB 1.24, which scans a
   * collection for each findOneAndDelete, a 1,100-generation project took over
   * 10 s one row at a time. Either way a batch's rollup deltas are merged and
   * applied once (a project's generations share few rollup rows).
   */
  private async sweep(entity: string, field: string, parentId: string, sweep: Sweep): Promise<void> {
    const hasChildren = Boolean(ruleOf(entity).children?.length);
    if (!hasChildren && !isCounted(entity)) {
      await this.collection(entity).deleteMany({ [field]: parentId });
      return;
    }
    const whole = sweep.exclusive && !hasChildren;
    for (;;) {
      const batch = await this.collection(entity)
        .find({ [field]: parentId }, { projection: whole ? undefined : { _id: 1 }, limit: SWEEP_BATCH })
        .toArray();
      if (!batch.length) return;
      if (whole) {
        await this.collection(entity).deleteMany({ _id: { $in: batch.map((doc) => doc._id) } });
        await this.applyDeltas(mergeDeltas(batch.flatMap((doc) => rollupDeltas(entity, this.row(entity, doc), null))));
        continue;
      }
      const deltas: RollupDelta[] = [];
      try {
        for (let i = 0; i < batch.length; i += sweep.parallel) {
          await Promise.all(
            batch.slice(i, i + sweep.parallel).map(async ({ _id }) => {
              if (hasChildren) return this.removeParent(entity, String(_id), null, sweep);
              const gone = await this.collection(entity).findOneAndDelete({ _id });
              if (gone) deltas.push(...rollupDeltas(entity, this.row(entity, gone), null));
            }),
          );
        }
      } finally {
        await this.applyDeltas(mergeDeltas(deltas));
      }
    }
  }

  /** $inc upserts, one per rollup row; an upsert racing another that created the row first is tried again (it then updates). */
  private async applyDeltas(deltas: RollupDelta[]): Promise<void> {
    for (const d of deltas) {
      const entity = d.table === 'generation_daily' ? 'GenerationDaily' : 'HealthDaily';
      // As 64-bit integers: the driver sends a small number as a 32-bit one, and FerretDB 1.24's $inc
      // of 32-bit integers wraps past 2^31 (summed waits in milliseconds did) where MongoDB widens.
      const inc = Object.fromEntries(Object.entries(d.add).map(([p, n]) => [this.field(entity, p), Long.fromNumber(n)]));
      const key = Object.fromEntries(Object.entries(d.key).map(([p, v]) => [this.field(entity, p), v]));
      for (let attempt = 1; ; attempt++) {
        try {
          await this.collection(entity).updateOne({ _id: d.id as never }, { $inc: inc, $setOnInsert: key }, { upsert: true });
          break;
        } catch (error) {
          if (!isUniqueViolation(error) || attempt >= UPSERT_TRIES) throw error;
        }
      }
      // A row at zero in every counter counts nothing: removing it changes no sum, whatever else is in flight.
      if (Object.values(d.add).some((n) => n < 0)) await this.collection(entity).deleteOne({ _id: d.id as never, ...Object.fromEntries(Object.keys(inc).map((f) => [f, 0])) });
    }
  }

  rebuildRollups(): Promise<{ generationRows: number; healthRows: number }> {
    return rebuildMongoRollups(this.db);
  }

  rollupDrift(limit?: number): Promise<string[]> {
    return mongoRollupDrift(this.db, limit);
  }

  observeRoundTrips(onTrip: () => void): void {
    const ignore = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'endSessions', 'saslStart', 'saslContinue']);
    (this.orm.em.getConnection() as unknown as { getClient(): MongoClient }).getClient().on('commandStarted', (e) => {
      if (!ignore.has(e.commandName)) onTrip();
    });
  }

  async inProjectsOf(em: EntityManager, userId: string): Promise<Record<string, unknown>> {
    // Outside the identity map: partial (id-only) projects there would be served as whole ones later.
    const projects = await em.find(Project, { owner: userId }, { fields: ['id'], disableIdentityMap: true });
    return { project: { $in: projects.map((p) => p.id) } };
  }

  containsText(prop: string, _column: string, text: string): Record<string, unknown> {
    return { [prop]: { $regex: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), $options: 'i' } };
  }

  async prepare(): Promise<void> {
    await this.hasLookups().catch(() => undefined);
  }

  /** Whether the server runs compiled reads (see probeLookups): asked once it answers. */
  private hasLookups(): Promise<boolean> {
    this.lookups ??= probeLookups(this.db, this.meta('User').collection).catch((error) => {
      this.lookups = undefined;
      throw error;
    });
    return this.lookups;
  }

  /**
   * A root field's whole read as one aggregation pipeline (see mongo-tree.ts)
   * where the server has $lookup (probed once, see probeLookups), its
   * totalCount as a count sent at the same time; null, and the batched path
   * (one find per level), on a server without it (FerretDB 1.24), for a
   * filter the translation does not know, or when the server refuses this
   * pipeline (a row with its lists past 16 MB, say).
   */
  async readTree(list: TreeList): Promise<TreeRows | null> {
    if (!(await this.hasLookups())) return null;
    const metaOf = (name: string) => this.meta(name);
    let plan: ReturnType<TreePipeline['root']>;
    try {
      plan = new TreePipeline(metaOf).root(list);
    } catch (error) {
      if (error instanceof NotCompiled) return null;
      throw error;
    }
    const rows = this.db.collection(plan.collection);
    try {
      // batchSize: the whole page in the first reply, not 101 documents and then getMore.
      const [docs, total] = await Promise.all([rows.aggregate(plan.pipeline, { batchSize: list.limit }).toArray(), list.count ? rows.countDocuments(plan.countFilter) : undefined]);
      return { rows: treeRows(metaOf, list, docs), total };
    } catch (error) {
      if (error instanceof MongoServerError && !isUnavailable(error)) return null;
      throw error;
    }
  }

  async find(r: FindRequest): Promise<FoundRow[]> {
    const meta = this.meta(r.entity);
    const filter = toDocumentFilter(meta, r.where);
    if (!filter) {
      // A filter the translation does not know: MikroORM's own find, entities outside the identity map.
      const em = r.transaction ?? this.orm.em.fork();
      const found = await em.find(meta.class, r.where, { orderBy: r.orderBy, limit: r.limit, disableIdentityMap: true });
      return found.map((e) => [documentToRow(meta, toStored(meta, e as PropRow, this.values), r.prototypes[0])]);
    }
    const docs = await this.db
      .collection(meta.collection)
      .find(filter, { sort: r.orderBy && toDocumentSort(meta, r.orderBy), limit: r.limit, projection: toProjection(meta, r.fields), batchSize: r.limit })
      .toArray();
    return docs.map((d) => [documentToRow(meta, d, r.prototypes[0])]);
  }

  async childRows(r: ChildRowsRequest): Promise<Record<string, unknown>[]> {
    const meta = this.meta(r.entity);
    const collection = this.db.collection(meta.collection);
    const match = { ...this.byColumn(meta, r.filters), [r.parentProp]: { $in: r.parentIds } };
    const order = r.direction === 'asc' ? 1 : -1;
    const sort = { [meta.properties['createdAt' as never].fieldNames[0]]: order, _id: order } as const;
    const total = (await r.counts(r.parentIds)).reduce((a, b) => a + b, 0);
    // batchSize: the whole answer in one reply, not 101 documents and then getMore round trips.
    const docs =
      total <= Math.max(FETCH_ALL_CHILDREN, r.perParent * r.parentIds.length)
        ? await collection.find(match, { sort, batchSize: total + 1 }).toArray()
        : (await Promise.all(r.parentIds.map((id) => collection.find({ ...match, [r.parentProp]: id }, { sort, limit: r.perParent, batchSize: r.perParent }).toArray()))).flat();
    return docs.map((d) => documentToRow(meta, d, r.prototype));
  }

  async countPerParent(_em: EntityManager, entity: string, parentProp: string, parentIds: string[], filters: Record<string, unknown>): Promise<Map<string, number>> {
    const meta = this.meta(entity);
    const rows = await this.db
      .collection(meta.collection)
      .aggregate([{ $match: { ...this.byColumn(meta, filters), [parentProp]: { $in: parentIds } } }, { $group: { _id: `$${parentProp}`, n: { $sum: 1 } } }])
      .toArray();
    return new Map(rows.map((row) => [String(row._id), Number(row.n)]));
  }

  /** Equality filters on properties as filters on the stored field names. */
  private byColumn(meta: EntityMetadata, filters: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(filters).map(([k, v]) => [meta.properties[k as never].fieldNames[0], v]));
  }

  schemaDrift(): Promise<string[]> {
    return mongoSchemaDrift(this.orm, this.db);
  }

  async databaseSize(): Promise<number | null> {
    const stats = await this.db.command({ dbStats: 1 }).catch(() => null);
    if (!stats) return null;
    return Number(stats.storageSize ?? 0) + Number(stats.indexSize ?? 0) || Number(stats.dataSize ?? 0) || null;
  }

  async *storedRows(codec: EntityCodec, batch: number): AsyncGenerator<Record<string, unknown>[]> {
    const cursor = this.db.collection(codec.meta.collection).find({}, { sort: { _id: 1 }, batchSize: batch });
    let rows: Record<string, unknown>[] = [];
    for await (const doc of cursor) {
      rows.push(doc);
      if (rows.length === batch) {
        yield rows;
        rows = [];
      }
    }
    if (rows.length) yield rows;
  }

  bulkLoad(all: EntityCodec[], _replace: boolean, fill: (sink: BulkSink) => Promise<void>): Promise<void> {
    // The swap replaces the live collections whether or not they held rows (the caller checked `replace`).
    return mongoBulkLoad(this.db, all, fill);
  }

  groupBy(em: EntityManager, entity: EntityClass, groupProps: string[], where: Record<string, unknown>, opts?: GroupOptions): Promise<Group[]> {
    return mongoGroupBy(em, entity, groupProps, where, opts);
  }

  async recover(): Promise<boolean> {
    const current = this.connection;
    const fresh = new MongoClient(this.orm.config.get('clientUrl')!, { serverSelectionTimeoutMS: 2000, connectTimeoutMS: 2000 });
    try {
      await fresh.connect();
      await fresh.db('admin').command({ ping: 1 });
    } catch {
      return false; // the database itself is unavailable: nothing to replace
    } finally {
      await fresh.close().catch(() => undefined);
    }
    if (await current.isConnected()) return false;
    await current.close(true).catch(() => undefined);
    await current.connect();
    return true;
  }
}

interface MongoConnectionLike {
  getDb(): Db;
  isConnected(): Promise<boolean>;
  close(force?: boolean): Promise<void>;
  connect(): Promise<void>;
}

/** A document without the marks this backend keeps on it. */
function stripMarks(doc: Document): Document {
  const { [DELETING]: _mark, ...rest } = doc;
  return rest;
}
