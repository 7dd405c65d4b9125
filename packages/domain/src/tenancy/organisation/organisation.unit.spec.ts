import { describe, expect, it } from 'vitest';
import type { TenancyCommandContext } from '../context.js';
import { decideOrganisation } from './decide.js';
import type { OrganisationEvent } from './events.js';
import { replayOrganisation } from './state.js';

const orgId = '00000000-0000-4000-8000-00000000000a';
const admin = { userId: '00000000-0000-4000-8000-000000000001', email: 'ada@genomewell.test' };
const bob = { userId: '00000000-0000-4000-8000-000000000002', email: 'bob@genomewell.test' };
const carol = { userId: '00000000-0000-4000-8000-000000000003', email: 'carol@genomewell.test' };
const invitationId = '00000000-0000-4000-8000-0000000000e1';
const now = '2026-11-24T09:00:00.000Z';
const later = '2026-12-01T09:00:00.000Z';

function as(actor: { userId: string; email: string }, at = now): TenancyCommandContext {
  return { actor, now: at };
}

const created: OrganisationEvent = {
  type: 'OrganisationCreated',
  schemaVersion: 1,
  data: {
    organisationId: orgId,
    name: 'GenomeWell',
    slug: 'genomewell',
    founder: admin,
    createdAt: now,
  },
};

function invited(email: string, role: 'admin' | 'editor' | 'viewer' = 'editor'): OrganisationEvent {
  return {
    type: 'MemberInvited',
    schemaVersion: 1,
    data: {
      organisationId: orgId,
      invitationId,
      email,
      role,
      invitedBy: admin.userId,
      invitedAt: now,
      expiresAt: later,
    },
  };
}

function joined(user: { userId: string; email: string }, role: 'admin' | 'editor' | 'viewer') {
  const accepted: OrganisationEvent = {
    type: 'InvitationAccepted',
    schemaVersion: 1,
    data: { organisationId: orgId, invitationId, ...user, role, acceptedAt: now },
  };
  return [invited(user.email, role), accepted];
}

/** given events / when command / then the decision. */
function when(given: OrganisationEvent[], command: object, context: TenancyCommandContext) {
  return decideOrganisation(command, replayOrganisation(given), context);
}

function expectRefusal(decision: ReturnType<typeof when>, code: string, field?: string) {
  expect(decision.ok).toBe(false);
  if (decision.ok) return;
  expect(decision.error.code).toBe(code);
  if (field !== undefined) expect(decision.error).toMatchObject({ field });
}

