import { graphql } from '../api/graphql-client.js';
import { personLabel } from '../checklist/people.js';
import { session } from '../session/session.svelte.js';

/**
 * Names people by email where the page can know it: the signed-in user and
 * the members of the organisation they act for. Events record user ids; a
 * person of another organisation shows as a short id.
 */
class PeopleNames {
  private emails = $state.raw(new Map<string, string>());
  private loadedFor: string | null = null;

  /** "you (email)", an email, or a short id. */
  label(userId: string): string {
    this.ensureLoaded();
    const emails = new Map(this.emails);
    if (session.user) emails.set(session.user.id, session.user.email);
    return personLabel(userId, emails, session.user?.id ?? null);
  }

  private ensureLoaded(): void {
    const organisationId = session.organisationId;
    if (organisationId === null || organisationId === this.loadedFor) return;
    this.loadedFor = organisationId;
    graphql<{ members: { userId: string; email: string }[] }>(
      `
        query MemberNames($organisationId: ID!) {
          members(organisationId: $organisationId) {
            userId
            email
          }
        }
      `,
      { organisationId },
    ).then(
      (answer) =>
        (this.emails = new Map(answer.members.map((member) => [member.userId, member.email]))),
      () => {
        // Without the member list, people show by short id.
      },
    );
  }
}

/** The page's one directory of names. */
export const peopleNames = new PeopleNames();
