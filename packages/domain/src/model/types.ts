import type { CvssVersion, OwaspFactors, Severity, SeverityBand } from '@threatloom/scoring';
import type {
  C4Level,
  Effectiveness,
  ElementKind,
  Feasibility,
  LinddunCategory,
  MitigationStatus,
  Sensitivity,
  Strategy,
  StrideCategory,
  Target,
  ThreatStatus,
  TrustLevel,
} from './vocabulary.js';

/** A trust zone (boundary); zones nest through `parentZoneId`. */
export interface Zone {
  id: string;
  name: string;
  trust: TrustLevel;
  parentZoneId: string | null;
  description: string;
}

/** A DFD element: external entity, process or data store, in exactly one zone. */
export interface Element {
  id: string;
  kind: ElementKind;
  name: string;
  description: string;
  technology: string;
  zoneId: string;
  c4Level: C4Level;
  tags: string[];
}

/** A data flow between two elements. */
export interface Flow {
  id: string;
  name: string;
  sourceId: string;
  destinationId: string;
  bidirectional: boolean;
  data: string;
  protocol: string;
}

export interface Asset {
  id: string;
  name: string;
  description: string;
  sensitivity: Sensitivity;
  /** Business impact if the asset is compromised, on the same scale as sensitivity. */
  businessImpact: Sensitivity;
}

export interface Assumption {
  id: string;
  text: string;
}

export interface ScopeExclusion {
  id: string;
  text: string;
  elementIds: string[];
}

/** A score as recorded by a person or a source document, kept to compare with the computed one. */
export interface StatedScore {
  score: number | null;
  severity: Severity | null;
}

/** How a threat was scored. `score`/`severity` are what the domain computed when it was scored. */
export type ThreatScore =
  | {
      method: 'cvss';
      vector: string;
      cvssVersion: CvssVersion;
      score: number;
      severity: Severity;
      stated: StatedScore | null;
    }
  | {
      method: 'owasp';
      factors: OwaspFactors;
      likelihoodScore: number;
      impactScore: number;
      /** OWASP rates on two ordinal axes, so there is no single 0-10 figure. */
      score: null;
      severity: Severity;
      stated: StatedScore | null;
    }
  | {
      method: 'matrix';
      likelihood: string;
      impact: string;
      score: null;
      severity: Severity;
      stated: StatedScore | null;
    }
  | { method: 'stated'; score: null; severity: null; stated: StatedScore };

export interface Threat {
  id: string;
  ref: number;
  /** The ref the source document used when it differs (GenomeWell reuses 42-46 for 49-53). */
  sourceRef: number | null;
  title: string;
  description: string;
  stride: StrideCategory;
  linddun: LinddunCategory | null;
  /** Null when the element or flow it concerned was removed with the 'detach' policy. */
  target: Target | null;
  assetIds: string[];
  status: ThreatStatus;
  score: ThreatScore | null;
}

export interface ResidualRisk {
  score: number | null;
  severity: Severity | null;
}

/** A mitigation can address several threats (many-to-many). */
export interface Mitigation {
  id: string;
  threatIds: string[];
  strategies: Strategy[];
  action: string;
  owner: string | null;
  status: MitigationStatus;
  dueDate: string | null;
  verification: string | null;
  ticketUrl: string | null;
  /** Estimated share of the risk the control removes; drives the computed residual risk. */
  effectiveness: Effectiveness | null;
  /** Residual risk as a person stated it, kept beside the computed one. */
  residualRisk: ResidualRisk | null;
}

export interface RiskDecision {
  id: string;
  kind: 'accept' | 'transfer';
  threatId: string;
  rationale: string | null;
  transferredTo: string | null;
  decidedBy: string;
  /** The risk owner who approved it; set when the threat's severity required approval. */
  approvedBy: string | null;
  decidedAt: string;
  expiresAt: string | null;
  revoked: { at: string; by: string; reason: string } | null;
}

export interface AttackTreeNode {
  id: string;
  parentId: string | null;
  kind: 'and' | 'or' | 'leaf';
  label: string;
  feasibility: Feasibility | null;
}

export interface AttackTree {
  id: string;
  threatId: string;
  rootNodeId: string;
  nodes: Record<string, AttackTreeNode>;
}

export interface NoThreatsDeclaration {
  targetKind: 'element' | 'flow' | 'zone';
  targetId: string;
  reason: string;
  declaredBy: string;
  declaredAt: string;
}

export interface ExternalValidation {
  reviewer: string;
  plannedFor: string;
  scope: string;
  plannedBy: string;
}

/** Policy the model applies; set at creation, organisations will provide defaults later. */
export interface ModelSettings {
  severityBands: SeverityBand[];
  /** Accepting or transferring a risk at or above this severity needs a rationale and a risk owner. */
  approvalThreshold: Exclude<Severity, 'none'>;
  riskMatrix: unknown | null;
  /**
   * Whether every mitigation of a Critical/High (or unscored) threat needs a ticket link for
   * traceability ("every threat connects to an element, a mitigation and a ticket"). Default true.
   */
  requiresTicketLinks: boolean;
}

/** Checklist items no computation can decide: a named reviewer attests them. */
export type AttestableChecklistItem = 'clarity' | 'specificity';

/** A reviewer's recorded verdict on an attested checklist item. */
export interface ChecklistAttestation {
  item: AttestableChecklistItem;
  verdict: 'pass' | 'fail';
  note: string;
  attestedBy: { userId: string; email: string | null; organisationId: string };
  attestedAt: string;
  /** Stream version of the ChecklistItemAttested event that recorded it. */
  streamVersion: number;
  /**
   * The first semantic change to a threat or mitigation after the attestation (its stream
   * version and event type); from then on the attestation is stale. Layout changes do not count.
   */
  invalidatedBy: { streamVersion: number; eventType: string } | null;
}

/** The content a version freezes: everything that describes the system and its risks. */
export interface ModelContent {
  name: string;
  description: string;
  settings: ModelSettings;
  zones: Record<string, Zone>;
  elements: Record<string, Element>;
  flows: Record<string, Flow>;
  assets: Record<string, Asset>;
  assumptions: Record<string, Assumption>;
  scopeExclusions: Record<string, ScopeExclusion>;
  threats: Record<string, Threat>;
  mitigations: Record<string, Mitigation>;
  decisions: Record<string, RiskDecision>;
  attackTrees: Record<string, AttackTree>;
  noThreats: Record<string, NoThreatsDeclaration>;
  externalValidation: ExternalValidation | null;
  /** The latest attestation of each attested checklist item, keyed by item. */
  attestations: Record<string, ChecklistAttestation>;
}

export interface FrozenVersion {
  number: number;
  label: string;
  frozenAt: string;
  frozenBy: string;
  signedOff: { by: string; at: string } | null;
  snapshot: ModelContent;
}

/** The threat-model aggregate (stream `model-<id>`). */
export interface ModelState extends ModelContent {
  /** Null until the model is created. */
  id: string | null;
  systemId: string | null;
  organisationId: string | null;
  createdAt: string | null;
  /** The version being edited, or the one just frozen while `isFrozen`. */
  currentVersion: number;
  isFrozen: boolean;
  versions: FrozenVersion[];
  /**
   * Stream version of the last event folded (-1 before the first). Every event of a model
   * stream is a domain event, so this equals the event store's stream version.
   */
  streamVersion: number;
}
