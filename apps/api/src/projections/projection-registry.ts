import type { EventStore } from '@threatloom/eventstore';
import { TenancyProjection } from '../tenancy/projection/tenancy.projection.js';
import { ModelReadModelProjection } from './model-read-model/model-read-model.projection.js';
import type { Projection } from './projection.js';

/**
 * Every projection the server runs and `projections:rebuild` knows; a new
 * read model adds one line here.
 */
export function createProjections(eventStore: EventStore): Projection[] {
  return [new ModelReadModelProjection(eventStore), new TenancyProjection()];
}
