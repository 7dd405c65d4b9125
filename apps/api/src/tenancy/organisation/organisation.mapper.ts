import type { InvitationRow, MembershipRow, OrganisationRow } from '../tenancy.repository.js';
import type {
  Invitation,
  Membership,
  Organisation,
  OrganisationRoleValue,
} from './organisation.types.js';

/** Maps an organisations row to GraphQL. */
export function organisationFromRow(row: OrganisationRow): Organisation {
  return {
    id: row.organisation_id,
    name: row.name,
    slug: row.slug,
    createdAt: new Date(row.created_at),
  };
}

/** Maps a memberships row to GraphQL. */
export function membershipFromRow(row: MembershipRow): Membership {
  return {
    organisationId: row.organisation_id,
    userId: row.user_id,
    email: row.email,
    role: row.role as OrganisationRoleValue,
  };
}

/** Maps an invitations row to GraphQL. */
export function invitationFromRow(row: InvitationRow): Invitation {
  return {
    id: row.invitation_id,
    organisationId: row.organisation_id,
    email: row.email,
    role: row.role as OrganisationRoleValue,
    status: row.status,
    expiresAt: new Date(row.expires_at),
  };
}
