import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/core';
import { badInput } from '../../errors/codes';
import { PAGE, type Page, type PageArgs } from './connection';

/** Rows that can be paged by keyset: creation time, then id as tie-breaker. */
interface Keyed {
  id: string;
  createdAt: Date;
}

/**
 * Cursors encode the sort key (createdAt, id) and the list they belong to, so
 * page N costs what page 1 costs and rows inserted meanwhile neither repeat nor
 * vanish. They are opaque to clients (base64url of JSON).
 */
export function encodeCursor(kind: string, row: Keyed): string {
  return Buffer.from(JSON.stringify([kind, row.createdAt.getTime(), row.id])).toString('base64url');
}

export function decodeCursor(kind: string, cursor: string): { createdAt: Date; id: string } {
  try {
    if (cursor.length > 200) throw new Error('too long');
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3 && value[0] === kind && Number.isSafeInteger(value[1]) && typeof value[2] === 'string' && /^[0-9a-f-]{36}$/.test(value[2])) {
      return { createdAt: new Date(value[1]), id: value[2] };
    }
  } catch {
    // fall through to the error below
  }
  throw badInput(`Cursor ${JSON.stringify(cursor.slice(0, 80))} is not a valid ${kind} cursor`);
}

/** One keyset page of `entity` matching `where`, forward (first/after) or backward (last/before). */
export async function paginate<T extends Keyed>(
  em: EntityManager,
  entity: EntityName<T>,
  kind: string,
  where: FilterQuery<T>,
  args: PageArgs,
): Promise<Page<T>> {
  if (args.first != null && args.last != null) throw badInput('Pass either first or last, not both');
  if (args.after != null && args.last != null) throw badInput('after goes with first; use before with last');
  if (args.before != null && args.first != null) throw badInput('before goes with last; use after with first');

  const backward = args.last != null || args.before != null;
  const size = (backward ? args.last : args.first) ?? PAGE.DEFAULT;
  const cursor = backward ? args.before : args.after;
  const conditions: FilterQuery<T>[] = [where];
  if (cursor != null) {
    const at = decodeCursor(kind, cursor);
    const op = backward ? '$lt' : '$gt';
    conditions.push({
      $or: [{ createdAt: { [op]: at.createdAt } }, { createdAt: at.createdAt, id: { [op]: at.id } }],
    } as FilterQuery<T>);
  }
  const dir = backward ? 'desc' : 'asc';
  const rows =
    size === 0
      ? []
      : ((await em.find(entity, { $and: conditions } as FilterQuery<T>, {
          orderBy: { createdAt: dir, id: dir } as never,
          limit: size + 1,
        })) as T[]);

  const more = rows.length > size;
  const pageRows = rows.slice(0, size);
  if (backward) pageRows.reverse();
  const edges = pageRows.map((node) => ({ cursor: encodeCursor(kind, node), node }));
  return {
    edges,
    pageInfo: {
      // Only the side we walked towards is known exactly; the other side is
      // reported from the cursor (an item existed there when it was issued).
      hasNextPage: backward ? cursor != null : more,
      hasPreviousPage: backward ? more : cursor != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    // A getter, so the count query runs only when the client selects totalCount.
    get totalCount() {
      return em.count(entity, where);
    },
  };
}
