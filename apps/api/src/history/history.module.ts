import { Module } from '@nestjs/common';
import { HistoryResolver } from './history.resolver.js';
import { HistoryService } from './history.service.js';
import { DecisionLogService } from './decision-log.service.js';

/** The audit view of models' stored history. */
@Module({ providers: [HistoryService, DecisionLogService, HistoryResolver] })
export class HistoryModule {}
