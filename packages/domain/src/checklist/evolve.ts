import { withEntry, type EvolveHandlers } from '../model/decider.js';
import type { ModelState } from '../model/types.js';
import type { ChecklistEvent } from './events.js';

/**
 * Events that change what threats or mitigations say: after one of them, an earlier
 * attestation of clarity or specificity no longer covers the model. Risk decisions
 * and structure (elements, flows, zones) are not among them.
 */
export const semanticThreatOrMitigationEvents: ReadonlySet<string> = new Set([
  'ThreatIdentified',
  'ThreatRevised',
  'ThreatRetargeted',
  'ThreatScored',
  'ThreatStatusChanged',
  'ThreatRemoved',
  'MitigationPlanned',
  'MitigationRevised',
  'MitigationStatusChanged',
  'MitigationLinked',
  'MitigationUnlinked',
]);

/** Applies attestations; the attestation's stream version is the one its event takes. */
export const checklistEvolve: EvolveHandlers<ChecklistEvent> = {
  ChecklistItemAttested: (state, { data }) => ({
    ...state,
    attestations: withEntry(state.attestations, data.attestation.item, {
      ...data.attestation,
      streamVersion: state.streamVersion + 1,
      invalidatedBy: null,
    }),
  }),
};

/**
 * Marks every still-valid attestation stale at `streamVersion` when `eventType` is a
 * semantic change to threats or mitigations; any other event leaves them as they are.
 */
export function invalidateAttestations(
  state: ModelState,
  eventType: string,
  streamVersion: number,
): ModelState {
  if (!semanticThreatOrMitigationEvents.has(eventType)) return state;
  let attestations = state.attestations;
  for (const attestation of Object.values(state.attestations)) {
    if (attestation.invalidatedBy !== null) continue;
    attestations = withEntry(attestations, attestation.item, {
      ...attestation,
      invalidatedBy: { streamVersion, eventType },
    });
  }
  return attestations === state.attestations ? state : { ...state, attestations };
}
