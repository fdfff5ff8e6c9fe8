import type { EntityManager } from '@mikro-orm/core';
import type { ReadScope } from '../../db/read-scope';
import DataLoader from 'dataloader';
import type { Store } from '../../db/store';
import { edgeOf } from './paginate';
import { adoptRow, fromRaw, lightRow, rowPrototype } from '../../db/light-find';
import { sqlReaderOf } from '../../db/sql-read';
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

  /** The first `first` children of `parentId` matching equality `filters`; `fields`: the columns to read (SQL; all when absent). */
  load(parentId: string, filters: Row, first: number, fields?: string[]): Promise<Page<T>> {
    const key = JSON.stringify([filters, first, fields ?? null]);
    let loader = this.pages.get(key);
    if (!loader) {
      loader = new DataLoader((ids) => this.batch([...ids], filters, first, fields));
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

  private async batch(ids: string[], filters: Row, first: number, fields: string[] | undefined): Promise<Page<T>[]> {
    const rows = first === 0 ? [] : await this.rows(ids, filters, first + 1, fields);
    const byParent = new Map<string, T[]>(ids.map((id) => [id, []]));
    for (const row of rows) byParent.get((row[this.parentProp] as { id: string }).id)?.push(row as T);
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

  /** Light rows (see lightRow) of the first `perParent` children of each parent. */
  private async rows(ids: string[], filters: Row, perParent: number, fields: string[] | undefined): Promise<Row[]> {
    const reader = sqlReaderOf(this.em.getDriver());
    if (reader) {
      const prototype = rowPrototype(this.scope, this.entity as EntityClass<object>);
      const rows = await reader.firstPerParent(this.entity.name, this.parentProp, ids, filters, perParent, this.direction, fields, prototype);
      // Only typed equality filters reach here, which the SQL compiler always takes.
      if (!rows) throw new Error(`${this.entity.name}: child page filter not compilable`);
      const held = fields ? new Set(fields) : null;
      return rows.map((row) => adoptRow(this.scope, this.entity, row, held) as Row);
    }
    const raw = await this.mongoRows(ids, filters, perParent);
    return raw.map((r) => lightRow(this.scope, this.entity, fromRaw(this.em, this.entity, r)) as Row);
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
    const { meta } = this.meta();
    if (this.store.driver === 'mongodb') {
      const collection = (this.em.getConnection() as unknown as { getCollection(n: string): import('mongodb').Collection }).getCollection(meta.collection);
      const rows = await collection.aggregate([{ $match: { ...this.mongoFilters(filters), [this.parentProp]: { $in: ids } } }, { $group: { _id: `$${this.parentProp}`, n: { $sum: 1 } } }]).toArray();
      return new Map(rows.map((r) => [String(r._id), Number(r.n)]));
    }
    const counts = await sqlReaderOf(this.em.getDriver())!.countPerParent(this.entity.name, this.parentProp, ids, filters);
    if (!counts) throw new Error(`${this.entity.name}: child count filter not compilable`);
    return counts;
  }
}