describe('Organisation aggregate', () => {
  describe('CreateOrganisation', () => {
    it('creates the organisation with its founder as the first admin', () => {
      const decision = when(
        [],
        {
          type: 'CreateOrganisation',
          organisationId: orgId,
          name: 'GenomeWell',
          slug: 'genomewell',
        },
        as(admin),
      );
      expect(decision).toEqual({ ok: true, events: [created] });
      expect(replayOrganisation([created]).members[admin.userId]?.role).toBe('admin');
    });

    it('refuses to create an organisation twice', () => {
      const decision = when(
        [created],
        { type: 'CreateOrganisation', organisationId: orgId, name: 'Again', slug: 'again' },
        as(admin),
      );
      expectRefusal(decision, 'CONFLICT', 'organisationId');
    });

    it('names the field of an invalid slug', () => {
      const decision = when(
        [],
        {
          type: 'CreateOrganisation',
          organisationId: orgId,
          name: 'GenomeWell',
          slug: 'Genome Well',
        },
        as(admin),
      );
      expectRefusal(decision, 'VALIDATION', 'slug');
    });
  });

  describe('InviteMember', () => {
    const invite = {
      type: 'InviteMember',
      organisationId: orgId,
      invitationId,
      email: 'Bob@GenomeWell.test',
      role: 'editor',
      expiresAt: later,
    };

    it('records an invitation with the email normalised', () => {
      const decision = when([created], invite, as(admin));
      expect(decision).toEqual({ ok: true, events: [invited(bob.email)] });
    });

    it('refuses an invitation from a non-admin', () => {
      const decision = when(
        [created, ...joined(bob, 'editor')],
        { ...invite, invitationId: carol.userId, email: carol.email },
        as(bob),
      );
      expectRefusal(decision, 'FORBIDDEN');
    });

    it('refuses an invitation that has already expired', () => {
      const decision = when([created], { ...invite, expiresAt: '2026-11-01T00:00:00Z' }, as(admin));
      expectRefusal(decision, 'VALIDATION', 'expiresAt');
    });

    it('refuses to invite an existing member', () => {
      const decision = when([created], { ...invite, email: admin.email }, as(admin));
      expectRefusal(decision, 'CONFLICT', 'email');
    });

    it('refuses a second pending invitation for the same email', () => {
      const decision = when(
        [created, invited(bob.email)],
        { ...invite, invitationId: '00000000-0000-4000-8000-0000000000e2' },
        as(admin),
      );
      expectRefusal(decision, 'CONFLICT', 'email');
    });

    it('refuses an unknown organisation', () => {
      expectRefusal(when([], invite, as(admin)), 'NOT_FOUND', 'organisationId');
    });
  });

  describe('AcceptInvitation', () => {
    const accept = { type: 'AcceptInvitation', organisationId: orgId, invitationId };

    it('makes the invited user a member at the invited role', () => {
      const decision = when([created, invited(bob.email)], accept, as(bob));
      expect(decision.ok && decision.events).toEqual([joined(bob, 'editor')[1]]);
    });

    it('is accepted only once', () => {
      expectRefusal(
        when([created, ...joined(bob, 'editor')], accept, as(bob)),
        'ILLEGAL_STATE',
        'invitationId',
      );
    });

    it('is accepted only by the invited email', () => {
      expectRefusal(when([created, invited(bob.email)], accept, as(carol)), 'FORBIDDEN');
    });

    it('matches the invited email case-insensitively', () => {
      const shouting = { ...bob, email: 'BOB@GENOMEWELL.TEST' };
      expect(when([created, invited(bob.email)], accept, as(shouting)).ok).toBe(true);
    });

    it('is refused after expiry', () => {
      expectRefusal(
        when([created, invited(bob.email)], accept, as(bob, later)),
        'ILLEGAL_STATE',
        'expiresAt',
      );
    });

    it('is refused once revoked', () => {
      const revoked: OrganisationEvent = {
        type: 'InvitationRevoked',
        schemaVersion: 1,
        data: { organisationId: orgId, invitationId, revokedBy: admin.userId, revokedAt: now },
      };
      expectRefusal(
        when([created, invited(bob.email), revoked], accept, as(bob)),
        'ILLEGAL_STATE',
        'invitationId',
      );
    });

    it('is refused for an unknown invitation', () => {
      expectRefusal(when([created], accept, as(bob)), 'NOT_FOUND', 'invitationId');
    });
  });

  describe('RevokeInvitation', () => {
    const revoke = { type: 'RevokeInvitation', organisationId: orgId, invitationId };

    it('revokes a pending invitation', () => {
      const decision = when([created, invited(bob.email)], revoke, as(admin));
      expect(decision.ok && decision.events.map((e) => e.type)).toEqual(['InvitationRevoked']);
    });

    it('cannot revoke an accepted invitation', () => {
      expectRefusal(when([created, ...joined(bob, 'editor')], revoke, as(admin)), 'ILLEGAL_STATE');
    });

    it('is refused to non-admins', () => {
      expectRefusal(when([created, ...joined(bob, 'editor')], revoke, as(bob)), 'FORBIDDEN');
    });
  });

  describe('ChangeMemberRole', () => {
    const promote = {
      type: 'ChangeMemberRole',
      organisationId: orgId,
      userId: bob.userId,
      role: 'admin',
    };

    it('changes a member role and records the previous one', () => {
      const decision = when([created, ...joined(bob, 'editor')], promote, as(admin));
      expect(decision.ok && decision.events[0]).toMatchObject({
        type: 'MemberRoleChanged',
        data: { userId: bob.userId, previousRole: 'editor', role: 'admin' },
      });
    });

    it('produces nothing when the role is unchanged', () => {
      const decision = when(
        [created, ...joined(bob, 'editor')],
        { ...promote, role: 'editor' },
        as(admin),
      );
      expect(decision).toEqual({ ok: true, events: [] });
    });

    it('refuses to demote the last admin', () => {
      const decision = when(
        [created],
        { ...promote, userId: admin.userId, role: 'viewer' },
        as(admin),
      );
      expectRefusal(decision, 'ILLEGAL_STATE', 'role');
    });

    it('lets an admin be demoted while another admin remains', () => {
      const decision = when(
        [created, ...joined(bob, 'admin')],
        { ...promote, userId: admin.userId, role: 'viewer' },
        as(bob),
      );
      expect(decision.ok).toBe(true);
    });

    it('is refused to non-admins', () => {
      expectRefusal(when([created, ...joined(bob, 'editor')], promote, as(bob)), 'FORBIDDEN');
    });

    it('refuses an unknown member', () => {
      expectRefusal(when([created], promote, as(admin)), 'NOT_FOUND', 'userId');
    });
  });

  describe('RemoveMember', () => {
    const removeBob = { type: 'RemoveMember', organisationId: orgId, userId: bob.userId };

    it('lets an admin remove a member', () => {
      const decision = when([created, ...joined(bob, 'editor')], removeBob, as(admin));
      expect(decision.ok).toBe(true);
      if (!decision.ok) return;
      expect(
        replayOrganisation([created, ...joined(bob, 'editor'), ...decision.events]).members[
          bob.userId
        ],
      ).toBeUndefined();
    });

    it('lets a member leave on their own', () => {
      expect(when([created, ...joined(bob, 'viewer')], removeBob, as(bob)).ok).toBe(true);
    });

    it('refuses a non-admin removing someone else', () => {
      const removeAdmin = { ...removeBob, userId: admin.userId };
      expectRefusal(when([created, ...joined(bob, 'editor')], removeAdmin, as(bob)), 'FORBIDDEN');
    });

    it('refuses to remove the last admin', () => {
      const removeAdmin = { ...removeBob, userId: admin.userId };
      expectRefusal(when([created], removeAdmin, as(admin)), 'ILLEGAL_STATE', 'userId');
    });
  });

  describe('JoinThroughSingleSignOn', () => {
    const system = { userId: carol.userId, email: carol.email };
    const joinCarol = {
      type: 'JoinThroughSingleSignOn',
      organisationId: orgId,
      userId: carol.userId,
      email: carol.email,
      role: 'viewer',
      issuer: 'https://login.genomewell.test',
    };

    it('admits a newcomer at the configured role, naming the provider', () => {
      const decision = when([created], joinCarol, as(system));
      expect(decision.ok && decision.events).toEqual([
        {
          type: 'MemberJoinedThroughSingleSignOn',
          schemaVersion: 1,
          data: {
            organisationId: orgId,
            userId: carol.userId,
            email: carol.email,
            role: 'viewer',
            issuer: 'https://login.genomewell.test',
            joinedAt: now,
          },
        },
      ]);
      if (!decision.ok) return;
      expect(replayOrganisation([created, ...decision.events]).members[carol.userId]).toEqual({
        userId: carol.userId,
        email: carol.email,
        role: 'viewer',
      });
    });

    it('admits as editor at most: risk_owner and admin need an admin', () => {
      expect(when([created], { ...joinCarol, role: 'editor' }, as(system)).ok).toBe(true);
      expectRefusal(when([created], { ...joinCarol, role: 'admin' }, as(system)), 'VALIDATION');
      expectRefusal(
        when([created], { ...joinCarol, role: 'risk_owner' }, as(system)),
        'VALIDATION',
      );
    });

    it('leaves an existing member as they are', () => {
      const decision = when([created, ...joined(carol, 'editor')], joinCarol, as(system));
      expect(decision.ok && decision.events).toEqual([]);
    });

    it('does not readmit a member who was removed', () => {
      const removed: OrganisationEvent = {
        type: 'MemberRemoved',
        schemaVersion: 1,
        data: {
          organisationId: orgId,
          userId: carol.userId,
          removedBy: admin.userId,
          removedAt: now,
        },
      };
      const decision = when([created, ...joined(carol, 'viewer'), removed], joinCarol, as(system));
      expect(decision.ok && decision.events).toEqual([]);
    });

    it('refuses an unknown organisation', () => {
      expectRefusal(when([], joinCarol, as(system)), 'NOT_FOUND', 'organisationId');
    });
  });
});
