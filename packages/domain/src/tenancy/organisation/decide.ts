import { Conflict, Forbidden, IllegalState, NotFound, ValidationError } from '../../errors.js';
import { rolesWithOrganisationPermission } from '../access/permission-table.js';
import type { TenancyCommandContext } from '../context.js';
import { toTenancyDecision, type TenancyDecision } from '../decision.js';
import { parseTenancyCommand } from '../parse-command.js';
import { organisationCommandSchema, type OrganisationCommand } from './commands.js';
import type { OrganisationEvent } from './events.js';
import type { OrganisationMember, OrganisationState } from './state.js';

/**
 * Decides which events an Organisation command produces, or the typed
 * refusal (ValidationError, NotFound, Conflict, Forbidden, IllegalState).
 */
export function decideOrganisation(
  input: unknown,
  state: OrganisationState,
  context: TenancyCommandContext,
): TenancyDecision<OrganisationEvent> {
  return toTenancyDecision(() => decideOrThrow(input, state, context));
}

function decideOrThrow(
  input: unknown,
  state: OrganisationState,
  context: TenancyCommandContext,
): OrganisationEvent[] {
  const command = parseTenancyCommand(organisationCommandSchema, input);
  if (command.type === 'CreateOrganisation') return create(command, state, context);
  requireExisting(state, command.organisationId);
  switch (command.type) {
    case 'InviteMember':
      return invite(command, state, context);
    case 'AcceptInvitation':
      return accept(command, state, context);
    case 'RevokeInvitation':
      return revoke(command, state, context);
    case 'ChangeMemberRole':
      return changeRole(command, state, context);
    case 'RemoveMember':
      return remove(command, state, context);
    case 'JoinThroughSingleSignOn':
      return joinThroughSingleSignOn(command, state, context);
  }
}

type CommandOf<T extends OrganisationCommand['type']> = Extract<OrganisationCommand, { type: T }>;

function create(
  command: CommandOf<'CreateOrganisation'>,
  state: OrganisationState,
  { actor, now }: TenancyCommandContext,
): OrganisationEvent[] {
  if (state.organisationId !== null) {
    throw new Conflict('organisationId', `organisation '${command.organisationId}' already exists`);
  }
  return [
    {
      type: 'OrganisationCreated',
      schemaVersion: 1,
      data: {
        organisationId: command.organisationId,
        name: command.name,
        slug: command.slug,
        founder: { userId: actor.userId, email: actor.email.trim().toLowerCase() },
        createdAt: now,
      },
    },
  ];
}

function invite(
  command: CommandOf<'InviteMember'>,
  state: OrganisationState,
  { actor, now }: TenancyCommandContext,
): OrganisationEvent[] {
  requireAdmin(state, actor.userId);
  if (Date.parse(command.expiresAt) <= Date.parse(now)) {
    throw new ValidationError('expiresAt', 'a time in the future', command.expiresAt);
  }
  if (state.invitations[command.invitationId]) {
    throw new Conflict('invitationId', `invitation '${command.invitationId}' already exists`);
  }
  if (Object.values(state.members).some((member) => member.email === command.email)) {
    throw new Conflict('email', `${command.email} is already a member`);
  }
  const isAlreadyInvited = Object.values(state.invitations).some(
    (invitation) =>
      invitation.status === 'pending' &&
      invitation.email === command.email &&
      Date.parse(invitation.expiresAt) > Date.parse(now),
  );
  if (isAlreadyInvited) {
    throw new Conflict('email', `${command.email} already has a pending invitation`);
  }
  return [
    {
      type: 'MemberInvited',
      schemaVersion: 1,
      data: {
        organisationId: command.organisationId,
        invitationId: command.invitationId,
        email: command.email,
        role: command.role,
        invitedBy: actor.userId,
        invitedAt: now,
        expiresAt: command.expiresAt,
      },
    },
  ];
}

function accept(
  command: CommandOf<'AcceptInvitation'>,
  state: OrganisationState,
  { actor, now }: TenancyCommandContext,
): OrganisationEvent[] {
  const invitation = state.invitations[command.invitationId];
  if (!invitation) throw new NotFound('invitation', command.invitationId, 'invitationId');
  if (invitation.status !== 'pending') {
    throw new IllegalState('invitationId', `the invitation was already ${invitation.status}`);
  }
  if (invitation.email !== actor.email.trim().toLowerCase()) {
    throw new Forbidden('invitee', 'only the invited email address can accept this invitation');
  }
  if (Date.parse(now) >= Date.parse(invitation.expiresAt)) {
    throw new IllegalState('expiresAt', `the invitation expired at ${invitation.expiresAt}`);
  }
  if (state.members[actor.userId]) {
    throw new Conflict('userId', 'the user is already a member');
  }
  return [
    {
      type: 'InvitationAccepted',
      schemaVersion: 1,
      data: {
        organisationId: command.organisationId,
        invitationId: invitation.invitationId,
        userId: actor.userId,
        email: invitation.email,
        role: invitation.role,
        acceptedAt: now,
      },
    },
  ];
}

