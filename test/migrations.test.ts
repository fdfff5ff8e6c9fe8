import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/core';
import { migrateUp, migrator } from '../src/db/migrate';
import { initORM } from '../src/db/orm';
import { createBackend } from '../src/db/drivers';
import { freshDatabase, selectedBackends, type TestDatabase } from './support/backends';
import { MIGRATIONS } from './support/migration-names';

/** Names of the tables / collections the entities live in. */
async function storedCollections(orm: MikroORM): Promise<string[]> {
  const conn = orm.em.getConnection() as unknown as {
    execute?(sql: string): Promise<{ name: string }[]>;
    getDb?(): { listCollections(): { toArray(): Promise<{ name: string }[]> } };
  };
  const wanted = ['auto_saves', 'code_generations', 'project_analyses', 'projects', 'users'];
  let names: string[];
  if (conn.getDb) names = (await conn.getDb().listCollections().toArray()).map((c) => c.name);
  else if (orm.config.get('dbName') && /sqlite/i.test(orm.em.getPlatform().constructor.name)) names = (await conn.execute!(`select name from sqlite_master where type = 'table'`)).map((r) => r.name);
  else names = (await conn.execute!(`select table_name as name from information_schema.tables where table_schema = 'public'`)).map((r) => r.name);
  return names.filter((n) => wanted.includes(n)).sort();
}

describe.each(selectedBackends())('migrations on %s', (backend) => {
  let db: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    db = freshDatabase(backend);
    orm = await initORM({ driver: backend, databaseUrl: db.databaseUrl });
  });
  afterAll(async () => {
    await orm?.close(true);
    db?.dispose();
  });

  it('applies all, matches the entities, rolls all back and applies again', async () => {
    expect(await storedCollections(orm)).toEqual([]);
    const applied = await migrateUp(orm);
    expect(applied).toEqual(MIGRATIONS);
    expect(await storedCollections(orm)).toEqual(['auto_saves', 'code_generations', 'project_analyses', 'projects', 'users']);
    expect(await migrator(orm).getPendingMigrations()).toEqual([]);
    // The committed migrations produce exactly what the entities declare.
    expect(await createBackend(backend, orm).schemaDrift()).toEqual([]);

    await migrator(orm).down({ to: 0 });
    expect(await migrator(orm).getExecutedMigrations()).toEqual([]);
    expect(await storedCollections(orm)).toEqual([]);

    expect(await migrateUp(orm)).toEqual(applied);
    expect(await createBackend(backend, orm).schemaDrift()).toEqual([]);
    // A second run is a no-op.
    expect(await migrateUp(orm)).toEqual([]);
  });

  it('reports drift when the database lacks what the entities declare', async () => {
    const conn = orm.em.getConnection() as unknown as {
      execute?(sql: string): Promise<unknown>;
      getDb?(): { collection(n: string): { dropIndex(n: string): Promise<unknown>; createIndex(k: object, o: object): Promise<unknown> } };
    };
    if (conn.getDb) {
      await conn.getDb().collection('auto_saves').dropIndex('auto_saves_save_id_index');
      expect(await createBackend(backend, orm).schemaDrift()).toEqual(['auto_saves: missing index {"saveId":1}']);
      await conn.getDb().collection('auto_saves').createIndex({ saveId: 1 }, { name: 'auto_saves_save_id_index' });
    } else {
      await conn.execute!('drop index auto_saves_save_id_index');
      const drift = await createBackend(backend, orm).schemaDrift();
      expect(drift.join('\n')).toMatch(/create index .auto_saves_save_id_index./);
      await conn.execute!(`create index auto_saves_save_id_index on auto_saves (save_id)`);
    }
    expect(await createBackend(backend, orm).schemaDrift()).toEqual([]);
  });
});
