import type { OrganisationRole } from '@threatloom/domain';
import { graphql } from '../api/graphql-client.js';
import type { InvitationReference } from './invitation-link.js';

/** A member of an organisation. */
export interface Member {
  userId: string;
  email: string;
  role: OrganisationRole;
}

/** An invitation to join an organisation. */
export interface Invitation {
  id: string;
  organisationId: string;
  email: string;
  role: OrganisationRole;
  /** pending, accepted or revoked. */
  status: string;
  expiresAt: string;
}

/** An organisation as the API answers it. */
export interface Organisation {
  id: string;
  name: string;
  slug: string;
}

const INVITATION_FIELDS = 'id organisationId email role status expiresAt';

/** The members of an organisation the caller belongs to. */
export async function listMembers(organisationId: string): Promise<Member[]> {
  const answer = await graphql<{ members: Member[] }>(
    `
      query Members($organisationId: ID!) {
        members(organisationId: $organisationId) {
          userId
          email
          role
        }
      }
    `,
    { organisationId },
  );
  return answer.members;
}

/** The invitations of an organisation (admins only). */
export async function listInvitations(organisationId: string): Promise<Invitation[]> {
  const answer = await graphql<{ invitations: Invitation[] }>(
    `query Invitations($organisationId: ID!) { invitations(organisationId: $organisationId) { ${INVITATION_FIELDS} } }`,
    { organisationId },
  );
  return answer.invitations;
}

/** Invites an email address to join at a role (valid for the API's default two weeks). */
export async function inviteMember(input: {
  organisationId: string;
  email: string;
  role: OrganisationRole;
}): Promise<Invitation> {
  const answer = await graphql<{ inviteMember: Invitation }>(
    `mutation InviteMember($input: InviteMemberInput!) { inviteMember(input: $input) { ${INVITATION_FIELDS} } }`,
    { input },
  );
  return answer.inviteMember;
}

/** Withdraws a pending invitation. */
export async function revokeInvitation(reference: InvitationReference): Promise<void> {
  await graphql(
    `
      mutation RevokeInvitation($organisationId: ID!, $invitationId: ID!) {
        revokeInvitation(organisationId: $organisationId, invitationId: $invitationId) {
          id
          status
        }
      }
    `,
    { ...reference },
  );
}

/** Accepts an invitation addressed to the signed-in user; resolves to the new membership. */
export async function acceptInvitation(reference: InvitationReference): Promise<Member> {
  const answer = await graphql<{ acceptInvitation: Member }>(
    `
      mutation AcceptInvitation($organisationId: ID!, $invitationId: ID!) {
        acceptInvitation(organisationId: $organisationId, invitationId: $invitationId) {
          userId
          email
          role
        }
      }
    `,
    { ...reference },
  );
  return answer.acceptInvitation;
}

/** Changes a member's role. */
export async function changeMemberRole(
  organisationId: string,
  userId: string,
  role: OrganisationRole,
): Promise<Member> {
  const answer = await graphql<{ changeMemberRole: Member }>(
    `
      mutation ChangeMemberRole($organisationId: ID!, $userId: ID!, $role: OrganisationRole!) {
        changeMemberRole(organisationId: $organisationId, userId: $userId, role: $role) {
          userId
          email
          role
        }
      }
    `,
    { organisationId, userId, role },
  );
  return answer.changeMemberRole;
}

/** Removes a member, or (for one's own id) leaves the organisation. */
export async function removeMember(organisationId: string, userId: string): Promise<void> {
  await graphql(
    `
      mutation RemoveMember($organisationId: ID!, $userId: ID!) {
        removeMember(organisationId: $organisationId, userId: $userId)
      }
    `,
    { organisationId, userId },
  );
}

/** Creates an organisation with the caller as its admin. */
export async function createOrganisation(input: {
  name: string;
  slug: string;
}): Promise<Organisation> {
  const answer = await graphql<{ createOrganisation: Organisation }>(
    `
      mutation CreateOrganisation($input: CreateOrganisationInput!) {
        createOrganisation(input: $input) {
          id
          name
          slug
        }
      }
    `,
    { input },
  );
  return answer.createOrganisation;
}
