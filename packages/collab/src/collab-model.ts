import type {
  Asset,
  Assumption,
  AttackTree,
  ChecklistAttestation,
  Element,
  ExternalValidation,
  Flow,
  Mitigation,
  ModelContent,
  ModelSettings,
  ModelState,
  NoThreatsDeclaration,
  RiskDecision,
  ScopeExclusion,
  Threat,
  Zone,
} from '@threatloom/domain';

/** An element as the doc holds it (its layout is in the doc's layout map, never in the model). */
export type CollabElement = Element;

/** A frozen version as the doc shows it: the frozen content itself stays in the event store. */
export interface VersionSummary {
  number: number;
  label: string;
  frozenAt: string;
  frozenBy: string;
  signedOff: { by: string; at: string } | null;
}

/** What only the server writes into the doc. */
export interface GovernedContent {
  settings: ModelSettings;
  decisions: Record<string, RiskDecision>;
  noThreats: Record<string, NoThreatsDeclaration>;
  externalValidation: ExternalValidation | null;
  attestations: Record<string, ChecklistAttestation>;
  versions: VersionSummary[];
  currentVersion: number;
  isFrozen: boolean;
}

/**
 * Every semantic field of a model, as the doc carries it (layout excluded).
 * The invariant of co-editing: at every persisted point, `modelFromDoc(doc)`
 * equals `collabModelOf(replay(events))`.
 */
export interface CollabModel {
  name: string;
  description: string;
  zones: Record<string, Zone>;
  elements: Record<string, CollabElement>;
  flows: Record<string, Flow>;
  assets: Record<string, Asset>;
  assumptions: Record<string, Assumption>;
  scopeExclusions: Record<string, ScopeExclusion>;
  threats: Record<string, Threat>;
  mitigations: Record<string, Mitigation>;
  attackTrees: Record<string, AttackTree>;
  governed: GovernedContent;
}

/** The semantic content of a model state, in the shape `modelFromDoc` reads. */
export function collabModelOf(state: ModelState): CollabModel {
  return {
    name: state.name,
    description: state.description,
    zones: state.zones,
    elements: state.elements,
    flows: state.flows,
    assets: state.assets,
    assumptions: state.assumptions,
    scopeExclusions: state.scopeExclusions,
    threats: state.threats,
    mitigations: state.mitigations,
    attackTrees: state.attackTrees,
    governed: {
      settings: state.settings,
      decisions: state.decisions,
      noThreats: state.noThreats,
      externalValidation: state.externalValidation,
      attestations: state.attestations,
      versions: state.versions.map((version) => ({
        number: version.number,
        label: version.label,
        frozenAt: version.frozenAt,
        frozenBy: version.frozenBy,
        signedOff: version.signedOff,
      })),
      currentVersion: state.currentVersion,
      isFrozen: state.isFrozen,
    },
  };
}

/**
 * The domain content a doc's model stands for, so the domain's pure reads
 * (STRIDE suggestions, the matrix, the checklist) run on what people see
 * while they edit.
 */
export function contentOfCollabModel(model: CollabModel): ModelContent {
  return {
    name: model.name,
    description: model.description,
    settings: model.governed.settings,
    zones: model.zones,
    elements: model.elements,
    flows: model.flows,
    assets: model.assets,
    assumptions: model.assumptions,
    scopeExclusions: model.scopeExclusions,
    threats: model.threats,
    mitigations: model.mitigations,
    decisions: model.governed.decisions,
    attackTrees: model.attackTrees,
    noThreats: model.governed.noThreats,
    externalValidation: model.governed.externalValidation,
    attestations: model.governed.attestations,
  };
}
