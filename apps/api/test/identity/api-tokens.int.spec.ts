import { requirePostgres } from '@threatloom/testkit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieBrowser } from './support/cookie-browser.js';
import { errorCode, graphql, type GraphQLAnswer } from './support/graphql-client.js';
import {
  startTestServer,
  type TestDialect,
  type TestServer,
} from './support/identity-test-server.js';
import {
  createOrganisation,
  eventsOf,
  me,
  signUp,
  uniqueEmail,
  uniqueSlug,
} from './support/identity-operations.js';

const PASSWORD = 'correct horse battery staple';
const isPostgresAvailable = await requirePostgres();

interface CreatedToken {
  secret: string;
  apiToken: { id: string; displayPrefix: string; roleCeiling: string; organisationId: string };
}

const CREATE_TOKEN = `mutation ($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { secret apiToken { id displayPrefix roleCeiling organisationId } }
}`;

/** A signed-in admin of a fresh organisation. */
interface Admin {
  browser: CookieBrowser;
  userId: string;
  csrfToken: string;
  organisationId: string;
}

describe.each<TestDialect>(['pglite', 'postgres'])('personal API tokens on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.close();
  });

  const run = dialect === 'postgres' && !isPostgresAvailable ? it.skip : it;

  async function signedInAdmin(): Promise<Admin> {
    const browser = new CookieBrowser();
    const signedUp = await signUp(browser, server, uniqueEmail('admin'), PASSWORD);
    const csrfToken = signedUp.data?.signUp.csrfToken ?? '';
    const organisationId = await createOrganisation(browser, server, csrfToken, uniqueSlug('org'));
    return { browser, userId: signedUp.data?.signUp.user.id ?? '', csrfToken, organisationId };
  }

  function createToken(
    admin: Admin,
    input: Record<string, unknown>,
  ): Promise<GraphQLAnswer<{ createApiToken: CreatedToken }>> {
    return graphql(
      admin.browser,
      server.baseUrl,
      CREATE_TOKEN,
      { input },
      { csrfToken: admin.csrfToken },
    );
  }

  run('shows the secret once: creation answers it, listing never does', async () => {
    // Given an admin of an organisation
    const admin = await signedInAdmin();

    // When they create a token
    const created = await createToken(admin, {
      organisationId: admin.organisationId,
      roleCeiling: 'editor',
      name: 'ci',
    });

    // Then the answer holds a tl_ secret, and the token list shows only its prefix
    expect(created.errors).toBeUndefined();
    const secret = created.data?.createApiToken.secret ?? '';
    expect(secret).toMatch(/^tl_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(created.data?.createApiToken.apiToken.displayPrefix ?? '-')).toBe(
      true,
    );
    const listed = await graphql(
      admin.browser,
      server.baseUrl,
      '{ apiTokens { totalCount edges { node { id name displayPrefix roleCeiling } } } }',
    );
    expect(JSON.stringify(listed.data)).not.toContain(secret);
    expect(listed.data).toMatchObject({
      apiTokens: {
        totalCount: 1,
        edges: [{ node: { id: created.data?.createApiToken.apiToken.id, name: 'ci' } }],
      },
    });
  });

  run('stores only the hash of the secret', async () => {
    // Given a token
    const admin = await signedInAdmin();
    const created = await createToken(admin, {
      organisationId: admin.organisationId,
      roleCeiling: 'viewer',
      name: 'hash',
    });
    const secret = created.data?.createApiToken.secret ?? '';

    // When the token table is read directly
    const rows = await server.database.systemTransaction(
      async (trx) =>
        (await sql<Record<string, unknown>>`select * from api_tokens`.execute(trx)).rows,
    );

    // Then no column holds the secret
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(JSON.stringify(rows)).toContain(created.data?.createApiToken.apiToken.id);
  });

  run(
    'authenticates a bearer request as the token, with its organisation and role ceiling',
    async () => {
      // Given a viewer-ceiling token of an admin
      const admin = await signedInAdmin();
      const created = await createToken(admin, {
        organisationId: admin.organisationId,
        roleCeiling: 'viewer',
        name: 'cli',
      });

      // When a client with no cookies calls with the token
      const answer = await me(new CookieBrowser(), server, {
        bearer: created.data?.createApiToken.secret ?? '',
      });

      // Then it acts as the admin, through the token, capped at viewer in that organisation
      expect(answer.data?.me).toEqual({
        user: { id: admin.userId, email: expect.any(String) },
        authenticatedVia: 'api_token',
        tokenOrganisationId: admin.organisationId,
        tokenRoleCeiling: 'viewer',
      });
    },
  );

  run("caps the admin's power at the token's ceiling", async () => {
    // Given an admin holding a viewer-ceiling token
    const admin = await signedInAdmin();
    const created = await createToken(admin, {
      organisationId: admin.organisationId,
      roleCeiling: 'viewer',
      name: 'low',
    });
    const invite = 'mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { id } }';
    const input = {
      organisationId: admin.organisationId,
      email: uniqueEmail('invitee'),
      role: 'editor',
    };

    // When the admin-only invitation is attempted with the token, then with the session
    const withToken = await graphql(
      new CookieBrowser(),
      server.baseUrl,
      invite,
      { input },
      {
        bearer: created.data?.createApiToken.secret ?? '',
      },
    );
    const withSession = await graphql(
      admin.browser,
      server.baseUrl,
      invite,
      { input },
      { csrfToken: admin.csrfToken },
    );

    // Then the token is refused and the session is allowed
    expect(errorCode(withToken)).toBe('FORBIDDEN');
    expect(withSession.errors).toBeUndefined();
  });

  run('exempts bearer-token mutations from CSRF (no ambient credential)', async () => {
    // Given two tokens
    const admin = await signedInAdmin();
    const first = await createToken(admin, {
      organisationId: admin.organisationId,
      roleCeiling: 'editor',
      name: 'a',
    });
    const second = await createToken(admin, {
      organisationId: admin.organisationId,
      roleCeiling: 'editor',
      name: 'b',
    });

    // When the first token revokes the second, without any CSRF header
    const answer = await graphql<{ revokeApiToken: { id: string; revokedAt: string | null } }>(
      new CookieBrowser(),
      server.baseUrl,
      'mutation ($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }',
      { id: second.data?.createApiToken.apiToken.id },
      { bearer: first.data?.createApiToken.secret ?? '' },
    );

    // Then the mutation runs
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.revokeApiToken.revokedAt).toEqual(expect.any(String));
  });

  run(
    'stops accepting a token on the next request after it is revoked, and records both facts',
    async () => {
      // Given a token that works
      const admin = await signedInAdmin();
      const created = await createToken(admin, {
        organisationId: admin.organisationId,
        roleCeiling: 'editor',
        name: 'ci',
      });
      const secret = created.data?.createApiToken.secret ?? '';
      const tokenId = created.data?.createApiToken.apiToken.id;
      expect(
        (await me(new CookieBrowser(), server, { bearer: secret })).data?.me?.authenticatedVia,
      ).toBe('api_token');

      // When its owner revokes it
      const revoked = await graphql(
        admin.browser,
        server.baseUrl,
        'mutation ($id: ID!) { revokeApiToken(id: $id) { id } }',
        { id: tokenId },
        {
          csrfToken: admin.csrfToken,
        },
      );
      expect(revoked.errors).toBeUndefined();

      // Then the very next request with it is refused as unauthenticated
      const refused = await me(new CookieBrowser(), server, { bearer: secret });
      expect(refused.status).toBe(401);
      expect(errorCode(refused)).toBe('UNAUTHENTICATED');
      // And creation and revocation are events that never carry the secret
      const events = (await eventsOf(server, `user-${admin.userId}`)).filter((event) =>
        event.type.startsWith('ApiToken'),
      );
      expect(events.map((event) => event.type)).toEqual(['ApiTokenCreated', 'ApiTokenRevoked']);
      expect(events[0]?.data).toMatchObject({
        tokenId,
        organisationId: admin.organisationId,
        roleCeiling: 'editor',
        name: 'ci',
      });
      expect(JSON.stringify(events)).not.toContain(secret);
    },
  );

  run('refuses an expired token', async () => {
    // Given a token that expires in a second
    const admin = await signedInAdmin();
    const created = await createToken(admin, {
      organisationId: admin.organisationId,
      roleCeiling: 'viewer',
      name: 'short-lived',
      expiresAt: new Date(Date.now() + 1000).toISOString(),
    });
    expect(created.errors).toBeUndefined();

    // When it is used after its expiry
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const answer = await me(new CookieBrowser(), server, {
      bearer: created.data?.createApiToken.secret ?? '',
    });

    // Then it is refused
    expect(answer.status).toBe(401);
  });

  run(
    'refuses a token for an organisation the caller does not belong to, as not found',
    async () => {
      // Given two admins of two organisations
      const alice = await signedInAdmin();
      const bob = await signedInAdmin();

      // When Alice asks for a token in Bob's organisation
      const answer = await createToken(alice, {
        organisationId: bob.organisationId,
        roleCeiling: 'viewer',
        name: 'x',
      });

      // Then it is not found, like an organisation that does not exist
      expect(errorCode(answer)).toBe('NOT_FOUND');
    },
  );

  run('refuses to let an API token mint another token', async () => {
    // Given a token
    const admin = await signedInAdmin();
    const created = await createToken(admin, {
      organisationId: admin.organisationId,
      roleCeiling: 'admin',
      name: 'root',
    });

    // When that token asks for a new one
    const answer = await graphql(
      new CookieBrowser(),
      server.baseUrl,
      CREATE_TOKEN,
      {
        input: { organisationId: admin.organisationId, roleCeiling: 'admin', name: 'child' },
      },
      { bearer: created.data?.createApiToken.secret ?? '' },
    );

    // Then it is forbidden
    expect(errorCode(answer)).toBe('FORBIDDEN');
  });

  run('rejects a malformed bearer credential outright', async () => {
    const answer = await me(new CookieBrowser(), server, { bearer: 'not-a-token' });
    expect(answer.status).toBe(401);
    expect(errorCode(answer)).toBe('UNAUTHENTICATED');
  });

  run(
    "refuses a token request whose x-threatloom-organisation names another organisation than the token's",
    async () => {
      // Given a member of two organisations holding a token for the first
      const browser = new CookieBrowser();
      const csrfToken =
        (await signUp(browser, server, uniqueEmail('two-orgs'), 'correct horse battery staple'))
          .data?.signUp.csrfToken ?? '';
      const first = await createOrganisation(browser, server, csrfToken, uniqueSlug('first'));
      const second = await createOrganisation(browser, server, csrfToken, uniqueSlug('second'));
      const created = await graphql<{ createApiToken: { secret: string } }>(
        browser,
        server.baseUrl,
        'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret } }',
        { input: { organisationId: first, roleCeiling: 'admin', name: 'first only' } },
        { csrfToken },
      );
      const secret = created.data?.createApiToken.secret ?? '';

      // When the token is used while naming the second organisation
      const answer = await graphql(
        new CookieBrowser(),
        server.baseUrl,
        '{ me { user { id } } }',
        {},
        {
          bearer: secret,
          organisationId: second,
        },
      );

      // Then the request is refused rather than silently acting elsewhere
      expect(errorCode(answer)).toBe('VALIDATION');
      expect(answer.errors?.[0]?.extensions?.['field']).toBe('x-threatloom-organisation');
      // And naming its own organisation is fine
      expect((await me(new CookieBrowser(), server, { bearer: secret })).data?.me?.user.id).toEqual(
        expect.any(String),
      );
    },
  );

  run(
    'refuses an acting-organisation header that is not an organisation id, naming the header',
    async () => {
      // When a request names its organisation with something that is not a uuid
      const answer = await graphql(
        new CookieBrowser(),
        server.baseUrl,
        '{ me { user { id } } }',
        {},
        {
          organisationId: "genomewell'; drop table users;--",
        },
      );

      // Then it is a validation error on the header, answered as 400
      expect(answer.status).toBe(400);
      expect(errorCode(answer)).toBe('VALIDATION');
      expect(answer.errors?.[0]?.extensions?.['field']).toBe('x-threatloom-organisation');
    },
  );
});
