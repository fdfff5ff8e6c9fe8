"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MongoWriteLock = void 0;
exports.probeAtomicUpdates = probeAtomicUpdates;
const node_crypto_1 = require("node:crypto");
const codes_1 = require("../../errors/codes");
const availability_1 = require("../availability");
const db_errors_1 = require("./db-errors");
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
async function probeAtomicUpdates(db) {
    const probes = db.collection(PROBES);
    for (let round = 0; round < 3; round++) {
        const _id = (0, node_crypto_1.randomUUID)();
        await probes.insertOne({ _id, n: 0 });
        await Promise.all(Array.from({ length: 16 }, () => probes.updateOne({ _id }, { $inc: { n: 1 } })));
        const n = (await probes.findOne({ _id }))?.n;
        await probes.deleteOne({ _id });
        if (n !== 16)
            return false;
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
class MongoWriteLock {
    constructor(db, 
    /**
     * Renewed every third of it while held; short so that after a crash
     * (kill -9 mid-write) other writers wait at most this long. Instances
     * compare leases by their own clocks: keep them in sync (NTP).
     */
    leaseMs = 5_000, 
    /** Below the execution timeout, so a writer kept waiting answers SERVICE_UNAVAILABLE rather than TIMEOUT. */
    maxWaitMs = 5_000) {
        this.db = db;
        this.leaseMs = leaseMs;
        this.maxWaitMs = maxWaitMs;
        this.tail = Promise.resolve();
    }
    get locks() {
        return this.db().collection(LOCKS);
    }
    async run(work) {
        const before = this.tail;
        let done;
        this.tail = new Promise((resolve) => (done = resolve));
        const deadline = Date.now() + this.maxWaitMs;
        try {
            // Queued here at most maxWaitMs in all (the lock in the database still decides who writes).
            let timer;
            const waited = await Promise.race([before.then(() => true), new Promise((r) => (timer = setTimeout(() => r(false), this.maxWaitMs)))]);
            clearTimeout(timer);
            if (!waited)
                throw new codes_1.UnavailableError('The database is busy with other writes; try again shortly', availability_1.RETRY_AFTER_SECONDS);
            const token = await this.acquire(deadline);
            // A long write (a large project deleted one child at a time) keeps its lease alive.
            const renew = setInterval(() => void this.locks.updateOne({ _id: LOCK_ID, owner: token }, { $set: { until: new Date(Date.now() + this.leaseMs) } }).catch(() => undefined), this.leaseMs / 3);
            renew.unref();
            try {
                return await work();
            }
            finally {
                clearInterval(renew);
                await this.release(token);
            }
        }
        finally {
            done();
        }
    }
    /**
     * Gives the lock up; if the database cannot be reached now (an outage began
     * during the write), keeps trying in the background until it can or the
     * lease ends, so writers after the outage do not wait out the whole lease.
     */
    async release(token) {
        const until = Date.now() + this.leaseMs;
        const attempt = () => this.locks.deleteOne({ _id: LOCK_ID, owner: token });
        try {
            await attempt();
        }
        catch {
            const retry = () => {
                if (Date.now() > until)
                    return;
                attempt().catch(() => setTimeout(retry, 500).unref());
            };
            setTimeout(retry, 500).unref();
        }
    }
    async acquire(deadline) {
        const token = (0, node_crypto_1.randomUUID)();
        for (let delay = 2;; delay = Math.min(delay * 2, 50)) {
            try {
                await this.locks.insertOne({ _id: LOCK_ID, owner: token, until: new Date(Date.now() + this.leaseMs) });
                return token;
            }
            catch (error) {
                if (!(0, db_errors_1.isUniqueViolation)(error)) {
                    // The insert may have landed though its answer was lost (the connection dropped): give it back.
                    void this.release(token);
                    throw error;
                }
            }
            const held = await this.locks.findOne({ _id: LOCK_ID });
            if (held && held.until.getTime() < Date.now())
                await this.locks.deleteOne({ _id: LOCK_ID, owner: held.owner });
            if (Date.now() > deadline)
                throw new codes_1.UnavailableError('The database is busy with other writes; try again shortly', availability_1.RETRY_AFTER_SECONDS);
            await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
        }
    }
}
exports.MongoWriteLock = MongoWriteLock;
//# sourceMappingURL=mongo-write-lock.js.map