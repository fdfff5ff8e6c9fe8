import { MikroORM, type Options } from '@mikro-orm/core';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import type { AppConfig } from '../config';
import { ENTITIES, ROLLUPS } from '../entities';
import { driverOptions } from './drivers';

export type OrmSettings = Pick<AppConfig, 'driver' | 'databaseUrl'> & { debug?: boolean };

/** Builds the MikroORM options for one driver; the CLI, the server and the tests all come here. */
export function ormOptions(settings: OrmSettings, overrides: Partial<Options> = {}): Partial<Options> {
  const base = driverOptions(settings.driver, settings.databaseUrl);
  return {
    entities: [...ENTITIES, ...ROLLUPS],
    // Metadata comes from decorators + reflect-metadata: works from ts-jest, ts-node and tsc output alike.
    metadataProvider: ReflectMetadataProvider,
    debug: settings.debug ?? false,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    ...base,
    ...overrides,
    migrations: { ...base.migrations, ...overrides.migrations },
  };
}

/** Connects, failing with a message that names the target when the database is unreachable. */
export async function initORM(settings: OrmSettings, overrides: Partial<Options> = {}): Promise<MikroORM> {
  // MikroORM 7 connects on first use; connect now, so an unreachable database fails start-up (and /readyz) at once.
  const orm = await MikroORM.init(ormOptions(settings, overrides));
  await orm.connect();
  return orm;
}
