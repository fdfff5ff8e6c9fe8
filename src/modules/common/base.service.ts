import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import type { InsertOptions, OwnerScope } from '../../db/backend/backend';
import { newRow } from '../../db/backend/entity-rules';
import type { ServiceDeps } from '../../context';
import { badInput, notFound } from '../../errors/codes';
import { DEFAULT_SORT, paginate, type SortKey } from './paginate';
import { CURSORS, type Selection } from './look-ahead';
import { columnsFor, readPlan } from './read-plan';
import { and } from '../../db/where';
import { lightFind, lightRow, recall, type ReadPlan, type ReadRow } from '../../db/light-find';
import type DataLoader from 'dataloader';
import { sortKey, translateFilter, type FilterSpec, type SortDirection } from './filters';
import { PAGE, type Page, type PageArgs } from './connection';
import type { ChildPages } from './child-pages';
import type { ChangeKind } from '../../live/live-events';
import type { GraphQLResolveInfo } from 'graphql';
import { planOne, planPage, type PlannedList } from './tree-plan';
import { shapeRoot } from './tree-result';
import { TreeAnswer, wantsAnswer } from './tree-answer';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs on every backend; anything else is refused before it reaches a query. */
export function checkId(id: string, what = 'id'): string {
  if (typeof id !== 'string' || !UUID.test(id)) throw badInput(`${what} ${JSON.stringify(String(id).slice(0, 80))} is not a valid id (UUID)`);
  return id.toLowerCase();
}

