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

const mediumScore: Command = {
  type: 'ScoreThreat',
  threatId: 'threat-1',
  method: { method: 'stated' },
  stated: { severity: 'medium' },
};

const ticketedMitigation = {
  type: 'PlanMitigation',
  mitigationId: 'm',
  threatIds: ['threat-1'],
  strategies: ['mitigate'],
  action: 'Bind parameters',
  owner: 'Team',
  ticketUrl: 'https://tickets.example/SEC-1',
} satisfies Command;

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

  it('clears an element excluded from scope, and its zone when it holds only excluded elements', () => {
    const state = stateAfter([
      {
        type: 'ExcludeFromScope',
        exclusionId: 'x',
        text: 'Customers are out of scope for this model',
        elementIds: ['user'],
      },
    ]);
    const offenders = itemOf(state, 'completeness').offenders.map((o) => `${o.kind}:${o.id}`);
    expect(offenders).toEqual(['element:db', 'flow:user-api', 'flow:api-db']);
  });

  it('still reports a zone holding an excluded element beside one that is not', () => {
    const state = stateAfter([
      {
        type: 'AddElement',
        elementId: 'bot',
        kind: 'external_entity',
        name: 'Bot',
        zoneId: 'zone-internet',
      },
      { type: 'ExcludeFromScope', exclusionId: 'x', text: 'Customers', elementIds: ['user'] },
    ]);
    const offenders = itemOf(state, 'completeness').offenders.map((o) => `${o.kind}:${o.id}`);
    expect(offenders).toContain('element:bot');
    expect(offenders).toContain('zone:zone-internet');
    expect(offenders).not.toContain('element:user');
  });

  it('does not clear anything for an exclusion that names no element', () => {
    const state = stateAfter([
      { type: 'ExcludeFromScope', exclusionId: 'x', text: 'Physical security' },
    ]);
    expect(itemOf(state, 'completeness').offenders).toHaveLength(5);
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

  it('passes once the critical threat has a mitigation linked to a ticket', () => {
    const state = stateAfter([criticalScore, ticketedMitigation]);
    expect(itemOf(state, 'traceability').passed).toBe(true);
  });

  it("reports a critical threat's mitigation without a ticket link", () => {
    const state = stateAfter([criticalScore, { ...ticketedMitigation, ticketUrl: null }]);
    expect(itemOf(state, 'traceability').offenders).toMatchObject([
      { kind: 'mitigation', id: 'm', ref: 1, reason: expect.stringContaining('no ticket link') },
    ]);
  });

  it('does not ask for a ticket when the model policy relaxes the rule', () => {
    const state = stateAfter(
      [
        criticalScore,
        { ...ticketedMitigation, ticketUrl: null },
        { type: 'ChangeModelSettings', requiresTicketLinks: false },
      ],
      riskOwner,
    );
    const item = itemOf(state, 'traceability');
    expect(item.passed).toBe(true);
    expect(item.title).toContain('not required by policy');
  });

  it('asks no ticket of a mitigation that only accepts the risk', () => {
    const state = stateAfter(
      [
        criticalScore,
        { ...ticketedMitigation, strategies: ['accept'], ticketUrl: null },
        {
          type: 'AcceptRisk',
          decisionId: 'd',
          threatId: 'threat-1',
          rationale: 'Compensated by the WAF',
        },
      ],
      riskOwner,
    );
    expect(itemOf(state, 'traceability').passed).toBe(true);
  });

  it('asks no ticket of a medium threat', () => {
    const state = stateAfter([mediumScore, { ...ticketedMitigation, ticketUrl: null }]);
    expect(itemOf(state, 'traceability').passed).toBe(true);
  });

  it('does not pass an unscored threat with neither mitigation nor decision', () => {
    const item = itemOf(given(smallModelHistory()), 'traceability');
    expect(item.offenders).toMatchObject([
      { kind: 'threat', ref: 1, reason: expect.stringContaining('unscored (severity unknown)') },
    ]);
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

describe('roles and ownership', () => {
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
    expect(itemOf(state, 'roles-and-ownership').offenders.map((o) => `${o.kind}:${o.id}`)).toEqual([
      'mitigation:m',
      'threat:threat-1',
    ]);
  });

  it('ignores threats below high', () => {
    const state = stateAfter([
      mediumScore,
      {
        type: 'PlanMitigation',
        mitigationId: 'm',
        threatIds: ['threat-1'],
        strategies: ['mitigate'],
        action: 'Bind parameters',
      },
    ]);
    expect(itemOf(state, 'roles-and-ownership').passed).toBe(true);
  });

  it('does not pass because nothing is scored: an unscored threat nobody owns is a finding', () => {
    const item = itemOf(given(smallModelHistory()), 'roles-and-ownership');
    expect(item.passed).toBe(false);
    expect(item.offenders).toMatchObject([
      {
        kind: 'threat',
        ref: 1,
        reason: 'threat 1 is unscored (severity unknown) and nobody owns it',
      },
    ]);
  });

  it('passes an unscored threat whose mitigation has an owner, whatever its severity turns out to be', () => {
    const state = stateAfter([ticketedMitigation]);
    expect(itemOf(state, 'roles-and-ownership').passed).toBe(true);
    expect(itemOf(state, 'traceability').passed).toBe(true);
  });

  it('leaves out a threat marked not applicable', () => {
    const state = stateAfter([
      { type: 'ChangeThreatStatus', threatId: 'threat-1', status: 'not_applicable' },
    ]);
    expect(itemOf(state, 'roles-and-ownership').passed).toBe(true);
    expect(itemOf(state, 'scoring-coverage').passed).toBe(true);
  });
});

describe('scoring coverage', () => {
  it('reports every unscored threat by ref', () => {
    const state = stateAfter([
      {
        type: 'IdentifyThreat',
        threatId: 'threat-2',
        title: 'Backups readable by everyone',
        stride: 'information_disclosure',
        target: { kind: 'element', id: 'db' },
      },
    ]);
    const item = itemOf(state, 'scoring-coverage');
    expect(item.status).toBe('finding');
    expect(item.offenders.map((o) => `${o.kind}:${o.ref}`)).toEqual(['threat:1', 'threat:2']);
    expect(item.offenders[0]?.reason).toBe('threat 1 has no score, so its severity is unknown');
  });

  it('passes once every threat is scored', () => {
    expect(itemOf(stateAfter([mediumScore]), 'scoring-coverage')).toMatchObject({
      status: 'pass',
      passed: true,
      offenders: [],
    });
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
  it("lists the case study's nine items, then scoring coverage", () => {
    expect(closureChecklist(given(smallModelHistory())).items.map((entry) => entry.id)).toEqual([
      'completeness',
      'clarity',
      'specificity',
      'traceability',
      'consistency',
      'roles-and-ownership',
      'assumptions',
      'rationales',
      'external-validation',
      'scoring-coverage',
    ]);
  });

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
