import { severityRank } from '@threatloom/scoring';
import { noThreatsKey } from '../model/lookups.js';
import type {
  AttestableChecklistItem,
  ChecklistAttestation,
  Mitigation,
  ModelContent,
  RiskDecision,
  Threat,
} from '../model/types.js';
import { threatSeverity } from '../threat/severity.js';
import {
  excludedElementIds,
  isZoneCovered,
  isZoneWhollyExcluded,
  threatenedTargets,
} from './coverage.js';

/** Something the checklist found wanting, named so the UI can link to it. */
export interface ChecklistOffender {
  kind: 'element' | 'flow' | 'zone' | 'threat' | 'mitigation' | 'decision' | 'model';
  id: string;
  ref?: number;
  reason: string;
}

/** The case study's nine items (MITRE/MDIC playbook), plus scoring coverage. */
export type ChecklistItemId =
  | 'completeness'
  | 'clarity'
  | 'specificity'
  | 'traceability'
  | 'consistency'
  | 'roles-and-ownership'
  | 'assumptions'
  | 'rationales'
  | 'external-validation'
  | 'scoring-coverage';

/**
 * `pass`/`finding` for items computed from the model; `attested`, `finding` (a failing
 * verdict), `stale` (threats or mitigations changed since) or `not_attested` for items
 * a reviewer attests.
 */
export type ChecklistItemStatus = 'pass' | 'finding' | 'attested' | 'stale' | 'not_attested';

export interface ChecklistItem {
  id: ChecklistItemId;
  title: string;
  status: ChecklistItemStatus;
  /** True for `pass` and `attested`. */
  passed: boolean;
  offenders: ChecklistOffender[];
  /** The latest attestation of an attested item (null if none, and for computed items). */
  attestation: ChecklistAttestation | null;
}

/** The checklist reads no clock: pass `asOf` (ISO-8601) to treat decisions expired by then as lapsed. */
export interface ChecklistOptions {
  asOf?: string;
}

export interface ChecklistResult {
  passed: boolean;
  passedCount: number;
  items: ChecklistItem[];
}

/** Scores that differ by less than this are the same figure at one decimal. */
const scoreTolerance = 0.05;

function isCriticalOrHigh(threat: Threat, content: ModelContent): boolean {
  const severity = threatSeverity(threat, content.settings);
  return severity !== null && severityRank(severity) >= severityRank('high');
}

function isUnscored(threat: Threat, content: ModelContent): boolean {
  return threat.status !== 'not_applicable' && threatSeverity(threat, content.settings) === null;
}

/**
 * Threats held to the Critical/High rules (an owner, a mitigation or decision, ticket
 * links). An unscored threat is held to them too: nobody knows its severity, so it may
 * be Critical (the same rule as the approval threshold). It is listed under scoring
 * coverage as well; once scored, it leaves these rules if it turns out lower.
 */
function needsCriticalCare(threat: Threat, content: ModelContent): boolean {
  return isCriticalOrHigh(threat, content) || isUnscored(threat, content);
}

/** How a Critical/High-rule threat is named in a reason: its severity, or that it is unscored. */
function describedSeverity(threat: Threat, content: ModelContent): string {
  return threatSeverity(threat, content.settings) ?? 'unscored (severity unknown)';
}

/** Mitigations and live decisions per threat, indexed once so the checklist stays linear. */
interface ThreatLinks {
  mitigationsOf(threatId: string): Mitigation[];
  liveDecisionsOf(threatId: string): RiskDecision[];
}

/** Whether a decision's expiry has passed at `asOf` (never, when no time is given). */
function hasExpired(decision: RiskDecision, asOf: string | undefined): boolean {
  return (
    asOf !== undefined &&
    decision.expiresAt !== null &&
    Date.parse(decision.expiresAt) <= Date.parse(asOf)
  );
}

function indexLinks(content: ModelContent, asOf: string | undefined): ThreatLinks {
  const mitigations = new Map<string, Mitigation[]>();
  for (const mitigation of Object.values(content.mitigations)) {
    if (mitigation.status === 'cancelled') continue;
    for (const threatId of mitigation.threatIds) {
      mitigations.set(threatId, [...(mitigations.get(threatId) ?? []), mitigation]);
    }
  }
  const decisions = new Map<string, RiskDecision[]>();
  for (const decision of Object.values(content.decisions)) {
    if (decision.revoked !== null || hasExpired(decision, asOf)) continue;
    decisions.set(decision.threatId, [...(decisions.get(decision.threatId) ?? []), decision]);
  }
  return {
    mitigationsOf: (threatId) => mitigations.get(threatId) ?? [],
    liveDecisionsOf: (threatId) => decisions.get(threatId) ?? [],
  };
}

