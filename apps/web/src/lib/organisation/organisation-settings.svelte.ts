import type { OrganisationRole } from '@threatloom/domain';
import {
  changeMemberRole,
  inviteMember,
  listInvitations,
  listMembers,
  removeMember,
  revokeInvitation,
  type Invitation,
  type Member,
} from './organisation-api.js';

/**
 * One organisation's members and invitations as the settings page shows
 * them, for the signed-in user. Every change re-reads the lists, so the page
 * shows what the API holds.
 */
export class OrganisationSettings {
  members = $state.raw<Member[] | null>(null);
  /** Null until read; stays null for members who are not admins (only admins may list them). */
  invitations = $state.raw<Invitation[] | null>(null);
  loadError = $state<string | null>(null);
  invitationsError = $state<string | null>(null);

  constructor(
    readonly organisationId: string,
    private readonly userId: string,
  ) {}

  /** The signed-in user's role here, or null while loading (or after leaving). */
  get myRole(): OrganisationRole | null {
    return this.members?.find((member) => member.userId === this.userId)?.role ?? null;
  }

  /** True when the user may manage members and invitations. */
  get isAdmin(): boolean {
    return this.myRole === 'admin';
  }

  /** Reads the members, then the invitations when the user is an admin. */
  async load(): Promise<void> {
    this.loadError = null;
    try {
      this.members = sortMembers(await listMembers(this.organisationId));
    } catch (error) {
      this.loadError = messageOf(error);
      return;
    }
    await this.loadInvitations();
  }

  /** Invites an email address at a role. */
  async invite(email: string, role: OrganisationRole): Promise<Invitation> {
    const invitation = await inviteMember({ organisationId: this.organisationId, email, role });
    await this.loadInvitations();
    return invitation;
  }

  /** Withdraws a pending invitation. */
  async revokeInvitation(invitationId: string): Promise<void> {
    await revokeInvitation({ organisationId: this.organisationId, invitationId });
    await this.loadInvitations();
  }

  /** Gives a member another role. */
  async changeRole(userId: string, role: OrganisationRole): Promise<void> {
    await changeMemberRole(this.organisationId, userId, role);
    await this.load();
  }

  /** Removes a member (or the user themself: leaving). */
  async remove(userId: string): Promise<void> {
    await removeMember(this.organisationId, userId);
    if (userId !== this.userId) await this.load();
  }

  private async loadInvitations(): Promise<void> {
    this.invitationsError = null;
    if (!this.isAdmin) {
      this.invitations = null;
      return;
    }
    try {
      this.invitations = await listInvitations(this.organisationId);
    } catch (error) {
      this.invitationsError = messageOf(error);
    }
  }
}

function sortMembers(members: Member[]): Member[] {
  return [...members].sort((a, b) => a.email.localeCompare(b.email));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
