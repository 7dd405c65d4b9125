import { z } from 'zod';

/** Roles a user holds inside their own organisation, weakest first. */
export const organisationRoles = ['viewer', 'editor', 'risk_owner', 'admin'] as const;
export const organisationRoleSchema = z.enum(organisationRoles);
/** A member's role inside an organisation. */
export type OrganisationRole = z.infer<typeof organisationRoleSchema>;

/** Roles an organisation can be granted on another organisation's system. */
export const shareRoles = ['viewer', 'auditor', 'editor'] as const;
export const shareRoleSchema = z.enum(shareRoles);
/** The role a grantee organisation holds on a shared system. */
export type ShareRole = z.infer<typeof shareRoleSchema>;

/** Orders organisation roles so a token's role ceiling can cap a member's role. */
export function organisationRoleRank(role: OrganisationRole): number {
  return organisationRoles.indexOf(role);
}

/** The weaker of a member's role and an optional ceiling (an API token's). */
export function capOrganisationRole(
  role: OrganisationRole,
  ceiling: OrganisationRole | undefined,
): OrganisationRole {
  if (ceiling === undefined) return role;
  return organisationRoleRank(ceiling) < organisationRoleRank(role) ? ceiling : role;
}
