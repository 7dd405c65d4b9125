import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import type { RequestScope } from '../access/request-scope.js';
import { Scope } from '../access/scope.decorator.js';
import { PageArgsInput } from '../graphql/page-args.js';
import { pageCost } from '../graphql/page-cost.js';
import type { ConnectionShape } from '../graphql/pagination.js';
import { ThreatService } from './threat.service.js';
import { Threat, ThreatConnection, ThreatFilter } from './threat.types.js';

/** The threat register query. */
@Resolver(() => Threat)
export class ThreatResolver {
  constructor(private readonly threatService: ThreatService) {}

  /** A page of a model's threats with scores, mitigations and decisions, in ref order. */
  @Query(() => ThreatConnection, {
    complexity: pageCost,
    description: "A page of a model's threats, in ref order.",
  })
  threats(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args() page: PageArgsInput,
    @Args('filter', { type: () => ThreatFilter, nullable: true }) filter: ThreatFilter | null,
  ): Promise<ConnectionShape<Threat>> {
    return this.threatService.list(scope, {
      modelId,
      first: page.first,
      after: page.after,
      filter,
    });
  }
}
