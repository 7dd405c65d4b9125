import { Module } from '@nestjs/common';
import { ThreatModule } from '../threat/threat.module.js';
import { ModelChangeFeed } from './model-change-feed.js';
import { ModelCommandResolver } from './model-command.resolver.js';
import { ModelCommandService } from './model-command.service.js';
import { ModelQueryService } from './model-query.service.js';
import { ModelViewResolver } from './model-view.resolver.js';
import { ModelViewService } from './model-view.service.js';
import { ThreatCommandResolver } from './threat-command.resolver.js';
import { ModelRepository } from './model.repository.js';
import { ModelResolver } from './model.resolver.js';

/** Models: queries, computed views, commands and live changes. */
@Module({
  imports: [ThreatModule],
  providers: [
    ModelRepository,
    ModelQueryService,
    ModelResolver,
    ModelViewService,
    ModelViewResolver,
    ModelCommandService,
    ModelCommandResolver,
    ThreatCommandResolver,
    ModelChangeFeed,
  ],
  exports: [ModelRepository],
})
export class ModelModule {}
