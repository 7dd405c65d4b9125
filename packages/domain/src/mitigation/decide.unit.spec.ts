import { describe, expect, it } from 'vitest';
import { decide, replay } from '../index.js';
import {
  editor,
  eventsOf,
  expectEvents,
  expectRefusal,
  given,
  smallModelHistory,
} from '../../test/support/scenario.js';

function withSecondThreatAndMitigation() {
  const history = smallModelHistory();
  return [
    history,
    eventsOf(
      [
        {
          type: 'IdentifyThreat',
          threatId: 'threat-2',
          title: 'Other',
          stride: 'tampering',
          target: { kind: 'flow', id: 'api-db' },
        },
        {
          type: 'PlanMitigation',
          mitigationId: 'm1',
          threatIds: ['threat-1'],
          strategies: ['mitigate'],
          action: 'Use bound parameters',
        },
      ],
      editor,
      replay(history),
    ),
  ];
}

describe('PlanMitigation', () => {
  it('plans a mitigation shared by two threats with its defaults', () => {
    const history = withSecondThreatAndMitigation();
    const events = expectEvents(
      decide(
        {
          type: 'PlanMitigation',
          mitigationId: 'm2',
          threatIds: ['threat-1', 'threat-2'],
          strategies: ['mitigate'],
          action: 'Least-privilege DB role',
          owner: 'Platform team',
          dueDate: '2026-06-30',
          ticketUrl: 'https://tracker.example/SEC-12',
        },
        given(...history),
        editor,
      ),
    );
    expect(events).toEqual([
      {
        type: 'MitigationPlanned',
        schemaVersion: 1,
        data: {
          mitigation: {
            id: 'm2',
            threatIds: ['threat-1', 'threat-2'],
            strategies: ['mitigate'],
            action: 'Least-privilege DB role',
            owner: 'Platform team',
            status: 'proposed',
            dueDate: '2026-06-30',
            verification: null,
            ticketUrl: 'https://tracker.example/SEC-12',
            effectiveness: null,
            residualRisk: null,
          },
        },
      },
    ]);
  });

  it('refuses a mitigation that addresses no threat', () => {
    expectRefusal(
      decide(
        {
          type: 'PlanMitigation',
          mitigationId: 'm9',
          threatIds: [],
          strategies: ['mitigate'],
          action: 'x',
        },
        given(smallModelHistory()),
        editor,
      ),
      'VALIDATION',
      'threatIds',
    );
  });

  it('refuses an unknown strategy', () => {
    expectRefusal(
      decide(
        {
          type: 'PlanMitigation',
          mitigationId: 'm9',
          threatIds: ['threat-1'],
          strategies: ['ignore'],
          action: 'x',
        },
        given(smallModelHistory()),
        editor,
      ),
      'VALIDATION',
      'strategies.0',
    );
  });

  it('refuses a due date that is not a calendar date', () => {
    expectRefusal(
      decide(
        {
          type: 'PlanMitigation',
          mitigationId: 'm9',
          threatIds: ['threat-1'],
          strategies: ['mitigate'],
          action: 'x',
          dueDate: 'next week',
        },
        given(smallModelHistory()),
        editor,
      ),
      'VALIDATION',
      'dueDate',
    );
  });

  it('refuses a threat that does not exist, naming its position', () => {
    expectRefusal(
      decide(
        {
          type: 'PlanMitigation',
          mitigationId: 'm9',
          threatIds: ['threat-1', 'ghost'],
          strategies: ['mitigate'],
          action: 'x',
        },
        given(smallModelHistory()),
        editor,
      ),
      'NOT_FOUND',
      'threatIds.1',
    );
  });
});

describe('linking and status', () => {
  it('links an existing mitigation to another threat', () => {
    const events = expectEvents(
      decide(
        { type: 'LinkMitigation', mitigationId: 'm1', threatId: 'threat-2' },
        given(...withSecondThreatAndMitigation()),
        editor,
      ),
    );
    expect(events).toEqual([
      {
        type: 'MitigationLinked',
        schemaVersion: 1,
        data: { mitigationId: 'm1', threatId: 'threat-2' },
      },
    ]);
  });

  it('refuses to link a threat twice', () => {
    expectRefusal(
      decide(
        { type: 'LinkMitigation', mitigationId: 'm1', threatId: 'threat-1' },
        given(...withSecondThreatAndMitigation()),
        editor,
      ),
      'CONFLICT',
      'threatId',
    );
  });

  it('refuses to unlink the only threat a mitigation addresses', () => {
    expectRefusal(
      decide(
        { type: 'UnlinkMitigation', mitigationId: 'm1', threatId: 'threat-1' },
        given(...withSecondThreatAndMitigation()),
        editor,
      ),
      'ILLEGAL_STATE',
      'threatId',
    );
  });

  it('changes the status of a mitigation', () => {
    const events = expectEvents(
      decide(
        { type: 'ChangeMitigationStatus', mitigationId: 'm1', status: 'implemented' },
        given(...withSecondThreatAndMitigation()),
        editor,
      ),
    );
    expect(events).toEqual([
      {
        type: 'MitigationStatusChanged',
        schemaVersion: 1,
        data: { mitigationId: 'm1', status: 'implemented' },
      },
    ]);
  });

  it('records a revised owner and residual risk', () => {
    const events = expectEvents(
      decide(
        {
          type: 'ReviseMitigation',
          mitigationId: 'm1',
          owner: 'DBA',
          residualRisk: { severity: 'low' },
        },
        given(...withSecondThreatAndMitigation()),
        editor,
      ),
    );
    expect(events[0]).toMatchObject({
      type: 'MitigationRevised',
      data: { changes: { owner: 'DBA', residualRisk: { score: null, severity: 'low' } } },
    });
  });
});

describe('more mitigation cases', () => {
  it('refuses to revise an unknown mitigation', () => {
    expectRefusal(
      decide(
        { type: 'ReviseMitigation', mitigationId: 'ghost', owner: 'X' },
        given(smallModelHistory()),
        editor,
      ),
      'NOT_FOUND',
      'mitigationId',
    );
  });

  it('refuses an unknown mitigation status', () => {
    expectRefusal(
      decide(
        { type: 'ChangeMitigationStatus', mitigationId: 'm1', status: 'finished' },
        given(...withSecondThreatAndMitigation()),
        editor,
      ),
      'VALIDATION',
      'status',
    );
  });

  it('unlinks one of several threats', () => {
    const history = withSecondThreatAndMitigation();
    const linked = eventsOf(
      [{ type: 'LinkMitigation', mitigationId: 'm1', threatId: 'threat-2' }],
      editor,
      given(...history),
    );
    const events = expectEvents(
      decide(
        { type: 'UnlinkMitigation', mitigationId: 'm1', threatId: 'threat-1' },
        given(...history, linked),
        editor,
      ),
    );
    expect(events).toEqual([
      {
        type: 'MitigationUnlinked',
        schemaVersion: 1,
        data: { mitigationId: 'm1', threatId: 'threat-1' },
      },
    ]);
  });
});
