import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HealthService, type HealthReport } from './health.service.js';

/**
 * Health endpoints: `/health` (full report), `/health/live` (the process
 * answers) and `/health/ready` (it can serve: the database answers).
 * Unhealthy answers use 503 so load balancers need not parse the body.
 */
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Database reachability and event-store head position; 200 or 503. */
  @Get()
  async report(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const report = await this.health.check();
    reply.status(report.status === 'ok' ? 200 : 503);
    return report;
  }

  /** Liveness: the event loop runs; never touches the database. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: 200 when the database answers, 503 otherwise. */
  @Get('ready')
  async ready(
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ status: 'ok' | 'degraded' }> {
    const report = await this.health.check();
    reply.status(report.status === 'ok' ? 200 : 503);
    return { status: report.status };
  }
}
