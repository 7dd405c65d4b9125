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

function frozenHistory(): DomainEvent[] {
  const history = smallModelHistory();
  return [
    ...history,
    ...eventsOf([{ type: 'FreezeModelVersion', label: 'Design review' }], editor, replay(history)),
  ];
}

describe('FreezeModelVersion', () => {
  it('freezes the current version with a snapshot of its content', () => {
    const state = given(smallModelHistory());
    const events = expectEvents(
      decide({ type: 'FreezeModelVersion', label: 'Design review' }, state, editor),
    );
    expect(events).toEqual([
      {
        type: 'ModelVersionFrozen',
        schemaVersion: 1,
        data: {
          versionNumber: 1,
          label: 'Design review',
          frozenBy: 'user-editor',
          frozenAt: editor.now,
        },
      },
    ]);
    const after = replay(events, state);
    expect(after.isFrozen).toBe(true);
    expect(after.versions[0]?.snapshot.threats['threat-1']?.title).toBe(
      state.threats['threat-1']?.title,
    );
  });

  it('refuses any change to the content of a frozen version', () => {
    const error = expectRefusal(
      decide(
        { type: 'ReviseThreat', threatId: 'threat-1', title: 'Changed' },
        given(frozenHistory()),
        editor,
      ),
      'ILLEGAL_STATE',
      'version',
    );
    expect(error.message).toContain('frozen');
  });

  it('refuses to freeze a version twice', () => {
    expectRefusal(
      decide({ type: 'FreezeModelVersion', label: 'Again' }, given(frozenHistory()), editor),
      'ILLEGAL_STATE',
      'version',
    );
  });
});

describe('SignOffModelVersion', () => {
  it('lets a risk owner sign off a frozen version', () => {
    const events = expectEvents(
      decide({ type: 'SignOffModelVersion', versionNumber: 1 }, given(frozenHistory()), riskOwner),
    );
    expect(events).toEqual([
      {
        type: 'ModelVersionSignedOff',
        schemaVersion: 1,
        data: { versionNumber: 1, signedOffBy: 'user-risk-owner', signedOffAt: riskOwner.now },
      },
    ]);
  });

  it('refuses a sign-off from an editor', () => {
    expectRefusal(
      decide({ type: 'SignOffModelVersion', versionNumber: 1 }, given(frozenHistory()), editor),
      'FORBIDDEN',
    );
  });

  it('refuses to sign off a version that was never frozen', () => {
    expectRefusal(
      decide(
        { type: 'SignOffModelVersion', versionNumber: 2 },
        given(frozenHistory()),
        actingAs(['admin']),
      ),
      'NOT_FOUND',
      'versionNumber',
    );
  });
});

describe('OpenModelDraft', () => {
  it('opens the next version for editing and keeps the frozen snapshot', () => {
    const state = given(frozenHistory());
    const draft = replay(expectEvents(decide({ type: 'OpenModelDraft' }, state, editor)), state);
    expect(draft.isFrozen).toBe(false);
    expect(draft.currentVersion).toBe(2);
    const edited = replay(
      eventsOf([{ type: 'ReviseThreat', threatId: 'threat-1', title: 'Changed' }], editor, draft),
      draft,
    );
    expect(edited.versions[0]?.snapshot.threats['threat-1']?.title).toBe(
      'Injected SQL reads other customers orders',
    );
  });

  it('refuses to open a draft when the current version is not frozen', () => {
    expectRefusal(
      decide({ type: 'OpenModelDraft' }, given(smallModelHistory()), editor),
      'ILLEGAL_STATE',
      'version',
    );
  });
});

describe('PlanExternalValidation', () => {
  it('records who will review the model and when', () => {
    const events = expectEvents(
      decide(
        { type: 'PlanExternalValidation', reviewer: 'Acme Security', plannedFor: '2026-05-01' },
        given(smallModelHistory()),
        editor,
      ),
    );
    expect(events).toEqual([
      {
        type: 'ExternalValidationPlanned',
        schemaVersion: 1,
        data: {
          validation: {
            reviewer: 'Acme Security',
            plannedFor: '2026-05-01',
            scope: '',
            plannedBy: 'user-editor',
          },
        },
      },
    ]);
  });
});

describe('PlanExternalValidation refusals', () => {
  it('refuses a planned date that is not a calendar date', () => {
    expectRefusal(
      decide(
        { type: 'PlanExternalValidation', reviewer: 'Acme', plannedFor: 'soon' },
        given(smallModelHistory()),
        editor,
      ),
      'VALIDATION',
      'plannedFor',
    );
  });
});
