import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { organisationRoles } from '../roles.js';
import { decideOrganisation } from './decide.js';
import type { OrganisationEvent } from './events.js';
import { evolveOrganisation, initialOrganisationState, replayOrganisation } from './state.js';

const organisationId = '00000000-0000-4000-8000-00000000000a';
const users = [1, 2, 3, 4].map((n) => ({
  userId: `00000000-0000-4000-8000-00000000000${n}`,
  email: `user${n}@example.test`,
}));
const invitationIds = [1, 2, 3, 4, 5, 6].map((n) => `00000000-0000-4000-8000-0000000000e${n}`);
const start = Date.parse('2026-11-24T09:00:00Z');

const user = fc.constantFrom(...users);
const role = fc.constantFrom(...organisationRoles);
/** Any command any of the users might send, valid or not. */
const step = fc.record({
  actor: user,
  minutesLater: fc.integer({ min: 0, max: 60 * 24 * 20 }),
  command: fc.oneof(
    fc.record({
      type: fc.constant('InviteMember'),
      invitationId: fc.constantFrom(...invitationIds),
      invitee: user,
      role,
    }),
    fc.record({
      type: fc.constant('AcceptInvitation'),
      invitationId: fc.constantFrom(...invitationIds),
    }),
    fc.record({
      type: fc.constant('RevokeInvitation'),
      invitationId: fc.constantFrom(...invitationIds),
    }),
    fc.record({ type: fc.constant('ChangeMemberRole'), member: user, role }),
    fc.record({ type: fc.constant('RemoveMember'), member: user }),
  ),
});

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function toCommand(command: Record<string, unknown>): Record<string, unknown> {
  const base = { type: command['type'], organisationId };
  switch (command['type']) {
    case 'InviteMember':
      return {
        ...base,
        invitationId: command['invitationId'],
        email: (command['invitee'] as { email: string }).email,
        role: command['role'],
        expiresAt: new Date(start + 7 * 86_400_000).toISOString(),
      };
    case 'ChangeMemberRole':
      return {
        ...base,
        userId: (command['member'] as { userId: string }).userId,
        role: command['role'],
      };
    case 'RemoveMember':
      return { ...base, userId: (command['member'] as { userId: string }).userId };
    default:
      return { ...base, invitationId: command['invitationId'] };
  }
}

/** Runs a sequence of commands from a freshly created organisation, keeping the accepted events. */
function run(steps: readonly Step[]): OrganisationEvent[] {
  const founder = users[0] as { userId: string; email: string };
  const created = decideOrganisation(
    { type: 'CreateOrganisation', organisationId, name: 'Org', slug: 'org' },
    initialOrganisationState(),
    { actor: founder, now: new Date(start).toISOString() },
  );
  if (!created.ok) throw created.error;
  const events = [...created.events];
  let state = replayOrganisation(events);
  for (const { actor, minutesLater, command } of steps) {
    const decision = decideOrganisation(toCommand(command), state, {
      actor,
      now: new Date(start + minutesLater * 60_000).toISOString(),
    });
    if (!decision.ok) continue;
    events.push(...decision.events);
    state = decision.events.reduce(evolveOrganisation, state);
  }
  return events;
}

describe('Organisation aggregate properties', () => {
  it('always keeps at least one admin, whatever commands arrive', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const state = replayOrganisation(run(steps));
        expect(Object.values(state.members).some((member) => member.role === 'admin')).toBe(true);
      }),
    );
  });

  it('folds the accepted events to the same state in one replay as step by step', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const events = run(steps);
        const stepwise = events.reduce(evolveOrganisation, initialOrganisationState());
        expect(
          replayOrganisation(JSON.parse(JSON.stringify(events)) as OrganisationEvent[]),
        ).toEqual(stepwise);
      }),
    );
  });

  it('accepts each invitation at most once', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const accepted = run(steps)
          .filter((event) => event.type === 'InvitationAccepted')
          .map((event) => event.data.invitationId);
        expect(new Set(accepted).size).toBe(accepted.length);
      }),
    );
  });

  it('only lets the invited email join', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const events = run(steps);
        const invitedEmail = new Map<string, string>();
        for (const event of events) {
          if (event.type === 'MemberInvited')
            invitedEmail.set(event.data.invitationId, event.data.email);
          if (event.type === 'InvitationAccepted') {
            expect(event.data.email).toBe(invitedEmail.get(event.data.invitationId));
            expect(users.find((u) => u.userId === event.data.userId)?.email).toBe(event.data.email);
          }
        }
      }),
    );
  });
});
