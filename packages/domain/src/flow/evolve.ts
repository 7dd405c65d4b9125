import { IllegalState } from '../errors.js';
import { withEntry, withoutEntry, type EvolveHandlers } from '../model/decider.js';
import { mustExist, noThreatsKey } from '../model/lookups.js';
import type { FlowEvent } from './events.js';

/** Applies flow events; a flow's endpoints must exist in the state. */
export const flowEvolve: EvolveHandlers<FlowEvent> = {
  FlowAdded: (state, { data }) => {
    mustExist(state.elements[data.flow.sourceId], 'element', data.flow.sourceId);
    mustExist(state.elements[data.flow.destinationId], 'element', data.flow.destinationId);
    return { ...state, flows: withEntry(state.flows, data.flow.id, data.flow) };
  },
  FlowChanged: (state, { data }) => {
    const flow = mustExist(state.flows[data.flowId], 'flow', data.flowId);
    const changed = { ...flow, ...data.changes };
    mustExist(state.elements[changed.sourceId], 'element', changed.sourceId);
    mustExist(state.elements[changed.destinationId], 'element', changed.destinationId);
    return { ...state, flows: withEntry(state.flows, flow.id, changed) };
  },
  FlowRemoved: (state, { data }) => {
    mustExist(state.flows[data.flowId], 'flow', data.flowId);
    if (
      Object.values(state.threats).some(
        (threat) => threat.target?.kind === 'flow' && threat.target.id === data.flowId,
      )
    ) {
      throw new IllegalState('event', `flow '${data.flowId}' still has threats`);
    }
    return {
      ...state,
      flows: withoutEntry(state.flows, data.flowId),
      noThreats: withoutEntry(state.noThreats, noThreatsKey('flow', data.flowId)),
    };
  },
};
