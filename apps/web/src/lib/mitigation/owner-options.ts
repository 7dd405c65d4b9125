import { graphql } from '../api/graphql-client.js';

/**
 * People a mitigation can be given to: the members of the organisation the
 * user acts for (their emails). Anyone else (a vendor, a named team) can be
 * typed as a named outside party. Empty when the members cannot be read.
 */
export async function ownerOptions(organisationId: string | null): Promise<string[]> {
  if (organisationId === null) return [];
  try {
    const answer = await graphql<{ members: { email: string }[] }>(
      `
        query Members($organisationId: ID!) {
          members(organisationId: $organisationId) {
            email
          }
        }
      `,
      { organisationId },
    );
    return answer.members.map((member) => member.email).sort();
  } catch {
    return [];
  }
}
