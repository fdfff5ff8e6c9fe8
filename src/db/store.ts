import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { DriverName } from '../config';
import { registerSqlReader } from './sql-read';
import { KeyCache } from '../auth/key-cache';

/** Behaviour switches the services read. */
export interface StoreSettings {
  /** OPEN_SIGNUP: anyone without a key may create a plain user. */
  openSignup: boolean;
  /** AUTH_CACHE_TTL_MS: how long a verified API key is trusted without a lookup (see KeyCache). */
  authCacheTtlMs?: number;
}

/**
 * The ORM plus what differs in behaviour (not configuration) between backends:
 * whether multi-document writes can be made atomic.
 */
export class Store {
  constructor(
    readonly orm: MikroORM,
    readonly driver: DriverName,
    /** SQL always; MongoDB only on a replica set (standalone mongod and FerretDB have no transactions). */
    readonly transactions: boolean,
    readonly settings: StoreSettings = { openSignup: false },
  ) {
    this.keys = new KeyCache(settings.authCacheTtlMs ?? 0);
    this.countRoundTrips();
    if (driver !== 'mongodb') registerSqlReader(orm, () => this.roundTrips++);
  }

  /** Verified API keys (services clear it when a user changes). */
  readonly keys: KeyCache;

  /** Database round trips since start (queries on SQL, commands on MongoDB): tests and the bench read it. */
  roundTrips = 0;

  private countRoundTrips() {
    const conn = this.orm.em.getConnection() as unknown as {
      getKnex?(): { on(event: 'query', cb: () => void): void };
      getClient?(): { on(event: 'commandStarted', cb: (e: { commandName: string }) => void): void };
    };
    if (this.driver === 'mongodb') {
      const ignore = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'endSessions', 'saslStart', 'saslContinue']);
      conn.getClient?.().on('commandStarted', (e) => {
        if (!ignore.has(e.commandName)) this.roundTrips++;
      });
    } else {
      conn.getKnex?.().on('query', () => this.roundTrips++);
    }
  }

  /**
   * Runs `work` atomically where the backend can. Without transactions the caller
   * must order its writes so that a failure part-way leaves a state a retry completes
   * (children deleted before their parent, validation before any write).
   */
  async atomically<T>(em: EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.transactions) return em.transactional(work);
    const result = await work(em);
    await em.flush();
    return result;
  }

  /**
   * Runs `work` on `em` itself inside a transaction where the backend has them
   * (em.begin/commit: writes made through em, and raw statements given
   * em.getTransactionContext(), commit together); without, `work` runs as is and
   * must order its writes as atomically() describes.
   */
  async inTransaction<T>(em: EntityManager, work: () => Promise<T>): Promise<T> {
    if (!this.transactions) return work();
    await em.begin();
    try {
      const result = await work();
      await em.commit();
      return result;
    } catch (error) {
      await em.rollback();
      throw error;
    }
  }

  /** Round trip to the database; used by /readyz. */
  async ping(): Promise<void> {
    const connection = this.orm.em.getDriver().getConnection();
    if (!(await connection.isConnected())) throw new Error(`${this.driver} is not reachable`);
  }

  static async open(orm: MikroORM, driver: DriverName, settings?: StoreSettings): Promise<Store> {
    let transactions = driver !== 'mongodb';
    if (!transactions) {
      // A replica set (or mongos) answers `hello` with setName / msg=isdbgrid.
      const db = (orm.em as unknown as { getConnection(): { getDb(): { command(c: object): Promise<Record<string, unknown>> } } })
        .getConnection()
        .getDb();
      const hello = await db.command({ hello: 1 }).catch(() => ({}) as Record<string, unknown>);
      transactions = typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
    }
    return new Store(orm, driver, transactions, settings);
  }
}
