import { createHash } from 'node:crypto';
import { requirePostgres } from '@threatloom/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unknownAccountStream } from '../../src/identity/events/identity-events.js';
import { CookieBrowser } from './support/cookie-browser.js';
import { errorCode, graphql } from './support/graphql-client.js';
import {
  startTestServer,
  type TestDialect,
  type TestServer,
} from './support/identity-test-server.js';
import {
  eventTypesOf,
  eventsOf,
  me,
  signIn,
  signUp,
  uniqueEmail,
} from './support/identity-operations.js';

const PASSWORD = 'correct horse battery staple';
const isPostgresAvailable = await requirePostgres();

describe.each<TestDialect>(['pglite', 'postgres'])(
  'local accounts and sessions on %s',
  (dialect) => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer(dialect);
    });
    afterAll(async () => {
      await server?.close();
    });

    const run = dialect === 'postgres' && !isPostgresAvailable ? it.skip : it;

    run('signs up a new account, signs it in, and records both facts', async () => {
      // Given a fresh browser
      const browser = new CookieBrowser();
      const email = uniqueEmail('new');

      // When it signs up
      const answer = await signUp(browser, server, email, PASSWORD);

      // Then the account exists, the browser is signed in as it, and the events are recorded
      expect(answer.errors).toBeUndefined();
      const user = answer.data?.signUp.user;
      expect(user?.email).toBe(email);
      const current = await me(browser, server);
      expect(current.data?.me).toMatchObject({
        user: { id: user?.id, email },
        authenticatedVia: 'session',
      });
      expect(await eventTypesOf(server, `user-${user?.id}`)).toEqual([
        'UserRegistered',
        'SignedIn',
      ]);
    });

    run(
      'sets the session cookie httpOnly and SameSite=Lax, without Secure on plain-http loopback',
      async () => {
        // Given an account
        const email = uniqueEmail('cookie');
        await signUp(new CookieBrowser(), server, email, PASSWORD);

        // When a browser signs in
        const answer = await signIn(new CookieBrowser(), server, email, PASSWORD);

        // Then the cookie carries the session secret with the protective attributes
        const setCookie = answer.headers
          .getSetCookie()
          .find((line) => line.startsWith('threatloom_session='));
        expect(setCookie).toBeDefined();
        expect(setCookie).toMatch(/; HttpOnly/);
        expect(setCookie).toMatch(/; SameSite=Lax/);
        expect(setCookie).toMatch(/; Path=\//);
        expect(setCookie).not.toMatch(/; Secure/);
        expect(answer.data?.signIn.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      },
    );

    run('records a successful sign-in with its method and address', async () => {
      // Given an account
      const email = uniqueEmail('signed-in');
      const userId = (await signUp(new CookieBrowser(), server, email, PASSWORD)).data?.signUp.user
        .id;

      // When it signs in with its password
      await signIn(new CookieBrowser(), server, email, PASSWORD);

      // Then a SignedIn event names the method and the client address
      const events = await eventsOf(server, `user-${userId}`);
      expect(events.at(-1)).toMatchObject({
        type: 'SignedIn',
        data: { userId, method: 'password', address: '127.0.0.1' },
      });
    });

    run(
      'answers a wrong password and an unknown email identically, and records both failures',
      async () => {
        // Given an account
        const email = uniqueEmail('victim');
        const userId = (await signUp(new CookieBrowser(), server, email, PASSWORD)).data?.signUp
          .user.id;

        // When someone tries a wrong password, and an email without an account
        const wrongPassword = await signIn(
          new CookieBrowser(),
          server,
          email,
          'not the password at all',
        );
        const unknownEmail = await signIn(
          new CookieBrowser(),
          server,
          uniqueEmail('nobody'),
          'not the password at all',
        );

        // Then both get the same error, and neither sets a cookie
        expect(errorCode(wrongPassword)).toBe('UNAUTHENTICATED');
        expect(wrongPassword.errors?.[0]?.message).toBe(unknownEmail.errors?.[0]?.message);
        expect(wrongPassword.errors?.[0]?.extensions).toEqual(unknownEmail.errors?.[0]?.extensions);
        expect(wrongPassword.headers.getSetCookie()).toEqual([]);
        expect(unknownEmail.headers.getSetCookie()).toEqual([]);
        // And the failures are recorded without the password
        const failure = (await eventsOf(server, `user-${userId}`)).at(-1);
        expect(failure).toMatchObject({
          type: 'SignInFailed',
          data: { userId, reason: 'wrong_password' },
        });
        expect(JSON.stringify(failure?.data)).not.toContain('not the password');
      },
    );

    run(
      'records failed sign-ins for unknown emails on a stream keyed by the email hash',
      async () => {
        // Given an email without an account
        const email = uniqueEmail('ghost');
        const emailHash = createHash('sha256').update(email).digest('hex');

        // When someone tries to sign in with it
        await signIn(new CookieBrowser(), server, email, 'whatever password');

        // Then the failure is recorded under the hash, and the email itself is not stored
        const events = await eventsOf(server, unknownAccountStream(emailHash));
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          type: 'SignInFailed',
          data: { userId: null, emailHash, reason: 'unknown_account', address: '127.0.0.1' },
        });
        expect(JSON.stringify(events[0])).not.toContain(email);
      },
    );

    run('signing out ends the session: the old cookie is refused afterwards', async () => {
      // Given a signed-in browser, and a copy of its session cookie
      const browser = new CookieBrowser();
      const email = uniqueEmail('leaver');
      const signedUp = await signUp(browser, server, email, PASSWORD);
      const userId = signedUp.data?.signUp.user.id;
      const oldCookie = browser.cookie(server.baseUrl, 'threatloom_session');
      expect(oldCookie).toBeDefined();

      // When it signs out
      const answer = await graphql<{ signOut: boolean }>(
        browser,
        server.baseUrl,
        'mutation { signOut }',
        {},
        {
          csrfToken: signedUp.data?.signUp.csrfToken,
        },
      );

      // Then the browser drops the cookie, and replaying the old cookie is anonymous
      expect(answer.data?.signOut).toBe(true);
      expect(browser.cookie(server.baseUrl, 'threatloom_session')).toBeUndefined();
      const replay = new CookieBrowser();
      replay.setCookie(server.baseUrl, 'threatloom_session', oldCookie ?? '');
      expect((await me(replay, server)).data?.me).toBeNull();
      expect((await eventTypesOf(server, `user-${userId}`)).at(-1)).toBe('SignedOut');
    });

    run('signing in again in the same browser replaces its session', async () => {
      // Given a signed-in browser and a copy of its session cookie
      const browser = new CookieBrowser();
      const email = uniqueEmail('again');
      const signedUp = await signUp(browser, server, email, PASSWORD);
      const firstCookie = browser.cookie(server.baseUrl, 'threatloom_session') ?? '';

      // When it signs in again
      const again = await signIn(browser, server, email, PASSWORD, signedUp.data?.signUp.csrfToken);

      // Then it holds a new session and the first one is over
      expect(again.errors).toBeUndefined();
      expect(browser.cookie(server.baseUrl, 'threatloom_session')).not.toBe(firstCookie);
      expect((await me(browser, server)).data?.me?.user.email).toBe(email);
      const replay = new CookieBrowser();
      replay.setCookie(server.baseUrl, 'threatloom_session', firstCookie);
      expect((await me(replay, server)).data?.me).toBeNull();
    });

    run('refuses a second account with the same email, whatever its case', async () => {
      // Given an account
      const email = uniqueEmail('taken');
      await signUp(new CookieBrowser(), server, email, PASSWORD);

      // When someone signs up with the same email in upper case
      const answer = await signUp(new CookieBrowser(), server, email.toUpperCase(), PASSWORD);

      // Then it is a conflict on the email field
      expect(errorCode(answer)).toBe('CONFLICT');
      expect(answer.errors?.[0]?.extensions?.['field']).toBe('email');
    });

    run('refuses a password shorter than 12 characters, naming the field', async () => {
      // When someone signs up with a short password
      const answer = await signUp(new CookieBrowser(), server, uniqueEmail('short'), 'short');

      // Then it is a validation error on the password
      expect(errorCode(answer)).toBe('VALIDATION');
      expect(answer.errors?.[0]?.extensions?.['field']).toBe('password');
    });

    run(
      'keeps answering a failed sign-in as UNAUTHENTICATED after the operation is compiled (JIT)',
      async () => {
        // Given the same sign-in document sent a dozen times (mercurius compiles it after ten)
        const answers = [];
        for (let attempt = 0; attempt < 12; attempt += 1) {
          answers.push(
            await signIn(
              new CookieBrowser(),
              server,
              uniqueEmail(`jit-${attempt}`),
              'not the password at all',
            ),
          );
        }

        // Then every failure keeps its code, never an internal error
        expect(answers.map((answer) => errorCode(answer))).toEqual(
          Array(12).fill('UNAUTHENTICATED'),
        );
      },
    );

    run('answers me with null for an anonymous request', async () => {
      const answer = await me(new CookieBrowser(), server);
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.me).toBeNull();
    });
  },
);