function byRef(a: ChecklistOffender, b: ChecklistOffender): number {
  return (a.ref ?? 0) - (b.ref ?? 0);
}

function item(id: ChecklistItemId, title: string, offenders: ChecklistOffender[]): ChecklistItem {
  const passed = offenders.length === 0;
  return { id, title, status: passed ? 'pass' : 'finding', passed, offenders, attestation: null };
}

function completeness(content: ModelContent): ChecklistItem {
  const threatened = threatenedTargets(content);
  const excluded = excludedElementIds(content);
  const offenders: ChecklistOffender[] = [];
  for (const element of Object.values(content.elements)) {
    const covered =
      threatened.has(`element:${element.id}`) ||
      excluded.has(element.id) ||
      content.noThreats[noThreatsKey('element', element.id)];
    if (!covered) {
      offenders.push({
        kind: 'element',
        id: element.id,
        reason: `element '${element.name}' has no threat and no "no threats" reason`,
      });
    }
  }
  for (const flow of Object.values(content.flows)) {
    const covered =
      threatened.has(`flow:${flow.id}`) || content.noThreats[noThreatsKey('flow', flow.id)];
    if (!covered) {
      offenders.push({
        kind: 'flow',
        id: flow.id,
        reason: `flow '${flow.name}' has no threat and no "no threats" reason`,
      });
    }
  }
  for (const zone of Object.values(content.zones)) {
    const covered =
      isZoneCovered(content, zone.id, threatened) ||
      isZoneWhollyExcluded(content, zone.id, excluded) ||
      content.noThreats[noThreatsKey('zone', zone.id)];
    if (!covered) {
      offenders.push({
        kind: 'zone',
        id: zone.id,
        reason: `no threat concerns an element in zone '${zone.name}' and it has no "no threats" reason`,
      });
    }
  }
  return item(
    'completeness',
    'Every element, flow and zone has a threat, a reason why not, or is excluded from scope',
    offenders,
  );
}

function traceability(content: ModelContent, links: ThreatLinks): ChecklistItem {
  const offenders: ChecklistOffender[] = [];
  for (const threat of Object.values(content.threats)) {
    if (threat.target === null) {
      offenders.push({
        kind: 'threat',
        id: threat.id,
        ref: threat.ref,
        reason: `threat ${threat.ref} is not tied to an element or flow`,
      });
    }
    if (!needsCriticalCare(threat, content)) continue;
    const mitigations = links.mitigationsOf(threat.id);
    if (mitigations.length === 0 && links.liveDecisionsOf(threat.id).length === 0) {
      offenders.push({
        kind: 'threat',
        id: threat.id,
        ref: threat.ref,
        reason: `threat ${threat.ref} is ${describedSeverity(threat, content)} but has neither a mitigation nor a risk decision`,
      });
    }
    if (!content.settings.requiresTicketLinks) continue;
    for (const mitigation of mitigations.filter(needsTicket)) {
      offenders.push({
        kind: 'mitigation',
        id: mitigation.id,
        ref: threat.ref,
        reason: `mitigation '${mitigation.action}' of threat ${threat.ref} (${describedSeverity(threat, content)}) has no ticket link`,
      });
    }
  }
  return item(
    'traceability',
    content.settings.requiresTicketLinks
      ? 'Every threat is tied to an element or flow; every Critical/High threat has a mitigation or a decision, and its mitigations link a ticket'
      : 'Every threat is tied to an element or flow; every Critical/High threat has a mitigation or a decision (ticket links not required by policy)',
    offenders.sort(byRef),
  );
}

/** Work to track: a live mitigation with no ticket, unless it only accepts the risk (a decision covers that). */
function needsTicket(mitigation: Mitigation): boolean {
  return mitigation.ticketUrl === null && mitigation.strategies.some((s) => s !== 'accept');
}

