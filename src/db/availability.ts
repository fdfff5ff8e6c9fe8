import type { Logger } from '../logger';

/** Seconds a client is told to wait (Retry-After) when the database cannot take its request. */
export const RETRY_AFTER_SECONDS = 2;

/** Failures this soon after an outage ended belong to it (logged as its continuation, not as a new one). */
const REOPEN_WITHIN_MS = 30_000;

/**
 * Database outages, logged once each: the first failure opens an incident
 * (one warning with its reason); further failures only count; it closes once
 * a second has passed without failures and the database answers a ping (one
 * line with how many requests failed and for how long). Recovery itself needs
 * nothing: connections are made again on demand.
 */
export class OutageLog {
  private incident?: { since: number; failures: number; checked: number; timer: NodeJS.Timeout; recovering?: number };
  /** When the last incident ended: failures soon after it (a database coming back unevenly) continue it rather than open a new one. */
  private lastEnded?: { at: number; since: number; failures: number };

  constructor(
    private readonly logger: Logger,
    private readonly driver: string,
    private readonly ping: () => Promise<void>,
    /** Asked (every few seconds) while pings fail: replaces a stuck connection if the database itself answers. */
    private readonly recover: () => Promise<void> = async () => undefined,
  ) {}

  /** Notes a request that failed because the database is unavailable. */
  failed(error: unknown): void {
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

  get open(): boolean {
    return this.incident !== undefined;
  }

  private async check(): Promise<void> {
    const incident = this.incident;
    if (!incident) return;
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
    } catch {
      return;
    }
    if (this.incident !== incident) return;
    clearInterval(incident.timer);
    this.incident = undefined;
    this.lastEnded = { at: Date.now(), since: incident.since, failures: incident.failures };
    this.logger.info('database available again', { driver: this.driver, failedRequests: incident.failures, seconds: Math.round((Date.now() - incident.since) / 100) / 10 });
  }

  stop(): void {
    if (this.incident) clearInterval(this.incident.timer);
    this.incident = undefined;
  }
}
