import { Module } from '@nestjs/common';
import { CollabModule } from '../collab/collab.module.js';
import { ThreatModule } from '../threat/threat.module.js';
import { AssetCommandResolver } from '../asset/asset-command.resolver.js';
import { AttackTreeCommandResolver } from '../attack-tree/attack-tree-command.resolver.js';
import { ChecklistCommandResolver } from '../checklist/checklist-command.resolver.js';
import { DecisionCommandResolver } from '../decision/decision-command.resolver.js';
import { ElementCommandResolver } from '../element/element-command.resolver.js';
import { FlowCommandResolver } from '../flow/flow-command.resolver.js';
import { MitigationCommandResolver } from '../mitigation/mitigation-command.resolver.js';
import { ModelSettingsCommandResolver } from './model-settings-command.resolver.js';
import { ScopeCommandResolver } from '../scope/scope-command.resolver.js';
import { ThreatCommandResolver } from '../threat/threat-command.resolver.js';
import { VersionCommandResolver } from '../version/version-command.resolver.js';
import { ZoneCommandResolver } from '../zone/zone-command.resolver.js';
import { ModelContentQueryService } from './model-content-query.service.js';
import { ModelContentResolver } from './model-content.resolver.js';
import { ModelChangeFeed } from './model-change-feed.js';
import { ModelCommandResolver } from './model-command.resolver.js';
import { ModelCommandService } from './model-command.service.js';
import { ModelQueryService } from './model-query.service.js';
import { ModelViewResolver } from './model-view.resolver.js';
import { ModelViewService } from './model-view.service.js';
import { ModelRepository } from './model.repository.js';
import { ModelResolver } from './model.resolver.js';
import { StrideMatrixResolver } from '../stride/stride-matrix.resolver.js';
import { ChecklistItemResolver } from '../checklist/checklist-item.resolver.js';

/** Models: queries, computed views, commands and live changes. */
@Module({
  imports: [ThreatModule, CollabModule],
  providers: [
    ModelRepository,
    ModelQueryService,
    ModelResolver,
    ModelViewService,
    ModelViewResolver,
    StrideMatrixResolver,
    ChecklistItemResolver,
    ModelCommandService,
    ModelCommandResolver,
    AssetCommandResolver,
    AttackTreeCommandResolver,
    ChecklistCommandResolver,
    DecisionCommandResolver,
    ElementCommandResolver,
    FlowCommandResolver,
    MitigationCommandResolver,
    ModelSettingsCommandResolver,
    ScopeCommandResolver,
    ThreatCommandResolver,
    VersionCommandResolver,
    ZoneCommandResolver,
    ModelContentQueryService,
    ModelContentResolver,
    ModelChangeFeed,
  ],
  exports: [ModelRepository],
})
export class ModelModule {}
