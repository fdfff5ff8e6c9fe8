import type { EntityName, FilterQuery } from '@mikro-orm/core';
import { readConnection } from '../../db/read-target';
import type { ReadScope } from '../../db/read-scope';
import { badInput } from '../../errors/codes';
import { PAGE, type Page, type PageArgs } from './connection';
import { and } from '../../db/where';
import { lightFind, type ReadPlan } from '../../db/light-find';

/** Rows that can be paged by keyset: a sort field, then id as tie-breaker. */
/** A row of a page: its id, and its sort key when the read plan took it (cursors read it, see cursorKey). */
interface Keyed {
  id: string;
}

/** The order of a list: a non-null property and a direction; id breaks ties the same way. */
export interface SortKey {
  field: string;
  direction: 'asc' | 'desc';
}

export const DEFAULT_SORT: SortKey = { field: 'createdAt', direction: 'asc' };

/** Cursors hold dates as epoch milliseconds, tagged so they decode back to Date. */
const encodeValue = (v: unknown) => (v instanceof Date ? { d: v.getTime() } : v);
const decodeValue = (v: unknown) => (v && typeof v === 'object' && Number.isSafeInteger((v as { d: number }).d) ? new Date((v as { d: number }).d) : v);

/**
 * Cursors encode the list they belong to, its sort field, the row's value of it
 * and its id, so page N costs what page 1 costs and rows inserted meanwhile
 * neither repeat nor vanish. Opaque to clients (base64url of JSON).
 */
export function encodeCursor(kind: string, row: Keyed, sort: SortKey = DEFAULT_SORT): string {
  const value = (row as Keyed & Record<string, unknown>)[sort.field];
  return Buffer.from(JSON.stringify([kind, sort.field, encodeValue(value), row.id])).toString('base64url');
}

export function decodeCursor(kind: string, cursor: string, sort: SortKey = DEFAULT_SORT): { value: unknown; id: string } {
  let value: unknown;
  try {
    if (cursor.length > 400) throw new Error('too long');
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  const ok =
    Array.isArray(value) &&
    value.length === 4 &&
    value[0] === kind &&
    ['string', 'number', 'object'].includes(typeof value[2]) &&
    value[2] !== null &&
    typeof value[3] === 'string' &&
    /^[0-9a-f-]{36}$/.test(value[3]);
  if (!ok) throw badInput(`Cursor ${JSON.stringify(cursor.slice(0, 80))} is not a valid ${kind} cursor`);
  const [, field, raw, id] = value as [string, string, unknown, string];
  if (field !== sort.field) throw badInput(`Cursor was issued for a list ordered by ${field}, not ${sort.field}`);
  return { value: decodeValue(raw), id };
}

/** An edge whose cursor is encoded only if the client asks for it. */
class LazyEdge<T extends Keyed> {
  constructor(
    readonly node: T,
    private readonly kind: string,
    private readonly sort: SortKey,
  ) {}

  get cursor(): string {
    return encodeCursor(this.kind, this.node, this.sort);
  }
}

export function edgeOf<T extends Keyed>(kind: string, node: T, sort: SortKey = DEFAULT_SORT): { cursor: string; node: T } {
  return new LazyEdge(node, kind, sort);
}

/**
 * Which rows a page argument set asks for: the direction read, the page size,
 * the cursor's position, checked once for every read path (paginate, the
 * compiled tree read).
 */
export interface PageWindow {
  kind: string;
  sort: SortKey;
  size: number;
  backward: boolean;
  /** The direction rows are read in (reversed for a backward page). */
  dir: 'asc' | 'desc';
  /** The cursor's position, when there is one. */
  at?: { value: unknown; id: string };
}

export function pageWindow(kind: string, args: PageArgs, sort: SortKey = DEFAULT_SORT): PageWindow {
  if (args.first != null && args.last != null) throw badInput('Pass either first or last, not both');
  if (args.after != null && args.last != null) throw badInput('after goes with first; use before with last');
  if (args.before != null && args.first != null) throw badInput('before goes with last; use after with first');
  const backward = args.last != null || args.before != null;
  const size = (backward ? args.last : args.first) ?? PAGE.DEFAULT;
  const cursor = backward ? args.before : args.after;
  // Walking backward reads the list in reverse, then flips the page.
  const dir: 'asc' | 'desc' = backward === (sort.direction === 'asc') ? 'desc' : 'asc';
  return { kind, sort, size, backward, dir, at: cursor != null ? decodeCursor(kind, cursor, sort) : undefined };
}

/** The rows past the window's cursor, as a filter (MikroORM's and the SQL compiler's form). */
export function afterCursor(w: PageWindow): Record<string, unknown> | undefined {
  if (!w.at) return undefined;
  const op = w.dir === 'asc' ? '$gt' : '$lt';
  return { $or: [{ [w.sort.field]: { [op]: w.at.value } }, { [w.sort.field]: w.at.value, id: { [op]: w.at.id } }] };
}

/**
 * The page's rows, in list order, from the rows read in the window's order
 * (one past the page says whether there is a next one), and which sides have
 * more: only the side walked towards is known exactly; the other side is
 * reported from the cursor (an item existed there when it was issued).
 */
export function pageSlice<T>(w: PageWindow, rows: T[]): { rows: T[]; hasNextPage: boolean; hasPreviousPage: boolean } {
  const more = rows.length > w.size;
  const pageRows = rows.slice(0, w.size);
  if (w.backward) pageRows.reverse();
  const cursor = w.at != null;
  return { rows: pageRows, hasNextPage: w.backward ? cursor : more, hasPreviousPage: w.backward ? more : cursor };
}

/** The page from the rows read in the window's order (see pageSlice). */
export function pageFrom<T extends Keyed>(w: PageWindow, rows: T[], totalCount: () => number | Promise<number>): Page<T> {
  const { rows: pageRows, hasNextPage, hasPreviousPage } = pageSlice(w, rows);
  const edges = pageRows.map((node) => edgeOf(w.kind, node, w.sort));
  return {
    edges,
    nodes: pageRows,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      // Getters: cursors are encoded only when asked for.
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges[edges.length - 1]?.cursor ?? null;
      },
    },
    // A getter, so the count runs only when the client selects totalCount.
    get totalCount() {
      return totalCount();
    },
  };
}

/** One keyset page of `entity` matching `where` in `sort` order, forward (first/after) or backward (last/before). */
export async function paginate<T extends Keyed>(
  scope: ReadScope,
  entity: EntityName<T>,
  kind: string,
  /** The filter, or a function making it: raw SQL fragments in a filter can be used by one query only. */
  filter: FilterQuery<T> | (() => FilterQuery<T>),
  args: PageArgs,
  sort: SortKey = DEFAULT_SORT,
  /** Columns and to-one joins to read (see lightFind). */
  plan: ReadPlan = {},
): Promise<Page<T>> {
  const where = () => (typeof filter === 'function' ? (filter as () => FilterQuery<T>)() : filter);
  const w = pageWindow(kind, args, sort);
  const cursor = afterCursor(w);
  const conditions: Record<string, unknown>[] = [where() as Record<string, unknown>, ...(cursor ? [cursor] : [])];
  // One row past the page says whether there is a next one (for first: 0 too: a client asking only for pageInfo).
  const rows = (await lightFind(scope, entity as never, and(...conditions), { orderBy: { [sort.field]: w.dir, id: w.dir }, limit: w.size + 1, ...plan })) as T[];
  return pageFrom(w, rows, () => scope.em.count(entity, where(), { connectionType: readConnection() }));
}
