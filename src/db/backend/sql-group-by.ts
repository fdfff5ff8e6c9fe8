import { raw, type EntityManager } from '@mikro-orm/core';
import { readConnection } from '../read-target';
import { byCount, type EntityClass, type Group, type GroupOptions, type Key } from '../aggregate';

/** COUNT(*) and SUM(prop) per combination of `groupProps` over rows matching `where`: one GROUP BY. */
export async function sqlGroupBy(em: EntityManager, entity: EntityClass, groupProps: string[], where: Record<string, unknown>, opts: GroupOptions = {}): Promise<Group[]> {
  const meta = em.getMetadata().getByClassName(entity.name);
  const column = (prop: string) => meta.properties[prop as never].fieldNames[0];
  const qb = (em as unknown as { createQueryBuilder(e: EntityClass, alias: string, type: string): SqlQb }).createQueryBuilder(entity, 'x', readConnection());
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

interface SqlQb {
  select(fields: unknown[]): SqlQb;
  where(w: object): SqlQb;
  groupBy(f: unknown): SqlQb;
  orderBy(o: unknown): SqlQb;
  limit(n: number): SqlQb;
  execute(mode: string, mapResults: boolean): Promise<unknown>;
}
