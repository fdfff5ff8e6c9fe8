import { randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { UnavailableError } from '../../errors/codes';
import { RETRY_AFTER_SECONDS } from '../availability';
import { isUniqueViolation } from './db-errors';

const LOCKS = '_codeobit_locks';
const PROBES = '_codeobit_probes';
const LOCK_ID = 'writes';

/**
 * Whether the server applies a single-document read-modify-write (here $inc)
 * atomically, as MongoDB does. FerretDB 1.24 does not: it reads the document,
 * changes it in Go and writes it back, so of 16 concurrent $inc of one field
 * typically 1 to 7 survive (measured). Probed once, by behaviour rather than by
 * product name: up to three rounds of 16 concurrent increments.
 */
export async function probeAtomicUpdates(db: Db): Promise<boolean> {
  const probes = db.collection<{ _id: string; n: number }>(PROBES);
  for (let round = 0; round < 3; round++) {
    const _id = randomUUID();
    await probes.insertOne({ _id, n: 0 });
    await Promise.all(Array.from({ length: 16 }, () => probes.updateOne({ _id }, { $inc: { n: 1 } })));
    const n = (await probes.findOne({ _id }))?.n;
    await probes.deleteOne({ _id });
    if (n !== 16) return false;
  }
  return true;
}

/**
 * One writer at a time across every gateway on the database, for servers whose
 * single-document updates are not atomic (see probeAtomicUpdates). Built on the
 * one thing such a server does atomically, a unique insert: the lock is a
 * document with a fixed _id, a holder token and a lease (taken over once
 * expired, e.g. after a crash). Waiters in this process queue in memory first,
 * so only one of them at a time asks the database.
 */
export class MongoWriteLock {
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: () => Db,
    /**
     * Renewed every third of it while held; short so that after a crash
     * (kill -9 mid-write) other writers wait at most this long. Instances
     * compare leases by their own clocks: keep them in sync (NTP).
     */
    private readonly leaseMs = 5_000,
    /** Below the execution timeout, so a writer kept waiting answers SERVICE_UNAVAILABLE rather than TIMEOUT. */
    private readonly maxWaitMs = 5_000,
  ) {}

  private get locks(): Collection<{ _id: string; owner: string; until: Date }> {
    return this.db().collection(LOCKS);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const before = this.tail;
    let done!: () => void;
    this.tail = new Promise<void>((resolve) => (done = resolve));
    const deadline = Date.now() + this.maxWaitMs;
    try {
      // Queued here at most maxWaitMs in all (the lock in the database still decides who writes).
      let timer: NodeJS.Timeout | undefined;
      const waited = await Promise.race([before.then(() => true), new Promise<false>((r) => (timer = setTimeout(() => r(false), this.maxWaitMs)))]);
      clearTimeout(timer);
      if (!waited) throw new UnavailableError('The database is busy with other writes; try again shortly', RETRY_AFTER_SECONDS);
      const token = await this.acquire(deadline);
      // A long write (a large project deleted one child at a time) keeps its lease alive.
      const renew = setInterval(() => void this.locks.updateOne({ _id: LOCK_ID, owner: token }, { $set: { until: new Date(Date.now() + this.leaseMs) } }).catch(() => undefined), this.leaseMs / 3);
      renew.unref();
      try {
        return await work();
      } finally {
        clearInterval(renew);
        await this.release(token);
      }
    } finally {
      done();
    }
  }

  /**
   * Gives the lock up; if the database cannot be reached now (an outage began
   * during the write), keeps trying in the background until it can or the
   * lease ends, so writers after the outage do not wait out the whole lease.
   */
  private async release(token: string): Promise<void> {
    const until = Date.now() + this.leaseMs;
    const attempt = () => this.locks.deleteOne({ _id: LOCK_ID, owner: token });
    try {
      await attempt();
    } catch {
      const retry = () => {
        if (Date.now() > until) return;
        attempt().catch(() => setTimeout(retry, 500).unref());
      };
      setTimeout(retry, 500).unref();
    }
  }

  private async acquire(deadline: number): Promise<string> {
    const token = randomUUID();
    for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
      try {
        await this.locks.insertOne({ _id: LOCK_ID, owner: token, until: new Date(Date.now() + this.leaseMs) });
        return token;
      } catch (error) {
        if (!isUniqueViolation(error)) {
          // The insert may have landed though its answer was lost (the connection dropped): give it back.
          void this.release(token);
          throw error;
        }
      }
      const held = await this.locks.findOne({ _id: LOCK_ID });
      if (held && held.until.getTime() < Date.now()) await this.locks.deleteOne({ _id: LOCK_ID, owner: held.owner });
      if (Date.now() > deadline) throw new UnavailableError('The database is busy with other writes; try again shortly', RETRY_AFTER_SECONDS);
      await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
    }
  }
}
