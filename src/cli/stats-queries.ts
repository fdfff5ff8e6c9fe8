import type { MikroORM } from '@mikro-orm/core';
import { ENTITIES } from '../entities';

/** Row count of every entity, in dependency order. */
export async function rowCounts(orm: MikroORM): Promise<Record<string, number>> {
  const em = orm.em.fork();
  const counts: Record<string, number> = {};
  for (const entity of ENTITIES) counts[entity.name] = await em.count(entity, {});
  return counts;
}

/** Size of the database in bytes where the backend can tell, else null. */
export async function databaseSize(orm: MikroORM): Promise<number | null> {
  const conn = orm.em.getConnection() as unknown as {
    execute?(sql: string): Promise<Record<string, unknown>[]>;
    getDb?(): { command(c: object): Promise<Record<string, unknown>> };
  };
  const platform = orm.em.getPlatform().constructor.name;
  try {
    if (conn.getDb) {
      const stats = await conn.getDb().command({ dbStats: 1 });
      return Number(stats.storageSize ?? 0) + Number(stats.indexSize ?? 0) || Number(stats.dataSize ?? 0) || null;
    }
    if (platform === 'SqlitePlatform') {
      const [row] = await conn.execute!('select page_count * page_size as size from pragma_page_count(), pragma_page_size()');
      return Number(row.size);
    }
    const [row] = await conn.execute!('select pg_database_size(current_database()) as size');
    return Number(row.size);
  } catch {
    return null;
  }
}
