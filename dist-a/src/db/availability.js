"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OutageLog = exports.RETRY_AFTER_SECONDS = void 0;
exports.isUnavailable = isUnavailable;
/** Seconds a client is told to wait (Retry-After) when the database cannot take its request. */
exports.RETRY_AFTER_SECONDS = 2;
/** Failures this soon after an outage ended belong to it (logged as its continuation, not as a new one). */
const REOPEN_WITHIN_MS = 30_000;
/** Codes and names that mean "the database cannot be reached or cannot take this now", per driver. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);
/** PostgreSQL SQLSTATE classes 08 (connection) and 53 (insufficient resources), and 57P0x (shutting down, cannot connect now). */
const PG_STATES = /^(08|53|57P0[1-4])/;
const SQLITE_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_CANTOPEN', 'SQLITE_IOERR', 'SQLITE_FULL', 'SQLITE_PROTOCOL']);
const MONGO_NAMES = /^Mongo(Network|NetworkTimeout|ServerSelection|NotConnected|TopologyClosed|PoolCleared|ServerClosed)Error$|^PoolClearedError$/;
const MESSAGES = /Connection terminated|connection (is )?closed|not queryable|Timeout acquiring a connection|the database system is (shutting down|starting up|in recovery mode)|terminating connection due to administrator command|database is locked|Server selection timed out|connection .* closed|Client network socket disconnected|Transaction query already complete|client was closed|Topology is closed/i;
/**
 * Whether `error` (or what it wraps) means the database is unavailable rather
 * than that the request was wrong or the code is: the client should retry.
 */
function isUnavailable(error, depth = 0) {
    if (!error || typeof error !== 'object' || depth > 5)
        return false;
    const e = error;
    const code = typeof e.code === 'string' ? e.code : '';
    if (NETWORK_CODES.has(code) || PG_STATES.test(code) || SQLITE_CODES.has(code.split(':')[0]))
        return true;
    if (typeof e.name === 'string' && (MONGO_NAMES.test(e.name) || e.name === 'ConnectionException'))
        return true;
    if (Array.isArray(e.errorLabels) && e.errorLabels.includes('ResetPool'))
        return true;
    if (typeof e.message === 'string' && MESSAGES.test(e.message))
        return true;
    return isUnavailable(e.cause, depth + 1) || isUnavailable(e.originalError, depth + 1);
}
/**
 * Database outages, logged once each: the first failure opens an incident
 * (one warning with its reason); further failures only count; it closes once
 * a second has passed without failures and the database answers a ping (one
 * line with how many requests failed and for how long). Recovery itself needs
 * nothing: connections are made again on demand.
 */
class OutageLog {
    constructor(logger, driver, ping, 
    /** Asked (every few seconds) while pings fail: replaces a stuck connection if the database itself answers. */
    recover = async () => undefined) {
        this.logger = logger;
        this.driver = driver;
        this.ping = ping;
        this.recover = recover;
    }
    /** Notes a request that failed because the database is unavailable. */
    failed(error) {
        if (this.incident) {
            this.incident.failures++;
            return;
        }
        const timer = setInterval(() => void this.check(), 1000);
        timer.unref();
        const last = this.lastEnded;
        if (last && Date.now() - last.at < REOPEN_WITHIN_MS) {
            this.incident = { since: last.since, failures: last.failures + 1, checked: last.failures + 1, timer };
            return;
        }
        const reason = error instanceof Error ? error.message.split('\n')[0].slice(0, 200) : String(error);
        this.logger.warn('database unavailable', { driver: this.driver, reason });
        this.incident = { since: Date.now(), failures: 1, checked: 1, timer };
    }
    get open() {
        return this.incident !== undefined;
    }
    async check() {
        const incident = this.incident;
        if (!incident)
            return;
        if (Date.now() - (incident.recovering ?? incident.since) > 3000) {
            incident.recovering = Date.now();
            await this.recover().catch(() => undefined);
        }
        // Still failing (a database that answers pings can still refuse writes, e.g. SQLite locked by another process).
        if (incident.failures !== incident.checked) {
            incident.checked = incident.failures;
            return;
        }
        try {
            await this.ping();
        }
        catch {
            return;
        }
        if (this.incident !== incident)
            return;
        clearInterval(incident.timer);
        this.incident = undefined;
        this.lastEnded = { at: Date.now(), since: incident.since, failures: incident.failures };
        this.logger.info('database available again', { driver: this.driver, failedRequests: incident.failures, seconds: Math.round((Date.now() - incident.since) / 100) / 10 });
    }
    stop() {
        if (this.incident)
            clearInterval(this.incident.timer);
        this.incident = undefined;
    }
}
exports.OutageLog = OutageLog;
//# sourceMappingURL=availability.js.map