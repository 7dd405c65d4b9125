import { Module } from '@nestjs/common';
import { ModelRepository } from '../model/model.repository.js';
import { ThreatRepository } from './threat.repository.js';
import { ThreatResolver } from './threat.resolver.js';
import { ThreatService } from './threat.service.js';

/** The threat register read side. */
@Module({
  providers: [ThreatRepository, ModelRepository, ThreatService, ThreatResolver],
  exports: [ThreatService],
})
export class ThreatModule {}
