import { withEntry, withoutEntry, type EvolveHandlers } from '../model/decider.js';
import { mustExist } from '../model/lookups.js';
import type { ScopeEvent } from './events.js';

/** Applies assumption and scope-exclusion events. */
export const scopeEvolve: EvolveHandlers<ScopeEvent> = {
  AssumptionRecorded: (state, { data }) => ({
    ...state,
    assumptions: withEntry(state.assumptions, data.assumption.id, data.assumption),
  }),
  AssumptionWithdrawn: (state, { data }) => {
    mustExist(state.assumptions[data.assumptionId], 'assumption', data.assumptionId);
    return { ...state, assumptions: withoutEntry(state.assumptions, data.assumptionId) };
  },
  ScopeExclusionRecorded: (state, { data }) => ({
    ...state,
    scopeExclusions: withEntry(state.scopeExclusions, data.exclusion.id, data.exclusion),
  }),
};
