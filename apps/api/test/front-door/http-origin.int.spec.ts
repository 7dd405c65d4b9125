import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../identity/support/identity-test-server.js';
import { newUser, type TestUser } from '../tenancy/support/tenancy-actors.js';
import { newOrganisation } from '../tenancy/support/tenancy-world.js';

const CREATE_TOKEN =
  'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { apiToken { id } } }';
const TOKEN_COUNT = '{ apiTokens { totalCount } }';

/** Posts an operation with the user's cookie and CSRF token, from the page at `origin` (none: null). */
async function postFrom(
  server: TestServer,
  user: TestUser,
  origin: string | null,
  query: string,
  variables: Record<string, unknown> = {},
) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-csrf-token': user.csrfToken,
  };
  if (origin !== null) headers['origin'] = origin;
  if (user.organisationId) headers['x-threatloom-organisation'] = user.organisationId;
  const response = await user.browser.fetch(`${server.baseUrl}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: Record<string, unknown> | null;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    },
  };
}

describe('cookie-authenticated HTTP writes and the Origin header', () => {
  let server: TestServer;
  let admin: TestUser;
  let organisationId: string;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    const organisation = await newOrganisation(server, 'origin');
    admin = organisation.admin;
    organisationId = organisation.id;
  });
  afterAll(async () => server?.close());

  async function tokenCount(): Promise<number> {
    const answer = await postFrom(server, admin, null, TOKEN_COUNT);
    return (answer.body.data?.['apiTokens'] as { totalCount: number }).totalCount;
  }

  const input = () => ({ input: { name: 'ci', organisationId, roleCeiling: 'viewer' } });

  it('refuses a mutation from a foreign Origin even with the CSRF token, and changes nothing', async () => {
    const before = await tokenCount();
    const answer = await postFrom(server, admin, 'https://evil.example', CREATE_TOKEN, input());
    expect(answer.status).toBe(403);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'ORIGIN',
    });
    expect(await tokenCount()).toBe(before);
  });

  it('accepts the mutation from the server’s own origin', async () => {
    const before = await tokenCount();
    const answer = await postFrom(
      server,
      admin,
      new URL(server.baseUrl).origin,
      CREATE_TOKEN,
      input(),
    );
    expect(answer.body.errors).toBeUndefined();
    expect(await tokenCount()).toBe(before + 1);
  });

  it('accepts the mutation from a client that sends no Origin (the CSRF token still applies)', async () => {
    const answer = await postFrom(server, admin, null, CREATE_TOKEN, input());
    expect(answer.body.errors).toBeUndefined();
  });

  it('refuses a sign-out from a foreign Origin, so a foreign page cannot end the session', async () => {
    const user = await newUser(server, 'holder');
    const answer = await postFrom(server, user, 'https://evil.example', 'mutation { signOut }');
    expect(answer.body.errors?.[0]?.extensions?.['reason']).toBe('ORIGIN');
  });
});
