/** How a user is named on the page: "you", their email when known, else a short id. */
export function personLabel(
  userId: string,
  knownEmails: ReadonlyMap<string, string>,
  currentUserId: string | null,
): string {
  const email = knownEmails.get(userId);
  if (userId === currentUserId) return email ? `you (${email})` : 'you';
  return email ?? `user ${userId.slice(0, 8)}`;
}

/** Emails of users the page has met: members of the organisation, attesters, the user. */
export function knownEmailsOf(
  sources: readonly (readonly { userId: string; email: string | null }[])[],
): Map<string, string> {
  const emails = new Map<string, string>();
  for (const source of sources) {
    for (const person of source) if (person.email) emails.set(person.userId, person.email);
  }
  return emails;
}
