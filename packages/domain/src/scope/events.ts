import type { EventOf } from '../model/event.js';
import type { Assumption, ScopeExclusion } from '../model/types.js';

export type AssumptionRecorded = EventOf<'AssumptionRecorded', { assumption: Assumption }>;
export type AssumptionWithdrawn = EventOf<'AssumptionWithdrawn', { assumptionId: string }>;
export type ScopeExclusionRecorded = EventOf<
  'ScopeExclusionRecorded',
  { exclusion: ScopeExclusion }
>;
export type ScopeEvent = AssumptionRecorded | AssumptionWithdrawn | ScopeExclusionRecorded;
