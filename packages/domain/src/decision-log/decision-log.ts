import type { DomainEvent } from '../events.js';
import type { ModelState, Threat, ThreatScore } from '../model/types.js';

/** What kind of decision a decision-log entry records. */
export const decisionLogKinds = [
  'score',
  'strategy',
  'ownership',
  'acceptance',
  'transfer',
  'approval',
  'revocation',
  'no_threats',
  'attestation',
  'freeze',
  'sign_off',
] as const;
export type DecisionLogKind = (typeof decisionLogKinds)[number];

/** A threat a decision is about, as the model named it when the decision was taken. */
export interface DecisionLogThreat {
  id: string;
  ref: number | null;
  title: string | null;
}

/** One decision, in the model's words; who took it and when come from the stored event. */
export interface DecisionLogEntry {
  kind: DecisionLogKind;
  threats: DecisionLogThreat[];
  /** What the decision is about besides threats: a mitigation, a checklist item, a version. */
  subject: string | null;
  /** The decision in one line. */
  summary: string;
  /** Why, as the decider wrote it (rationale, reason, note); null when none was given. */
  rationale: string | null;
}

function threatOf(state: ModelState, threatId: string): DecisionLogThreat {
  const threat: Threat | undefined = state.threats[threatId];
  return { id: threatId, ref: threat?.ref ?? null, title: threat?.title ?? null };
}

function named(threat: DecisionLogThreat): string {
  const ref = threat.ref === null ? threat.id : `T-${threat.ref}`;
  return threat.title === null ? ref : `${ref} ${threat.title}`;
}

/** A score in words: method, figure and severity. */
export function describeScore(score: ThreatScore): string {
  switch (score.method) {
    case 'cvss':
      return `CVSS ${score.cvssVersion} ${score.score} (${score.severity}), ${score.vector}`;
    case 'owasp':
      return `OWASP likelihood ${score.likelihoodScore}, impact ${score.impactScore} (${score.severity})`;
    case 'matrix':
      return `risk matrix ${score.likelihood} x ${score.impact} (${score.severity})`;
    case 'stated':
      return `stated ${score.stated.score ?? ''} ${score.stated.severity ?? ''}`.trim();
  }
}

/**
 * The decisions an event records, given the model's state just before it:
 * scores, strategies and mitigation owners, acceptances, transfers and their
 * approvals, revocations, "no threats" declarations, checklist attestations,
 * version freezes and sign-offs. Other events record none.
 */
export function decisionLogEntries(event: DomainEvent, before: ModelState): DecisionLogEntry[] {
  switch (event.type) {
    case 'ThreatScored': {
      const threat = threatOf(before, event.data.threatId);
      return [
        {
          kind: 'score',
          threats: [threat],
          subject: null,
          summary: `Scored ${named(threat)}: ${describeScore(event.data.score)}`,
          rationale: null,
        },
      ];
    }
    case 'MitigationPlanned': {
      const mitigation = event.data.mitigation;
      const threats = mitigation.threatIds.map((id) => threatOf(before, id));
      const entries: DecisionLogEntry[] = [
        {
          kind: 'strategy',
          threats,
          subject: mitigation.id,
          summary: `Planned ${mitigation.strategies.join(' and ')} for ${threats.map(named).join(', ')}: ${mitigation.action}`,
          rationale: null,
        },
      ];
      if (mitigation.owner !== null)
        entries.push({
          kind: 'ownership',
          threats,
          subject: mitigation.id,
          summary: `Mitigation ${mitigation.id} owned by ${mitigation.owner}`,
          rationale: null,
        });
      return entries;
    }
    case 'MitigationRevised': {
      const previous = before.mitigations[event.data.mitigationId];
      const threats = (previous?.threatIds ?? []).map((id) => threatOf(before, id));
      const changes = event.data.changes;
      const entries: DecisionLogEntry[] = [];
      if (changes.strategies !== undefined)
        entries.push({
          kind: 'strategy',
          threats,
          subject: event.data.mitigationId,
          summary: `Strategy of mitigation ${event.data.mitigationId} changed from ${previous?.strategies.join(' and ') ?? 'none'} to ${changes.strategies.join(' and ')}`,
          rationale: null,
        });
      if (changes.owner !== undefined && changes.owner !== (previous?.owner ?? null))
        entries.push({
          kind: 'ownership',
          threats,
          subject: event.data.mitigationId,
          summary:
            changes.owner === null
              ? `Mitigation ${event.data.mitigationId} no longer has an owner (was ${previous?.owner ?? 'nobody'})`
              : `Mitigation ${event.data.mitigationId} owned by ${changes.owner}${previous?.owner ? ` (was ${previous.owner})` : ''}`,
          rationale: null,
        });
      return entries;
    }
    case 'RiskAccepted':
    case 'RiskTransferred': {
      const threat = threatOf(before, event.data.threatId);
      const isTransfer = event.type === 'RiskTransferred';
      const entries: DecisionLogEntry[] = [
        {
          kind: isTransfer ? 'transfer' : 'acceptance',
          threats: [threat],
          subject: event.data.decisionId,
          summary: isTransfer
            ? `Transferred the risk of ${named(threat)} to ${event.data.transferredTo}`
            : `Accepted the risk of ${named(threat)}${event.data.expiresAt ? ` until ${event.data.expiresAt}` : ''}`,
          rationale: event.data.rationale,
        },
      ];
      if (event.data.approvedBy !== null)
        entries.push({
          kind: 'approval',
          threats: [threat],
          subject: event.data.decisionId,
          summary: `Approved by ${event.data.approvedBy} as the risk owner`,
          rationale: event.data.rationale,
        });
      return entries;
    }
    case 'RiskDecisionRevoked': {
      const decision = before.decisions[event.data.decisionId];
      const threat = decision === undefined ? null : threatOf(before, decision.threatId);
      return [
        {
          kind: 'revocation',
          threats: threat === null ? [] : [threat],
          subject: event.data.decisionId,
          summary: `Revoked the ${decision?.kind === 'transfer' ? 'transfer' : 'acceptance'} ${event.data.decisionId}${threat === null ? '' : ` of ${named(threat)}`}`,
          rationale: event.data.reason,
        },
      ];
    }
    case 'NoThreatsDeclared': {
      const declaration = event.data.declaration;
      return [
        {
          kind: 'no_threats',
          threats: [],
          subject: `${declaration.targetKind}:${declaration.targetId}`,
          summary: `Declared no threats on ${declaration.targetKind} ${declaration.targetId}`,
          rationale: declaration.reason,
        },
      ];
    }
    case 'ChecklistItemAttested': {
      const attestation = event.data.attestation;
      return [
        {
          kind: 'attestation',
          threats: [],
          subject: attestation.item,
          summary: `Attested checklist item ${attestation.item}: ${attestation.verdict}`,
          rationale: attestation.note === '' ? null : attestation.note,
        },
      ];
    }
    case 'ModelVersionFrozen':
      return [
        {
          kind: 'freeze',
          threats: [],
          subject: `version ${event.data.versionNumber}`,
          summary: `Froze version ${event.data.versionNumber}${event.data.label ? ` "${event.data.label}"` : ''}`,
          rationale: null,
        },
      ];
    case 'ModelVersionSignedOff':
      return [
        {
          kind: 'sign_off',
          threats: [],
          subject: `version ${event.data.versionNumber}`,
          summary: `Signed off version ${event.data.versionNumber}`,
          rationale: null,
        },
      ];
    default:
      return [];
  }
}
