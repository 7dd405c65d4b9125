import { defaultSeverityBands } from '@threatloom/scoring';
import type { ModelContent, ModelSettings, ModelState } from './types.js';

/** GenomeWell's bands and an approval threshold of 'high' until organisations set their own. */
export function defaultSettings(): ModelSettings {
  return {
    severityBands: defaultSeverityBands.map((band) => ({ ...band })),
    approvalThreshold: 'high',
    riskMatrix: null,
    requiresTicketLinks: true,
  };
}

/** Empty content, the starting point of a model and of a diff against nothing. */
export function emptyContent(): ModelContent {
  return {
    name: '',
    description: '',
    settings: defaultSettings(),
    zones: {},
    elements: {},
    flows: {},
    assets: {},
    assumptions: {},
    scopeExclusions: {},
    threats: {},
    mitigations: {},
    decisions: {},
    attackTrees: {},
    noThreats: {},
    externalValidation: null,
    attestations: {},
  };
}

/** The state of a model stream before its first event. */
export function initialState(): ModelState {
  return {
    ...emptyContent(),
    id: null,
    systemId: null,
    organisationId: null,
    createdAt: null,
    currentVersion: 1,
    isFrozen: false,
    versions: [],
    streamVersion: -1,
  };
}

/** The content part of a state, used to freeze a version and to diff. */
export function contentOf(state: ModelContent): ModelContent {
  return {
    name: state.name,
    description: state.description,
    settings: state.settings,
    zones: state.zones,
    elements: state.elements,
    flows: state.flows,
    assets: state.assets,
    assumptions: state.assumptions,
    scopeExclusions: state.scopeExclusions,
    threats: state.threats,
    mitigations: state.mitigations,
    decisions: state.decisions,
    attackTrees: state.attackTrees,
    noThreats: state.noThreats,
    externalValidation: state.externalValidation,
    attestations: state.attestations,
  };
}
