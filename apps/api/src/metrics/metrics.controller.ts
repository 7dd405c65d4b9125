import { Controller, Get, Header } from '@nestjs/common';
import { MetricsService } from './metrics.service.js';

/** `GET /metrics` in the Prometheus text exposition format. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** All metrics of this server. */
  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
