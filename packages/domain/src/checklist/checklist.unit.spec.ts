import { describe, expect, it } from 'vitest';
import {
  closureChecklist,
  replay,
  type ChecklistItemId,
  type Command,
  type ModelState,
} from '../index.js';
import {
  editor,
  eventsOf,
  given,
  riskOwner,
  smallModelHistory,
} from '../../test/support/scenario.js';

function stateAfter(commands: Command[], context = editor): ModelState {
  const history = smallModelHistory();
  return given(history, eventsOf(commands, context, replay(history)));
}

function itemOf(state: ModelState, id: ChecklistItemId) {
  const found = closureChecklist(state).items.find((entry) => entry.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

const criticalScore: Command = {
  type: 'ScoreThreat',
  threatId: 'threat-1',
  method: { method: 'cvss', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:N' },
};

describe('completeness', () => {
  it('lists elements, flows and zones without threats', () => {
    const offenders = itemOf(given(smallModelHistory()), 'completeness').offenders.map(
      (o) => `${o.kind}:${o.id}`,
    );
    expect(offenders).toEqual([
      'element:user',
      'element:db',
      'flow:user-api',
      'flow:api-db',
      'zone:zone-internet',
    ]);
  });

  it('accepts an explicit "no threats" with a reason', () => {
    const state = stateAfter([
      {
        type: 'DeclareNoThreats',
        targetKind: 'element',
        targetId: 'db',
        reason: 'managed by the provider',
      },
    ]);
    expect(itemOf(state, 'completeness').offenders.map((o) => o.id)).not.toContain('db');
  });

  it('counts a zone as covered by a threat on an element in a nested zone', () => {
    const state = stateAfter([
      {
        type: 'AddZone',
        zoneId: 'zone-inner',
        name: 'Inner',
        trust: 'restricted',
        parentZoneId: 'zone-internet',
      },
      { type: 'ChangeElement', elementId: 'user', zoneId: 'zone-inner' },
      {
        type: 'IdentifyThreat',
        threatId: 't-user',
        title: 'Impersonation',
        stride: 'spoofing',
        target: { kind: 'element', id: 'user' },
      },
    ]);
    const zones = itemOf(state, 'completeness').offenders.filter((o) => o.kind === 'zone');
    expect(zones).toEqual([]);
  });

  it('does not count a threat on a flow crossing into a zone as covering the zone', () => {
    const state = stateAfter([
      {
        type: 'IdentifyThreat',
        threatId: 't-flow',
        title: 'Sniffing',
        stride: 'information_disclosure',
        target: { kind: 'flow', id: 'user-api' },
      },
    ]);
    expect(itemOf(state, 'completeness').offenders.map((o) => o.id)).toContain('zone-internet');
  });
});

describe('traceability', () => {
  it('reports a critical threat with neither mitigation nor decision', () => {
    const item = itemOf(stateAfter([criticalScore]), 'traceability');
    expect(item.passed).toBe(false);
    expect(item.offenders).toMatchObject([{ kind: 'threat', ref: 1 }]);
  });

  it('passes once the critical threat has a mitigation', () => {
    const state = stateAfter([
      criticalScore,
      {
        type: 'PlanMitigation',
        mitigationId: 'm',
        threatIds: ['threat-1'],
        strategies: ['mitigate'],
        action: 'Bind parameters',
        owner: 'Team',
      },
    ]);
    expect(itemOf(state, 'traceability').passed).toBe(true);
  });

  it('reports a threat detached from any element or flow', () => {
    const state = stateAfter([
      {
        type: 'RemoveElement',
        elementId: 'api',
        threats: { policy: 'detach' },
        cascadeFlows: true,
      },
    ]);
    expect(itemOf(state, 'traceability').offenders[0]?.reason).toContain('not tied');
  });
});

describe('ownership', () => {
  it('reports a critical threat whose mitigation has no owner', () => {
    const state = stateAfter([
      criticalScore,
      {
        type: 'PlanMitigation',
        mitigationId: 'm',
        threatIds: ['threat-1'],
        strategies: ['mitigate'],
        action: 'Bind parameters',
      },
    ]);
    expect(itemOf(state, 'ownership').offenders.map((o) => `${o.kind}:${o.id}`)).toEqual([
      'mitigation:m',
      'threat:threat-1',
    ]);
  });

  it('ignores threats below high', () => {
    const state = stateAfter([
      {
        type: 'ScoreThreat',
        threatId: 'threat-1',
        method: { method: 'stated' },
        stated: { severity: 'medium' },
      },
      {
        type: 'PlanMitigation',
        mitigationId: 'm',
        threatIds: ['threat-1'],
        strategies: ['mitigate'],
        action: 'Bind parameters',
      },
    ]);
    expect(itemOf(state, 'ownership').passed).toBe(true);
  });
});

describe('rationales', () => {
  it('reports an acceptance recorded without a rationale', () => {
    const state = stateAfter(
      [
        {
          type: 'ScoreThreat',
          threatId: 'threat-1',
          method: { method: 'stated' },
          stated: { severity: 'low' },
        },
        { type: 'AcceptRisk', decisionId: 'd', threatId: 'threat-1' },
      ],
      riskOwner,
    );
    expect(itemOf(state, 'rationales').offenders).toMatchObject([
      { kind: 'decision', id: 'd', ref: 1 },
    ]);
  });

  it('reports a planned transfer with no transfer decision', () => {
    const state = stateAfter([
      {
        type: 'PlanMitigation',
        mitigationId: 'm',
        threatIds: ['threat-1'],
        strategies: ['transfer'],
        action: 'Insure it',
      },
    ]);
    expect(itemOf(state, 'rationales').offenders).toMatchObject([{ kind: 'threat', ref: 1 }]);
  });

  it('passes when the transfer is decided with a rationale', () => {
    const state = stateAfter(
      [
        criticalScore,
        {
          type: 'PlanMitigation',
          mitigationId: 'm',
          threatIds: ['threat-1'],
          strategies: ['transfer'],
          action: 'Insure it',
        },
        {
          type: 'TransferRisk',
          decisionId: 'd',
          threatId: 'threat-1',
          transferredTo: 'Insurer',
          rationale: 'Cheaper than a rewrite',
        },
      ],
      riskOwner,
    );
    expect(itemOf(state, 'rationales').passed).toBe(true);
  });
});

describe('assumptions and external validation', () => {
  it('fails without assumptions and passes with one', () => {
    expect(itemOf(given(smallModelHistory()), 'assumptions').passed).toBe(false);
    expect(
      itemOf(
        stateAfter([{ type: 'RecordAssumption', assumptionId: 'a', text: 'TLS everywhere' }]),
        'assumptions',
      ).passed,
    ).toBe(true);
  });

  it('fails until an external validation is planned', () => {
    expect(itemOf(given(smallModelHistory()), 'external-validation').passed).toBe(false);
    const planned = stateAfter([
      { type: 'PlanExternalValidation', reviewer: 'Acme', plannedFor: '2026-05-01' },
    ]);
    expect(itemOf(planned, 'external-validation').passed).toBe(true);
  });
});

describe('consistency', () => {
  it('reports a stated score that disagrees with its vector', () => {
    const state = stateAfter([
      { ...criticalScore, stated: { score: 9.1, severity: 'critical' } } as Command,
    ]);
    expect(itemOf(state, 'consistency').offenders[0]?.reason).toContain('states 9.1');
  });

  it('accepts a stated score equal to the computed one', () => {
    const state = stateAfter([
      { ...criticalScore, stated: { score: 10, severity: 'critical' } } as Command,
    ]);
    expect(itemOf(state, 'consistency').passed).toBe(true);
  });

  it('reports a source ref that duplicates another threat ref', () => {
    const state = stateAfter([
      {
        type: 'IdentifyThreat',
        threatId: 't-2',
        ref: 2,
        sourceRef: 1,
        title: 'Copied',
        stride: 'tampering',
        target: { kind: 'element', id: 'db' },
      },
    ]);
    expect(itemOf(state, 'consistency').offenders).toMatchObject([{ kind: 'threat', ref: 2 }]);
  });

  it('reports a stated severity that disagrees with the computed one', () => {
    const state = stateAfter([
      { ...criticalScore, stated: { score: null, severity: 'high' } } as Command,
    ]);
    expect(itemOf(state, 'consistency').offenders[0]?.reason).toContain('severity high');
  });
});

describe('overall', () => {
  it('passes only when every item passes', () => {
    const result = closureChecklist(given(smallModelHistory()));
    expect(result.passed).toBe(false);
    expect(result.passedCount).toBe(result.items.filter((entry) => entry.passed).length);
  });
});

describe('expired decisions', () => {
  const accepted: Command[] = [
    {
      type: 'ScoreThreat',
      threatId: 'threat-1',
      method: { method: 'stated' },
      stated: { severity: 'high' },
    },
    {
      type: 'AcceptRisk',
      decisionId: 'd',
      threatId: 'threat-1',
      rationale: 'Until the rewrite ships',
      expiresAt: '2026-06-30T00:00:00Z',
    },
  ];

  it('counts a decision as live before its expiry', () => {
    const state = stateAfter(accepted, riskOwner);
    const result = closureChecklist(state, { asOf: '2026-06-01T00:00:00Z' });
    expect(result.items.find((entry) => entry.id === 'traceability')?.passed).toBe(true);
    expect(result.items.find((entry) => entry.id === 'rationales')?.passed).toBe(true);
  });

  it('reports a decision past its expiry and no longer counts it for the threat', () => {
    const state = stateAfter(accepted, riskOwner);
    const result = closureChecklist(state, { asOf: '2026-07-01T00:00:00Z' });
    expect(result.items.find((entry) => entry.id === 'rationales')?.offenders[0]?.reason).toContain(
      'expired',
    );
    expect(result.items.find((entry) => entry.id === 'traceability')?.offenders).toMatchObject([
      { kind: 'threat', ref: 1 },
    ]);
  });
});
