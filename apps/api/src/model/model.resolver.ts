import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestScope } from '../access/request-scope.js';
import { Scope } from '../access/scope.decorator.js';
import { PageArgsInput } from '../graphql/page-args.js';
import { pageCost } from '../graphql/page-cost.js';
import { STREAM_COSTS } from '../graphql/stream-cost.js';
import type { ConnectionShape } from '../graphql/pagination.js';
import { ThreatService } from '../threat/threat.service.js';
import { ThreatConnection, ThreatFilter, type Threat } from '../threat/threat.types.js';
import { ModelQueryService } from './model-query.service.js';
import {
  FlowConnection,
  ModelAsOfInput,
  ModelElementConnection,
  ThreatModel,
  ThreatModelConnection,
  ZoneConnection,
  type Flow,
  type ModelElement,
  type Zone,
} from './model.types.js';

/** Queries on models and the lists nested under a model. */
@Resolver(() => ThreatModel)
export class ModelResolver {
  constructor(
    private readonly modelQueries: ModelQueryService,
    private readonly threatService: ThreatService,
  ) {}

  /** One threat model by id, now or as of a past point. */
  @Query(() => ThreatModel, {
    description:
      'One threat model by id: as it is now, or with asOf as it was at a past point of its history (replayed from its events; its lists, settings and versions are then those of that point, read only).',
    complexity: ({ args, childComplexity }) =>
      (args['asOf'] ? STREAM_COSTS.stateAsOf : 1) + childComplexity,
  })
  model(
    @Scope() scope: RequestScope,
    @Args('id', { type: () => ID }) id: string,
    @Args('asOf', { type: () => ModelAsOfInput, nullable: true }) asOf: ModelAsOfInput | null,
  ): Promise<ThreatModel> {
    return this.modelQueries.get(scope, id, asOf);
  }

  /** The models the caller can see. */
  @Query(() => ThreatModelConnection, {
    complexity: pageCost,
    description: 'Threat models the caller can see.',
  })
  models(
    @Scope() scope: RequestScope,
    @Args() page: PageArgsInput,
  ): Promise<ConnectionShape<ThreatModel>> {
    return this.modelQueries.list(scope, page);
  }

  /** Zones of the model. */
  @ResolveField(() => ZoneConnection, { complexity: pageCost })
  zones(
    @Scope() scope: RequestScope,
    @Parent() model: ThreatModel,
    @Args() page: PageArgsInput,
  ): Promise<ConnectionShape<Zone>> {
    return this.modelQueries.zones(scope, model, page);
  }

  /** Elements of the model. */
  @ResolveField(() => ModelElementConnection, { complexity: pageCost })
  elements(
    @Scope() scope: RequestScope,
    @Parent() model: ThreatModel,
    @Args() page: PageArgsInput,
  ): Promise<ConnectionShape<ModelElement>> {
    return this.modelQueries.elements(scope, model, page);
  }

  /** Flows of the model. */
  @ResolveField(() => FlowConnection, { complexity: pageCost })
  flows(
    @Scope() scope: RequestScope,
    @Parent() model: ThreatModel,
    @Args() page: PageArgsInput,
  ): Promise<ConnectionShape<Flow>> {
    return this.modelQueries.flows(scope, model, page);
  }

  /** Threats of the model, in ref order. */
  @ResolveField(() => ThreatConnection, { complexity: pageCost })
  threats(
    @Scope() scope: RequestScope,
    @Parent() model: ThreatModel,
    @Args() page: PageArgsInput,
    @Args('filter', { type: () => ThreatFilter, nullable: true }) filter: ThreatFilter | null,
  ): Promise<ConnectionShape<Threat>> {
    if (model.replayed)
      return Promise.resolve(
        this.threatService.listFromState(model.id, model.replayed, {
          first: page.first,
          after: page.after,
          filter,
        }),
      );
    return this.threatService.list(scope, {
      modelId: model.id,
      first: page.first,
      after: page.after,
      filter,
    });
  }
}
