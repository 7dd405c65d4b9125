import type { CommandType } from '../../commands.js';
import { capOrganisationRole, type OrganisationRole, type ShareRole } from '../roles.js';
import {
  commandPermissions,
  operationRules,
  ownerOnlyPermissions,
  permissionsNeedingOwnRole,
  rolePermissions,
  sharePermissions,
  type OperationName,
  type OrganisationPermission,
  type SystemPermission,
} from './permission-table.js';

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

/** The effective role of the user in the acting organisation, capped by a token ceiling; null if not a member. */
export function effectiveOrganisationRole(
  actingOrganisationId: string,
  memberships: SystemAccessFacts['memberships'],
  roleCeiling?: OrganisationRole,
): OrganisationRole | null {
  const membership = memberships.find((m) => m.organisationId === actingOrganisationId);
  return membership ? capOrganisationRole(membership.role, roleCeiling) : null;
}

/** What a member holds on their own organisation's systems. */
export function ownerSystemPermissions(role: OrganisationRole): ReadonlySet<SystemPermission> {
  return new Set(rolePermissions[role].system);
}

/**
 * What a grantee member holds through a share: the share role's permissions,
 * without those that stay with the owner, and those that also need the
 * member's own role (editing) only when that role holds them.
 */
export function sharedSystemPermissions(
  shareRole: ShareRole,
  memberRole: OrganisationRole,
): ReadonlySet<SystemPermission> {
  const own = rolePermissions[memberRole].system;
  return new Set(
    sharePermissions[shareRole].filter(
      (permission) =>
        !ownerOnlyPermissions.includes(permission) &&
        (!permissionsNeedingOwnRole.includes(permission) || own.includes(permission)),
    ),
  );
}

/**
 * Every permission the user has on the system: owner members by their role,
 * grantee members by the share role (see sharedSystemPermissions), nothing
 * for anyone else.
 */
export function systemPermissionsFor(facts: SystemAccessFacts): ReadonlySet<SystemPermission> {
  const role = effectiveOrganisationRole(
    facts.actingOrganisationId,
    facts.memberships,
    facts.roleCeiling,
  );
  if (role === null) return new Set();
  if (facts.actingOrganisationId === facts.system.ownerOrganisationId) {
    return ownerSystemPermissions(role);
  }
  const share = facts.system.shares.find(
    (s) => s.granteeOrganisationId === facts.actingOrganisationId,
  );
  return share ? sharedSystemPermissions(share.role, role) : new Set();
}

/** Whether the user may do `permission` on the system. */
export function canOnSystem(facts: SystemAccessFacts, permission: SystemPermission): boolean {
  return systemPermissionsFor(facts).has(permission);
}

/** Every permission the user has on an organisation, capped by a token ceiling; none for a non-member. */
export function organisationPermissionsFor(
  organisationId: string,
  memberships: SystemAccessFacts['memberships'],
  roleCeiling?: OrganisationRole,
): ReadonlySet<OrganisationPermission> {
  const role = effectiveOrganisationRole(organisationId, memberships, roleCeiling);
  return role === null ? new Set() : new Set(rolePermissions[role].organisation);
}

/**
 * Where a caller stands towards what an operation names: signed in or not,
 * their (capped) role in the organisation concerned (the one named, or the
 * system's owner), and for a system the share their acting organisation holds.
 */
export interface Standing {
  isSignedIn: boolean;
  /** Role in the organisation named, or in the system's owner organisation; null if not a member. */
  memberRole: OrganisationRole | null;
  /** For systems: the share the caller's acting organisation holds and the caller's role there. */
  share: { role: ShareRole; memberRole: OrganisationRole } | null;
}

/** How an access check ends: the operation runs, or the error code the caller gets. */
export type AccessOutcome = 'allowed' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'FORBIDDEN';

/** The system permissions a standing holds (owner role first, else the share). */
export function systemPermissionsOfStanding(standing: Standing): ReadonlySet<SystemPermission> {
  if (!standing.isSignedIn) return new Set();
  if (standing.memberRole !== null) return ownerSystemPermissions(standing.memberRole);
  if (standing.share !== null) {
    return sharedSystemPermissions(standing.share.role, standing.share.memberRole);
  }
  return new Set();
}

/**
 * The outcome of the access check of `operation` for a caller at `standing`
 * (`commandType` for operations that run any command): UNAUTHENTICATED
 * without a session; NOT_FOUND when the caller cannot even read what is
 * named (the same answer as for something that does not exist, so ids leak
 * nothing); FORBIDDEN when they can read it but lack the permission.
 */
export function accessOutcome(
  operation: OperationName,
  standing: Standing,
  commandType?: CommandType,
): AccessOutcome {
  const rule = operationRules[operation];
  const commandPermissionOfRule = (
    ruleOfCommand: { kind: 'command'; command: CommandType } | { kind: 'any_command' },
  ) => {
    const name = ruleOfCommand.kind === 'command' ? ruleOfCommand.command : commandType;
    if (name === undefined) throw new Error(`${operation} runs any command: name the command type`);
    return commandPermissions[name];
  };
  if (rule.kind === 'public') return 'allowed';
  if (!standing.isSignedIn) return 'UNAUTHENTICATED';
  if (rule.kind === 'signed_in') return 'allowed';
  if (rule.kind === 'organisation') {
    if (standing.memberRole === null) return 'NOT_FOUND';
    return rolePermissions[standing.memberRole].organisation.includes(rule.permission)
      ? 'allowed'
      : 'FORBIDDEN';
  }
  const permission = rule.kind === 'system' ? rule.permission : commandPermissionOfRule(rule);
  const held = systemPermissionsOfStanding(standing);
  if (!held.has('read')) return 'NOT_FOUND';
  return held.has(permission) ? 'allowed' : 'FORBIDDEN';
}
