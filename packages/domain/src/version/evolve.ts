import { IllegalState } from '../errors.js';
import type { EvolveHandlers } from '../model/decider.js';
import { contentOf } from '../model/initial-state.js';
import type { VersionEvent } from './events.js';

/** Applies version events; a frozen snapshot is a deep copy that nothing later touches. */
export const versionEvolve: EvolveHandlers<VersionEvent> = {
  ModelVersionFrozen: (state, { data }) => {
    if (state.isFrozen || data.versionNumber !== state.currentVersion) {
      throw new IllegalState('event', `version ${data.versionNumber} cannot be frozen now`);
    }
    return {
      ...state,
      isFrozen: true,
      versions: [
        ...state.versions,
        {
          number: data.versionNumber,
          label: data.label,
          frozenAt: data.frozenAt,
          frozenBy: data.frozenBy,
          signedOff: null,
          snapshot: structuredClone(contentOf(state)),
        },
      ],
    };
  },
  ModelVersionSignedOff: (state, { data }) => ({
    ...state,
    versions: state.versions.map((version) =>
      version.number === data.versionNumber
        ? { ...version, signedOff: { by: data.signedOffBy, at: data.signedOffAt } }
        : version,
    ),
  }),
  ModelDraftOpened: (state, { data }) => {
    if (!state.isFrozen) throw new IllegalState('event', 'no frozen version to continue from');
    return { ...state, isFrozen: false, currentVersion: data.versionNumber };
  },
  ExternalValidationPlanned: (state, { data }) => ({
    ...state,
    externalValidation: data.validation,
  }),
};
