import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestScope } from '../access/request-scope.js';
import { Scope } from '../access/scope.decorator.js';
import { PageArgsInput } from '../graphql/page-args.js';
import { JsonScalar } from '../graphql/json.scalar.js';
import { STREAM_COSTS, statePageCost, streamCost } from '../graphql/stream-cost.js';
import type { ConnectionShape } from '../graphql/pagination.js';
import { ModelContentQueryService } from './model-content-query.service.js';
import {
  AssumptionConnection,
  ModelAssetConnection,
  ModelAttackTreeConnection,
  ModelMitigationConnection,
  ModelRiskDecisionConnection,
  ModelSettings,
  ModelVersionConnection,
  ScopeExclusionConnection,
  type Assumption,
  type ModelAsset,
  type ModelAttackTree,
  type ModelMitigation,
  type ModelRiskDecision,
  type ModelVersion,
  type ScopeExclusion,
} from './model-content.types.js';
import { ThreatModel } from './model.types.js';

/** Lists of a model read from its replayed state (no read-model table holds them). */
@Resolver(() => ThreatModel)
export class ModelContentResolver {
  constructor(private readonly queries: ModelContentQueryService) {}

  /** The model's scoring and decision policy. */
  @ResolveField(() => ModelSettings, {
    complexity: streamCost('modelState'),
    description: 'Severity bands, approval threshold and risk matrix the model applies.',
  })
  settings(@Scope() scope: RequestScope, @Parent() model: ThreatModel): Promise<ModelSettings> {
    return this.queries.settings(scope, model);
  }

  /** The whole model as the domain's ModelContent. */
  @ResolveField(() => JsonScalar, {
    complexity: ({ childComplexity }) =>
      STREAM_COSTS.modelState + STREAM_COSTS.modelContent + childComplexity,
    description:
      "The whole model as the domain's ModelContent JSON (docs/domain.md): name, settings, zones, elements, flows, assets, threats with their scores, mitigations, risk decisions, assumptions, scope exclusions, no-threat declarations, checklist attestations and attack trees; now, or as of the point the model was asked for. Diagram positions are not in it (they live in the co-editing doc).",
  })
  content(@Scope() scope: RequestScope, @Parent() model: ThreatModel): Promise<unknown> {
    return this.queries.content(scope, model);
  }

  /** Assets at stake in the model, ordered by id. */
  @ResolveField(() => ModelAssetConnection, {
    complexity: statePageCost,
    description: 'Assets at stake in the model, ordered by id.',
  })
  assets(
    @Scope() scope: RequestScope,
    @Parent() model: ThreatModel,
    @Args() page: PageArgsInput,
  ): Promise<ConnectionShape<ModelAsset>> {
    return this.queries.assets(scope, model, page);
  }

  /** Assumptions the model relies on, ordered by id. */
  @ResolveField(() => AssumptionConnection, {
    complexity: statePageCost,
    description: 'Assumptions the model relies on, ordered by id.',
  })
  assumptions(
    @Scope() scope: RequestScope,
    @Parent() model: ThreatModel,
    @Args() page: PageArgsInput,
  ): Promise<ConnectionShape<Assumption>> {
    return this.queries.assumptions(scope, model, page);
  }

  /** What the model leaves out of scope, ordered by id. */
  @ResolveField(() => ScopeExclusionConnection, {
    complexity: statePageCost,
    description: 'What the model leaves out of scope, ordered by id.',
  })
  scopeExclusions(
    @Scope() scope: RequestScope,
    @Parent() model: ThreatModel,
    @Args() page: PageArgsInput,
  ): Promise<ConnectionShape<ScopeExclusion>> {
    return this.queries.scopeExclusions(scope, model, page);
  }

  /** Mitigations with their threats, owner, status, due date and residual risk, ordered by id. */
  @ResolveField(() => ModelMitigationConnection, {
    complexity: statePageCost,
    description:
      'Mitigations with their threats, owner, status, due date and residual risk, ordered by id.',
  })
  mitigations(
    @Scope() scope: RequestScope,
    @Parent() model: ThreatModel,
    @Args() page: PageArgsInput,
  ): Promise<ConnectionShape<ModelMitigation>> {
    return this.queries.mitigations(scope, model, page);
  }

  /** Risk acceptances and transfers (revoked ones included), ordered by id. */
  @ResolveField(() => ModelRiskDecisionConnection, {
    complexity: statePageCost,
    description: 'Risk acceptances and transfers (revoked ones included), ordered by id.',
  })
  riskDecisions(
    @Scope() scope: RequestScope,
    @Parent() model: ThreatModel,
    @Args() page: PageArgsInput,
  ): Promise<ConnectionShape<ModelRiskDecision>> {
    return this.queries.riskDecisions(scope, model, page);
  }

  /** Attack trees with their AND/OR nodes and leaf feasibility, ordered by id. */
  @ResolveField(() => ModelAttackTreeConnection, {
    complexity: statePageCost,
    description: 'Attack trees with their AND/OR nodes and leaf feasibility, ordered by id.',
  })
  attackTrees(
    @Scope() scope: RequestScope,
    @Parent() model: ThreatModel,
    @Args() page: PageArgsInput,
  ): Promise<ConnectionShape<ModelAttackTree>> {
    return this.queries.attackTrees(scope, model, page);
  }

  /** Frozen versions and their sign-offs, oldest first. */
  @ResolveField(() => ModelVersionConnection, {
    complexity: statePageCost,
    description: 'Frozen versions and their sign-offs, oldest first.',
  })
  versions(
    @Scope() scope: RequestScope,
    @Parent() model: ThreatModel,
    @Args() page: PageArgsInput,
  ): Promise<ConnectionShape<ModelVersion>> {
    return this.queries.versions(scope, model, page);
  }
}