/** A list's page arguments with its typed filter and order (see filters.ts). */
export type ListArgs = PageArgs & { filter?: object | null; orderBy?: { field: string; direction?: SortDirection | null } | null };

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
  ) {}

  /** The request's entity manager, for writes (forked on first use). */
  protected get em(): EntityManager {
    return this.deps.em;
  }

  /** Rows the caller may reach (see Access); every read goes through it. */
  protected abstract scope(): Promise<Where> | Where;

  /** Cursor kind, and the GraphQL type name (see ListSource). */
  get kind(): string {
    return this.label;
  }

  /** How a list of these rows is filtered: the typed filter's fields. */
  protected abstract readonly filterSpec: FilterSpec;

  /** A list's own equality arguments (status, language...) as a filter. */
  protected argFilters(_args: ListArgs): Where {
    return {};
  }

  /** A list's own conditions from its arguments (equality arguments and the typed filter), without access rules. */
  listWhere(args: ListArgs): Where {
    return and(this.argFilters(args), this.filterWhere(args.filter, this.filterSpec));
  }

  /**
   * The row for reading (a plain object), or null when the id is unknown or not
   * the caller's (the two are indistinguishable). With `info`, the root field's
   * whole selection is read with it where the backend compiles trees.
   */
  async find(id: string, selection?: Selection, info?: GraphQLResolveInfo): Promise<ReadRow<T> | null> {
    const where = and({ id: checkId(id) }, await this.scope());
    const compiled = info && (await this.compiled(info, () => planOne(this.planner(info), this.entity.name, where)));
    if (compiled) return compiled.value as ReadRow<T> | null;
    const [row] = await lightFind(this.deps.scope, this.entity, where, { limit: 1, ...this.plan(selection) });
    return row ?? null;
  }

  /** The rows with these (checked) ids that the caller may reach; others are left out. */
  async findMany(ids: string[]): Promise<ReadRow<T>[]> {
    if (!ids.length) return [];
    return (await lightFind(this.deps.scope, this.entity, and({ id: { $in: ids } }, await this.scope()), {})) as unknown as ReadRow<T>[];
  }

  /**
   * A nested list under a parent the caller already reached (so its children are
   * theirs too): batched across parents for plain `first` pages in the default
   * order; with a typed filter, an order or a cursor, a keyset page per parent.
   */
  protected childPage(loader: ChildPages<T>, parentId: string, args: ListArgs, selection?: Selection): Promise<Page<ReadRow<T>>> {
    const sort = sortKey(args.orderBy);
    if (args.after == null && args.before == null && args.last == null && args.filter == null && !sort) {
      return loader.load(parentId, this.argFilters(args), args.first ?? PAGE.DEFAULT, this.plan(selection, cursorKey(selection, 'createdAt')).fields);
    }
    return this.page(() => and({ [loader.parentProp]: parentId }, this.listWhere(args)), args, sort, selection);
  }

  /** One page of the rows matching `where` that the caller may reach; with `info`, read as one tree where the backend compiles trees. */
  protected async page(where: Where | (() => Where), args: PageArgs, sort: SortKey = DEFAULT_SORT, selection?: Selection, info?: GraphQLResolveInfo): Promise<Page<ReadRow<T>>> {
    const scope = await this.scope();
    const make = () => and(typeof where === 'function' ? where() : where, scope) as FilterQuery<T>;
    const compiled = info && (await this.compiled(info, () => planPage(this.planner(info), this.entity.name, this.label, make() as Where, args, sort)));
    if (compiled) return compiled.value as Page<ReadRow<T>>;
    return paginate(this.deps.scope, this.entity, this.label, make, args, sort, this.plan(selection, cursorKey(selection, sort.field)));
  }

  /**
   * A root field's whole selection read in one statement (see tree-plan.ts),
   * or undefined when the batched path must answer: compiled reads off, a
   * backend or server without them (FerretDB), or a selection or argument the planner
   * does not take (client errors included, which the batched path then
   * reports at the field they belong to). When the executor asked for it
   * (see tree-answer.ts), a TreeAnswer it writes the response from.
   */
  private async compiled(info: GraphQLResolveInfo, plan: () => PlannedList): Promise<{ value: unknown } | undefined> {
    const { store, scope } = this.deps;
    if (!store.backend.readTree || store.settings.compiledReads === false) return undefined;
    let list: PlannedList;
    try {
      list = plan();
    } catch {
      store.readPaths.batched++;
      return undefined;
    }
    const rows = await store.backend.readTree(list);
    if (!rows) {
      store.readPaths.batched++;
      return undefined;
    }
    store.readPaths.compiled++;
    if (list.direct && wantsAnswer(info)) return { value: new TreeAnswer(list, rows, () => shapeRoot(scope, list, rows)) };
    return { value: shapeRoot(scope, list, rows) };
  }

  private planner(info: GraphQLResolveInfo) {
    const metadata = this.deps.scope.root.getMetadata();
    return { info, metaOf: (name: string) => metadata.getByClassName(name, false), sources: this.deps.sources() };
  }

  /** Columns and joins for what the client selected on these rows (everything when not known). */
  protected plan(selection: Selection | undefined, extra: string[] = []): ReadPlan {
    return selection ? readPlan(this.deps.scope.root.getMetadata().getByClassName(this.entity.name), selection, extra) : {};
  }

  /**
   * A related row by id (a to-one field): at once when this request already read
   * it (joined into the list, or loaded before), else batched through `loader`.
   */
  protected related<R extends { id: string }>(entity: EntityClass<R>, loader: DataLoader<string, R | null>, id: string, selection?: Selection): R | Promise<R> {
    const needs = selection && columnsFor(this.deps.scope.root.getMetadata().getByClassName(entity.name), selection);
    const known = recall(this.deps.scope, entity, id, needs);
    if (known) return known;
    return loader.load(id).then((row) => {
      if (!row) throw notFound(entity.name, id);
      return row;
    });
  }

  /** A typed `filter` argument as a database query (see translateFilter). */
  protected filterWhere(filter: object | null | undefined, spec: FilterSpec): Where {
    const meta = this.deps.scope.root.getMetadata().getByClassName(this.entity.name);
    return translateFilter(filter as Record<string, unknown>, spec, this.deps.store.backend, (p) => meta.properties[p as never].fieldNames[0]);
  }

  /**
   * Creates a row from `data` (nulls and missing values take the entity's
   * defaults) through the backend, which checks its parent in the same write:
   * the row as stored.
   */
  protected async createRow(data: Record<string, unknown>, options?: InsertOptions, owner: OwnerScope = this.deps.access.ownerScope()): Promise<T> {
    const meta = this.deps.scope.root.getMetadata().getByClassName(this.entity.name);
    const row = newRow(meta, this.entity as unknown as new () => object, data);
    const stored = await this.deps.store.backend.insert(this.entity.name, row, owner, options);
    this.announce('created', stored);
    return this.asRead(stored);
  }

  /** Sets the given fields (undefined = leave unchanged) in one atomic write: the row as that write stored it. */
  protected async updateRow(id: string, changes: Record<string, unknown>): Promise<T> {
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const row = await this.deps.store.backend.update(this.entity.name, checkId(id), this.deps.access.ownerScope(), defined);
    if (!row) throw notFound(this.label, id);
    this.announce('updated', row);
    return this.asRead(row);
  }

  /** Deletes row `id` (and what hangs from it) if the caller may reach it: the row as it was (NOT_FOUND otherwise). */
  protected async removeRow(id: string): Promise<Record<string, unknown>> {
    const row = await this.deps.store.backend.remove(this.entity.name, checkId(id), this.deps.access.ownerScope());
    if (!row) throw notFound(this.label, id);
    this.announce('deleted', row);
    return row;
  }

  /**
   * Tells subscriptions about a stored write (see live-events.ts; services with
   * events add theirs). Live queries hear of every write: a user's own writes
   * touch only their data; an admin's could be anyone's.
   */
  protected announce(change: ChangeKind, _row: Record<string, unknown>): void {
    const access = this.deps.access;
    this.deps.store.changed(this.label, change, access.isAdmin ? null : (access.caller.user?.id ?? null));
  }

  /** A row a write returned, as the read path shapes rows (and remembered for this request's resolvers). */
  private asRead(row: Record<string, unknown>): T {
    return lightRow(this.deps.scope, this.entity, row);
  }
}

/** The sort key's property when the client may read cursors (they encode it); nothing otherwise. */
function cursorKey(selection: Selection | undefined, field: string): string[] {
  return selection?.[CURSORS] === false ? [] : [field];
}
