/** What identifies an invitation: the organisation and the invitation's id. */
export interface InvitationReference {
  organisationId: string;
  invitationId: string;
}

/** The app's page where an invited person accepts. */
export const INVITATION_PATH = '/settings/invitation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The path of the page that accepts this invitation. */
export function invitationPath({ organisationId, invitationId }: InvitationReference): string {
  const query = new URLSearchParams({ organisation: organisationId, invitation: invitationId });
  return `${INVITATION_PATH}?${query.toString()}`;
}

/** The link to send to the invited person (this app's origin plus the path). */
export function invitationLink(origin: string, reference: InvitationReference): string {
  return new URL(invitationPath(reference), origin).toString();
}

/** The invitation named by a page's query (`?organisation=…&invitation=…`), or null. */
export function invitationFromQuery(query: URLSearchParams): InvitationReference | null {
  const organisationId = query.get('organisation')?.trim() ?? '';
  const invitationId = query.get('invitation')?.trim() ?? '';
  if (!UUID.test(organisationId) || !UUID.test(invitationId)) return null;
  return { organisationId: organisationId.toLowerCase(), invitationId: invitationId.toLowerCase() };
}

/**
 * The invitation a pasted link names, whatever the host (a link copied from
 * another server's address still names the same ids), or null when the text
 * is not an invitation link.
 */
export function invitationFromLink(text: string): InvitationReference | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  let url: URL;
  try {
    url = new URL(trimmed, 'http://app.invalid');
  } catch {
    return null;
  }
  if (url.pathname !== INVITATION_PATH) return null;
  return invitationFromQuery(url.searchParams);
}
