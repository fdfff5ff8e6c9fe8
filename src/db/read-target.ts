import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Where the statements of the code running now may read: 'read' (a replica,
 * when DATABASE_READ_URLS has any) or, by default, the primary. The executor
 * sets it around a query operation (see jit-executor.ts); everything else —
 * mutations and the reads inside them, authentication, subscriptions and live
 * queries (which re-run because of a write and must see it) — reads the primary.
 * Async-local rather than passed along, so no read path can forget it.
 */
const target = new AsyncLocalStorage<'read'>();

/** Runs `work` with its reads sent to a replica. */
export function onReplica<T>(work: () => T): T {
  return target.run('read', work);
}

/** The connection type for a read now ('write' is the primary). */
export function readConnection(): 'read' | 'write' {
  return target.getStore() ?? 'write';
}