function revoke(
  command: CommandOf<'RevokeInvitation'>,
  state: OrganisationState,
  { actor, now }: TenancyCommandContext,
): OrganisationEvent[] {
  requireAdmin(state, actor.userId);
  const invitation = state.invitations[command.invitationId];
  if (!invitation) throw new NotFound('invitation', command.invitationId, 'invitationId');
  if (invitation.status !== 'pending') {
    throw new IllegalState('invitationId', `the invitation was already ${invitation.status}`);
  }
  return [
    {
      type: 'InvitationRevoked',
      schemaVersion: 1,
      data: {
        organisationId: command.organisationId,
        invitationId: command.invitationId,
        revokedBy: actor.userId,
        revokedAt: now,
      },
    },
  ];
}

function changeRole(
  command: CommandOf<'ChangeMemberRole'>,
  state: OrganisationState,
  { actor, now }: TenancyCommandContext,
): OrganisationEvent[] {
  requireAdmin(state, actor.userId);
  const member = requireMember(state, command.userId);
  if (member.role === command.role) return [];
  if (member.role === 'admin' && countAdmins(state) === 1) {
    throw new IllegalState('role', 'the last admin cannot be demoted');
  }
  return [
    {
      type: 'MemberRoleChanged',
      schemaVersion: 1,
      data: {
        organisationId: command.organisationId,
        userId: command.userId,
        previousRole: member.role,
        role: command.role,
        changedBy: actor.userId,
        changedAt: now,
      },
    },
  ];
}

function remove(
  command: CommandOf<'RemoveMember'>,
  state: OrganisationState,
  { actor, now }: TenancyCommandContext,
): OrganisationEvent[] {
  // Members may leave on their own; removing someone else is an admin's job.
  if (command.userId !== actor.userId) requireAdmin(state, actor.userId);
  const member = requireMember(state, command.userId);
  if (member.role === 'admin' && countAdmins(state) === 1) {
    throw new IllegalState('userId', 'the last admin cannot be removed');
  }
  return [
    {
      type: 'MemberRemoved',
      schemaVersion: 1,
      data: {
        organisationId: command.organisationId,
        userId: command.userId,
        removedBy: actor.userId,
        removedAt: now,
      },
    },
  ];
}

/**
 * Admits a person who signed in through the organisation's provider. The
 * caller (the sign-in flow) has checked the organisation's settings: that
 * just-in-time membership is on and the provider verified an email in an
 * allowed domain. Existing and former members are left as they are, so a
 * removed member is not readmitted by signing in again.
 */
function joinThroughSingleSignOn(
  command: CommandOf<'JoinThroughSingleSignOn'>,
  state: OrganisationState,
  { now }: TenancyCommandContext,
): OrganisationEvent[] {
  if (state.members[command.userId] || state.formerMemberIds[command.userId]) return [];
  return [
    {
      type: 'MemberJoinedThroughSingleSignOn',
      schemaVersion: 1,
      data: {
        organisationId: command.organisationId,
        userId: command.userId,
        email: command.email,
        role: command.role,
        issuer: command.issuer,
        joinedAt: now,
      },
    },
  ];
}

function requireExisting(state: OrganisationState, organisationId: string): void {
  if (state.organisationId === null || state.organisationId !== organisationId) {
    throw new NotFound('organisation', organisationId, 'organisationId');
  }
}

function requireAdmin(state: OrganisationState, userId: string): void {
  const role = state.members[userId]?.role;
  if (role === undefined || !rolesWithOrganisationPermission('manage_members').includes(role)) {
    throw new Forbidden('admin', 'only an admin of the organisation can manage its members');
  }
}

function requireMember(state: OrganisationState, userId: string): OrganisationMember {
  const member = state.members[userId];
  if (!member) throw new NotFound('member', userId, 'userId');
  return member;
}

function countAdmins(state: OrganisationState): number {
  return Object.values(state.members).filter((member) => member.role === 'admin').length;
}
