import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import type { ServiceDeps } from '../../context';
import { badInput, notFound } from '../../errors/codes';
import { DEFAULT_SORT, paginate, type SortKey } from './paginate';
import { CURSORS, type Selection } from './look-ahead';
import { columnsFor, readPlan } from './read-plan';
import { and } from '../../db/where';
import { lightFind, recall, type ReadPlan } from '../../db/light-find';
import type DataLoader from 'dataloader';
import { Rollups } from '../../analytics/rollups';
import { translateFilter, type FilterSpec } from './filters';
import { PAGE, type Page, type PageArgs } from './connection';
import type { ChildPages } from './child-pages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs on every backend; anything else is refused before it reaches a query. */
export function checkId(id: string, what = 'id'): string {
  if (typeof id !== 'string' || !UUID.test(id)) throw badInput(`${what} ${JSON.stringify(String(id).slice(0, 80))} is not a valid id (UUID)`);
  return id.toLowerCase();
}

/** A filter built by a service from typed arguments (never from raw client objects). */
export type Where = Record<string, unknown>;

type Keyed = { id: string; createdAt: Date };
type EntityClass<T> = new (...args: never[]) => T;

/** What every entity service shares: lookup by id that answers NOT_FOUND, and keyset paging. */
export abstract class EntityService<T extends Keyed> {
  constructor(
    protected readonly deps: ServiceDeps,
    private readonly entity: EntityClass<T>,
    /** The GraphQL type name, used in messages and cursors. */
    protected readonly label: string,
  ) {
  }

  /** The request's entity manager, for writes (forked on first use). */
  protected get em(): EntityManager {
    return this.deps.em;
  }

  /** The analytics rollups, maintained by writes to the rows they count (in the same transaction on SQL). */
  protected get rollups(): Rollups {
    return new Rollups(this.em);
  }

  /** Rows the caller may reach (see Access); every read goes through it. */
  protected abstract scope(): Promise<Where> | Where;

  /** The row for reading (a plain object), or null when the id is unknown or not the caller's (the two are indistinguishable). */
  async find(id: string, selection?: Selection): Promise<T | null> {
    const where = and({ id: checkId(id) }, await this.scope());
    const [row] = await lightFind(this.deps.scope, this.entity, where, { limit: 1, ...this.plan(selection) });
    return row ?? null;
  }

  /** The managed entity, for a mutation; a NOT_FOUND error naming the type and id otherwise. */
  async get(id: string, what = this.label): Promise<T> {
    const where = and({ id: checkId(id) }, await this.scope());
    const row = (await this.em.findOne(this.entity, where as FilterQuery<T>)) as T | null;
    if (!row) throw notFound(what, id);
    return row;
  }

  /**
   * A nested list under a parent the caller already reached (so its children are
   * theirs too): batched across parents for plain `first` pages, keyset otherwise.
   */
  protected childPage(loader: ChildPages<T>, parentId: string, filters: Where, args: PageArgs, selection?: Selection): Promise<Page<T>> {
    if (args.after == null && args.before == null && args.last == null) {
      return loader.load(parentId, filters, args.first ?? PAGE.DEFAULT, this.plan(selection, cursorKey(selection, 'createdAt')).fields);
    }
    return this.page({ ...filters, [loader.parentProp]: parentId }, args, undefined, selection);
  }

  protected async page(where: Where | (() => Where), args: PageArgs, sort: SortKey = DEFAULT_SORT, selection?: Selection): Promise<Page<T>> {
    const scope = await this.scope();
    const make = () => and(typeof where === 'function' ? where() : where, scope) as FilterQuery<T>;
    return paginate(this.deps.scope, this.entity, this.label, make, args, sort, this.plan(selection, cursorKey(selection, sort.field)));
  }

  /** Columns and joins for what the client selected on these rows (everything when not known). */
  protected plan(selection: Selection | undefined, extra: string[] = []): ReadPlan {
    return selection ? readPlan(this.deps.scope.root.getMetadata().get(this.entity.name), selection, extra) : {};
  }

  /**
   * A related row by id (a to-one field): at once when this request already read
   * it (joined into the list, or loaded before), else batched through `loader`.
   */
  protected related<R extends { id: string }>(entity: EntityClass<R>, loader: DataLoader<string, R | null>, id: string, selection?: Selection): R | Promise<R> {
    const needs = selection && columnsFor(this.deps.scope.root.getMetadata().get(entity.name), selection);
    const known = recall(this.deps.scope, entity, id, needs);
    if (known) return known;
    return loader.load(id).then((row) => {
      if (!row) throw notFound(entity.name, id);
      return row;
    });
  }

  /** A typed `filter` argument as a database query (see translateFilter). */
  protected filterWhere(filter: object | null | undefined, spec: FilterSpec): Where {
    const meta = this.deps.scope.root.getMetadata().get(this.entity.name);
    return translateFilter(filter as Record<string, unknown>, spec, this.deps.store.driver, (p) => meta.properties[p as never].fieldNames[0]);
  }

  /** Writes the given fields (undefined = leave unchanged) and flushes. */
  protected async patch(row: T, changes: Record<string, unknown>): Promise<T> {
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    this.em.assign(row, defined as never);
    await this.em.flush();
    return row;
  }

  /** Creates the row and flushes; unique violations surface as CONFLICT through formatError. */
  protected async insert(data: Record<string, unknown>): Promise<T> {
    // On create, a null from the client means "the default" (see IsOmittable).
    const given = Object.fromEntries(Object.entries(data).filter(([, v]) => v != null));
    const row = this.em.create(this.entity, given as never);
    await this.em.flush();
    return row;
  }
}

/** The sort key's property when the client may read cursors (they encode it); nothing otherwise. */
function cursorKey(selection: Selection | undefined, field: string): string[] {
  return selection?.[CURSORS] === false ? [] : [field];
}

/** Deletes rows matching `where` in chunks small enough for every backend's parameter limit. */
export async function deleteIn<T>(em: EntityManager, entity: EntityClass<T>, field: string, ids: string[]): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < ids.length; i += 5000) {
    deleted += await em.nativeDelete(entity, { [field]: { $in: ids.slice(i, i + 5000) } } as FilterQuery<T>);
  }
  return deleted;
}
