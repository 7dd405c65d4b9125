import { describe, expect, it } from 'vitest';
import {
  closureChecklist,
  decide,
  replay,
  type Command,
  type CommandContext,
  type DomainEvent,
  type ModelState,
} from '../index.js';
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

/** A member of a regulator's organisation reviewing through an auditor share. */
const auditor: CommandContext = {
  actor: {
    userId: 'user-auditor',
    organisationId: 'org-regulator',
    roles: ['auditor'],
    email: 'reviewer@regulator.example',
  },
  now: '2026-03-05T10:00:00.000Z',
};

const attestClarity: Command = {
  type: 'AttestChecklistItem',
  item: 'clarity',
  verdict: 'pass',
  note: 'Read every threat and mitigation; each says who does what to which asset',
};

function historyAfter(
  steps: Array<[Command, CommandContext]>,
  history = smallModelHistory(),
): DomainEvent[] {
  const events = [...history];
  for (const [command, context] of steps)
    events.push(...eventsOf([command], context, replay(events)));
  return events;
}

function clarityOf(state: ModelState) {
  const found = closureChecklist(state).items.find((entry) => entry.id === 'clarity');
  if (!found) throw new Error('no clarity item');
  return found;
}

describe('AttestChecklistItem', () => {
  it("records the reviewer's verdict, note, identity, organisation and time", () => {
    const events = expectEvents(decide(attestClarity, given(smallModelHistory()), auditor));
    expect(events).toEqual([
      {
        type: 'ChecklistItemAttested',
        schemaVersion: 1,
        data: {
          attestation: {
            item: 'clarity',
            verdict: 'pass',
            note: 'Read every threat and mitigation; each says who does what to which asset',
            attestedBy: {
              userId: 'user-auditor',
              email: 'reviewer@regulator.example',
              organisationId: 'org-regulator',
            },
            attestedAt: auditor.now,
          },
        },
      },
    ]);
  });

  it.each([
    ['an auditor', auditor],
    ['a risk owner', riskOwner],
    ['an admin', actingAs(['admin'])],
  ])('lets %s attest', (_who, context) => {
    expectEvents(decide(attestClarity, given(smallModelHistory()), context));
  });

  it.each([
    ['an editor', editor],
    ['a viewer', actingAs(['viewer'])],
  ])('refuses %s: an attestation is a reviewer’s record, not an edit', (_who, context) => {
    const error = expectRefusal(
      decide(attestClarity, given(smallModelHistory()), context),
      'FORBIDDEN',
    );
    expect(error.message).toContain("needs the 'attest' permission");
  });

  it('refuses a verdict without a note, naming the field', () => {
    expectRefusal(
      decide({ ...attestClarity, note: '   ' }, given(smallModelHistory()), auditor),
      'VALIDATION',
      'note',
    );
  });

  it('refuses an item the checklist computes itself, naming the field', () => {
    expectRefusal(
      decide(
        { ...attestClarity, item: 'completeness' } as never,
        given(smallModelHistory()),
        auditor,
      ),
      'VALIDATION',
      'item',
    );
  });

  it('refuses a verdict other than pass or fail, naming the field', () => {
    expectRefusal(
      decide({ ...attestClarity, verdict: 'maybe' } as never, given(smallModelHistory()), auditor),
      'VALIDATION',
      'verdict',
    );
  });

  it('accepts an attestation of a frozen version', () => {
    const frozen = historyAfter([[{ type: 'FreezeModelVersion', label: 'Review' }, editor]]);
    expectEvents(decide(attestClarity, given(frozen), auditor));
  });
});

describe('attested checklist items', () => {
  it('are not attested until a reviewer records a verdict', () => {
    const item = clarityOf(given(smallModelHistory()));
    expect(item).toMatchObject({ status: 'not_attested', passed: false, attestation: null });
    expect(item.offenders[0]?.reason).toBe('no reviewer has attested clarity yet');
  });

  it('show who attested what, from which organisation, and when', () => {
    const item = clarityOf(given(historyAfter([[attestClarity, auditor]])));
    expect(item.status).toBe('attested');
    expect(item.passed).toBe(true);
    expect(item.attestation).toMatchObject({
      verdict: 'pass',
      attestedBy: {
        userId: 'user-auditor',
        email: 'reviewer@regulator.example',
        organisationId: 'org-regulator',
      },
      attestedAt: auditor.now,
      streamVersion: smallModelHistory().length,
      invalidatedBy: null,
    });
  });

  it('report a failing verdict as a finding with the reviewer and the note', () => {
    const failed = {
      ...attestClarity,
      verdict: 'fail',
      note: 'Threat 1 does not say which orders',
    };
    const item = clarityOf(given(historyAfter([[failed as Command, auditor]])));
    expect(item.status).toBe('finding');
    expect(item.offenders[0]?.reason).toContain('reviewer@regulator.example');
    expect(item.offenders[0]?.reason).toContain('Threat 1 does not say which orders');
  });

  it('go stale when a threat changes after the attestation, naming the change', () => {
    const history = historyAfter([
      [attestClarity, auditor],
      [{ type: 'ReviseThreat', threatId: 'threat-1', title: 'SQL injection' }, editor],
    ]);
    const item = clarityOf(given(history));
    expect(item.status).toBe('stale');
    expect(item.passed).toBe(false);
    expect(item.attestation?.invalidatedBy).toEqual({
      streamVersion: history.length - 1,
      eventType: 'ThreatRevised',
    });
    expect(item.offenders[0]?.reason).toContain('attest again');
  });

  it('go stale when a mitigation is planned after the attestation', () => {
    const history = historyAfter([
      [attestClarity, auditor],
      [
        {
          type: 'PlanMitigation',
          mitigationId: 'm',
          threatIds: ['threat-1'],
          strategies: ['mitigate'],
          action: 'Bind parameters',
        },
        editor,
      ],
    ]);
    expect(clarityOf(given(history)).status).toBe('stale');
  });

  it('stay current through a change to the diagram (an element renamed)', () => {
    const history = historyAfter([
      [attestClarity, auditor],
      [{ type: 'ChangeElement', elementId: 'api', technology: 'Go' }, editor],
    ]);
    expect(clarityOf(given(history)).status).toBe('attested');
  });

  it('become current again when a reviewer attests after the change', () => {
    const history = historyAfter([
      [attestClarity, auditor],
      [{ type: 'ReviseThreat', threatId: 'threat-1', title: 'SQL injection' }, editor],
      [{ ...attestClarity, note: 'Re-read after the rename' }, riskOwner],
    ]);
    const item = clarityOf(given(history));
    expect(item.status).toBe('attested');
    expect(item.attestation?.attestedBy.userId).toBe('user-risk-owner');
  });

  it('keep clarity and specificity apart', () => {
    const state = given(historyAfter([[attestClarity, auditor]]));
    const specificity = closureChecklist(state).items.find((entry) => entry.id === 'specificity');
    expect(specificity?.status).toBe('not_attested');
  });

  it('are frozen with the version they reviewed', () => {
    const history = historyAfter([
      [attestClarity, auditor],
      [{ type: 'FreezeModelVersion', label: 'Review' }, editor],
    ]);
    expect(given(history).versions[0]?.snapshot.attestations['clarity']?.verdict).toBe('pass');
  });
});

describe('stream version', () => {
  it('counts the events folded, starting at 0 for the first, as the event store numbers them', () => {
    const history = smallModelHistory();
    expect(given(history).streamVersion).toBe(history.length - 1);
    expect(replay([]).streamVersion).toBe(-1);
  });
});
