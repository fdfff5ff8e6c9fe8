import { raw, type EntityManager } from '@mikro-orm/core';

type EntityClass = new (...args: never[]) => object;

export interface Group {
  key: string | null;
  count: number;
  sum: number;
}

/**
 * COUNT(*) and SUM(sumProp) per value of groupProp over rows matching `where`,
 * computed by the database: GROUP BY on SQL, $group on MongoDB (only $match,
 * $group and $sum, which FerretDB implements as MongoDB does).
 */
export async function groupBy(
  em: EntityManager,
  entity: EntityClass,
  groupProp: string | null,
  sumProp: string,
  where: Record<string, unknown>,
): Promise<Group[]> {
  const meta = em.getMetadata().get(entity.name);
  const column = (prop: string) => meta.properties[prop as never].fieldNames[0];
  const mongo = em as unknown as { aggregate?(entity: EntityClass, pipeline: object[]): Promise<Record<string, unknown>[]> };
  if (em.getPlatform().constructor.name === 'MongoPlatform') {
    const match = translateWhere(where, column);
    const _id = groupProp ? `$${column(groupProp)}` : null;
    // One accumulator per $group: FerretDB 1.24 computes only the first accumulator
    // of a $group correctly (later ones come back 0), so count and sum run apart.
    const [counts, sums] = await Promise.all([
      mongo.aggregate!(entity, [{ $match: match }, { $group: { _id, value: { $sum: 1 } } }]),
      mongo.aggregate!(entity, [{ $match: match }, { $group: { _id, value: { $sum: `$${column(sumProp)}` } } }]),
    ]);
    const sumBy = new Map(sums.map((r) => [r._id ?? null, Number(r.value ?? 0)]));
    return counts
      .map((r) => ({ key: (r._id as string | null) ?? null, count: Number(r.value), sum: sumBy.get(r._id ?? null) ?? 0 }))
      .sort(byCount);
  }
  const qb = (em as unknown as { createQueryBuilder(e: EntityClass, alias: string): SqlQb }).createQueryBuilder(entity, 'x');
  const fields = [raw(`count(*) as count`), raw(`coalesce(sum(x.${column(sumProp)}), 0) as sum`)];
  if (groupProp) fields.unshift(raw(`x.${column(groupProp)} as ${'key'}`));
  let q = qb.select(fields).where(where);
  if (groupProp) q = q.groupBy(raw(`x.${column(groupProp)}`));
  const rows = (await q.execute('all', false)) as Record<string, unknown>[];
  return rows.map((r) => ({ key: groupProp ? ((r.key as string | null) ?? null) : null, count: Number(r.count), sum: Number(r.sum ?? 0) })).sort(byCount);
}

interface SqlQb {
  select(fields: unknown[]): SqlQb;
  where(w: object): SqlQb;
  groupBy(f: unknown): SqlQb;
  execute(mode: string, mapResults: boolean): Promise<unknown>;
}

const byCount = (a: Group, b: Group) => b.count - a.count || String(a.key).localeCompare(String(b.key));

/** Our filters use property names and $gte/$lt on dates; MongoDB needs field names. */
function translateWhere(where: Record<string, unknown>, column: (p: string) => string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(where).map(([k, v]) => [column(k), v]));
}
