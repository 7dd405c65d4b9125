import { describe, expect, it } from 'vitest';
import { decide, replay, type DomainEvent } from '../index.js';
import {
  actingAs,
  editor,
  eventsOf,
  expectEvents,
  expectRefusal,
  given,
  riskOwner,
  smallModelHistory,
} from '../../test/support/scenario.js';

/** threat-1 scored critical (10.0), threat-2 scored medium (stated 5.0). */
function scoredHistory(): DomainEvent[] {
  const history = smallModelHistory();
  return [
    ...history,
    ...eventsOf(
      [
        {
          type: 'ScoreThreat',
          threatId: 'threat-1',
          method: { method: 'cvss', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:N' },
        },
        {
          type: 'IdentifyThreat',
          threatId: 'threat-2',
          title: 'Slow queries',
          stride: 'denial_of_service',
          target: { kind: 'element', id: 'db' },
        },
        {
          type: 'ScoreThreat',
          threatId: 'threat-2',
          method: { method: 'stated' },
          stated: { score: 5 },
        },
      ],
      editor,
      replay(history),
    ),
  ];
}

describe('AcceptRisk', () => {
  it('lets a risk owner accept a medium risk without approval and marks the threat accepted', () => {
    const state = given(scoredHistory());
    const events = expectEvents(
      decide(
        {
          type: 'AcceptRisk',
          decisionId: 'd1',
          threatId: 'threat-2',
          rationale: 'Read replicas absorb load',
        },
        state,
        riskOwner,
      ),
    );
    expect(events).toEqual([
      {
        type: 'RiskAccepted',
        schemaVersion: 1,
        data: {
          decisionId: 'd1',
          threatId: 'threat-2',
          rationale: 'Read replicas absorb load',
          decidedBy: 'user-risk-owner',
          approvedBy: null,
          decidedAt: riskOwner.now,
          expiresAt: null,
        },
      },
    ]);
    expect(replay(events, state).threats['threat-2']?.status).toBe('accepted');
  });

  it('refuses to accept a critical risk without a rationale', () => {
    const error = expectRefusal(
      decide(
        { type: 'AcceptRisk', decisionId: 'd1', threatId: 'threat-1' },
        given(scoredHistory()),
        riskOwner,
      ),
      'VALIDATION',
      'rationale',
    );
    expect(error.message).toContain('critical');
  });

  it('refuses to accept a critical risk when the actor is not a risk owner', () => {
    expectRefusal(
      decide(
        {
          type: 'AcceptRisk',
          decisionId: 'd1',
          threatId: 'threat-1',
          rationale: 'Compensating WAF',
        },
        given(scoredHistory()),
        editor,
      ),
      'FORBIDDEN',
    );
  });

  it('records the risk owner as approver of a critical acceptance', () => {
    const events = expectEvents(
      decide(
        {
          type: 'AcceptRisk',
          decisionId: 'd1',
          threatId: 'threat-1',
          rationale: 'Compensating WAF',
        },
        given(scoredHistory()),
        riskOwner,
      ),
    );
    expect(events[0]).toMatchObject({ data: { approvedBy: 'user-risk-owner' } });
  });

  it('treats an unscored threat as needing approval, since its severity is unknown', () => {
    const history = smallModelHistory();
    expectRefusal(
      decide(
        { type: 'AcceptRisk', decisionId: 'd1', threatId: 'threat-1', rationale: 'fine' },
        given(history),
        editor,
      ),
      'FORBIDDEN',
    );
  });

  it('refuses an expiry in the past', () => {
    expectRefusal(
      decide(
        {
          type: 'AcceptRisk',
          decisionId: 'd1',
          threatId: 'threat-2',
          rationale: 'ok',
          expiresAt: '2025-01-01T00:00:00Z',
        },
        given(scoredHistory()),
        riskOwner,
      ),
      'VALIDATION',
      'expiresAt',
    );
  });

  it('refuses a second live decision on the same threat', () => {
    const history = scoredHistory();
    const accepted = eventsOf(
      [{ type: 'AcceptRisk', decisionId: 'd1', threatId: 'threat-2', rationale: 'ok' }],
      riskOwner,
      replay(history),
    );
    expectRefusal(
      decide(
        { type: 'TransferRisk', decisionId: 'd2', threatId: 'threat-2', transferredTo: 'Insurer' },
        given(history, accepted),
        riskOwner,
      ),
      'ILLEGAL_STATE',
      'threatId',
    );
  });

  it('uses the approval threshold the model was created with', () => {
    const strict = eventsOf([
      {
        type: 'CreateThreatModel',
        modelId: 'm',
        systemId: 's',
        name: 'M',
        settings: { approvalThreshold: 'low' },
      },
      { type: 'AddZone', zoneId: 'z', name: 'Z', trust: 'trusted' },
      { type: 'AddElement', elementId: 'p', kind: 'process', name: 'P', zoneId: 'z' },
      {
        type: 'IdentifyThreat',
        threatId: 't',
        title: 'T',
        stride: 'tampering',
        target: { kind: 'element', id: 'p' },
      },
      {
        type: 'ScoreThreat',
        threatId: 't',
        method: { method: 'stated' },
        stated: { severity: 'low' },
      },
    ]);
    expectRefusal(
      decide(
        { type: 'AcceptRisk', decisionId: 'd', threatId: 't', rationale: 'tiny' },
        given(strict),
        editor,
      ),
      'FORBIDDEN',
    );
  });
});

describe('who decides on risk', () => {
  it('refuses an editor even below the approval threshold: risk decisions need decide_risk', () => {
    expectRefusal(
      decide(
        { type: 'AcceptRisk', decisionId: 'd1', threatId: 'threat-2', rationale: 'cheap' },
        given(scoredHistory()),
        editor,
      ),
      'FORBIDDEN',
    );
  });

  it("refuses an editor who would revoke a risk owner's decision", () => {
    const history = scoredHistory();
    const accepted = eventsOf(
      [{ type: 'AcceptRisk', decisionId: 'd1', threatId: 'threat-1', rationale: 'WAF' }],
      riskOwner,
      replay(history),
    );
    expectRefusal(
      decide(
        { type: 'RevokeRiskDecision', decisionId: 'd1', reason: 'mine now' },
        given(history, accepted),
        editor,
      ),
      'FORBIDDEN',
    );
  });
});

describe('TransferRisk', () => {
  it('transfers a risk to a named party and marks the threat transferred', () => {
    const state = given(scoredHistory());
    const events = expectEvents(
      decide(
        {
          type: 'TransferRisk',
          decisionId: 'd1',
          threatId: 'threat-1',
          transferredTo: 'Cloud provider',
          rationale: 'Shared responsibility',
        },
        state,
        actingAs(['risk_owner', 'editor']),
      ),
    );
    expect(events[0]).toMatchObject({
      type: 'RiskTransferred',
      data: { transferredTo: 'Cloud provider' },
    });
    expect(replay(events, state).threats['threat-1']?.status).toBe('transferred');
  });

  it('refuses a transfer without a receiving party', () => {
    expectRefusal(
      decide(
        { type: 'TransferRisk', decisionId: 'd1', threatId: 'threat-2', rationale: 'x' },
        given(scoredHistory()),
        riskOwner,
      ),
      'VALIDATION',
      'transferredTo',
    );
  });
});

describe('RevokeRiskDecision', () => {
  it('revokes a decision and reopens the threat', () => {
    const history = scoredHistory();
    const accepted = eventsOf(
      [{ type: 'AcceptRisk', decisionId: 'd1', threatId: 'threat-2', rationale: 'ok' }],
      riskOwner,
      replay(history),
    );
    const state = given(history, accepted);
    const events = expectEvents(
      decide(
        { type: 'RevokeRiskDecision', decisionId: 'd1', reason: 'Load grew' },
        state,
        riskOwner,
      ),
    );
    const after = replay(events, state);
    expect(after.threats['threat-2']?.status).toBe('open');
    expect(after.decisions['d1']?.revoked).toEqual({
      at: riskOwner.now,
      by: 'user-risk-owner',
      reason: 'Load grew',
    });
  });

  it('refuses to revoke an unknown decision', () => {
    expectRefusal(
      decide(
        { type: 'RevokeRiskDecision', decisionId: 'nope', reason: 'x' },
        given(scoredHistory()),
        riskOwner,
      ),
      'NOT_FOUND',
      'decisionId',
    );
  });

  it('refuses to change the status of a threat held by a live decision', () => {
    const history = scoredHistory();
    const accepted = eventsOf(
      [{ type: 'AcceptRisk', decisionId: 'd1', threatId: 'threat-2', rationale: 'ok' }],
      riskOwner,
      replay(history),
    );
    expectRefusal(
      decide(
        { type: 'ChangeThreatStatus', threatId: 'threat-2', status: 'mitigated' },
        given(history, accepted),
        riskOwner,
      ),
      'ILLEGAL_STATE',
      'status',
    );
  });
});
