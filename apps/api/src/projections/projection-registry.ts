import type { EventStore } from '@threatloom/eventstore';
import type { ModelStateCache } from '../model-state/model-state-cache.js';
import { TenancyProjection } from '../tenancy/projection/tenancy.projection.js';
import { ModelReadModelProjection } from './model-read-model/model-read-model.projection.js';
import type { Projection } from './projection.js';

/**
 * Every projection the server runs and `projections:rebuild` knows; a new
 * read model adds one line here. `modelStates` is the server's per-model
 * state cache (omitted by `projections:rebuild`, which has none).
 */
export function createProjections(
  eventStore: EventStore,
  modelStates?: ModelStateCache,
): Projection[] {
  return [new ModelReadModelProjection(eventStore, modelStates), new TenancyProjection()];
}
