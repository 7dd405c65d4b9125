import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const latencyBucketsSeconds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * The server's Prometheus metrics, on a registry of its own (not prom-client's
 * global one) so several servers in one process keep separate figures.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [this.registry],
  });

  readonly httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency in seconds, by method, route and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: latencyBucketsSeconds,
    registers: [this.registry],
  });

  readonly graphqlOperations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations executed, by operation type and outcome (ok or error).',
    labelNames: ['operation_type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly graphqlOperationDuration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'GraphQL operation latency in seconds, by operation type.',
    labelNames: ['operation_type'] as const,
    buckets: latencyBucketsSeconds,
    registers: [this.registry],
  });

  readonly eventStoreAppendDuration = new Histogram({
    name: 'eventstore_append_duration_seconds',
    help: 'Latency of appending a batch of events to the event store, in seconds.',
    buckets: latencyBucketsSeconds,
    registers: [this.registry],
  });

  private projectionLagSource: (() => Promise<ReadonlyMap<string, number>>) | null = null;

  readonly projectionLag: Gauge<'projection'> = new Gauge({
    name: 'projection_lag_events',
    help: 'Global positions between the event store head and the last event each projection applied.',
    labelNames: ['projection'] as const,
    registers: [this.registry],
    // Computed at scrape time, so the figure is never older than the scrape.
    collect: async () => {
      const lags = (await this.projectionLagSource?.()) ?? new Map<string, number>();
      this.projectionLag.reset();
      for (const [projection, lag] of lags) this.projectionLag.set({ projection }, lag);
    },
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Registers how to compute projection lag (the projection runner provides it). */
  setProjectionLagSource(source: () => Promise<ReadonlyMap<string, number>>): void {
    this.projectionLagSource = source;
  }

  /** Times `fn` into the event-store append histogram. */
  async timeAppend<T>(fn: () => Promise<T>): Promise<T> {
    const stop = this.eventStoreAppendDuration.startTimer();
    try {
      return await fn();
    } finally {
      stop();
    }
  }
}
