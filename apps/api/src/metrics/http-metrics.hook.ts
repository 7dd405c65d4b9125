import type { FastifyInstance } from 'fastify';
import type { MetricsService } from './metrics.service.js';

/**
 * Counts and times every HTTP request by its route pattern (never the raw URL,
 * which would carry ids and explode label cardinality). Fastify measures the
 * elapsed time itself (`reply.elapsedTime`).
 */
export function registerHttpMetrics(fastify: FastifyInstance, metrics: MetricsService): void {
  fastify.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status_code: String(reply.statusCode),
    };
    metrics.httpRequests.inc(labels);
    metrics.httpRequestDuration.observe(labels, reply.elapsedTime / 1000);
  });
}
