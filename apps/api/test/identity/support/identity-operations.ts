import type { StoredEvent } from '@threatloom/eventstore';
import type { CookieBrowser } from './cookie-browser.js';
import { graphql, type GraphQLAnswer } from './graphql-client.js';
import type { TestServer } from './identity-test-server.js';

/** The fields a sign-in answers with. */
export interface SignInData {
  user: { id: string; email: string };
  csrfToken: string;
}

const SIGN_IN_FIELDS = 'user { id email } csrfToken';

/** Calls the signUp mutation. */
export function signUp(
  browser: CookieBrowser,
  server: TestServer,
  email: string,
  password: string,
) {
  return graphql<{ signUp: SignInData }>(
    browser,
    server.baseUrl,
    `mutation ($email: String!, $password: String!) { signUp(email: $email, password: $password) { ${SIGN_IN_FIELDS} } }`,
    { email, password },
  );
}

/** Calls the signIn mutation. */
export function signIn(
  browser: CookieBrowser,
  server: TestServer,
  email: string,
  password: string,
  csrfToken?: string,
) {
  return graphql<{ signIn: SignInData }>(
    browser,
    server.baseUrl,
    `mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { ${SIGN_IN_FIELDS} } }`,
    { email, password },
    csrfToken ? { csrfToken } : {},
  );
}

/** The `me` query, answering the caller's id and method, or null. */
export async function me(
  browser: CookieBrowser,
  server: TestServer,
  options: { bearer?: string } = {},
): Promise<
  GraphQLAnswer<{
    me: {
      user: { id: string; email: string };
      authenticatedVia: string;
      tokenOrganisationId: string | null;
      tokenRoleCeiling: string | null;
    } | null;
  }>
> {
  return graphql(
    browser,
    server.baseUrl,
    '{ me { user { id email } authenticatedVia tokenOrganisationId tokenRoleCeiling } }',
    {},
    options,
  );
}

/** A unique email for one test, so tests sharing a server do not collide. */
export function uniqueEmail(label: string): string {
  return `${label}-${Math.random().toString(36).slice(2, 10)}@example.test`;
}

/** The events of a stream, read straight from the event store. */
export function eventsOf(server: TestServer, stream: string): Promise<StoredEvent[]> {
  return server.database.eventStore.readStream(stream);
}

/** The types of a stream's events, in order. */
export async function eventTypesOf(server: TestServer, stream: string): Promise<string[]> {
  return (await eventsOf(server, stream)).map((event) => event.type);
}

/**
 * Creates an organisation through tenancy's mutation with the signed-in
 * browser as its admin, and waits until its membership is readable (the
 * tenancy read models are projections).
 */
export async function createOrganisation(
  browser: CookieBrowser,
  server: TestServer,
  csrfToken: string,
  slug: string,
): Promise<string> {
  const created = await graphql<{ createOrganisation: { id: string } }>(
    browser,
    server.baseUrl,
    'mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }',
    { input: { name: `Organisation ${slug}`, slug } },
    { csrfToken },
  );
  const organisationId = created.data?.createOrganisation.id;
  if (!organisationId)
    throw new Error(`createOrganisation failed: ${JSON.stringify(created.errors)}`);
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const visible = await graphql<{ organisations: { id: string }[] }>(
      browser,
      server.baseUrl,
      '{ organisations { id } }',
    );
    if (visible.data?.organisations.some((organisation) => organisation.id === organisationId))
      return organisationId;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the new organisation never became visible');
}

/** A short unique slug for an organisation. */
export function uniqueSlug(label: string): string {
  return `${label}-${Math.random().toString(36).slice(2, 8)}`;
}
