import { randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { UnavailableError } from '../../errors/codes';
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
  private readonly locks: Collection<{ _id: string; owner: string; until: Date }>;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    db: Db,
    private readonly leaseMs = 30_000,
    private readonly maxWaitMs = 10_000,
  ) {
    this.locks = db.collection(LOCKS);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const before = this.tail;
    let done!: () => void;
    this.tail = new Promise<void>((resolve) => (done = resolve));
    try {
      await before;
      const token = await this.acquire();
      try {
        return await work();
      } finally {
        await this.locks.deleteOne({ _id: LOCK_ID, owner: token }).catch(() => undefined);
      }
    } finally {
      done();
    }
  }

  private async acquire(): Promise<string> {
    const token = randomUUID();
    const deadline = Date.now() + this.maxWaitMs;
    for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
      try {
        await this.locks.insertOne({ _id: LOCK_ID, owner: token, until: new Date(Date.now() + this.leaseMs) });
        return token;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      const held = await this.locks.findOne({ _id: LOCK_ID });
      if (held && held.until.getTime() < Date.now()) await this.locks.deleteOne({ _id: LOCK_ID, owner: held.owner });
      if (Date.now() > deadline) throw new UnavailableError('The database is busy with other writes; try again shortly', 1);
      await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
    }
  }
}
