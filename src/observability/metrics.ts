import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { QueueStatus } from '../modules/queue/queue-status';

/** How long one reading of the queue's state serves scrapes. */
const QUEUE_STATUS_TTL_MS = 5000;

/** What one GraphQL request was, filled in as it is answered (for the request log line and the metrics). */
export interface RequestTrace {
  /** The operation's name as resolved by Apollo (client-chosen: see operationLabel). */
  operation?: string;
  /** Id of the authenticated user; never the key. */
  caller?: string;
  /** `ok`, or the first error's `extensions.code`. */
  code?: string;
}

/** Most distinct operation names one process reports; names past it count as `other`. */
const MAX_OPERATION_LABELS = 200;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Prometheus metrics from prom-client: requests and errors by operation and
 * code, a latency histogram by operation, database round trips, the database
 * outage state and Node's process metrics. Operation names come from clients,
 * so the label set is bounded (MAX_OPERATION_LABELS, first come first kept).
 */
/** Subscription streams and live queries now, and the counts since start (see ws-server.ts). */
type LiveStats = { streams: number; liveQueries: number; liveExecutions: number; dropped: number };

export class Metrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly requests: Counter<'operation' | 'code'>;
  private readonly duration: Histogram<'operation'>;

  constructor(sources: {
    roundTrips: () => number;
    readPaths?: () => { compiled: number; batched: number; answered: number };
    databaseDown: () => boolean;
    queue?: () => Promise<QueueStatus>;
    live?: () => LiveStats;
  }) {
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'codeobit_graphql_requests_total',
      help: 'GraphQL HTTP requests answered, by operation and first error code (ok when none).',
      labelNames: ['operation', 'code'],
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: 'codeobit_graphql_request_duration_seconds',
      help: 'Time from receiving a GraphQL request to its last byte sent, by operation.',
      labelNames: ['operation'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    new Counter({
      name: 'codeobit_db_round_trips_total',
      help: 'Database round trips (SQL queries or MongoDB commands).',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(sources.roundTrips());
      },
    });
    const readPaths = sources.readPaths;
    if (readPaths)
      new Counter({
        name: 'codeobit_root_reads_total',
        help: 'Root fields read by a compiled tree (one statement: path="compiled") or by the batched path (path="batched").',
        labelNames: ['path'],
        registers: [this.registry],
        collect() {
          this.reset();
          const { compiled, batched } = readPaths();
          this.inc({ path: 'compiled' }, compiled);
          this.inc({ path: 'batched' }, batched);
        },
      });
    if (readPaths)
      new Counter({
        name: 'codeobit_tree_answers_total',
        help: 'Queries whose root fields were all compiled trees, written from their rows without field-by-field execution (see tree-executor.ts).',
        registers: [this.registry],
        collect() {
          this.reset();
          this.inc(readPaths().answered);
        },
      });
    new Gauge({
      name: 'codeobit_db_unavailable',
      help: '1 while the database is unreachable (an outage incident is open), else 0.',
      registers: [this.registry],
      collect() {
        this.set(sources.databaseDown() ? 1 : 0);
      },
    });
    if (sources.queue) this.queueGauges(sources.queue);
    if (sources.live) this.liveGauges(sources.live);
  }

  /** Subscriptions and live queries as executed: subscribers who share one count once. */
  private liveGauges(read: () => LiveStats): void {
    new Gauge({
      name: 'codeobit_subscription_streams',
      help: 'Subscription streams executing now (subscribers with the same user, operation and variables share one).',
      registers: [this.registry],
      collect() {
        this.set(read().streams);
      },
    });
    new Gauge({
      name: 'codeobit_live_queries',
      help: 'Live queries kept now (shared like streams).',
      registers: [this.registry],
      collect() {
        this.set(read().liveQueries);
      },
    });
    new Counter({
      name: 'codeobit_live_query_runs_total',
      help: 'Live query executions: the first result and every re-run after a write.',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(read().liveExecutions);
      },
    });
    new Counter({
      name: 'codeobit_live_events_dropped_total',
      help: 'Subscription events dropped for a subscriber with 1,024 undelivered already (a client that stopped reading); the write that announced them is unaffected.',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(read().dropped);
      },
    });
  }

  /**
   * The work queue (see QueueStatus), read from the database at most every
   * QUEUE_STATUS_TTL_MS however often Prometheus scrapes, and not at all while
   * it is unavailable (the gauges then keep their last values).
   */
  private queueGauges(read: () => Promise<QueueStatus>): void {
    let last: { at: number; status: Promise<QueueStatus | null> } | undefined;
    const status = () => {
      if (!last || Date.now() - last.at > QUEUE_STATUS_TTL_MS) last = { at: Date.now(), status: read().catch(() => null) };
      return last.status;
    };
    const registers = [this.registry];
    new Gauge({
      name: 'codeobit_queue_depth',
      help: 'Code generations per queue status (pending, running, completed, failed).',
      labelNames: ['status'],
      registers,
      async collect() {
        const s = await status();
        if (s) for (const [name, n] of Object.entries(s.byStatus)) this.set({ status: name }, n);
      },
    });
    new Gauge({
      name: 'codeobit_queue_oldest_waiting_seconds',
      help: 'Age of the oldest PENDING code generation (0 when none waits).',
      registers,
      async collect() {
        const s = await status();
        if (s) this.set(s.oldestWaitingSeconds ?? 0);
      },
    });
    new Gauge({
      name: 'codeobit_queue_leases_expired',
      help: 'RUNNING code generations whose lease has run out (their worker is gone or stuck).',
      registers,
      async collect() {
        const s = await status();
        if (s) this.set(s.leasesExpired);
      },
    });
    new Gauge({
      name: 'codeobit_queue_leases_expiring_soon',
      help: 'RUNNING code generations whose lease runs out within a minute.',
      registers,
      async collect() {
        const s = await status();
        if (s) this.set(s.leasesExpiringSoon);
      },
    });
  }

  /** A bounded label for a client-chosen operation name. */
  operationLabel(name: string | undefined): string {
    if (!name) return 'anonymous';
    if (!NAME.test(name)) return 'invalid';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return 'other';
    this.operations.add(name);
    return name;
  }

  observe(trace: RequestTrace, seconds: number): void {
    const operation = this.operationLabel(trace.operation);
    this.requests.inc({ operation, code: trace.code ?? 'ok' });
    this.duration.observe({ operation }, seconds);
  }
}

/** Records the resolved operation's name on the request's trace (the HTTP layer logs and counts it). */
export function operationTracePlugin(): ApolloServerPlugin<{ trace?: RequestTrace }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operationName }) {
          if (contextValue.trace) contextValue.trace.operation = operationName ?? undefined;
        },
      };
    },
  };
}
