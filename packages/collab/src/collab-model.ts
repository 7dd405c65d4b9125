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

/** An entity with the fields the server fills in (ref, status, score...) given their initial values. */
function completeThreat(threat: Threat): Threat {
  return {
    ...threat,
    ref: threat.ref ?? 0,
    sourceRef: threat.sourceRef ?? null,
    linddun: threat.linddun ?? null,
    target: threat.target ?? null,
    assetIds: threat.assetIds ?? [],
    status: threat.status ?? 'open',
    score: threat.score ?? null,
  };
}

function completeMitigation(mitigation: Mitigation): Mitigation {
  return {
    ...mitigation,
    threatIds: mitigation.threatIds ?? [],
    strategies: mitigation.strategies ?? [],
    owner: mitigation.owner ?? null,
    status: mitigation.status ?? 'proposed',
    dueDate: mitigation.dueDate ?? null,
    verification: mitigation.verification ?? null,
    ticketUrl: mitigation.ticketUrl ?? null,
    effectiveness: mitigation.effectiveness ?? null,
    residualRisk: mitigation.residualRisk ?? null,
  };
}

function completeElement(element: Element): Element {
  return {
    ...element,
    description: element.description ?? '',
    technology: element.technology ?? '',
    c4Level: element.c4Level ?? 'container',
    tags: element.tags ?? [],
  };
}

function mapValues<T>(record: Record<string, T>, complete: (value: T) => T): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([id, value]) => [id, complete(value)]));
}

/**
 * The domain content a doc's model stands for, so the domain's pure reads
 * (STRIDE suggestions, the matrix, the checklist) run on what people see
 * while they edit. A client's fresh entity lacks what the server fills in
 * (a threat's ref, status and score; an element's default C4 level) until
 * the server's answer arrives: those fields get their initial values here.
 */
export function contentOfCollabModel(model: CollabModel): ModelContent {
  return {
    name: model.name,
    description: model.description,
    settings: model.governed.settings,
    zones: model.zones,
    elements: mapValues(model.elements, completeElement),
    flows: model.flows,
    assets: model.assets,
    assumptions: model.assumptions,
    scopeExclusions: model.scopeExclusions,
    threats: mapValues(model.threats, completeThreat),
    mitigations: mapValues(model.mitigations, completeMitigation),
    decisions: model.governed.decisions,
    attackTrees: model.attackTrees,
    noThreats: model.governed.noThreats,
    externalValidation: model.governed.externalValidation,
    attestations: model.governed.attestations,
  };
}
