import type { EvolveHandlers } from './decider.js';
import type { ModelEvent } from './events.js';

/** Applies the model's own events. */
export const modelEvolve: EvolveHandlers<ModelEvent> = {
  ThreatModelCreated: (state, { data }) => ({
    ...state,
    id: data.modelId,
    systemId: data.systemId,
    organisationId: data.organisationId,
    name: data.name,
    description: data.description,
    settings: data.settings,
    createdAt: data.createdAt,
  }),
  ThreatModelRenamed: (state, { data }) => ({
    ...state,
    name: data.name,
    description: data.description ?? state.description,
  }),
  ModelSettingsChanged: (state, { data }) => ({ ...state, settings: data.settings }),
};
