import { sharedSystemPermissions } from '../tenancy/access/access.js';
import {
  rolesWithSystemPermission,
  type SystemPermission,
} from '../tenancy/access/permission-table.js';

/** Organisation-level roles and roles granted by sharing a system with another organisation. */
export type Role = 'admin' | 'risk_owner' | 'editor' | 'viewer' | 'auditor';

/** Who issues a command and when; the domain reads no clock and generates no ids itself. */
export interface CommandContext {
  actor: {
    userId: string;
    organisationId: string;
    roles: readonly Role[];
    /** The actor's email, recorded where a decision names its author (attestations). */
    email?: string | null | undefined;
  };
  /** ISO-8601 timestamp of the command, supplied by the caller. */
  now: string;
}

/** Roles that may change a model's content; viewers and auditors read only. */
export const editingRoles: readonly Role[] = ['admin', 'risk_owner', 'editor'];

/** Whether the actor holds any of the given roles. */
export function hasAnyRole(context: CommandContext, roles: readonly Role[]): boolean {
  return context.actor.roles.some((role) => roles.includes(role));
}

/**
 * The roles of a command context that hold `permission` in the permission
 * table, strongest first: organisation roles by their holdings on their own
 * systems, `auditor` by the auditor share's. Shares other than the auditor's
 * arrive in a context as the organisation role they match (`editor`, `viewer`).
 */
export function rolesHolding(permission: SystemPermission): Role[] {
  const organisationHolders: Role[] = rolesWithSystemPermission(permission);
  const auditorHolds = sharedSystemPermissions('auditor', 'viewer').has(permission);
  return auditorHolds ? [...organisationHolders, 'auditor'] : organisationHolders;
}
