import type { Invitation } from './organisation-api.js';

/** A pending invitation, and whether its time ran out (it can no longer be accepted). */
export interface PendingInvitation extends Invitation {
  isExpired: boolean;
}

/** The invitations still waiting for an answer, soonest to expire first. */
export function pendingInvitations(
  invitations: readonly Invitation[],
  now: Date,
): PendingInvitation[] {
  return invitations
    .filter((invitation) => invitation.status === 'pending')
    .map((invitation) => ({
      ...invitation,
      isExpired: Date.parse(invitation.expiresAt) <= now.getTime(),
    }))
    .sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt));
}
