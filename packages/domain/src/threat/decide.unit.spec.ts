import { describe, expect, it } from 'vitest';
import { decide, replay, type Command } from '../index.js';
import {
  editor,
  eventsOf,
  expectEvents,
  expectRefusal,
  given,
  smallModelHistory,
} from '../../test/support/scenario.js';

const identify = (
  overrides: Partial<Extract<Command, { type: 'IdentifyThreat' }>> = {},
): Command => ({
  type: 'IdentifyThreat',
  threatId: 'threat-2',
  title: 'Flooding the API blocks checkout',
  stride: 'denial_of_service',
  target: { kind: 'element', id: 'api' },
  ...overrides,
});

describe('IdentifyThreat', () => {
  it('identifies a threat with the next free ref when none is given', () => {
    const events = expectEvents(decide(identify(), given(smallModelHistory()), editor));
    expect(events).toEqual([
      {
        type: 'ThreatIdentified',
        schemaVersion: 1,
        data: {
          threat: {
            id: 'threat-2',
            ref: 2,
            sourceRef: null,
            title: 'Flooding the API blocks checkout',
            description: '',
            stride: 'denial_of_service',
            linddun: null,
            target: { kind: 'element', id: 'api' },
            assetIds: [],
          },
        },
      },
    ]);
  });

  it('starts a new threat as open and unscored', () => {
    const state = given(smallModelHistory());
    const after = replay(expectEvents(decide(identify(), state, editor)), state);
    expect(after.threats['threat-2']).toMatchObject({ status: 'open', score: null });
  });

  it('refuses a ref already used in the model', () => {
    const error = expectRefusal(
      decide(identify({ ref: 1 }), given(smallModelHistory()), editor),
      'CONFLICT',
      'ref',
    );
    expect(error.message).toContain("'threat-1'");
  });

  it('refuses a target flow that does not exist', () => {
    expectRefusal(
      decide(
        identify({ target: { kind: 'flow', id: 'ghost' } }),
        given(smallModelHistory()),
        editor,
      ),
      'NOT_FOUND',
      'target.id',
    );
  });

  it('refuses an unknown STRIDE category', () => {
    expectRefusal(
      decide({ ...identify(), stride: 'phishing' }, given(smallModelHistory()), editor),
      'VALIDATION',
      'stride',
    );
  });

  it('refuses an affected asset that does not exist, naming its position', () => {
    expectRefusal(
      decide(identify({ assetIds: ['orders', 'ghost'] }), given(smallModelHistory()), editor),
      'NOT_FOUND',
      'assetIds.1',
    );
  });

  it('refuses a threat on a target declared to have no threats', () => {
    const history = smallModelHistory();
    const declared = eventsOf(
      [
        {
          type: 'DeclareNoThreats',
          targetKind: 'element',
          targetId: 'db',
          reason: 'managed service',
        },
      ],
      editor,
      replay(history),
    );
    expectRefusal(
      decide(identify({ target: { kind: 'element', id: 'db' } }), given(history, declared), editor),
      'ILLEGAL_STATE',
      'target',
    );
  });
});

