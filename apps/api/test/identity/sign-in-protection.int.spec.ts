import { requirePostgres } from '@threatloom/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieBrowser } from './support/cookie-browser.js';
import { errorCode, graphql } from './support/graphql-client.js';
import {
  startTestServer,
  type TestDialect,
  type TestServer,
} from './support/identity-test-server.js';
import { eventsOf, me, signIn, signUp, uniqueEmail } from './support/identity-operations.js';

const PASSWORD = 'correct horse battery staple';
const WINDOW_SECONDS = 2;
const isPostgresAvailable = await requirePostgres();

describe.each<TestDialect>(['pglite', 'postgres'])(
  'sign-in rate limit and CSRF on %s',
  (dialect) => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer(dialect, {
        SIGNIN_RATE_LIMIT_PER_ACCOUNT: '3',
        SIGNIN_RATE_LIMIT_PER_ADDRESS: '1000',
        SIGNIN_RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
      });
    });
    afterAll(async () => {
      await server?.close();
    });

    const run = dialect === 'postgres' && !isPostgresAvailable ? it.skip : it;

    run(
      'refuses even the right password after too many failures, with a retry-after, then recovers',
      async () => {
        // Given an account that just had three failed sign-ins
        const email = uniqueEmail('locked');
        const userId = (await signUp(new CookieBrowser(), server, email, PASSWORD)).data?.signUp
          .user.id;
        for (let attempt = 0; attempt < 3; attempt += 1) {
          expect(
            errorCode(await signIn(new CookieBrowser(), server, email, 'a wrong password!')),
          ).toBe('UNAUTHENTICATED');
        }

        // When the owner tries the right password at once
        const limited = await signIn(new CookieBrowser(), server, email, PASSWORD);

        // Then it is refused as rate-limited, says when to retry, and sets no cookie
        expect(errorCode(limited)).toBe('UNAUTHENTICATED');
        expect(limited.errors?.[0]?.extensions?.['reason']).toBe('RATE_LIMITED');
        const retryAfter = Number(limited.errors?.[0]?.extensions?.['retryAfterSeconds']);
        expect(retryAfter).toBeGreaterThanOrEqual(1);
        expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
        expect(limited.headers.get('retry-after')).toBe(String(retryAfter));
        expect(limited.headers.getSetCookie()).toEqual([]);
        expect((await eventsOf(server, `user-${userId}`)).at(-1)).toMatchObject({
          type: 'SignInFailed',
          data: { reason: 'rate_limited' },
        });

        // And once the window has passed, the right password works again
        await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 100));
        const recovered = await signIn(new CookieBrowser(), server, email, PASSWORD);
        expect(recovered.errors).toBeUndefined();
        expect(recovered.data?.signIn.user.id).toBe(userId);
      },
    );

    run('limits an unknown email exactly like a known one', async () => {
      // Given three failed sign-ins for an email without an account
      const email = uniqueEmail('unknown-limited');
      for (let attempt = 0; attempt < 3; attempt += 1)
        await signIn(new CookieBrowser(), server, email, 'a wrong password!');

      // When a fourth attempt comes
      const limited = await signIn(new CookieBrowser(), server, email, 'a wrong password!');

      // Then it is rate-limited too, so the limit does not reveal whether the account exists
      expect(limited.errors?.[0]?.extensions?.['reason']).toBe('RATE_LIMITED');
    });

    run(
      'refuses a cookie-authenticated mutation without the CSRF header and changes nothing',
      async () => {
        // Given a signed-in browser
        const browser = new CookieBrowser();
        const email = uniqueEmail('csrf');
        await signUp(browser, server, email, PASSWORD);

        // When a cross-site page makes it post a mutation (the cookie rides along, the header cannot)
        const forged = await graphql(browser, server.baseUrl, 'mutation { signOut }');

        // Then the request is refused before anything runs, and the session is still alive
        expect(forged.status).toBe(403);
        expect(errorCode(forged)).toBe('FORBIDDEN');
        expect(forged.errors?.[0]?.extensions?.['reason']).toBe('CSRF');
        expect((await me(browser, server)).data?.me?.user.email).toBe(email);
      },
    );

    run('refuses a mutation whose CSRF token belongs to another session', async () => {
      // Given two signed-in browsers
      const victim = new CookieBrowser();
      await signUp(victim, server, uniqueEmail('victim'), PASSWORD);
      const attacker = new CookieBrowser();
      const attackerToken = (await signUp(attacker, server, uniqueEmail('attacker'), PASSWORD)).data
        ?.signUp.csrfToken;

      // When the victim's browser posts a mutation with the attacker's token
      const forged = await graphql(
        victim,
        server.baseUrl,
        'mutation { signOut }',
        {},
        { csrfToken: attackerToken },
      );

      // Then it is refused
      expect(forged.status).toBe(403);
      expect(forged.errors?.[0]?.extensions?.['reason']).toBe('CSRF');
    });

    run('accepts a mutation with the token from the csrfToken query', async () => {
      // Given a signed-in browser that lost the token handed out at sign-in
      const browser = new CookieBrowser();
      await signUp(browser, server, uniqueEmail('refetch'), PASSWORD);
      const token = (
        await graphql<{ csrfToken: string | null }>(browser, server.baseUrl, '{ csrfToken }')
      ).data?.csrfToken;
      expect(token).toEqual(expect.any(String));

      // When it posts a mutation with that token
      const answer = await graphql<{ signOut: boolean }>(
        browser,
        server.baseUrl,
        'mutation { signOut }',
        {},
        {
          csrfToken: token ?? '',
        },
      );

      // Then the mutation runs
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.signOut).toBe(true);
    });

    run('lets cookie-authenticated queries through without a CSRF header', async () => {
      // Given a signed-in browser
      const browser = new CookieBrowser();
      const email = uniqueEmail('reader');
      await signUp(browser, server, email, PASSWORD);

      // When it posts a query without the header
      const answer = await me(browser, server);

      // Then the query answers (a cross-site page could not read the answer anyway)
      expect(answer.status).toBe(200);
      expect(answer.data?.me?.user.email).toBe(email);
    });
  },
);

describe('per-address sign-in limit and closed registration', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('pglite', {
      SIGNIN_RATE_LIMIT_PER_ACCOUNT: '100',
      SIGNIN_RATE_LIMIT_PER_ADDRESS: '3',
      SIGNIN_RATE_LIMIT_WINDOW_SECONDS: '60',
      OPEN_REGISTRATION: 'false',
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses an address that failed too often, whichever emails it tries', async () => {
    // Given an address that failed three sign-ins, each with a different email
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await signIn(new CookieBrowser(), server, uniqueEmail('spray'), 'a wrong password!');
    }

    // When it tries yet another email
    const limited = await signIn(
      new CookieBrowser(),
      server,
      uniqueEmail('spray'),
      'a wrong password!',
    );

    // Then the address is rate-limited
    expect(limited.errors?.[0]?.extensions?.['reason']).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses self-service sign-up when open registration is off', async () => {
    // When someone signs up on a server with registration closed
    const answer = await signUp(new CookieBrowser(), server, uniqueEmail('closed'), PASSWORD);

    // Then it is forbidden and no cookie is set
    expect(errorCode(answer)).toBe('FORBIDDEN');
    expect(answer.headers.getSetCookie()).toEqual([]);
  });
});
