import { type QueueClient, QueueError, type QueueJob } from './queue-client';

/**
 * What a handler module exports (default or `handle`): given a claimed
 * generation, the code and the tokens it used. Throwing fails the attempt
 * (retried with backoff); an error with `retryable: false` fails it for good.
 * `signal` aborts when the lease is lost or shutdown runs out of time.
 */
export type Handler = (job: QueueJob, signal: AbortSignal) => Promise<{ code: string; tokensUsed: number }>;

export interface WorkerOptions {
  concurrency: number;
  leaseSeconds: number;
  languages?: string[];
  /** Wait this long between claims that found nothing. */
  idleMs: number;
  /** On stop: how long running handlers may finish before their work is released. */
  graceMs: number;
  log(line: string): void;
}

export interface WorkerCounts {
  claimed: number;
  completed: number;
  failed: number;
  leaseLost: number;
  released: number;
}

/**
 * Runs up to `concurrency` handlers at once: claims as many as there are free
 * slots, heartbeats each held job every third of its lease, completes or fails
 * it, and on stop() claims nothing more, lets running handlers finish within
 * the grace time and releases what is still running.
 */
export class Worker {
  readonly counts: WorkerCounts = { claimed: 0, completed: 0, failed: 0, leaseLost: 0, released: 0 };
  private readonly running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private stopping = false;
  private wake?: () => void;

  constructor(
    private readonly client: QueueClient,
    private readonly handler: Handler,
    private readonly options: WorkerOptions,
  ) {}

  get active(): number {
    return this.running.size;
  }

  /** Claims and runs work until stop(); resolves once everything held is finished or released. */
  async run(): Promise<void> {
    while (!this.stopping) {
      const free = this.options.concurrency - this.running.size;
      if (free > 0) {
        let jobs: QueueJob[] = [];
        try {
          jobs = await this.client.claim(free, this.options.leaseSeconds, this.options.languages);
        } catch (e) {
          if (!(e instanceof QueueError) || !e.transient) throw e;
          this.options.log(`claim failed (${e.code}), retrying: ${e.message}`);
        }
        this.counts.claimed += jobs.length;
        for (const job of jobs) this.start(job);
        if (jobs.length === free) continue;
      }
      // Full, or nothing to claim: wait for a slot to free up or the idle time to pass.
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, this.options.idleMs).unref();
      });
    }
    await this.drain();
  }

  stop(): void {
    this.stopping = true;
    this.wake?.();
  }

  private start(job: QueueJob): void {
    const abort = new AbortController();
    const done = this.work(job, abort).finally(() => {
      this.running.delete(job.id);
      this.wake?.();
    });
    this.running.set(job.id, { abort, done });
  }

  private async work(job: QueueJob, abort: AbortController): Promise<void> {
    const beat = setInterval(
      () => {
        this.client.heartbeat(job.id, this.options.leaseSeconds).catch((e) => {
          if (e instanceof QueueError && e.reason === 'LEASE_LOST') abort.abort(e);
        });
      },
      (this.options.leaseSeconds * 1000) / 3,
    );
    try {
      let result: { code: string; tokensUsed: number };
      try {
        result = await this.handler(job, abort.signal);
      } catch (e) {
        if (abort.signal.aborted) return this.lost(job, abort);
        const retryable = (e as { retryable?: boolean }).retryable !== false;
        await this.settle(job, () => this.client.fail(job.id, String((e as Error).message ?? e).slice(0, 2000) || 'handler failed', retryable));
        this.counts.failed++;
        return;
      }
      if (abort.signal.aborted) return this.lost(job, abort);
      await this.settle(job, () => this.client.complete(job.id, result.code, result.tokensUsed));
      this.counts.completed++;
    } catch (e) {
      if (e instanceof QueueError && e.reason === 'LEASE_LOST') this.counts.leaseLost++;
      else this.options.log(`job ${job.id}: ${(e as Error).message}`);
    } finally {
      clearInterval(beat);
    }
  }

  /** Reports an outcome, retrying while the gateway is unreachable (the lease bounds how long that can help). */
  private async settle(job: QueueJob, report: () => Promise<unknown>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await report();
        return;
      } catch (e) {
        if (!(e instanceof QueueError) || !e.transient || attempt >= 5) throw e;
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
  }

  private lost(job: QueueJob, abort: AbortController): void {
    const reason = abort.signal.reason as QueueError | undefined;
    if (reason instanceof QueueError && reason.reason === 'LEASE_LOST') this.counts.leaseLost++;
    else this.options.log(`job ${job.id}: aborted`);
  }

  /** Waits for running handlers up to the grace time; then aborts them and gives their work back. */
  private async drain(): Promise<void> {
    const all = Promise.all([...this.running.values()].map((r) => r.done));
    const timer = new Promise((r) => setTimeout(r, this.options.graceMs).unref());
    await Promise.race([all, timer]);
    await Promise.all(
      [...this.running.entries()].map(async ([id, r]) => {
        r.abort.abort(new Error('shutting down'));
        await this.client.release(id).then(
          () => this.counts.released++,
          (e) => this.options.log(`job ${id}: not released (${(e as Error).message}); its lease will run out`),
        );
      }),
    );
  }
}
