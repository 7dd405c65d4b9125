import { IllegalState } from '../errors.js';
import { withEntry, withoutEntry, type EvolveHandlers } from '../model/decider.js';
import { mustExist, noThreatsKey } from '../model/lookups.js';
import type { ElementEvent } from './events.js';

/** Applies element events; refuses to drop an element that flows or threats still reference. */
export const elementEvolve: EvolveHandlers<ElementEvent> = {
  ElementAdded: (state, { data }) => ({
    ...state,
    elements: withEntry(state.elements, data.element.id, data.element),
  }),
  ElementChanged: (state, { data }) => {
    const element = mustExist(state.elements[data.elementId], 'element', data.elementId);
    return {
      ...state,
      elements: withEntry(state.elements, element.id, { ...element, ...data.changes }),
    };
  },
  ElementRemoved: (state, { data }) => {
    mustExist(state.elements[data.elementId], 'element', data.elementId);
    const stillUsed =
      Object.values(state.flows).some(
        (flow) => flow.sourceId === data.elementId || flow.destinationId === data.elementId,
      ) ||
      Object.values(state.threats).some(
        (threat) => threat.target?.kind === 'element' && threat.target.id === data.elementId,
      );
    if (stillUsed) {
      throw new IllegalState('event', `element '${data.elementId}' is still referenced`);
    }
    return {
      ...state,
      elements: withoutEntry(state.elements, data.elementId),
      noThreats: withoutEntry(state.noThreats, noThreatsKey('element', data.elementId)),
      scopeExclusions: Object.fromEntries(
        Object.entries(state.scopeExclusions).map(([id, exclusion]) => [
          id,
          { ...exclusion, elementIds: exclusion.elementIds.filter((e) => e !== data.elementId) },
        ]),
      ),
    };
  },
};
