import { defaultSeverityBands } from '@threatloom/scoring';
import { describe, expect, it } from 'vitest';
import { decide, initialState } from '../index.js';
import {
  actingAs,
  editor,
  expectEvents,
  expectRefusal,
  given,
  smallModelHistory,
} from '../../test/support/scenario.js';

describe('CreateThreatModel', () => {
  it('creates the model with the default bands and approval threshold high', () => {
    const events = expectEvents(
      decide(
        { type: 'CreateThreatModel', modelId: 'm', systemId: 's', name: 'Shop' },
        initialState(),
        editor,
      ),
    );
    expect(events).toEqual([
      {
        type: 'ThreatModelCreated',
        schemaVersion: 2,
        data: {
          modelId: 'm',
          systemId: 's',
          organisationId: 'org-genomewell',
          name: 'Shop',
          description: '',
          settings: {
            severityBands: [...defaultSeverityBands],
            approvalThreshold: 'high',
            riskMatrix: null,
            requiresTicketLinks: true,
          },
          createdBy: 'user-editor',
          createdAt: editor.now,
        },
      },
    ]);
  });

  it('refuses severity bands that leave a gap, naming the settings field', () => {
    const result = decide(
      {
        type: 'CreateThreatModel',
        modelId: 'm',
        systemId: 's',
        name: 'Shop',
        settings: { severityBands: [{ severity: 'critical', min: 9, max: 10, policy: 'now' }] },
      },
      initialState(),
      editor,
    );
    expectRefusal(result, 'VALIDATION', 'settings.severityBands');
    expect(result.ok ? '' : result.error.message).toContain('low is missing');
  });

  it('refuses to create a model twice', () => {
    const result = decide(
      { type: 'CreateThreatModel', modelId: 'm2', systemId: 's', name: 'Again' },
      given(smallModelHistory()),
      editor,
    );
    expectRefusal(result, 'ILLEGAL_STATE', 'modelId');
  });

  it('refuses any other command before the model exists', () => {
    const result = decide(
      { type: 'AddZone', zoneId: 'z', name: 'Z', trust: 'low' },
      initialState(),
      editor,
    );
    expectRefusal(result, 'ILLEGAL_STATE', 'modelId');
  });

  it('refuses a command with a missing field, naming the field path', () => {
    const result = decide(
      { type: 'CreateThreatModel', modelId: 'm', systemId: 's' },
      initialState(),
      editor,
    );
    expectRefusal(result, 'VALIDATION', 'name');
  });

  it('refuses an unknown command type', () => {
    const result = decide({ type: 'DeleteEverything' }, initialState(), editor);
    expectRefusal(result, 'VALIDATION', 'type');
  });
});

describe('roles', () => {
  it.each([['viewer' as const], ['auditor' as const]])('refuses changes from a %s', (role) => {
    const result = decide(
      { type: 'AddZone', zoneId: 'z', name: 'Z', trust: 'low' },
      given(smallModelHistory()),
      actingAs([role]),
    );
    expectRefusal(result, 'FORBIDDEN');
  });
});

describe('RenameThreatModel', () => {
  it('renames the model', () => {
    const events = expectEvents(
      decide({ type: 'RenameThreatModel', name: 'Web shop' }, given(smallModelHistory()), editor),
    );
    expect(events).toEqual([
      { type: 'ThreatModelRenamed', schemaVersion: 1, data: { name: 'Web shop' } },
    ]);
  });
});

describe('RenameThreatModel refusals', () => {
  it('refuses an empty name', () => {
    expectRefusal(
      decide({ type: 'RenameThreatModel', name: '' }, given(smallModelHistory()), editor),
      'VALIDATION',
      'name',
    );
  });
});

describe('ChangeModelSettings', () => {
  it('lets a risk owner lower the approval threshold', () => {
    const state = given(smallModelHistory());
    const events = expectEvents(
      decide(
        { type: 'ChangeModelSettings', approvalThreshold: 'medium' },
        state,
        actingAs(['risk_owner']),
      ),
    );
    expect(events).toEqual([
      {
        type: 'ModelSettingsChanged',
        schemaVersion: 2,
        data: { settings: { ...state.settings, approvalThreshold: 'medium' } },
      },
    ]);
  });

  it('lets a risk owner relax the ticket-link rule and keeps the rest of the policy', () => {
    const state = given(smallModelHistory());
    const events = expectEvents(
      decide(
        { type: 'ChangeModelSettings', requiresTicketLinks: false },
        state,
        actingAs(['risk_owner']),
      ),
    );
    expect(events).toEqual([
      {
        type: 'ModelSettingsChanged',
        schemaVersion: 2,
        data: { settings: { ...state.settings, requiresTicketLinks: false } },
      },
    ]);
  });

  it('refuses a ticket-link policy that is not a boolean, naming the field', () => {
    expectRefusal(
      decide(
        { type: 'ChangeModelSettings', requiresTicketLinks: 'sometimes' } as never,
        given(smallModelHistory()),
        actingAs(['risk_owner']),
      ),
      'VALIDATION',
      'requiresTicketLinks',
    );
  });

  it('refuses a settings change from an editor', () => {
    expectRefusal(
      decide(
        { type: 'ChangeModelSettings', approvalThreshold: 'critical' },
        given(smallModelHistory()),
        editor,
      ),
      'FORBIDDEN',
    );
  });

  it('refuses a risk matrix without enough labels, naming the axis', () => {
    const error = expectRefusal(
      decide(
        {
          type: 'ChangeModelSettings',
          riskMatrix: { name: 'x', likelihood: ['rare'], impact: ['minor', 'major'], cells: [] },
        },
        given(smallModelHistory()),
        actingAs(['admin']),
      ),
      'VALIDATION',
      'settings.riskMatrix.likelihood',
    );
    expect(error.message).toContain('2-10 likelihood labels');
  });
});
