import { raw, type EntityManager } from '@mikro-orm/core';

type EntityClass = new (...args: never[]) => object;
type Key = string | number | null;

export interface Group {
  /** Values of the grouped properties, in the order asked for. */
  keys: Key[];
  count: number;
  sum: number;
}

export interface GroupOptions {
  /** Property summed per group (0 when omitted). */
  sum?: string;
  /** Property summed as the group's count (rows that are counts themselves, e.g. rollups); COUNT(*) when omitted. */
  count?: string;
  /** Largest groups first, then at most this many. */
  top?: number;
}

/**
 * COUNT(*) and SUM(prop) per combination of `groupProps` over rows matching
 * `where`, computed by the database: GROUP BY on SQL, $group on MongoDB using only
 * $match, $group, $sum, $sort and $limit, which FerretDB implements as MongoDB does.
 */
export async function groupBy(em: EntityManager, entity: EntityClass, groupProps: string[], where: Record<string, unknown>, opts: GroupOptions = {}): Promise<Group[]> {
  const meta = em.getMetadata().get(entity.name);
  const column = (prop: string) => meta.properties[prop as never].fieldNames[0];
  if (em.getPlatform().constructor.name === 'MongoPlatform') return mongoGroupBy(em, entity, groupProps, where, opts, column);

  const qb = (em as unknown as { createQueryBuilder(e: EntityClass, alias: string): SqlQb }).createQueryBuilder(entity, 'x');
  const counted = opts.count ? `coalesce(sum(x.${column(opts.count)}), 0)` : 'count(*)';
  const fields: unknown[] = [raw(`${counted} as count`), raw(opts.sum ? `coalesce(sum(x.${column(opts.sum)}), 0) as sum` : '0 as sum')];
  groupProps.forEach((p, i) => fields.unshift(raw(`x.${column(p)} as k${i}`)));
  let q = qb.select(fields).where(where);
  if (groupProps.length) q = q.groupBy(groupProps.map((p) => raw(`x.${column(p)}`)));
  // Ties broken by the grouped values, so the top N is the same on every run and backend.
  if (opts.top) q = q.orderBy([{ [raw(counted)]: 'desc' }, ...groupProps.map((p) => ({ [raw(`x.${column(p)}`)]: 'asc' }))]).limit(opts.top);
  const rows = (await q.execute('all', false)) as Record<string, unknown>[];
  return rows.map((r) => ({ keys: groupProps.map((_, i) => (r[`k${i}`] as Key) ?? null), count: Number(r.count), sum: Number(r.sum ?? 0) })).sort(byCount);
}

async function mongoGroupBy(em: EntityManager, entity: EntityClass, groupProps: string[], where: Record<string, unknown>, opts: GroupOptions, column: (p: string) => string): Promise<Group[]> {
  const mongo = em as unknown as { aggregate(entity: EntityClass, pipeline: object[]): Promise<Record<string, unknown>[]> };
  const match = Object.fromEntries(Object.entries(where).map(([k, v]) => [k.startsWith('$') ? k : column(k), v]));
  const _id = groupProps.length ? Object.fromEntries(groupProps.map((p, i) => [`k${i}`, `$${column(p)}`])) : null;
  const keyOf = (id: unknown) => JSON.stringify(groupProps.map((_, i) => (id as Record<string, Key> | null)?.[`k${i}`] ?? null));
  // One accumulator per $group: FerretDB 1.24 computes only the first accumulator
  // of a $group correctly (later ones come back 0), so count and sum run apart.
  const countPipeline: object[] = [{ $match: match }, { $group: { _id, value: { $sum: opts.count ? `$${column(opts.count)}` : 1 } } }];
  // Ties broken by the grouped values, so the top N is the same on every run and backend.
  if (opts.top) countPipeline.push({ $sort: { value: -1, _id: 1 } }, { $limit: opts.top });
  const counts = await mongo.aggregate(entity, countPipeline);
  const sums = opts.sum ? await mongo.aggregate(entity, [{ $match: match }, { $group: { _id, value: { $sum: `$${column(opts.sum)}` } } }]) : [];
  const sumBy = new Map(sums.map((r) => [keyOf(r._id), Number(r.value ?? 0)]));
  return counts.map((r) => ({ keys: JSON.parse(keyOf(r._id)) as Key[], count: Number(r.value), sum: sumBy.get(keyOf(r._id)) ?? 0 })).sort(byCount);
}

interface SqlQb {
  select(fields: unknown[]): SqlQb;
  where(w: object): SqlQb;
  groupBy(f: unknown): SqlQb;
  orderBy(o: unknown): SqlQb;
  limit(n: number): SqlQb;
  execute(mode: string, mapResults: boolean): Promise<unknown>;
}

const byCount = (a: Group, b: Group) => b.count - a.count || JSON.stringify(a.keys).localeCompare(JSON.stringify(b.keys));
