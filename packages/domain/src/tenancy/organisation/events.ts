import type { OrganisationRole } from '../roles.js';

/** The founder of an organisation becomes its first admin. */
export interface OrganisationCreated {
  type: 'OrganisationCreated';
  schemaVersion: 1;
  data: {
    organisationId: string;
    name: string;
    slug: string;
    founder: { userId: string; email: string };
    createdAt: string;
  };
}

/** An admin invited an email address to join at a role, until `expiresAt`. */
export interface MemberInvited {
  type: 'MemberInvited';
  schemaVersion: 1;
  data: {
    organisationId: string;
    invitationId: string;
    email: string;
    role: OrganisationRole;
    invitedBy: string;
    invitedAt: string;
    expiresAt: string;
  };
}

/** The invited person signed in with the invited email and joined. */
export interface InvitationAccepted {
  type: 'InvitationAccepted';
  schemaVersion: 1;
  data: {
    organisationId: string;
    invitationId: string;
    userId: string;
    email: string;
    role: OrganisationRole;
    acceptedAt: string;
  };
}

/** An admin withdrew a pending invitation. */
export interface InvitationRevoked {
  type: 'InvitationRevoked';
  schemaVersion: 1;
  data: { organisationId: string; invitationId: string; revokedBy: string; revokedAt: string };
}

/** An admin changed a member's role. */
export interface MemberRoleChanged {
  type: 'MemberRoleChanged';
  schemaVersion: 1;
  data: {
    organisationId: string;
    userId: string;
    previousRole: OrganisationRole;
    role: OrganisationRole;
    changedBy: string;
    changedAt: string;
  };
}

/** A member left or was removed by an admin. */
export interface MemberRemoved {
  type: 'MemberRemoved';
  schemaVersion: 1;
  data: { organisationId: string; userId: string; removedBy: string; removedAt: string };
}

/**
 * A person signed in through the organisation's OpenID provider for the
 * first time and became a member on their own (just-in-time membership), at
 * the role the organisation's single sign-on settings name. Recorded on the
 * system's authority: no member invited them.
 */
export interface MemberJoinedThroughSingleSignOn {
  type: 'MemberJoinedThroughSingleSignOn';
  schemaVersion: 1;
  data: {
    organisationId: string;
    userId: string;
    email: string;
    role: OrganisationRole;
    issuer: string;
    joinedAt: string;
  };
}

/** Every fact recorded in an `org-<id>` stream. */
export type OrganisationEvent =
  | OrganisationCreated
  | MemberInvited
  | InvitationAccepted
  | InvitationRevoked
  | MemberRoleChanged
  | MemberRemoved
  | MemberJoinedThroughSingleSignOn;

/** Event types of the Organisation aggregate, for projections that filter by type. */
export const organisationEventTypes: readonly OrganisationEvent['type'][] = [
  'OrganisationCreated',
  'MemberInvited',
  'InvitationAccepted',
  'InvitationRevoked',
  'MemberRoleChanged',
  'MemberRemoved',
  'MemberJoinedThroughSingleSignOn',
];

/** The stream an organisation's events live in. */
export function organisationStreamId(organisationId: string): string {
  return `org-${organisationId}`;
}
