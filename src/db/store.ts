import { EventEmitter } from 'node:events';
import { LRUCache } from 'lru-cache';
import type { MikroORM } from '@mikro-orm/core';
import { DEFAULT_QUEUE, type DriverName, type QueueSettings } from '../config';
import { KeyCache } from '../auth/key-cache';
import type { Backend } from './backend/backend';
import { createBackend } from './drivers';
import { createLiveEvents, generationEvent } from '../live/live-events';
import type { RedisLink } from '../live/redis';

/** What a queue transition did (see Store.generationChanges). */
export type QueueChange = 'claimed' | 'heartbeat' | 'completed' | 'failed' | 'retrying' | 'released';

/** Behaviour switches the services read. */
export interface StoreSettings {
  /** OPEN_SIGNUP: anyone without a key may create a plain user. */
  openSignup: boolean;
  /** AUTH_CACHE_TTL_MS: how long a verified API key is trusted without a lookup (see KeyCache). */
  authCacheTtlMs?: number;
  /** The work queue's retry backoff. */
  queue?: QueueSettings;
  /** REDIS_URL's connections: events and key revocations then reach every instance. */
  redis?: RedisLink;
  /** With read replicas (DATABASE_READ_URLS): how long a caller who wrote reads the primary (REPLICA_STICKY_MS). */
  replicaStickyMs?: number;
  /** COMPILED_READS: a root field's read as one statement where the backend can (default on; off: the batched path). */
  compiledReads?: boolean;
}

/** The Redis channel on which an instance tells the others to forget cached keys. */
const FORGET_KEYS = 'codeobit:forget-keys';
/** The Redis channel on which an instance says a user just wrote (they read the primary for a while, everywhere). */
const WROTE = 'codeobit:wrote';

/** What a delete of a row of each type removes with it (see the entities' cascades). */
const CASCADES: Record<string, string[]> = {
  User: ['Project', 'CodeGeneration', 'ProjectAnalysis', 'AutoSave'],
  Project: ['CodeGeneration', 'ProjectAnalysis'],
};

/** The ORM, the backend for its database family, and what the services share across requests. */
export class Store {
  /** Writes and everything else that differs between database families. */
  readonly backend: Backend;

  constructor(
    readonly orm: MikroORM,
    readonly driver: DriverName,
    readonly settings: StoreSettings = { openSignup: false },
  ) {
    this.keys = new KeyCache(settings.authCacheTtlMs ?? 0);
    if (settings.replicaStickyMs !== undefined) this.writers = new LRUCache({ max: 100_000, ttl: Math.max(1, settings.replicaStickyMs) });
    this.live = createLiveEvents(settings.redis);
    const redis = settings.redis;
    if (redis) {
      void redis.subscriber.subscribe(FORGET_KEYS).catch(() => undefined);
      redis.subscriber.on('message', (channel) => channel === FORGET_KEYS && this.keys.clear());
      if (settings.replicaStickyMs !== undefined) {
        void redis.subscriber.subscribe(WROTE).catch(() => undefined);
        redis.subscriber.on('message', (channel, user) => channel === WROTE && this.writers?.set(user, true));
      }
      // Back from a Redis outage: a revocation may have been missed meanwhile.
      redis.subscriber.on('ready', () => this.keys.clear());
    }
    this.backend = createBackend(driver, orm);
    this.backend.observeRoundTrips(() => this.roundTrips++);
    // Queue transitions are code generation updates to subscribers.
    this.generationChanges.on('changed', (row) => {
      const event = generationEvent(row, 'updated');
      this.live.publish('generation', event.projectId, event);
      this.changed('CodeGeneration', 'updated', null);
    });
  }

  /** What this server's writes announce to subscriptions (see live-events.ts). */
  readonly live: ReturnType<typeof createLiveEvents>;

  /**
   * Tells live queries (here and, with Redis, on every instance) that rows of
   * `type` changed for `owner` (null: someone's, unknown whose). A delete also
   * removes what hangs from the row.
   */
  changed(type: string, change: 'created' | 'updated' | 'deleted', owner: string | null): void {
    const topics = change === 'deleted' ? [type, ...(CASCADES[type] ?? [])] : [type];
    this.live.publish('changed', 'all', { topics, owner });
  }

  /**
   * Callers who wrote within REPLICA_STICKY_MS, by user id (bounded): their
   * queries read the primary, so a client sees its own write at once, whichever
   * instance the next request reaches (told through Redis). Undefined without replicas.
   */
  private readonly writers?: LRUCache<string, true>;

  /** May a query by this user read a replica now? */
  mayReadReplica(userId: string | undefined): boolean {
    return this.writers !== undefined && !(userId && this.writers.has(userId));
  }

  /** A user's mutation ran: they read the primary for a while, on every instance. */
  wrote(userId: string | undefined): void {
    if (!this.writers || !userId) return;
    this.writers.set(userId, true);
    const redis = this.settings.redis?.commands;
    if (redis?.status === 'ready') void redis.publish(WROTE, userId).catch(() => undefined);
  }

  /** Forgets every cached key here and, with Redis, on every other instance (a user changed: rotate, revoke, role, delete). */
  forgetKeys(): void {
    this.keys.clear();
    void this.settings.redis?.commands.publish(FORGET_KEYS, '1').catch(() => undefined);
  }

  /** Verified API keys (services clear it when a user changes). */
  readonly keys: KeyCache;

  /**
   * Queue transitions (claimed, heartbeat, completed, failed, released), each with the row
   * as stored: the hook live updates (codeGenerationChanged subscriptions) attach to.
   */
  readonly generationChanges = new EventEmitter<{ changed: [row: Record<string, unknown>, change: QueueChange] }>();

  /** The time the work queue goes by (leases, runAfter): tests move it instead of sleeping. */
  now: () => Date = () => new Date();

  get queue(): QueueSettings {
    return this.settings.queue ?? DEFAULT_QUEUE;
  }

  /** Database round trips since start (queries on SQL, commands on MongoDB): tests and the bench read it. */
  roundTrips = 0;
  /** Root fields read as one compiled statement, and those the batched path answered (see tree-plan.ts). */
  readonly readPaths = { compiled: 0, batched: 0, answered: 0 };

  /** Round trip to the database; used by /readyz. */
  async ping(): Promise<void> {
    const connection = this.orm.em.getDriver().getConnection();
    const check = await connection.checkConnection();
    if (!check.ok) throw check.error ?? new Error(`${this.driver} is not reachable`);
  }

  /** See Backend.recover; the replaced connection gets its round-trip counter again. */
  async recover(): Promise<void> {
    if (await this.backend.recover()) this.backend.observeRoundTrips(() => this.roundTrips++);
  }

  static async open(orm: MikroORM, driver: DriverName, settings?: StoreSettings): Promise<Store> {
    const store = new Store(orm, driver, settings);
    // Not awaited: a server that is down at start is asked again when first needed.
    void store.backend.prepare?.();
    return store;
  }
}
