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

/**
 * Roles that may attest a checklist item: the owner's risk owners and admins, and
 * auditors (members of an auditor share). An attestation records a review, not a
 * risk decision, so it needs no editing right.
 */
export const attestingRoles: readonly Role[] = ['admin', 'risk_owner', 'auditor'];

/** Whether the actor holds any of the given roles. */
export function hasAnyRole(context: CommandContext, roles: readonly Role[]): boolean {
  return context.actor.roles.some((role) => roles.includes(role));
}
