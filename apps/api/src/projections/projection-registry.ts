import type { EventStore } from '@threatloom/eventstore';
import type { ModelStateCache } from '../model-state/model-state-cache.js';
import { TenancyProjection } from '../tenancy/projection/tenancy.projection.js';
import { ModelReadModelProjection } from './model-read-model/model-read-model.projection.js';
import type { Projection } from './projection.js';

/**
 * Every projection the server runs and `projections:rebuild` knows; a new
 * read model adds one line here. `modelStates` is the server's per-model
 * state cache (omitted by `projections:rebuild`, which has none);
 * `milestoneEvery` how often a model's state is kept as a milestone
 * (MODEL_STATE_MILESTONE_EVERY).
 */
export function createProjections(
  eventStore: EventStore,
  modelStates: ModelStateCache | undefined,
  milestoneEvery: number,
): Projection[] {
  return [
    new ModelReadModelProjection(eventStore, modelStates, milestoneEvery),
    new TenancyProjection(),
  ];
}
