import {
  Global,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { AppConfig } from '../config/config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { DatabaseService } from '../database/database.service.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { ModelStateCache } from '../model-state/model-state-cache.js';
import { ProjectionProgress } from './projection-progress.js';
import { createProjections } from './projection-registry.js';
import { ProjectionRunner } from './projection-runner.js';

/**
 * Runs the projections in the server process, from boot until shutdown, and
 * lets writers wait until their events are projected.
 */
@Global()
@Module({
  providers: [
    ProjectionProgress,
    {
      provide: ProjectionRunner,
      inject: [DatabaseService, ModelStateCache, APP_CONFIG],
      useFactory: (database: DatabaseService, modelStates: ModelStateCache, config: AppConfig) =>
        new ProjectionRunner(
          database,
          createProjections(database.eventStore, modelStates, config.modelState.milestoneEvery),
          new Logger('Projections'),
        ),
    },
  ],
  exports: [ProjectionRunner, ProjectionProgress],
})
export class ProjectionsModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly database: DatabaseService,
    private readonly metrics: MetricsService,
  ) {}

  /** Starts the projections and publishes their lag. */
  async onApplicationBootstrap(): Promise<void> {
    this.metrics.setProjectionLagSource(async () => {
      const head = await this.database.eventStore.headPosition();
      const lags = new Map<string, number>();
      for (const [name, position] of this.runner.positions())
        lags.set(name, Math.max(0, head - position));
      return lags;
    });
    await this.runner.start();
  }

  /** Stops the projections before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}
