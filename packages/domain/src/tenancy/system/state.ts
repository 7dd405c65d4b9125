import type { ShareRole } from '../roles.js';
import type { SystemEvent } from './events.js';

/** The System aggregate folded from its stream; JSON-safe. */
export interface SystemState {
  systemId: string | null;
  ownerOrganisationId: string | null;
  name: string;
  criticalityTier: number;
  tags: string[];
  modelIds: string[];
  /** Share role per grantee organisation id. */
  shares: Record<string, ShareRole>;
}

/** The state before the first event: no system yet. */
export function initialSystemState(): SystemState {
  return {
    systemId: null,
    ownerOrganisationId: null,
    name: '',
    criticalityTier: 0,
    tags: [],
    modelIds: [],
    shares: {},
  };
}

/** Applies one System event; pure, never validates (decide already did). */
export function evolveSystem(state: SystemState, event: SystemEvent): SystemState {
  switch (event.type) {
    case 'SystemRegistered':
      return {
        ...state,
        systemId: event.data.systemId,
        ownerOrganisationId: event.data.ownerOrganisationId,
        name: event.data.name,
        criticalityTier: event.data.criticalityTier,
        tags: [...event.data.tags],
      };
    case 'ThreatModelAddedToSystem':
      return { ...state, modelIds: [...state.modelIds, event.data.modelId] };
    case 'SystemShared':
    case 'SystemShareChanged':
      return {
        ...state,
        shares: { ...state.shares, [event.data.granteeOrganisationId]: event.data.role },
      };
    case 'SystemShareRevoked': {
      const shares = { ...state.shares };
      delete shares[event.data.granteeOrganisationId];
      return { ...state, shares };
    }
  }
}

/** Folds a whole `system-<id>` stream. */
export function replaySystem(events: readonly SystemEvent[]): SystemState {
  return events.reduce(evolveSystem, initialSystemState());
}
