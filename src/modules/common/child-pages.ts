import type { EntityManager } from '@mikro-orm/core';
import type { ReadScope } from '../../db/read-scope';
import DataLoader from 'dataloader';
import type { Store } from '../../db/store';
import { edgeOf } from './paginate';
import { fromRaw, lightRow } from '../../db/light-find';
import type { Page } from './connection';

type Keyed = { id: string; createdAt: Date };
type EntityClass<T> = new (...args: never[]) => T;
type Row = Record<string, unknown>;

/** On MongoDB, fetch every child of a batch in one query only while that stays this small; else one query per parent. */
const MONGO_FETCH_ALL_LIMIT = 5000;

/**
 * First pages of one kind of child (projects of users, code generations of
 * projects...) for many parents at once, so a nested list costs the same number
 * of round trips for 5 parents as for 50:
 * - SQL: one query with ROW_NUMBER() OVER (PARTITION BY parent ORDER BY created_at, id);
 * - MongoDB (no window functions on FerretDB): one $group count, then one $in query
 *   for all children while that is small, else a query per parent.
 * Counts (totalCount) are batched the same way: one GROUP BY / $group per batch.
 * Only plain `first` pages are batched; cursors fall back to per-parent keyset pages.
 */
export class ChildPages<T extends Keyed> {
  private readonly pages = new Map<string, DataLoader<string, Page<T>>>();
  private readonly counts = new Map<string, DataLoader<string, number>>();

  constructor(
    private readonly scope: ReadScope,
    private readonly store: Store,
    private readonly entity: EntityClass<T>,
    readonly parentProp: string,
    /** Cursor kind, as paginate() uses. */
    private readonly kind: string,
    private readonly direction: 'asc' | 'desc' = 'asc',
  ) {}

  /** The ORM's global entity manager: metadata and the shared connection (no identity map is used here). */
  private get em(): EntityManager {
    return this.scope.root;
  }

  /** The first `first` children of `parentId` matching equality `filters`. */
  load(parentId: string, filters: Row, first: number): Promise<Page<T>> {
    const key = JSON.stringify([filters, first]);
    let loader = this.pages.get(key);
    if (!loader) {
      loader = new DataLoader((ids) => this.batch([...ids], filters, first));
      this.pages.set(key, loader);
    }
    return loader.load(parentId);
  }

  private count(parentId: string, filters: Row): Promise<number> {
    return this.countLoader(filters).load(parentId);
  }

