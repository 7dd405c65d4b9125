import { Module } from '@nestjs/common';
import { HomeController } from '../home/home.controller.js';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';

/** `/` (an index, or the GraphQL IDE for browsers), `/health`, `/health/live`, `/health/ready`. */
@Module({ controllers: [HomeController, HealthController], providers: [HealthService] })
export class HealthModule {}
