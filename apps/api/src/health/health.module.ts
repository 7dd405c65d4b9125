import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';

/** `/health`, `/health/live`, `/health/ready`. */
@Module({ controllers: [HealthController], providers: [HealthService] })
export class HealthModule {}
