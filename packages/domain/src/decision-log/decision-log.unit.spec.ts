import { describe, expect, it } from 'vitest';
import { execute } from '../execute.js';
import { replay } from '../model/evolve.js';
import { initialState } from '../model/initial-state.js';
import type { CommandContext } from '../model/context.js';
import type { ModelState } from '../model/types.js';
import { decisionLogEntries, type DecisionLogEntry } from './decision-log.js';

const context: CommandContext = {
  actor: { userId: 'risk-owner', organisationId: 'o1', roles: ['admin', 'risk_owner'] },
  now: '2026-11-24T09:00:00.000Z',
};

/** Runs a command and returns the decisions its events record, and the state after it. */
function decide(state: ModelState, command: unknown): [DecisionLogEntry[], ModelState] {
  const result = execute(command, state, context);
  if (!result.ok) throw new Error(result.error.message);
  let current = state;
  const entries: DecisionLogEntry[] = [];
  for (const event of result.events) {
    entries.push(...decisionLogEntries(event, current));
    current = replay([event], current);
  }
  return [entries, result.state];
}

function model(): ModelState {
  let state = initialState();
  for (const command of [
    { type: 'CreateThreatModel', modelId: 'm1', systemId: 's1', name: 'Payments' },
    { type: 'AddZone', zoneId: 'z1', name: 'DMZ', trust: 'untrusted' },
    { type: 'AddElement', elementId: 'web', kind: 'process', name: 'Web', zoneId: 'z1' },
    {
      type: 'IdentifyThreat',
      threatId: 'spoof',
      title: 'Spoofed login',
      stride: 'spoofing',
      target: { kind: 'element', id: 'web' },
    },
  ]) {
    const result = execute(command, state, context);
    if (!result.ok) throw new Error(result.error.message);
    state = result.state;
  }
  return state;
}

describe('the decision log of a model', () => {
  it('records a score with the threat as it was named, the method, figure and severity', () => {
    const [entries] = decide(model(), {
      type: 'ScoreThreat',
      threatId: 'spoof',
      method: { method: 'cvss', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
    });
    expect(entries).toEqual([
      {
        kind: 'score',
        threats: [{ id: 'spoof', ref: 1, title: 'Spoofed login' }],
        subject: null,
        summary:
          'Scored T-1 Spoofed login: CVSS 3.1 9.8 (critical), CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
        rationale: null,
      },
    ]);
  });

  it('records a planned mitigation as a strategy, and its owner as an ownership', () => {
    const [entries] = decide(model(), {
      type: 'PlanMitigation',
      mitigationId: 'mfa',
      threatIds: ['spoof'],
      strategies: ['mitigate'],
      action: 'Require a second factor',
      owner: 'Alice',
    });
    expect(entries.map((entry) => [entry.kind, entry.subject, entry.summary])).toEqual([
      ['strategy', 'mfa', 'Planned mitigate for T-1 Spoofed login: Require a second factor'],
      ['ownership', 'mfa', 'Mitigation mfa owned by Alice'],
    ]);
  });

  it('records a change of owner with the previous one, and nothing for a revision that keeps them', () => {
    const [, planned] = decide(model(), {
      type: 'PlanMitigation',
      mitigationId: 'mfa',
      threatIds: ['spoof'],
      strategies: ['mitigate'],
      action: 'Require a second factor',
      owner: 'Alice',
    });
    const [moved] = decide(planned, {
      type: 'ReviseMitigation',
      mitigationId: 'mfa',
      owner: 'Bob',
    });
    expect(moved.map((entry) => [entry.kind, entry.summary])).toEqual([
      ['ownership', 'Mitigation mfa owned by Bob (was Alice)'],
    ]);
    const [same] = decide(planned, {
      type: 'ReviseMitigation',
      mitigationId: 'mfa',
      action: 'Require a hardware key',
    });
    expect(same).toEqual([]);
    const [strategy] = decide(planned, {
      type: 'ReviseMitigation',
      mitigationId: 'mfa',
      strategies: ['mitigate', 'transfer'],
    });
    expect(strategy.map((entry) => [entry.kind, entry.summary])).toEqual([
      ['strategy', 'Strategy of mitigation mfa changed from mitigate to mitigate and transfer'],
    ]);
  });

  it('records an acceptance with its rationale, its approval when one was needed, and its revocation', () => {
    const [, scored] = decide(model(), {
      type: 'ScoreThreat',
      threatId: 'spoof',
      method: { method: 'cvss', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
    });
    const [accepted, after] = decide(scored, {
      type: 'AcceptRisk',
      decisionId: 'd1',
      threatId: 'spoof',
      rationale: 'Compensating monitoring is in place',
    });
    expect(accepted.map((entry) => [entry.kind, entry.summary, entry.rationale])).toEqual([
      [
        'acceptance',
        'Accepted the risk of T-1 Spoofed login',
        'Compensating monitoring is in place',
      ],
      [
        'approval',
        'Approved by risk-owner as the risk owner',
        'Compensating monitoring is in place',
      ],
    ]);
    const [revoked] = decide(after, {
      type: 'RevokeRiskDecision',
      decisionId: 'd1',
      reason: 'Monitoring was switched off',
    });
    expect(revoked).toEqual([
      {
        kind: 'revocation',
        threats: [{ id: 'spoof', ref: 1, title: 'Spoofed login' }],
        subject: 'd1',
        summary: 'Revoked the acceptance d1 of T-1 Spoofed login',
        rationale: 'Monitoring was switched off',
      },
    ]);
  });

  it('records a transfer with whom the risk went to', () => {
    const [entries] = decide(model(), {
      type: 'TransferRisk',
      decisionId: 'd2',
      threatId: 'spoof',
      rationale: 'The identity provider answers for it',
      transferredTo: 'IdP vendor',
    });
    expect(entries[0]).toMatchObject({
      kind: 'transfer',
      summary: 'Transferred the risk of T-1 Spoofed login to IdP vendor',
      rationale: 'The identity provider answers for it',
    });
  });

  it('records "no threats" declarations, attestations, freezes and sign-offs with their reasons', () => {
    const [declared] = decide(model(), {
      type: 'DeclareNoThreats',
      targetKind: 'zone',
      targetId: 'z1',
      reason: 'Nothing runs there yet',
    });
    expect(declared[0]).toMatchObject({
      kind: 'no_threats',
      subject: 'zone:z1',
      rationale: 'Nothing runs there yet',
    });
    const [attested] = decide(model(), {
      type: 'AttestChecklistItem',
      item: 'clarity',
      verdict: 'pass',
      note: 'Read every threat statement',
    });
    expect(attested[0]).toMatchObject({
      kind: 'attestation',
      subject: 'clarity',
      summary: 'Attested checklist item clarity: pass',
      rationale: 'Read every threat statement',
    });
    const [frozen, after] = decide(model(), { type: 'FreezeModelVersion', label: 'Release 1' });
    expect(frozen.map((entry) => [entry.kind, entry.summary])).toEqual([
      ['freeze', 'Froze version 1 "Release 1"'],
    ]);
    const [signed] = decide(after, { type: 'SignOffModelVersion', versionNumber: 1 });
    expect(signed.map((entry) => [entry.kind, entry.summary])).toEqual([
      ['sign_off', 'Signed off version 1'],
    ]);
  });

  it('records nothing for edits that decide nothing', () => {
    const [entries] = decide(model(), {
      type: 'AddElement',
      elementId: 'db',
      kind: 'data_store',
      name: 'DB',
      zoneId: 'z1',
    });
    expect(entries).toEqual([]);
  });
});
