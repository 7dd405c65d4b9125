import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import type { RequestScope } from '../access/request-scope.js';
import { Scope } from '../access/scope.decorator.js';
import { PageArgsInput } from '../graphql/page-args.js';
import { pageCost } from '../graphql/page-cost.js';
import { streamCost } from '../graphql/stream-cost.js';
import type { ConnectionShape } from '../graphql/pagination.js';
import { HistoryService } from './history.service.js';
import {
  HistoryVerification,
  ModelHistoryConnection,
  type ModelHistoryEvent,
} from './history.types.js';

/** The audit view of a model: its stored events and their verification. */
@Resolver()
export class HistoryResolver {
  constructor(private readonly history: HistoryService) {}

  /** The model's events as stored, oldest first; needs the audit permission. */
  @Query(() => ModelHistoryConnection, {
    complexity: pageCost,
    description:
      "The model's events as stored, oldest first, with actor, time and hash links. Needs the audit permission (auditor share, risk owner or admin).",
  })
  modelHistory(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args() page: PageArgsInput,
  ): Promise<ConnectionShape<ModelHistoryEvent>> {
    return this.history.events(scope, { modelId, first: page.first, after: page.after });
  }

  /** Recomputes the model's hash chain. */
  @Query(() => HistoryVerification, {
    complexity: streamCost('verifyModelHistory'),
    description:
      "Recomputes the model's hash chain from its stored events and reports the first broken link. Needs the audit permission.",
  })
  verifyModelHistory(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
  ): Promise<HistoryVerification> {
    return this.history.verify(scope, modelId);
  }
}