function rolesAndOwnership(content: ModelContent, links: ThreatLinks): ChecklistItem {
  const offenders: ChecklistOffender[] = [];
  for (const threat of Object.values(content.threats)) {
    if (!needsCriticalCare(threat, content)) continue;
    const mitigations = links.mitigationsOf(threat.id);
    for (const mitigation of mitigations.filter((m) => m.owner === null)) {
      offenders.push({
        kind: 'mitigation',
        id: mitigation.id,
        ref: threat.ref,
        reason: `mitigation '${mitigation.action}' of threat ${threat.ref} has no owner`,
      });
    }
    const owned =
      mitigations.some((m) => m.owner !== null) || links.liveDecisionsOf(threat.id).length > 0;
    if (!owned) {
      offenders.push({
        kind: 'threat',
        id: threat.id,
        ref: threat.ref,
        reason: `threat ${threat.ref} is ${describedSeverity(threat, content)} and nobody owns it`,
      });
    }
  }
  return item(
    'roles-and-ownership',
    'Every Critical/High (or unscored) threat and its mitigations have an owner',
    offenders.sort(byRef),
  );
}

function rationales(
  content: ModelContent,
  links: ThreatLinks,
  asOf: string | undefined,
): ChecklistItem {
  const offenders: ChecklistOffender[] = [];
  for (const decision of Object.values(content.decisions)) {
    if (decision.revoked === null && hasExpired(decision, asOf)) {
      const ref = content.threats[decision.threatId]?.ref;
      offenders.push({
        kind: 'decision',
        id: decision.id,
        ...(ref === undefined ? {} : { ref }),
        reason: `the ${decision.kind} decision on threat ${ref ?? decision.threatId} expired at ${decision.expiresAt}; revoke it and decide again`,
      });
    }
  }
  for (const decision of Object.values(content.decisions)) {
    if (decision.revoked === null && decision.rationale === null) {
      const ref = content.threats[decision.threatId]?.ref;
      offenders.push({
        kind: 'decision',
        id: decision.id,
        ...(ref === undefined ? {} : { ref }),
        reason: `the ${decision.kind} decision on threat ${ref ?? decision.threatId} has no rationale`,
      });
    }
  }
  for (const threat of Object.values(content.threats)) {
    const planned = new Set(
      links
        .mitigationsOf(threat.id)
        .flatMap((m) => m.strategies.filter((s) => s === 'accept' || s === 'transfer')),
    );
    for (const strategy of planned) {
      const kind = strategy === 'accept' ? 'accept' : 'transfer';
      const backed = links
        .liveDecisionsOf(threat.id)
        .some((d) => d.kind === kind && d.rationale !== null);
      if (!backed) {
        offenders.push({
          kind: 'threat',
          id: threat.id,
          ref: threat.ref,
          reason: `threat ${threat.ref} plans to ${strategy} the risk without a recorded ${strategy} decision and rationale`,
        });
      }
    }
  }
  return item(
    'rationales',
    'Every accepted or transferred risk has a rationale',
    offenders.sort(byRef),
  );
}

function assumptions(content: ModelContent): ChecklistItem {
  const documented =
    Object.keys(content.assumptions).length + Object.keys(content.scopeExclusions).length > 0;
  return item(
    'assumptions',
    'Assumptions and scope exclusions are documented',
    documented
      ? []
      : [
          {
            kind: 'model',
            id: 'assumptions',
            reason: 'no assumption or scope exclusion is recorded',
          },
        ],
  );
}

function consistency(content: ModelContent): ChecklistItem {
  const offenders: ChecklistOffender[] = [];
  const threats = Object.values(content.threats);
  const byRefNumber = new Map(threats.map((threat) => [threat.ref, threat]));
  for (const threat of threats) {
    if (threat.sourceRef !== null && threat.sourceRef !== threat.ref) {
      const original = byRefNumber.get(threat.sourceRef);
      if (original) {
        offenders.push({
          kind: 'threat',
          id: threat.id,
          ref: threat.ref,
          reason: `threat ${threat.ref} was numbered ${threat.sourceRef} in the source, duplicating the ref of threat ${original.ref} ('${original.title}')`,
        });
      }
    }
    const score = threat.score;
    if (score && score.method !== 'stated' && score.stated) {
      const stated = score.stated;
      if (
        stated.score !== null &&
        score.score !== null &&
        Math.abs(stated.score - score.score) >= scoreTolerance
      ) {
        offenders.push({
          kind: 'threat',
          id: threat.id,
          ref: threat.ref,
          reason: `threat ${threat.ref} states ${stated.score.toFixed(1)} but its ${score.method === 'cvss' ? `vector ${score.vector}` : 'scoring'} computes ${score.score.toFixed(1)}`,
        });
      } else if (stated.severity !== null && stated.severity !== score.severity) {
        offenders.push({
          kind: 'threat',
          id: threat.id,
          ref: threat.ref,
          reason: `threat ${threat.ref} states severity ${stated.severity} but its scoring gives ${score.severity}`,
        });
      }
    }
  }
  return item(
    'consistency',
    'Refs are unique and stated scores agree with their vectors',
    offenders.sort(byRef),
  );
}

