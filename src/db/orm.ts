import { MikroORM, type Options } from '@mikro-orm/core';
import type { AppConfig } from '../config';
import { ENTITIES, ROLLUPS } from '../entities';
import { driverOptions } from './drivers';

export type OrmSettings = Pick<AppConfig, 'driver' | 'databaseUrl'> & { debug?: boolean };

/** Builds the MikroORM options for one driver; the CLI, the server and the tests all come here. */
export function ormOptions(settings: OrmSettings, overrides: Options = {}): Options {
  const base = driverOptions(settings.driver, settings.databaseUrl);
  return {
    entities: [...ENTITIES, ...ROLLUPS],
    // Metadata comes from decorators + reflect-metadata: works from ts-jest, ts-node and tsc output alike.
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    debug: settings.debug ?? false,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    ...base,
    ...overrides,
    migrations: { ...base.migrations, ...overrides.migrations },
  };
}

/** Connects, failing with a message that names the target when the database is unreachable. */
export async function initORM(settings: OrmSettings, overrides: Options = {}): Promise<MikroORM> {
  return MikroORM.init(ormOptions(settings, overrides));
}
