/** An organisation the user can name by what they know of it. */
export interface KnownOrganisation {
  id: string;
  name: string;
  slug: string;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * The organisation id in a pasted text: the id alone, or inside whatever it
 * was copied with (spaces, quotes, a sentence). Null when there is none.
 */
export function organisationIdFrom(text: string): string | null {
  return UUID.exec(text)?.[0]?.toLowerCase() ?? null;
}

/**
 * How to show an organisation known only by id: its name when the user
 * belongs to it, else a shortened id (the full id goes into a title).
 */
export function organisationLabel(
  organisationId: string,
  known: readonly KnownOrganisation[],
): string {
  const organisation = known.find((candidate) => candidate.id === organisationId);
  return organisation ? organisation.name : `Organisation ${organisationId.slice(0, 8)}`;
}

/**
 * The user's own organisations a system could be shared with: neither its
 * owner nor one that already holds a share.
 */
export function shareCandidates(
  known: readonly KnownOrganisation[],
  ownerOrganisationId: string,
  grantedOrganisationIds: readonly string[],
): KnownOrganisation[] {
  return known.filter(
    (organisation) =>
      organisation.id !== ownerOrganisationId && !grantedOrganisationIds.includes(organisation.id),
  );
}
