import type { OrganisationRole } from '../roles.js';
import type { OrganisationEvent } from './events.js';

/** A member as the aggregate knows them. */
export interface OrganisationMember {
  userId: string;
  email: string;
  role: OrganisationRole;
}

/** An invitation and where it stands. */
export interface OrganisationInvitation {
  invitationId: string;
  email: string;
  role: OrganisationRole;
  expiresAt: string;
  status: 'pending' | 'accepted' | 'revoked';
}

/** The Organisation aggregate folded from its stream; JSON-safe. */
export interface OrganisationState {
  organisationId: string | null;
  name: string;
  slug: string;
  members: Record<string, OrganisationMember>;
  invitations: Record<string, OrganisationInvitation>;
  /** Users who were members and were removed or left; single sign-on does not bring them back. */
  formerMemberIds: Record<string, true>;
}

/** The state before the first event: no organisation yet. */
export function initialOrganisationState(): OrganisationState {
  return {
    organisationId: null,
    name: '',
    slug: '',
    members: {},
    invitations: {},
    formerMemberIds: {},
  };
}

/** Applies one Organisation event; pure, never validates (decide already did). */
export function evolveOrganisation(
  state: OrganisationState,
  event: OrganisationEvent,
): OrganisationState {
  switch (event.type) {
    case 'OrganisationCreated': {
      const { founder } = event.data;
      return {
        ...state,
        organisationId: event.data.organisationId,
        name: event.data.name,
        slug: event.data.slug,
        members: {
          [founder.userId]: { userId: founder.userId, email: founder.email, role: 'admin' },
        },
      };
    }
    case 'MemberInvited': {
      const { invitationId, email, role, expiresAt } = event.data;
      return {
        ...state,
        invitations: {
          ...state.invitations,
          [invitationId]: { invitationId, email, role, expiresAt, status: 'pending' },
        },
      };
    }
    case 'InvitationAccepted': {
      const { invitationId, userId, email, role } = event.data;
      return {
        ...state,
        members: { ...state.members, [userId]: { userId, email, role } },
        invitations: withInvitationStatus(state.invitations, invitationId, 'accepted'),
      };
    }
    case 'InvitationRevoked':
      return {
        ...state,
        invitations: withInvitationStatus(state.invitations, event.data.invitationId, 'revoked'),
      };
    case 'MemberRoleChanged': {
      const member = state.members[event.data.userId];
      if (!member) return state;
      return {
        ...state,
        members: { ...state.members, [member.userId]: { ...member, role: event.data.role } },
      };
    }
    case 'MemberRemoved': {
      const members = { ...state.members };
      delete members[event.data.userId];
      return {
        ...state,
        members,
        formerMemberIds: { ...state.formerMemberIds, [event.data.userId]: true },
      };
    }
    case 'MemberJoinedThroughSingleSignOn': {
      const { userId, email, role } = event.data;
      return { ...state, members: { ...state.members, [userId]: { userId, email, role } } };
    }
  }
}

function withInvitationStatus(
  invitations: Record<string, OrganisationInvitation>,
  invitationId: string,
  status: OrganisationInvitation['status'],
): Record<string, OrganisationInvitation> {
  const invitation = invitations[invitationId];
  if (!invitation) return invitations;
  return { ...invitations, [invitationId]: { ...invitation, status } };
}

/** Folds a whole `org-<id>` stream. */
export function replayOrganisation(events: readonly OrganisationEvent[]): OrganisationState {
  return events.reduce(evolveOrganisation, initialOrganisationState());
}