function externalValidation(content: ModelContent): ChecklistItem {
  return item(
    'external-validation',
    'An external validation is planned',
    content.externalValidation
      ? []
      : [{ kind: 'model', id: 'external-validation', reason: 'no external review is planned' }],
  );
}

function scoringCoverage(content: ModelContent): ChecklistItem {
  const offenders: ChecklistOffender[] = Object.values(content.threats)
    .filter((threat) => isUnscored(threat, content))
    .map((threat) => ({
      kind: 'threat' as const,
      id: threat.id,
      ref: threat.ref,
      reason: `threat ${threat.ref} has no score, so its severity is unknown`,
    }));
  return item(
    'scoring-coverage',
    'Every threat (unless not applicable) is scored',
    offenders.sort(byRef),
  );
}

const attestedTitles: Record<AttestableChecklistItem, string> = {
  clarity: 'Threats and mitigations are stated clearly (attested by a reviewer)',
  specificity: 'Threats and mitigations are specific to this system (attested by a reviewer)',
};

function reviewer(attestation: ChecklistAttestation): string {
  const who = attestation.attestedBy.email ?? attestation.attestedBy.userId;
  return `${who} (organisation ${attestation.attestedBy.organisationId}) on ${attestation.attestedAt}`;
}

/** An item no computation can decide: its status is the latest reviewer's verdict, if still current. */
function attested(content: ModelContent, id: AttestableChecklistItem): ChecklistItem {
  const title = attestedTitles[id];
  const attestation = content.attestations[id] ?? null;
  const finding = (reason: string) => [{ kind: 'model' as const, id, reason }];
  if (attestation === null) {
    return {
      id,
      title,
      status: 'not_attested',
      passed: false,
      offenders: finding(`no reviewer has attested ${id} yet`),
      attestation,
    };
  }
  if (attestation.invalidatedBy !== null) {
    return {
      id,
      title,
      status: 'stale',
      passed: false,
      offenders: finding(
        `${id} was attested '${attestation.verdict}' by ${reviewer(attestation)}, but threats or mitigations changed since (${attestation.invalidatedBy.eventType} at stream version ${attestation.invalidatedBy.streamVersion}); attest again`,
      ),
      attestation,
    };
  }
  if (attestation.verdict === 'fail') {
    return {
      id,
      title,
      status: 'finding',
      passed: false,
      offenders: finding(`${reviewer(attestation)} found ${id} wanting: ${attestation.note}`),
      attestation,
    };
  }
  return { id, title, status: 'attested', passed: true, offenders: [], attestation };
}

/**
 * The checklist's items as separate computations, in the checklist's order:
 * `closureChecklist` runs them all at once, a caller with a large model can
 * run them one at a time and put them together with `checklistOf`. The
 * links between threats, mitigations and decisions are indexed once, by the
 * first item that needs them.
 */
export function checklistItemSteps(
  content: ModelContent,
  options: ChecklistOptions = {},
): (() => ChecklistItem)[] {
  let indexed: ThreatLinks | undefined;
  const links = (): ThreatLinks => (indexed ??= indexLinks(content, options.asOf));
  return [
    () => completeness(content),
    () => attested(content, 'clarity'),
    () => attested(content, 'specificity'),
    () => traceability(content, links()),
    () => consistency(content),
    () => rolesAndOwnership(content, links()),
    () => assumptions(content),
    () => rationales(content, links(), options.asOf),
    () => externalValidation(content),
    () => scoringCoverage(content),
  ];
}

/** The checklist made of its computed items (all of `checklistItemSteps`, in order). */
export function checklistOf(items: ChecklistItem[]): ChecklistResult {
  const passedCount = items.filter((entry) => entry.passed).length;
  return { passed: passedCount === items.length, passedCount, items };
}

/** Computes the closure checklist ("did we do a good job?") for a model's content. */
export function closureChecklist(
  content: ModelContent,
  options: ChecklistOptions = {},
): ChecklistResult {
  return checklistOf(checklistItemSteps(content, options).map((step) => step()));
}
