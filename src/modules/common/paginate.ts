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
  if (args.first != null && args.last != null) throw badInput('Pass either first or last, not both');
  if (args.after != null && args.last != null) throw badInput('after goes with first; use before with last');
  if (args.before != null && args.first != null) throw badInput('before goes with last; use after with first');

  const backward = args.last != null || args.before != null;
  const size = (backward ? args.last : args.first) ?? PAGE.DEFAULT;
  const cursor = backward ? args.before : args.after;
  // Walking backward reads the list in reverse, then flips the page.
  const dir: 'asc' | 'desc' = backward === (sort.direction === 'asc') ? 'desc' : 'asc';
  const conditions: Record<string, unknown>[] = [where() as Record<string, unknown>];
  if (cursor != null) {
    const at = decodeCursor(kind, cursor, sort);
    const op = dir === 'asc' ? '$gt' : '$lt';
    conditions.push({
      $or: [{ [sort.field]: { [op]: at.value } }, { [sort.field]: at.value, id: { [op]: at.id } }],
    });
  }
  // One row past the page says whether there is a next one (for first: 0 too: a client asking only for pageInfo).
  const rows = (await lightFind(scope, entity as never, and(...conditions), { orderBy: { [sort.field]: dir, id: dir }, limit: size + 1, ...plan })) as T[];

  const more = rows.length > size;
  const pageRows = rows.slice(0, size);
  if (backward) pageRows.reverse();
  const edges = pageRows.map((node) => edgeOf(kind, node, sort));
  return {
    edges,
    pageInfo: {
      // Only the side we walked towards is known exactly; the other side is
      // reported from the cursor (an item existed there when it was issued).
      hasNextPage: backward ? cursor != null : more,
      hasPreviousPage: backward ? more : cursor != null,
      // Getters: cursors are encoded only when asked for.
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges[edges.length - 1]?.cursor ?? null;
      },
    },
    // A getter, so the count query runs only when the client selects totalCount.
    get totalCount() {
      return scope.em.count(entity, where(), { connectionType: readConnection() });
    },
  };
}
