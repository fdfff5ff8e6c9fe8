"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Metrics = void 0;
exports.operationTracePlugin = operationTracePlugin;
const prom_client_1 = require("prom-client");
/** Most distinct operation names one process reports; names past it count as `other`. */
const MAX_OPERATION_LABELS = 200;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/**
 * Prometheus metrics from prom-client: requests and errors by operation and
 * code, a latency histogram by operation, database round trips, the database
 * outage state and Node's process metrics. Operation names come from clients,
 * so the label set is bounded (MAX_OPERATION_LABELS, first come first kept).
 */
class Metrics {
    constructor(sources) {
        this.registry = new prom_client_1.Registry();
        this.operations = new Set();
        (0, prom_client_1.collectDefaultMetrics)({ register: this.registry });
        this.requests = new prom_client_1.Counter({
            name: 'codeobit_graphql_requests_total',
            help: 'GraphQL HTTP requests answered, by operation and first error code (ok when none).',
            labelNames: ['operation', 'code'],
            registers: [this.registry],
        });
        this.duration = new prom_client_1.Histogram({
            name: 'codeobit_graphql_request_duration_seconds',
            help: 'Time from receiving a GraphQL request to its last byte sent, by operation.',
            labelNames: ['operation'],
            buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
            registers: [this.registry],
        });
        new prom_client_1.Counter({
            name: 'codeobit_db_round_trips_total',
            help: 'Database round trips (SQL queries or MongoDB commands).',
            registers: [this.registry],
            collect() {
                this.reset();
                this.inc(sources.roundTrips());
            },
        });
        new prom_client_1.Gauge({
            name: 'codeobit_db_unavailable',
            help: '1 while the database is unreachable (an outage incident is open), else 0.',
            registers: [this.registry],
            collect() {
                this.set(sources.databaseDown() ? 1 : 0);
            },
        });
    }
    /** A bounded label for a client-chosen operation name. */
    operationLabel(name) {
        if (!name)
            return 'anonymous';
        if (!NAME.test(name))
            return 'invalid';
        if (this.operations.has(name))
            return name;
        if (this.operations.size >= MAX_OPERATION_LABELS)
            return 'other';
        this.operations.add(name);
        return name;
    }
    observe(trace, seconds) {
        const operation = this.operationLabel(trace.operation);
        this.requests.inc({ operation, code: trace.code ?? 'ok' });
        this.duration.observe({ operation }, seconds);
    }
}
exports.Metrics = Metrics;
/** Records the resolved operation's name on the request's trace (the HTTP layer logs and counts it). */
function operationTracePlugin() {
    return {
        async requestDidStart() {
            return {
                async didResolveOperation({ contextValue, operationName }) {
                    if (contextValue.trace)
                        contextValue.trace.operation = operationName ?? undefined;
                },
            };
        },
    };
}
//# sourceMappingURL=metrics.js.map