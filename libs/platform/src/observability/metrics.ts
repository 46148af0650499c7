import { Injectable } from '@nestjs/common';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The Prometheus metrics of one node, defined in one place. Route labels are route
 * patterns (`/api/v1/cases/:id`), never raw paths, so ids never become label values.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'relay_http_request_duration_seconds',
    help: 'HTTP request latency by route pattern, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly socketsConnected = new Gauge({
    name: 'relay_sockets_connected',
    help: 'Live sockets connected to this node',
    registers: [this.registry],
  });

  readonly eventsPublished = new Counter({
    name: 'relay_events_published_total',
    help: 'Live events emitted to sockets by this node, by type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });

  readonly eventDelay = new Histogram({
    name: 'relay_event_commit_to_emit_seconds',
    help: 'Delay from an event being written (in its transaction) to its emit on this node',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });

  readonly jobRuns = new Counter({
    name: 'relay_job_runs_total',
    help: 'Background job runs by job and outcome (done, skipped: another node holds the lock, failed)',
    labelNames: ['job', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly sessionLookups = new Counter({
    name: 'relay_session_lookups_total',
    help: 'Sessions checked for a request or socket, by where the answer came from (cache, database)',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  readonly dbPool = new Gauge({
    name: 'relay_db_pool_connections',
    help: 'Database pool connections by state',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'relay_' });
  }
}
