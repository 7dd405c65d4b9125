import { session } from '../session/session.svelte.js';

/** An organisation by name when the user belongs to it, else by the start of its id. */
export function organisationName(organisationId: string): string {
  return (
    session.organisations.find((organisation) => organisation.id === organisationId)?.name ??
    `organisation ${organisationId.slice(0, 8)}`
  );
}
