import { Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '../config/config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { DatabaseService } from '../database/database.service.js';
import { seedGenomeWell } from './demo-seeder.js';

/** Seeds the demo data at start when SEED_DEMO is on (the default). */
@Module({})
export class DemoModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly database: DatabaseService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Appends the GenomeWell model once per database. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo) return;
    const outcome = await seedGenomeWell(this.database.eventStore);
    this.logger.log(
      outcome === 'seeded'
        ? 'GenomeWell demo model seeded'
        : 'GenomeWell demo model already present',
    );
  }
}
