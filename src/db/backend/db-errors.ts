import type { EntityMetadata } from '@mikro-orm/core';
import { storedFields } from './stored-rows';

type AnyError = { message?: unknown; code?: unknown; detail?: unknown; constraint?: unknown; keyValue?: unknown; keyPattern?: unknown; name?: unknown };

/** Whether `error` is a unique-key violation (SQLite, PostgreSQL, MongoDB; raw or as MikroORM wraps it). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as AnyError | null;
  if (!e) return false;
  return e.name === 'UniqueConstraintViolationException' || e.code === '23505' || e.code === 11000 || /UNIQUE constraint failed|E11000 duplicate key/.test(String(e.message));
}

/** Whether `error` is PostgreSQL's deadlock (40P01) or serialization failure (40001): the transaction was rolled back and may run again. */
export function isDeadlock(error: unknown, depth = 0): boolean {
  const e = error as (AnyError & { cause?: unknown }) | null;
  if (!e || depth > 3) return false;
  return e.code === '40P01' || e.code === '40001' || e.name === 'DeadlockException' || isDeadlock(e.cause, depth + 1);
}

/** Whether `error` is a foreign-key violation (a parent that is gone). */
export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as AnyError | null;
  return !!e && (e.name === 'ForeignKeyConstraintViolationException' || e.code === '23503' || /FOREIGN KEY constraint failed/.test(String(e.message)));
}

/**
 * The property a unique violation was about, when the driver says which
 * column: PostgreSQL's detail ("Key (email)=(…) already exists"), SQLite's
 * message ("UNIQUE constraint failed: users.email"), MongoDB's keyValue.
 */
export function uniqueViolationProperty(error: unknown, meta: EntityMetadata): string | undefined {
  const e = error as AnyError;
  const column =
    /^Key \("?(\w+)"?\)=/.exec(String(e.detail ?? ''))?.[1] ??
    /UNIQUE constraint failed: \w+\.(\w+)/.exec(String(e.message ?? ''))?.[1] ??
    Object.keys((e.keyValue ?? e.keyPattern ?? {}) as object)[0] ??
    new RegExp(`^${meta.tableName}_(\\w+)_unique$`).exec(String(e.constraint ?? ''))?.[1];
  if (column) return storedFields(meta).find((f) => f.column === column)?.prop;
  // FerretDB names the index inside its message (e.g. "index 'users_5e7cc513_users_username_unique'").
  const message = String(e.message ?? '');
  return storedFields(meta).find((f) => message.includes(`${meta.tableName}_${f.column}_unique`))?.prop;
}

/** The unique properties of an entity (for finding which one a violation that names none was about). */
export const uniqueProps = (meta: EntityMetadata): string[] =>
  Object.values(meta.properties)
    .filter((p) => p.unique)
    .map((p) => p.name);

/**
 * Why the database refused a value the API accepted, when it is the value's
 * fault and not the server's: a MongoDB-compatible server without some
 * capability (FerretDB 1.x stores no arrays nested in arrays) or past its
 * document size. Null for any other error. The reason is the server's own
 * words in parentheses, never the value it quotes.
 */
export function refusedValueReason(error: unknown): string | null {
  const e = error as AnyError | null;
  if (!e || e.name !== 'MongoServerError') return null;
  const message = String(e.message ?? '');
  if (e.code === 10334 || /too large/i.test(message)) return 'the document is larger than the database accepts';
  if (e.code !== 2 && !/not supported/.test(message)) return null;
  return /\(([^()]{1,120})\)\s*$/.exec(message)?.[1] ?? 'the database does not support this value';
}

/** Codes and names that mean "the database cannot be reached or cannot take this now", per driver. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);
/** PostgreSQL SQLSTATE classes 08 (connection) and 53 (insufficient resources), and 57P0x (shutting down, cannot connect now). */
const PG_STATES = /^(08|53|57P0[1-4])/;
const SQLITE_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_CANTOPEN', 'SQLITE_IOERR', 'SQLITE_FULL', 'SQLITE_PROTOCOL']);
const MONGO_NAMES = /^Mongo(Network|NetworkTimeout|ServerSelection|NotConnected|TopologyClosed|PoolCleared|ServerClosed)Error$|^PoolClearedError$/;
/**
 * MongoDB server error codes that mean the server cannot serve now, not that the
 * request was wrong: InternalError (1: FerretDB answers so when the database it
 * stores into is down), HostUnreachable (6), HostNotFound (7), NetworkTimeout (89),
 * MaxTimeMSExpired (50), ShutdownInProgress (91), PrimarySteppedDown (189),
 * ExceededTimeLimit (262), NotWritablePrimary (10107), InterruptedAtShutdown (11600),
 * InterruptedDueToReplStateChange (11602), NotPrimaryNoSecondaryOk (13435),
 * NotPrimaryOrSecondary (13436).
 */
const MONGO_UNAVAILABLE_CODES = new Set([1, 6, 7, 50, 89, 91, 189, 262, 10107, 11600, 11602, 13435, 13436]);
const MESSAGES =
  /Connection terminated|connection (is )?closed|not queryable|Timeout acquiring a connection|timeout exceeded when trying to connect|the database system is (shutting down|starting up|in recovery mode)|terminating connection due to administrator command|database is locked|Server selection timed out|connection .* closed|Client network socket disconnected|Transaction query already complete|client was closed|Topology is closed/i;

/**
 * Whether `error` (or what it wraps) means the database is unavailable rather
 * than that the request was wrong or the code is: the client should retry.
 */
export function isUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; originalError?: unknown; errorLabels?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (NETWORK_CODES.has(code) || PG_STATES.test(code) || SQLITE_CODES.has(code.split(':')[0])) return true;
  if (typeof e.name === 'string' && (MONGO_NAMES.test(e.name) || e.name === 'ConnectionException')) return true;
  if (e.name === 'MongoServerError' && typeof e.code === 'number' && MONGO_UNAVAILABLE_CODES.has(e.code)) return true;
  if (Array.isArray(e.errorLabels) && e.errorLabels.includes('ResetPool')) return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  return isUnavailable(e.cause, depth + 1) || isUnavailable(e.originalError, depth + 1);
}
