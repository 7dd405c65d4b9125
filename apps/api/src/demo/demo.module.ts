import { Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '../config/config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { DatabaseService } from '../database/database.service.js';
import { seedGenomeWell, seedHelixLims } from './demo-seeder.js';

/** Seeds the demo data at start when SEED_DEMO is on (the default). */
@Module({})
export class DemoModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly database: DatabaseService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Appends the GenomeWell model and the vendor's Helix LIMS model, each once per database. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo) return;
    const genomeWell = await seedGenomeWell(this.database.eventStore);
    this.logger.log(
      genomeWell === 'seeded'
        ? 'GenomeWell demo model seeded'
        : 'GenomeWell demo model already present',
    );
    const helixLims = await seedHelixLims(this.database.eventStore);
    this.logger.log(
      helixLims === 'seeded'
        ? 'Helix LIMS demo model seeded'
        : 'Helix LIMS demo model already present',
    );
  }
}
