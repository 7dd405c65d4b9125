import { Args, Context, ID, Int, Query, Resolver, Subscription } from '@nestjs/graphql';
import type { PubSub } from 'mercurius';
import type { RequestScope } from '../access/request-scope.js';
import { Scope } from '../access/scope.decorator.js';
import { modelIdSchema } from '../graphql/ids.js';
import { parseInput } from '../graphql/parse-input.js';
import { streamCost, withAsOfCost } from '../graphql/stream-cost.js';
import { modelChangedTopic } from './model-change-feed.js';
import { ModelChange } from './model-change.types.js';
import { ModelViewService } from './model-view.service.js';
import { Checklist, ModelDiff, StrideMatrix } from './model-views.types.js';
import { ModelAsOfInput } from './model.types.js';
import { systemPermissionOf } from '@threatloom/domain';

/** Computed views of a model and its live changes. */
@Resolver()
export class ModelViewResolver {
  constructor(private readonly views: ModelViewService) {}

  /** The STRIDE-per-element matrix. */
  @Query(() => StrideMatrix, {
    complexity: withAsOfCost('strideMatrix'),
    description:
      'The STRIDE-per-element matrix of a model: now, or with asOf as it was at a past point of its history.',
  })
  strideMatrix(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('asOf', { type: () => ModelAsOfInput, nullable: true }) asOf: ModelAsOfInput | null,
  ): Promise<StrideMatrix> {
    return this.views.strideMatrix(scope, modelId, asOf);
  }

  /** The closure checklist. */
  @Query(() => Checklist, {
    complexity: withAsOfCost('checklist'),
    description:
      'The closure checklist ("did we do a good job?") of a model: now, or with asOf as it was at a past point of its history, judged as of that moment.',
  })
  checklist(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('asOf', { type: () => ModelAsOfInput, nullable: true }) asOf: ModelAsOfInput | null,
  ): Promise<Checklist> {
    return this.views.checklist(scope, modelId, asOf);
  }

  /** The diff between two points of the model's history. */
  @Query(() => ModelDiff, {
    complexity: streamCost('modelDiff'),
    description: 'What changed in a model between two global positions of its history.',
  })
  modelDiff(
    @Scope() scope: RequestScope,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('fromPosition', { type: () => Int }) fromPosition: number,
    @Args('toPosition', { type: () => Int }) toPosition: number,
  ): Promise<ModelDiff> {
    return this.views.diff(scope, modelId, fromPosition, toPosition);
  }

  /** Pushes every event appended to the model (graphql-ws protocol on /graphql). */
  @Subscription(() => ModelChange, {
    description: 'Every event appended to the model, as it is stored.',
  })
  async modelChanged(
    @Scope() scope: RequestScope,
    @Context('pubsub') pubsub: PubSub,
    @Args('modelId', { type: () => ID }) rawModelId: string,
  ): Promise<AsyncIterator<unknown>> {
    const modelId = parseInput(modelIdSchema, rawModelId, 'modelId');
    await scope.requireAccess(systemPermissionOf('Subscription.modelChanged'), [modelId]);
    return pubsub.subscribe(modelChangedTopic(modelId));
  }
}
