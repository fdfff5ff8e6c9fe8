"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SQLITE_PRAGMAS = exports.IdAsUnderscoreIdNamingStrategy = void 0;
exports.createBackend = createBackend;
exports.driverOptions = driverOptions;
const kysely_1 = require("kysely");
const core_1 = require("@mikro-orm/core");
const migrations_1 = require("@mikro-orm/migrations");
const migrations_mongodb_1 = require("@mikro-orm/migrations-mongodb");
const mongodb_1 = require("@mikro-orm/mongodb");
const postgresql_1 = require("@mikro-orm/postgresql");
const sqlite_1 = require("@mikro-orm/sqlite");
const mongo_backend_1 = require("./backend/mongo-backend");
const sql_backend_1 = require("./backend/sql-backend");
const mongodb_2 = require("../../migrations/mongodb");
const postgresql_2 = require("../../migrations/postgresql");
const sqlite_2 = require("../../migrations/sqlite");
/**
 * The one place that knows which database is behind the ORM. Everything else
 * (entities, services, resolvers, CLI, tests) is driver-neutral.
 */
/**
 * On MongoDB the primary key must live in `_id`; our entities call it `id`
 * (a UUID string, not an ObjectId) so the same class also works on SQL.
 */
class IdAsUnderscoreIdNamingStrategy extends core_1.MongoNamingStrategy {
    propertyToColumnName(propertyName) {
        return propertyName === 'id' ? '_id' : super.propertyToColumnName(propertyName);
    }
}
exports.IdAsUnderscoreIdNamingStrategy = IdAsUnderscoreIdNamingStrategy;
/**
 * SQLite pragmas, run on every new connection:
 * - WAL: readers never block the writer and commits are one fsync;
 * - synchronous=NORMAL: safe with WAL (a power cut may lose the last commits, never corrupt);
 * - foreign_keys=ON: SQLite leaves them off by default, and cascades rely on them;
 * - busy_timeout: wait for a lock (e.g. the CLI writing meanwhile) instead of failing at once;
 * - cache_size=-65536 (64 MiB page cache) and temp_store=MEMORY for sorts and indexes.
 */
exports.SQLITE_PRAGMAS = [
    'PRAGMA journal_mode = WAL',
    'PRAGMA synchronous = NORMAL',
    'PRAGMA foreign_keys = ON',
    'PRAGMA busy_timeout = 5000',
    'PRAGMA cache_size = -65536',
    'PRAGMA temp_store = MEMORY',
];
/**
 * How long a request waits for a database connection (PostgreSQL pool, MongoDB
 * server selection) before it fails as SERVICE_UNAVAILABLE. The drivers' own
 * defaults (60 s and 30 s) would hold every request of an outage until the
 * execution timeout instead of answering 503 at once.
 */
const DB_WAIT_MS = 3000;
function driverOptions(driver, url) {
    switch (driver) {
        case 'sqlite':
            return {
                // MikroORM 7 types each driver's options apart; this switch returns the common subset.
                driver: sqlite_1.SqliteDriver,
                dbName: url.replace(/^file:\/\//, ''),
                // One better-sqlite3 database; the pragmas run on it once it is opened.
                onCreateConnection: async (conn) => {
                    for (const pragma of exports.SQLITE_PRAGMAS)
                        await conn.executeQuery(kysely_1.CompiledQuery.raw(pragma));
                },
                migrations: { migrationsList: sqlite_2.sqliteMigrations, path: 'migrations/sqlite', pathTs: 'migrations/sqlite', silent: true, snapshot: false },
                extensions: [migrations_1.Migrator],
            };
        case 'postgresql':
            return {
                // MikroORM 7 types each driver's options apart; this switch returns the common subset.
                driver: postgresql_1.PostgreSqlDriver,
                clientUrl: url,
                // pg Pool options (MikroORM 7 has no knex layer): wait at most DB_WAIT_MS for a connection.
                driverOptions: { connectionTimeoutMillis: DB_WAIT_MS },
                migrations: {
                    migrationsList: postgresql_2.postgresqlMigrations,
                    path: 'migrations/postgresql',
                    pathTs: 'migrations/postgresql',
                    silent: true,
                    snapshot: false,
                },
                extensions: [migrations_1.Migrator],
            };
        case 'mongodb':
            return {
                // MikroORM 7 types each driver's options apart; this switch returns the common subset.
                driver: mongodb_1.MongoDriver,
                clientUrl: url,
                // The database name comes from the URL path; "codeobit" when it has none.
                dbName: new URL(url).pathname.replace(/^\//, '') || 'codeobit',
                namingStrategy: IdAsUnderscoreIdNamingStrategy,
                // Command events let us count round trips (Store.roundTrips).
                driverOptions: { monitorCommands: true, serverSelectionTimeoutMS: DB_WAIT_MS, connectTimeoutMS: DB_WAIT_MS, heartbeatFrequencyMS: 2000 },
                // FerretDB and standalone mongod have no multi-document transactions.
                implicitTransactions: false,
                migrations: {
                    migrationsList: mongodb_2.mongodbMigrations,
                    path: 'migrations/mongodb',
                    pathTs: 'migrations/mongodb',
                    transactional: false,
                    silent: true,
                },
                extensions: [migrations_mongodb_1.Migrator],
            };
    }
}
/** What differs between database families beyond the ORM's options (see Backend). */
function createBackend(driver, orm) {
    switch (driver) {
        case 'sqlite':
            return new sql_backend_1.SqlBackend(orm, sql_backend_1.SQLITE_DIALECT);
        case 'postgresql':
            return new sql_backend_1.SqlBackend(orm, sql_backend_1.POSTGRESQL_DIALECT);
        case 'mongodb':
            return new mongo_backend_1.MongoBackend(orm);
    }
}
//# sourceMappingURL=drivers.js.map