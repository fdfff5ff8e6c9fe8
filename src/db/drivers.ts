import { CompiledQuery } from 'kysely';
import { MongoNamingStrategy, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { Migrator as MongoMigrator } from '@mikro-orm/migrations-mongodb';
import { MongoDriver } from '@mikro-orm/mongodb';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SqliteDriver } from '@mikro-orm/sqlite';
import type { DriverName } from '../config';
import type { MikroORM } from '@mikro-orm/core';
import type { Backend } from './backend/backend';
import { MongoBackend } from './backend/mongo-backend';
import { POSTGRESQL_DIALECT, SQLITE_DIALECT, SqlBackend } from './backend/sql-backend';
import { mongodbMigrations } from '../../migrations/mongodb';
import { postgresqlMigrations } from '../../migrations/postgresql';
import { sqliteMigrations } from '../../migrations/sqlite';

/**
 * The one place that knows which database is behind the ORM. Everything else
 * (entities, services, resolvers, CLI, tests) is driver-neutral.
 */

/**
 * On MongoDB the primary key must live in `_id`; our entities call it `id`
 * (a UUID string, not an ObjectId) so the same class also works on SQL.
 */
export class IdAsUnderscoreIdNamingStrategy extends MongoNamingStrategy {
  override propertyToColumnName(propertyName: string): string {
    return propertyName === 'id' ? '_id' : super.propertyToColumnName(propertyName);
  }
}

/**
 * SQLite pragmas, run on every new connection:
 * - WAL: readers never block the writer and commits are one fsync;
 * - synchronous=NORMAL: safe with WAL (a power cut may lose the last commits, never corrupt);
 * - foreign_keys=ON: SQLite leaves them off by default, and cascades rely on them;
 * - busy_timeout: wait for a lock (e.g. the CLI writing meanwhile) instead of failing at once;
 * - cache_size=-65536 (64 MiB page cache) and temp_store=MEMORY for sorts and indexes.
 */
export const SQLITE_PRAGMAS = [
  'PRAGMA journal_mode = WAL',
  'PRAGMA synchronous = NORMAL',
  'PRAGMA foreign_keys = ON',
  'PRAGMA busy_timeout = 5000',
  'PRAGMA cache_size = -65536',
  'PRAGMA temp_store = MEMORY',
];

type SqliteConn = { executeQuery(query: CompiledQuery): Promise<unknown> };

/**
 * How long a request waits for a database connection (PostgreSQL pool, MongoDB
 * server selection) before it fails as SERVICE_UNAVAILABLE. The drivers' own
 * defaults (60 s and 30 s) would hold every request of an outage until the
 * execution timeout instead of answering 503 at once.
 */
const DB_WAIT_MS = 3000;

function driverOptions(driver: DriverName, url: string): Partial<Options> {
  switch (driver) {
    case 'sqlite':
      return {
        // MikroORM 7 types each driver's options apart; this switch returns the common subset.
        driver: SqliteDriver as never,
        dbName: url.replace(/^file:\/\//, ''),
        // One better-sqlite3 database; the pragmas run on it once it is opened.
        onCreateConnection: async (conn: unknown) => {
          for (const pragma of SQLITE_PRAGMAS) await (conn as SqliteConn).executeQuery(CompiledQuery.raw(pragma));
        },
        // allOrNothing off: a migration that rebuilds a referenced table must switch foreign keys off,
        // which SQLite allows only outside a transaction (it then runs its own; see Migration…07).
        migrations: { migrationsList: sqliteMigrations, path: 'migrations/sqlite', pathTs: 'migrations/sqlite', silent: true, snapshot: false, allOrNothing: false },
        extensions: [Migrator],
      };
    case 'postgresql':
      return {
        // MikroORM 7 types each driver's options apart; this switch returns the common subset.
        driver: PostgreSqlDriver as never,
        clientUrl: url,
        // pg Pool options (MikroORM 7 has no knex layer): wait at most DB_WAIT_MS for a connection.
        driverOptions: { connectionTimeoutMillis: DB_WAIT_MS },
        migrations: {
          migrationsList: postgresqlMigrations,
          path: 'migrations/postgresql',
          pathTs: 'migrations/postgresql',
          silent: true,
          snapshot: false,
        },
        extensions: [Migrator],
      };
    case 'mongodb':
      return {
        // MikroORM 7 types each driver's options apart; this switch returns the common subset.
        driver: MongoDriver as never,
        clientUrl: url,
        // The database name comes from the URL path; "codeobit" when it has none.
        dbName: new URL(url).pathname.replace(/^\//, '') || 'codeobit',
        namingStrategy: IdAsUnderscoreIdNamingStrategy,
        // Command events let us count round trips (Store.roundTrips).
        driverOptions: { monitorCommands: true, serverSelectionTimeoutMS: DB_WAIT_MS, connectTimeoutMS: DB_WAIT_MS, heartbeatFrequencyMS: 2000 },
        // FerretDB and standalone mongod have no multi-document transactions.
        implicitTransactions: false,
        migrations: {
          migrationsList: mongodbMigrations,
          path: 'migrations/mongodb',
          pathTs: 'migrations/mongodb',
          transactional: false,
          silent: true,
        },
        extensions: [MongoMigrator],
      };
  }
}

/** What differs between database families beyond the ORM's options (see Backend). */
export function createBackend(driver: DriverName, orm: MikroORM): Backend {
  switch (driver) {
    case 'sqlite':
      return new SqlBackend(orm, SQLITE_DIALECT);
    case 'postgresql':
      return new SqlBackend(orm, POSTGRESQL_DIALECT);
    case 'mongodb':
      return new MongoBackend(orm);
  }
}

export { driverOptions };
