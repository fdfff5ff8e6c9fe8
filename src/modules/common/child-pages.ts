import type { EntityManager } from '@mikro-orm/core';
import type { ReadScope } from '../../db/read-scope';
import DataLoader from 'dataloader';
import type { Store } from '../../db/store';
import { edgeOf } from './paginate';
import { adoptRow, rowPrototype, type ReadRow } from '../../db/light-find';
import type { Page } from './connection';

type Keyed = { id: string; createdAt: Date };
type EntityClass<T> = new (...args: never[]) => T;
type Row = Record<string, unknown>;

/**
 * First pages of one kind of child (projects of users, code generations of
 * projects...) for many parents at once, so a nested list costs the same number
 * of round trips for 5 parents as for 50 (how, per database: Backend.childRows).
 * Counts (totalCount) are batched the same way (Backend.countPerParent).
 * Only plain `first` pages are batched; cursors fall back to per-parent keyset pages.
 */
export class ChildPages<T extends Keyed> {
  private readonly pages = new Map<string, DataLoader<string, Page<ReadRow<T>>>>();
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
  load(parentId: string, filters: Row, first: number, fields?: string[]): Promise<Page<ReadRow<T>>> {
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

  private async batch(ids: string[], filters: Row, first: number, fields: string[] | undefined): Promise<Page<ReadRow<T>>[]> {
    // One child past the page per parent says whether there is a next one (for first: 0 too).
    const rows = await this.rows(ids, filters, first + 1, fields);
    const byParent = new Map<string, ReadRow<T>[]>(ids.map((id) => [id, []]));
    for (const row of rows) byParent.get((row[this.parentProp] as { id: string }).id)?.push(row as ReadRow<T>);
    return ids.map((id) => {
      const all = byParent.get(id)!;
      const nodes = all.slice(0, first);
      const edges = nodes.map((node) => edgeOf(this.kind, node));
      const count = () => this.count(id, filters);
      return {
        edges,
        nodes,
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
    const entity = this.entity as EntityClass<object>;
    const rows = await this.store.backend.childRows({
      entity: entity.name,
      prototype: rowPrototype(this.scope, entity),
      parentProp: this.parentProp,
      parentIds: ids,
      filters,
      perParent,
      direction: this.direction,
      fields,
      counts: (parentIds) => this.countLoader(filters).loadMany(parentIds) as Promise<number[]>,
    });
    const held = fields ? new Set(fields) : null;
    return rows.map((row) => adoptRow(this.scope, entity, row, held) as Row);
  }

  /** Children per parent matching `filters`: one GROUP BY (SQL) or $group (MongoDB). */
  private groupCounts(ids: string[], filters: Row): Promise<Map<string, number>> {
    return this.store.backend.countPerParent(this.em, this.entity.name, this.parentProp, ids, filters);
  }
}
