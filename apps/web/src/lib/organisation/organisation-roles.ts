import { organisationRoles, type OrganisationRole } from '@threatloom/domain';

/** Roles inside an organisation, strongest first, as pickers list them. */
export const organisationRoleChoices: readonly OrganisationRole[] = [
  ...organisationRoles,
].reverse();

const labels: Record<OrganisationRole, string> = {
  admin: 'Admin',
  risk_owner: 'Risk owner',
  editor: 'Editor',
  viewer: 'Viewer',
};

const descriptions: Record<OrganisationRole, string> = {
  admin: 'manages members, systems and sharing, and decides on risk',
  risk_owner: 'edits models and decides on risk',
  editor: 'edits models',
  viewer: 'reads',
};

/** A role as people read it ("Risk owner"); an unknown role as the API spells it. */
export function organisationRoleLabel(role: string): string {
  return labels[role as OrganisationRole] ?? role;
}

/** What a role may do, in a few words. */
export function organisationRoleDescription(role: OrganisationRole): string {
  return descriptions[role];
}

/** True for a role the API knows. */
export function isOrganisationRole(value: string): value is OrganisationRole {
  return (organisationRoles as readonly string[]).includes(value);
}
