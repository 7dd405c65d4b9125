import { IllegalState } from '../errors.js';
import { withEntry, type EvolveHandlers } from '../model/decider.js';
import { mustExist } from '../model/lookups.js';
import type { Mitigation, ModelState } from '../model/types.js';
import type { MitigationEvent } from './events.js';

function updateMitigation(
  state: ModelState,
  mitigationId: string,
  change: (mitigation: Mitigation) => Mitigation,
): ModelState {
  const mitigation = mustExist(state.mitigations[mitigationId], 'mitigation', mitigationId);
  return { ...state, mitigations: withEntry(state.mitigations, mitigationId, change(mitigation)) };
}

/** Applies mitigation events; linked threats must exist. */
export const mitigationEvolve: EvolveHandlers<MitigationEvent> = {
  MitigationPlanned: (state, { data }) => {
    for (const threatId of data.mitigation.threatIds)
      mustExist(state.threats[threatId], 'threat', threatId);
    if (state.mitigations[data.mitigation.id]) {
      throw new IllegalState('event', `mitigation '${data.mitigation.id}' already exists`);
    }
    return {
      ...state,
      mitigations: withEntry(state.mitigations, data.mitigation.id, data.mitigation),
    };
  },
  MitigationRevised: (state, { data }) =>
    updateMitigation(state, data.mitigationId, (m) => ({ ...m, ...data.changes })),
  MitigationStatusChanged: (state, { data }) =>
    updateMitigation(state, data.mitigationId, (m) => ({ ...m, status: data.status })),
  MitigationLinked: (state, { data }) => {
    mustExist(state.threats[data.threatId], 'threat', data.threatId);
    return updateMitigation(state, data.mitigationId, (m) => ({
      ...m,
      threatIds: [...m.threatIds, data.threatId],
    }));
  },
  MitigationUnlinked: (state, { data }) =>
    updateMitigation(state, data.mitigationId, (m) => ({
      ...m,
      threatIds: m.threatIds.filter((id) => id !== data.threatId),
    })),
};
