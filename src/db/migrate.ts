import type { MikroORM } from '@mikro-orm/core';
import type { Logger } from '../logger';

interface MigratorLike {
  up(): Promise<{ name: string }[]>;
  down(options?: { to?: string | number }): Promise<{ name: string }[]>;
  getPendingMigrations(): Promise<{ name: string }[]>;
  getExecutedMigrations(): Promise<{ name: string }[]>;
}

/** The SQL or MongoDB migrator, whichever the driver registered (MikroORM 7 names: getPending, getExecuted). */
export function migrator(orm: MikroORM): MigratorLike {
  const m = orm.migrator as unknown as {
    up(): Promise<{ name: string }[]>;
    down(o?: object): Promise<{ name: string }[]>;
    getPending(): Promise<{ name: string }[]>;
    getExecuted(): Promise<{ name: string }[]>;
  };
  return { up: () => m.up(), down: (o) => m.down(o), getPendingMigrations: () => m.getPending(), getExecutedMigrations: () => m.getExecuted() };
}

/** Applies every pending migration; returns their names. */
export async function migrateUp(orm: MikroORM, logger?: Logger): Promise<string[]> {
  const applied = (await migrator(orm).up()).map((m) => m.name);
  if (applied.length) logger?.info('migrations applied', { applied });
  return applied;
}
