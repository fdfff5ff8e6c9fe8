import type { MikroORM } from '@mikro-orm/core';
import { ENTITIES } from '../entities';

/** Row count of every entity, in dependency order. */
export async function rowCounts(orm: MikroORM): Promise<Record<string, number>> {
  const em = orm.em.fork();
  const counts: Record<string, number> = {};
  for (const entity of ENTITIES) counts[entity.name] = await em.count(entity as never, {});
  return counts;
}