  /** Counts per parent, batched and cached for the request (MongoDB paging reuses them for totalCount). */
  private countLoader(filters: Row): DataLoader<string, number> {
    const key = JSON.stringify(filters);
    let loader = this.counts.get(key);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const groups = await this.groupCounts([...ids], filters);
        return ids.map((id) => groups.get(id) ?? 0);
      });
      this.counts.set(key, loader);
    }
    return loader;
  }

  private meta() {
    const meta = this.em.getMetadata().get(this.entity.name);
    return { meta, col: (p: string) => meta.properties[p as never].fieldNames[0] };
  }

  private async batch(ids: string[], filters: Row, first: number): Promise<Page<T>[]> {
    const rows = first === 0 ? [] : this.store.driver === 'mongodb' ? await this.mongoRows(ids, filters, first + 1) : await this.sqlRows(ids, filters, first + 1);
    const byParent = new Map<string, T[]>(ids.map((id) => [id, []]));
    const { col } = this.meta();
    const parentKey = this.store.driver === 'mongodb' ? this.parentProp : col(this.parentProp);
    for (const raw of rows) {
      const parent = String(raw[parentKey]);
      delete raw.rn;
      byParent.get(parent)?.push(lightRow(this.scope, this.entity, fromRaw(this.em, this.entity, raw)));
    }
    return ids.map((id) => {
      const all = byParent.get(id)!;
      const nodes = all.slice(0, first);
      const edges = nodes.map((node) => edgeOf(this.kind, node));
      const count = () => this.count(id, filters);
      return {
        edges,
        pageInfo: {
          hasNextPage: all.length > first,
          hasPreviousPage: false,
          get startCursor() {
            return edges[0]?.cursor ?? null;
          },
          get endCursor() {
            return edges[edges.length - 1]?.cursor ?? null;
          },
        },
        get totalCount() {
          return count();
        },
      };
    });
  }

  private async sqlRows(ids: string[], filters: Row, perParent: number): Promise<Row[]> {
    const { meta, col } = this.meta();
    const knex = (this.em.getConnection() as unknown as { getKnex(): import('@mikro-orm/knex').Knex }).getKnex();
    const parent = col(this.parentProp);
    const dir = this.direction;
    const inner = knex(meta.tableName)
      .select('*', knex.raw(`row_number() over (partition by ?? order by ?? ${dir}, ?? ${dir}) as rn`, [parent, col('createdAt'), col('id')]))
      .whereIn(parent, ids)
      .where(Object.fromEntries(Object.entries(filters).map(([k, v]) => [col(k), v])) as Record<string, string>);
    const query = knex.select('*').from(inner.as('x')).where('rn', '<=', perParent).orderBy([parent, 'rn']);
    return (await this.em.getConnection().execute(query as never)) as Row[];
  }

  private async mongoRows(ids: string[], filters: Row, perParent: number): Promise<Row[]> {
    const { meta, col } = this.meta();
    const collection = (this.em.getConnection() as unknown as { getCollection(n: string): import('mongodb').Collection }).getCollection(meta.collection);
    const match = { ...this.mongoFilters(filters), [this.parentProp]: { $in: ids } };
    const sort = { [col('createdAt')]: this.direction === 'asc' ? 1 : -1, _id: this.direction === 'asc' ? 1 : -1 } as const;
    const counts = (await this.countLoader(filters).loadMany(ids)) as number[];
    const total = counts.reduce((a, b) => a + b, 0);
    // batchSize: the whole answer in one reply, not 101 documents and then getMore round trips.
    if (total <= Math.max(MONGO_FETCH_ALL_LIMIT, perParent * ids.length)) {
      return (await collection.find(match, { sort, batchSize: total + 1 }).toArray()) as Row[];
    }
    const pages = await Promise.all(ids.map((id) => collection.find({ ...match, [this.parentProp]: id }, { sort, limit: perParent, batchSize: perParent }).toArray()));
    return pages.flat() as Row[];
  }

  private mongoFilters(filters: Row): Row {
    const { col } = this.meta();
    return Object.fromEntries(Object.entries(filters).map(([k, v]) => [col(k), v]));
  }

  /** Children per parent matching `filters`: one GROUP BY (SQL) or $group (MongoDB). */
  private async groupCounts(ids: string[], filters: Row): Promise<Map<string, number>> {
    const { meta, col } = this.meta();
    if (this.store.driver === 'mongodb') {
      const collection = (this.em.getConnection() as unknown as { getCollection(n: string): import('mongodb').Collection }).getCollection(meta.collection);
      const rows = await collection.aggregate([{ $match: { ...this.mongoFilters(filters), [this.parentProp]: { $in: ids } } }, { $group: { _id: `$${this.parentProp}`, n: { $sum: 1 } } }]).toArray();
      return new Map(rows.map((r) => [String(r._id), Number(r.n)]));
    }
    const knex = (this.em.getConnection() as unknown as { getKnex(): import('@mikro-orm/knex').Knex }).getKnex();
    const parent = col(this.parentProp);
    const query = knex(meta.tableName)
      .select(knex.raw('?? as parent', [parent]), knex.raw('count(*) as n'))
      .whereIn(parent, ids)
      .where(Object.fromEntries(Object.entries(filters).map(([k, v]) => [col(k), v])) as Record<string, string>)
      .groupBy(parent);
    const rows = (await this.em.getConnection().execute(query as never)) as Row[];
    return new Map(rows.map((r) => [String(r.parent), Number(r.n)]));
  }
}