describe('ScoreThreat', () => {
  it('records the CVSS score and the band severity computed from the vector, with the stated score', () => {
    const events = expectEvents(
      decide(
        {
          type: 'ScoreThreat',
          threatId: 'threat-1',
          method: { method: 'cvss', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:N' },
          stated: { score: 9.1, severity: 'critical' },
        },
        given(smallModelHistory()),
        editor,
      ),
    );
    expect(events).toEqual([
      {
        type: 'ThreatScored',
        schemaVersion: 1,
        data: {
          threatId: 'threat-1',
          score: {
            method: 'cvss',
            vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:N',
            cvssVersion: '3.1',
            score: 10,
            severity: 'critical',
            stated: { score: 9.1, severity: 'critical' },
          },
        },
      },
    ]);
  });

  it('refuses a malformed vector, naming the metric and what was expected', () => {
    const error = expectRefusal(
      decide(
        {
          type: 'ScoreThreat',
          threatId: 'threat-1',
          method: { method: 'cvss', vector: 'CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
        },
        given(smallModelHistory()),
        editor,
      ),
      'VALIDATION',
    );
    expect((error as unknown as { field: string }).field).toContain('AV');
  });

  it('scores with the OWASP Risk Rating factors', () => {
    const nine = (names: string[]) => Object.fromEntries(names.map((n) => [n, 9]));
    const events = expectEvents(
      decide(
        {
          type: 'ScoreThreat',
          threatId: 'threat-1',
          method: {
            method: 'owasp',
            factors: {
              threatAgent: nine(['skillLevel', 'motive', 'opportunity', 'size']),
              vulnerability: nine([
                'easeOfDiscovery',
                'easeOfExploit',
                'awareness',
                'intrusionDetection',
              ]),
              technicalImpact: nine([
                'lossOfConfidentiality',
                'lossOfIntegrity',
                'lossOfAvailability',
                'lossOfAccountability',
              ]),
            },
          },
        },
        given(smallModelHistory()),
        editor,
      ),
    );
    expect(events[0]).toMatchObject({
      data: { score: { method: 'owasp', severity: 'critical', score: null } },
    });
  });

  it('refuses an OWASP factor out of range, naming it', () => {
    const error = expectRefusal(
      decide(
        {
          type: 'ScoreThreat',
          threatId: 'threat-1',
          method: { method: 'owasp', factors: { threatAgent: { skillLevel: 12 } } },
        },
        given(smallModelHistory()),
        editor,
      ),
      'VALIDATION',
    );
    expect((error as unknown as { field: string }).field).toMatch(/^method\.factors/);
  });

  it('refuses matrix scoring when the model has no risk matrix', () => {
    expectRefusal(
      decide(
        {
          type: 'ScoreThreat',
          threatId: 'threat-1',
          method: { method: 'matrix', likelihood: 'likely', impact: 'major' },
        },
        given(smallModelHistory()),
        editor,
      ),
      'ILLEGAL_STATE',
      'method',
    );
  });

  it('scores with the model matrix cell', () => {
    const history = eventsOf([
      {
        type: 'CreateThreatModel',
        modelId: 'm',
        systemId: 's',
        name: 'M',
        settings: {
          riskMatrix: {
            name: '2x2',
            likelihood: ['rare', 'likely'],
            impact: ['minor', 'major'],
            cells: [
              ['low', 'medium'],
              ['medium', 'critical'],
            ],
          },
        },
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
    ]);
    const events = expectEvents(
      decide(
        {
          type: 'ScoreThreat',
          threatId: 't',
          method: { method: 'matrix', likelihood: 'likely', impact: 'major' },
        },
        given(history),
        editor,
      ),
    );
    expect(events[0]).toMatchObject({
      data: { score: { method: 'matrix', severity: 'critical' } },
    });
  });

  it('refuses a stated-only score without a stated figure', () => {
    expectRefusal(
      decide(
        { type: 'ScoreThreat', threatId: 'threat-1', method: { method: 'stated' } },
        given(smallModelHistory()),
        editor,
      ),
      'VALIDATION',
      'stated',
    );
  });
});

describe('ChangeThreatStatus', () => {
  it('moves a threat to mitigated', () => {
    const events = expectEvents(
      decide(
        { type: 'ChangeThreatStatus', threatId: 'threat-1', status: 'mitigated' },
        given(smallModelHistory()),
        editor,
      ),
    );
    expect(events).toEqual([
      {
        type: 'ThreatStatusChanged',
        schemaVersion: 1,
        data: { threatId: 'threat-1', status: 'mitigated' },
      },
    ]);
  });

  it('refuses to set accepted directly, because acceptance is a governed decision', () => {
    expectRefusal(
      decide(
        { type: 'ChangeThreatStatus', threatId: 'threat-1', status: 'accepted' },
        given(smallModelHistory()),
        editor,
      ),
      'VALIDATION',
      'status',
    );
  });
});

describe('ReviseThreat, RetargetThreat and RemoveThreat', () => {
  it('revises only the given fields', () => {
    const events = expectEvents(
      decide(
        { type: 'ReviseThreat', threatId: 'threat-1', linddun: 'data_disclosure' },
        given(smallModelHistory()),
        editor,
      ),
    );
    expect(events).toEqual([
      {
        type: 'ThreatRevised',
        schemaVersion: 1,
        data: { threatId: 'threat-1', changes: { linddun: 'data_disclosure' } },
      },
    ]);
  });

  it('retargets a threat to a flow', () => {
    const events = expectEvents(
      decide(
        { type: 'RetargetThreat', threatId: 'threat-1', target: { kind: 'flow', id: 'user-api' } },
        given(smallModelHistory()),
        editor,
      ),
    );
    expect(events[0]).toMatchObject({
      type: 'ThreatRetargeted',
      data: { target: { kind: 'flow', id: 'user-api' } },
    });
  });

  it('refuses to remove an unknown threat', () => {
    expectRefusal(
      decide({ type: 'RemoveThreat', threatId: 'ghost' }, given(smallModelHistory()), editor),
      'NOT_FOUND',
      'threatId',
    );
  });

  it('unlinks a removed threat from the mitigations that addressed it', () => {
    const history = smallModelHistory();
    const planned = eventsOf(
      [
        {
          type: 'IdentifyThreat',
          threatId: 'threat-2',
          title: 'Other',
          stride: 'tampering',
          target: { kind: 'element', id: 'api' },
        },
        {
          type: 'PlanMitigation',
          mitigationId: 'm1',
          threatIds: ['threat-1', 'threat-2'],
          strategies: ['mitigate'],
          action: 'Use bound parameters',
        },
      ],
      editor,
      replay(history),
    );
    const state = given(history, planned);
    const after = replay(
      expectEvents(decide({ type: 'RemoveThreat', threatId: 'threat-1' }, state, editor)),
      state,
    );
    expect(after.mitigations['m1']?.threatIds).toEqual(['threat-2']);
  });
});

describe('DeclareNoThreats', () => {
  it('records an explicit "no threats" with its reason', () => {
    const events = expectEvents(
      decide(
        {
          type: 'DeclareNoThreats',
          targetKind: 'zone',
          targetId: 'zone-internet',
          reason: 'only the user lives here',
        },
        given(smallModelHistory()),
        editor,
      ),
    );
    expect(events).toEqual([
      {
        type: 'NoThreatsDeclared',
        schemaVersion: 1,
        data: {
          declaration: {
            targetKind: 'zone',
            targetId: 'zone-internet',
            reason: 'only the user lives here',
            declaredBy: 'user-editor',
            declaredAt: editor.now,
          },
        },
      },
    ]);
  });

  it('refuses a declaration without a reason', () => {
    expectRefusal(
      decide(
        { type: 'DeclareNoThreats', targetKind: 'flow', targetId: 'api-db', reason: '  ' },
        given(smallModelHistory()),
        editor,
      ),
      'VALIDATION',
      'reason',
    );
  });

  it('refuses to declare no threats on an element that has threats', () => {
    expectRefusal(
      decide(
        { type: 'DeclareNoThreats', targetKind: 'element', targetId: 'api', reason: 'fine' },
        given(smallModelHistory()),
        editor,
      ),
      'ILLEGAL_STATE',
      'targetId',
    );
  });

  it('refuses to withdraw a declaration that was never made', () => {
    expectRefusal(
      decide(
        { type: 'WithdrawNoThreats', targetKind: 'flow', targetId: 'api-db' },
        given(smallModelHistory()),
        editor,
      ),
      'NOT_FOUND',
      'targetId',
    );
  });
});

describe('more threat refusals and withdrawals', () => {
  it('refuses to revise an unknown threat', () => {
    expectRefusal(
      decide(
        { type: 'ReviseThreat', threatId: 'ghost', title: 'X' },
        given(smallModelHistory()),
        editor,
      ),
      'NOT_FOUND',
      'threatId',
    );
  });

  it('refuses to retarget a threat to an unknown element', () => {
    expectRefusal(
      decide(
        { type: 'RetargetThreat', threatId: 'threat-1', target: { kind: 'element', id: 'ghost' } },
        given(smallModelHistory()),
        editor,
      ),
      'NOT_FOUND',
      'target.id',
    );
  });

  it('withdraws a "no threats" declaration', () => {
    const history = smallModelHistory();
    const declared = eventsOf(
      [
        {
          type: 'DeclareNoThreats',
          targetKind: 'flow',
          targetId: 'api-db',
          reason: 'loopback only',
        },
      ],
      editor,
      replay(history),
    );
    const events = expectEvents(
      decide(
        { type: 'WithdrawNoThreats', targetKind: 'flow', targetId: 'api-db' },
        given(history, declared),
        editor,
      ),
    );
    expect(events).toEqual([
      {
        type: 'NoThreatsWithdrawn',
        schemaVersion: 1,
        data: { targetKind: 'flow', targetId: 'api-db' },
      },
    ]);
  });
});
