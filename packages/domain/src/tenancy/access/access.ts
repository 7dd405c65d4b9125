import {
  capOrganisationRole,
  organisationRoleRank,
  type OrganisationRole,
  type ShareRole,
} from '../roles.js';

/** What a user may do on a system and the threat models it holds. */
export const systemPermissions = ['read', 'edit', 'decide_risk', 'admin', 'audit_history'] as const;
/** One thing a user may do on a system. */
export type SystemPermission = (typeof systemPermissions)[number];

/** The facts access is decided from; the caller loads them for one system. */
export interface SystemAccessFacts {
  /** The organisation the user acts for on this request. */
  actingOrganisationId: string;
  /** The user's memberships (organisation and role); only the acting one counts. */
  memberships: readonly { organisationId: string; role: OrganisationRole }[];
  /** An API token's role ceiling, when the request came with one. */
  roleCeiling?: OrganisationRole;
  system: {
    ownerOrganisationId: string;
    shares: readonly { granteeOrganisationId: string; role: ShareRole }[];
  };
}

const ownerPermissions: Record<OrganisationRole, readonly SystemPermission[]> = {
  admin: ['read', 'edit', 'decide_risk', 'admin', 'audit_history'],
  risk_owner: ['read', 'edit', 'decide_risk', 'audit_history'],
  editor: ['read', 'edit'],
  viewer: ['read'],
};

/**
 * What each share role grants. Risk decisions and administration stay with the
 * owner; an auditor reads everything including history, and changes nothing.
 */
const sharePermissions: Record<ShareRole, readonly SystemPermission[]> = {
  editor: ['read', 'edit'],
  viewer: ['read'],
  auditor: ['read', 'audit_history'],
};

/** The effective role of the user in the acting organisation, capped by a token ceiling; null if not a member. */
export function effectiveOrganisationRole(
  actingOrganisationId: string,
  memberships: SystemAccessFacts['memberships'],
  roleCeiling?: OrganisationRole,
): OrganisationRole | null {
  const membership = memberships.find((m) => m.organisationId === actingOrganisationId);
  return membership ? capOrganisationRole(membership.role, roleCeiling) : null;
}

/**
 * Every permission the user has on the system: owner members by their role,
 * grantee members by the share role (editing through a share also needs the
 * member's own role to be editor or above), nothing for anyone else.
 */
export function systemPermissionsFor(facts: SystemAccessFacts): ReadonlySet<SystemPermission> {
  const role = effectiveOrganisationRole(
    facts.actingOrganisationId,
    facts.memberships,
    facts.roleCeiling,
  );
  if (role === null) return new Set();
  if (facts.actingOrganisationId === facts.system.ownerOrganisationId) {
    return new Set(ownerPermissions[role]);
  }
  const share = facts.system.shares.find(
    (s) => s.granteeOrganisationId === facts.actingOrganisationId,
  );
  if (!share) return new Set();
  const canMemberEdit = organisationRoleRank(role) >= organisationRoleRank('editor');
  return new Set(
    sharePermissions[share.role].filter((permission) => permission !== 'edit' || canMemberEdit),
  );
}

/** Whether the user may do `permission` on the system. */
export function canOnSystem(facts: SystemAccessFacts, permission: SystemPermission): boolean {
  return systemPermissionsFor(facts).has(permission);
}

/** What a user may do on an organisation itself (its members, invitations, systems list). */
export type OrganisationPermission = 'read' | 'manage_members' | 'register_systems';

/** Every permission the user has on the acting organisation, capped by a token ceiling. */
export function organisationPermissionsFor(
  actingOrganisationId: string,
  memberships: SystemAccessFacts['memberships'],
  roleCeiling?: OrganisationRole,
): ReadonlySet<OrganisationPermission> {
  const role = effectiveOrganisationRole(actingOrganisationId, memberships, roleCeiling);
  if (role === null) return new Set();
  if (role === 'admin') return new Set(['read', 'manage_members', 'register_systems']);
  return new Set(['read']);
}
