import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requirePostgres } from '@threatloom/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieBrowser } from './support/cookie-browser.js';
import { errorCode, graphql } from './support/graphql-client.js';
import {
  startTestServer,
  type TestDialect,
  type TestServer,
} from './support/identity-test-server.js';
import {
  createOrganisation,
  eventTypesOf,
  eventsOf,
  me,
  signUp,
  uniqueEmail,
  uniqueSlug,
} from './support/identity-operations.js';
import { signInThroughProvider, stopAtCallback } from './support/oidc-flow.js';
import {
  startOidcProvider,
  type ProviderAccount,
  type TestOidcProvider,
} from './support/oidc-test-provider.js';

const PASSWORD = 'correct horse battery staple';
const isPostgresAvailable = await requirePostgres();

const CONFIGURE = `mutation ($input: ConfigureOidcProviderInput!) {
  configureOidcProvider(input: $input) { organisationId organisationSlug issuer clientId hasClientSecret redirectUri loginUrl }
}`;

describe.each<TestDialect>(['pglite', 'postgres'])(
  'single sign-on with OpenID Connect on %s',
  (dialect) => {
    let server: TestServer;
    let provider: TestOidcProvider;
    let organisationId: string;
    let slug: string;
    const accounts: ProviderAccount[] = [];

    /** Adds a person to the provider's directory. */
    function providerAccount(
      label: string,
      overrides: Partial<ProviderAccount> = {},
    ): ProviderAccount {
      const account: ProviderAccount = {
        login: `${label}-${Math.random().toString(36).slice(2, 8)}`,
        password: 'provider password',
        subject: `sub-${Math.random().toString(36).slice(2, 12)}`,
        email: uniqueEmail(label),
        isEmailVerified: true,
        ...overrides,
      };
      accounts.push(account);
      return account;
    }

    const runSuite = !(dialect === 'postgres' && !isPostgresAvailable);

    beforeAll(async () => {
      if (!runSuite) return;
      // The test provider listens on loopback, which only this development setting allows.
      server = await startTestServer(dialect, { OIDC_ALLOW_PRIVATE_ISSUERS: 'true' });
      provider = await startOidcProvider(`${server.baseUrl}/auth/oidc/callback`, accounts);
      // An admin configures their organisation's provider through the API.
      const admin = new CookieBrowser();
      const csrfToken =
        (await signUp(admin, server, uniqueEmail('sso-admin'), PASSWORD)).data?.signUp.csrfToken ??
        '';
      slug = uniqueSlug('sso');
      organisationId = await createOrganisation(admin, server, csrfToken, slug);
      const configured = await graphql(
        admin,
        server.baseUrl,
        CONFIGURE,
        {
          input: {
            organisationId,
            issuer: provider.issuer,
            clientId: provider.clientId,
            clientSecret: provider.clientSecret,
          },
        },
        { csrfToken },
      );
      if (configured.errors)
        throw new Error(`configureOidcProvider failed: ${JSON.stringify(configured.errors)}`);
    });
    afterAll(async () => {
      await provider?.close();
      await server?.close();
    });

    const run = runSuite ? it : it.skip;

    run('records the configuration as an event, without the client secret', async () => {
      const events = await eventsOf(server, `oidc-${organisationId}`);
      expect(events[0]).toMatchObject({
        type: 'OidcProviderConfigured',
        data: {
          organisationId,
          issuer: provider.issuer,
          clientId: provider.clientId,
          hasClientSecret: true,
        },
      });
      expect(JSON.stringify(events)).not.toContain(provider.clientSecret);
    });

    run(
      'signs a new person in through the provider: account created, session opened, facts recorded',
      async () => {
        // Given a person known to the provider with a verified email and no account here
        const person = providerAccount('newcomer');
        const browser = new CookieBrowser();

        // When they run the whole redirect flow from the organisation's login URL
        const result = await signInThroughProvider(
          browser,
          `${server.baseUrl}/auth/oidc/${slug}/start?returnTo=/models`,
          person.login,
          person.password,
        );

        // Then they went through the provider and back through the callback, and land where they asked
        expect(result.visited.some((url) => url.startsWith(`${provider.issuer}/auth`))).toBe(true);
        expect(
          result.visited.some((url) =>
            url.startsWith(`${server.baseUrl}/auth/oidc/callback?code=`),
          ),
        ).toBe(true);
        expect(result.visited.at(-1)).toBe(`${server.baseUrl}/models`);
        // And the browser holds a session for a new account with the provider's email
        const current = await me(browser, server);
        expect(current.data?.me).toMatchObject({
          user: { email: person.email },
          authenticatedVia: 'oidc',
        });
        const userId = current.data?.me?.user.id;
        expect(await eventTypesOf(server, `user-${userId}`)).toEqual([
          'UserRegistered',
          'OidcIdentityLinked',
          'SignedIn',
        ]);
        expect((await eventsOf(server, `user-${userId}`)).at(-1)?.data).toMatchObject({
          method: 'oidc',
          issuer: provider.issuer,
        });
      },
    );

    run('finds the same account again by issuer and subject on the next sign-in', async () => {
      // Given a person who signed in through the provider once
      const person = providerAccount('returning');
      const first = new CookieBrowser();
      await signInThroughProvider(
        first,
        `${server.baseUrl}/auth/oidc/${slug}/start`,
        person.login,
        person.password,
      );
      const firstUserId = (await me(first, server)).data?.me?.user.id;

      // When they sign in again from another browser
      const second = new CookieBrowser();
      await signInThroughProvider(
        second,
        `${server.baseUrl}/auth/oidc/${organisationId}/start`,
        person.login,
        person.password,
      );

      // Then it is the same account, registered once
      expect((await me(second, server)).data?.me?.user.id).toBe(firstUserId);
      const types = await eventTypesOf(server, `user-${firstUserId}`);
      expect(types.filter((type) => type === 'UserRegistered')).toHaveLength(1);
      expect(types.filter((type) => type === 'SignedIn')).toHaveLength(2);
    });

    run(
      'refuses to take over an existing account just because the provider asserts its email',
      async () => {
        // Given a local account, and a provider identity claiming the same (verified) email
        const email = uniqueEmail('existing');
        await signUp(new CookieBrowser(), server, email, PASSWORD);
        const impostor = providerAccount('impostor', { email });
        const browser = new CookieBrowser();

        // When that identity completes the flow in a browser not signed in here
        const result = await signInThroughProvider(
          browser,
          `${server.baseUrl}/auth/oidc/${slug}/start`,
          impostor.login,
          impostor.password,
        );

        // Then the callback refuses, no session is opened, and the refusal is recorded
        expect(result.response.status).toBe(409);
        expect((await me(browser, server)).data?.me).toBeNull();
        const refusal = (await eventsOf(server, `oidc-${organisationId}`)).at(-1);
        expect(refusal).toMatchObject({ type: 'SignInFailed', data: { reason: 'oidc_rejected' } });
      },
    );

    run('links the provider identity to the account signed in in the same browser', async () => {
      // Given a browser signed in with a local account, and a provider identity of the same person
      const browser = new CookieBrowser();
      const email = uniqueEmail('linker');
      const localUserId = (await signUp(browser, server, email, PASSWORD)).data?.signUp.user.id;
      const identity = providerAccount('linker', { email });

      // When they run the flow in that browser
      await signInThroughProvider(
        browser,
        `${server.baseUrl}/auth/oidc/${slug}/start`,
        identity.login,
        identity.password,
      );

      // Then the identity is linked to the local account, and a fresh browser signs in to it through the provider
      expect(await eventTypesOf(server, `user-${localUserId}`)).toContain('OidcIdentityLinked');
      const fresh = new CookieBrowser();
      await signInThroughProvider(
        fresh,
        `${server.baseUrl}/auth/oidc/${slug}/start`,
        identity.login,
        identity.password,
      );
      expect((await me(fresh, server)).data?.me?.user.id).toBe(localUserId);
    });

    run('refuses a callback replayed in a browser that did not start the login', async () => {
      // Given a login started in the victim's browser, stopped at the callback URL
      const person = providerAccount('planted');
      const attacker = new CookieBrowser();
      const next = await stopAtCallback(
        attacker,
        `${server.baseUrl}/auth/oidc/${slug}/start`,
        `${server.baseUrl}/auth/oidc/callback`,
        person.login,
        person.password,
      );
      expect(next.href.startsWith(`${server.baseUrl}/auth/oidc/callback?code=`)).toBe(true);

      // When another browser (without the state cookie) opens that callback URL
      const victim = new CookieBrowser();
      const answer = await victim.fetch(next);

      // Then it is refused and no session is opened there
      expect(answer.status).toBe(401);
      expect((await answer.json()) as unknown).toMatchObject({
        error: { code: 'UNAUTHENTICATED' },
      });
      expect((await me(victim, server)).data?.me).toBeNull();
    });

    run('refuses an ID token whose payload was changed after the provider signed it', async () => {
      // Given a person who has an account through the provider, and another person at the provider
      const victim = providerAccount('victim');
      const victimBrowser = new CookieBrowser();
      await signInThroughProvider(
        victimBrowser,
        `${server.baseUrl}/auth/oidc/${slug}/start`,
        victim.login,
        victim.password,
      );
      expect((await me(victimBrowser, server)).data?.me?.user.email).toBe(victim.email);
      const forger = providerAccount('forger');

      // When the forger's ID token is rewritten in transit to name the victim, keeping the signature
      provider.tamperWithIdTokens({
        kind: 'payload',
        claims: { sub: victim.subject, email: victim.email, email_verified: true },
      });
      const browser = new CookieBrowser();
      const result = await signInThroughProvider(
        browser,
        `${server.baseUrl}/auth/oidc/${slug}/start`,
        forger.login,
        forger.password,
      ).finally(() => provider.tamperWithIdTokens({ kind: 'none' }));

      // Then the callback refuses it, no session is opened, and the refusal is recorded
      expect(result.response.status).toBe(401);
      expect((await me(browser, server)).data?.me).toBeNull();
      const refusal = (await eventsOf(server, `oidc-${organisationId}`)).at(-1);
      expect(refusal).toMatchObject({ type: 'SignInFailed', data: { reason: 'oidc_rejected' } });
    });

    run("refuses an ID token whose signature is not the provider's", async () => {
      // Given a person at the provider
      const person = providerAccount('garbled');

      // When their ID token arrives with random bytes as its signature
      provider.tamperWithIdTokens({ kind: 'signature' });
      const browser = new CookieBrowser();
      const result = await signInThroughProvider(
        browser,
        `${server.baseUrl}/auth/oidc/${slug}/start`,
        person.login,
        person.password,
      ).finally(() => provider.tamperWithIdTokens({ kind: 'none' }));

      // Then no account is created and no session opened
      expect(result.response.status).toBe(401);
      expect((await me(browser, server)).data?.me).toBeNull();
    });

    run('keeps the login attempt when a callback with a wrong state comes first', async () => {
      // Given a login started in this browser, on its way back from the provider
      const person = providerAccount('patient');
      const browser = new CookieBrowser();
      const genuine = await stopAtCallback(
        browser,
        `${server.baseUrl}/auth/oidc/${slug}/start`,
        `${server.baseUrl}/auth/oidc/callback`,
        person.login,
        person.password,
      );

      // When a callback with another state reaches this browser first
      const forged = new URL(genuine);
      forged.searchParams.set('state', 'a-state-this-browser-never-started');
      const refused = await browser.fetch(forged);

      // Then that one is refused, and the genuine callback still completes the login
      expect(refused.status).toBe(401);
      const completed = await browser.follow(genuine);
      expect(completed.visited[1]).toBe(`${server.baseUrl}/`);
      expect((await me(browser, server)).data?.me?.user.email).toBe(person.email);
    });

    run('tells the user when the provider answers access_denied', async () => {
      // Given a person who fails to sign in at the provider (wrong password)
      const person = providerAccount('denied');
      const browser = new CookieBrowser();

      // When the provider sends them back with error=access_denied
      const result = await signInThroughProvider(
        browser,
        `${server.baseUrl}/auth/oidc/${slug}/start`,
        person.login,
        'not the password',
      );

      // Then the answer names the provider's reason, and no session is opened
      expect(
        result.visited.some((url) =>
          url.startsWith(`${server.baseUrl}/auth/oidc/callback?error=access_denied`),
        ),
      ).toBe(true);
      expect(result.response.status).toBe(401);
      const body = (await result.response.json()) as {
        error: { code: string; message: string; providerError?: string };
      };
      expect(body.error).toMatchObject({ code: 'UNAUTHENTICATED', providerError: 'access_denied' });
      expect(body.error.message).toContain('access_denied');
      expect((await me(browser, server)).data?.me).toBeNull();
    });

    run('refuses an identity whose email the provider has not verified', async () => {
      // Given a provider identity with an unverified email
      const person = providerAccount('unverified', { isEmailVerified: false });
      const browser = new CookieBrowser();

      // When it completes the flow
      const result = await signInThroughProvider(
        browser,
        `${server.baseUrl}/auth/oidc/${slug}/start`,
        person.login,
        person.password,
      );

      // Then no account is created and no session opened
      expect(result.response.status).toBe(409);
      expect((await me(browser, server)).data?.me).toBeNull();
    });

    run('answers not found for an organisation without single sign-on', async () => {
      const answer = await new CookieBrowser().fetch(
        `${server.baseUrl}/auth/oidc/no-such-organisation/start`,
      );
      expect(answer.status).toBe(404);
    });

    run('refuses to store a provider whose discovery document cannot be fetched', async () => {
      // Given an admin of an organisation
      const admin = new CookieBrowser();
      const csrfToken =
        (await signUp(admin, server, uniqueEmail('typo-admin'), PASSWORD)).data?.signUp.csrfToken ??
        '';
      const ownOrganisation = await createOrganisation(
        admin,
        server,
        csrfToken,
        uniqueSlug('typo'),
      );

      // When they configure an issuer where no provider answers
      const answer = await graphql(
        admin,
        server.baseUrl,
        CONFIGURE,
        {
          input: { organisationId: ownOrganisation, issuer: 'http://127.0.0.1:9/', clientId: 'x' },
        },
        { csrfToken },
      );

      // Then it is a validation error on the issuer, and nothing is stored
      expect(errorCode(answer)).toBe('VALIDATION');
      expect(answer.errors?.[0]?.extensions?.['field']).toBe('input.issuer');
      expect(await eventsOf(server, `oidc-${ownOrganisation}`)).toEqual([]);
    });

    run('does not follow a redirect during discovery', async () => {
      // Given an issuer whose discovery document redirects to the real provider's
      const redirector = createServer((_request, response) => {
        response.writeHead(302, {
          location: `${provider.issuer}/.well-known/openid-configuration`,
        });
        response.end();
      });
      await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
      const issuer = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
      const admin = new CookieBrowser();
      const csrfToken =
        (await signUp(admin, server, uniqueEmail('redirect-admin'), PASSWORD)).data?.signUp
          .csrfToken ?? '';
      const ownOrganisation = await createOrganisation(
        admin,
        server,
        csrfToken,
        uniqueSlug('redirect'),
      );

      // When an admin configures that issuer
      const answer = await graphql(
        admin,
        server.baseUrl,
        CONFIGURE,
        { input: { organisationId: ownOrganisation, issuer, clientId: provider.clientId } },
        { csrfToken },
      ).finally(() => new Promise<void>((resolve) => redirector.close(() => resolve())));

      // Then the redirect is not followed: discovery fails and nothing is stored
      expect(errorCode(answer)).toBe('VALIDATION');
      expect(answer.errors?.[0]?.extensions?.['field']).toBe('input.issuer');
      expect(await eventsOf(server, `oidc-${ownOrganisation}`)).toEqual([]);
    });

    run('lets only admins configure single sign-on', async () => {
      // Given a signed-in user who is not a member of the organisation
      const outsider = new CookieBrowser();
      const csrfToken =
        (await signUp(outsider, server, uniqueEmail('outsider'), PASSWORD)).data?.signUp
          .csrfToken ?? '';

      // When they try to configure its provider
      const answer = await graphql(
        outsider,
        server.baseUrl,
        CONFIGURE,
        {
          input: { organisationId, issuer: provider.issuer, clientId: 'hijack' },
        },
        { csrfToken },
      );

      // Then it is not found (the organisation's existence is not revealed)
      expect(errorCode(answer)).toBe('NOT_FOUND');
    });

    describe('just-in-time membership', () => {
      const CONFIGURE_JIT = `mutation ($input: ConfigureOidcProviderInput!) {
        configureOidcProvider(input: $input) { jitMembership jitEmailDomains jitDefaultRole }
      }`;
      const MY_ORGANISATIONS = '{ organisations { id } }';
      const MEMBERS = 'query ($id: ID!) { members(organisationId: $id) { userId role } }';
      let jitAdmin: CookieBrowser;
      let jitCsrfToken: string;
      let jitOrganisationId: string;
      let jitSlug: string;
      let allowedDomain: string;

      /** Configures the JIT organisation's provider with the given settings. */
      function configureJit(settings: Record<string, unknown>) {
        return graphql<{
          configureOidcProvider: {
            jitMembership: boolean;
            jitEmailDomains: string[];
            jitDefaultRole: string;
          };
        }>(
          jitAdmin,
          server.baseUrl,
          CONFIGURE_JIT,
          {
            input: {
              organisationId: jitOrganisationId,
              issuer: provider.issuer,
              clientId: provider.clientId,
              clientSecret: provider.clientSecret,
              ...settings,
            },
          },
          { csrfToken: jitCsrfToken },
        );
      }

      /** Signs a provider identity in through the JIT organisation's login URL. */
      async function signInToJitOrganisation(account: ProviderAccount): Promise<CookieBrowser> {
        const browser = new CookieBrowser();
        const result = await signInThroughProvider(
          browser,
          `${server.baseUrl}/auth/oidc/${jitSlug}/start`,
          account.login,
          account.password,
        );
        expect(result.response.status).toBe(200);
        return browser;
      }

      beforeAll(async () => {
        if (!runSuite) return;
        jitAdmin = new CookieBrowser();
        jitCsrfToken =
          (await signUp(jitAdmin, server, uniqueEmail('jit-admin'), PASSWORD)).data?.signUp
            .csrfToken ?? '';
        jitSlug = uniqueSlug('jit');
        jitOrganisationId = await createOrganisation(jitAdmin, server, jitCsrfToken, jitSlug);
        allowedDomain = `${uniqueSlug('staff')}.test`;
      });

      run('is off by default: a newcomer signs in but joins no organisation', async () => {
        // Given the organisation's provider configured without any membership settings
        const configured = await configureJit({});
        expect(configured.data?.configureOidcProvider).toEqual({
          jitMembership: false,
          jitEmailDomains: [],
          jitDefaultRole: 'viewer',
        });

        // When a person with a verified email in any domain signs in through it
        const browser = await signInToJitOrganisation(
          providerAccount('outside', { email: `outside-${Date.now()}@${allowedDomain}` }),
        );

        // Then they have an account and a session, but no organisation
        const mine = await graphql<{ organisations: { id: string }[] }>(
          browser,
          server.baseUrl,
          MY_ORGANISATIONS,
        );
        expect(mine.data?.organisations).toEqual([]);
      });

      run(
        'admits a verified email of an allowed domain as viewer, attributed to the system',
        async () => {
          // Given just-in-time membership on for one domain, the role left at its default
          const configured = await configureJit({
            jitMembership: true,
            jitEmailDomains: [allowedDomain.toUpperCase()],
          });
          expect(configured.data?.configureOidcProvider).toEqual({
            jitMembership: true,
            jitEmailDomains: [allowedDomain],
            jitDefaultRole: 'viewer',
          });

          // When a person of that domain signs in through the provider for the first time
          const person = providerAccount('joiner', {
            email: `joiner-${Date.now()}@${allowedDomain}`,
          });
          const browser = await signInToJitOrganisation(person);

          // Then they are a viewer of the organisation at once
          const userId = (await me(browser, server)).data?.me?.user.id;
          const mine = await graphql<{ organisations: { id: string }[] }>(
            browser,
            server.baseUrl,
            MY_ORGANISATIONS,
          );
          expect(mine.data?.organisations).toEqual([{ id: jitOrganisationId }]);
          const members = await graphql<{ members: { userId: string; role: string }[] }>(
            jitAdmin,
            server.baseUrl,
            MEMBERS,
            { id: jitOrganisationId },
          );
          expect(members.data?.members).toContainEqual({ userId, role: 'viewer' });
          // And the organisation's stream records the join on the system's authority
          const joined = (await eventsOf(server, `org-${jitOrganisationId}`)).at(-1);
          expect(joined).toMatchObject({
            type: 'MemberJoinedThroughSingleSignOn',
            data: { userId, email: person.email, role: 'viewer', issuer: provider.issuer },
            metadata: { actor: 'system:oidc', organisation: jitOrganisationId },
          });
          // And a viewer who joined this way cannot read the single sign-on settings
          const settings = await graphql(
            browser,
            server.baseUrl,
            'query ($id: ID!) { oidcProvider(organisationId: $id) { jitDefaultRole } }',
            { id: jitOrganisationId },
          );
          expect(errorCode(settings)).toBeDefined();
          expect(settings.data?.['oidcProvider'] ?? null).toBeNull();
        },
      );

      run('admits no other domain, and no look-alike subdomain', async () => {
        // Given just-in-time membership on for one domain
        await configureJit({ jitMembership: true, jitEmailDomains: [allowedDomain] });

        // When people of another domain and of a subdomain sign in
        for (const email of [
          `stranger-${Date.now()}@elsewhere.test`,
          `sub-${Date.now()}@evil.${allowedDomain}`,
        ]) {
          const browser = await signInToJitOrganisation(providerAccount('stranger', { email }));

          // Then they join nothing
          const mine = await graphql<{ organisations: { id: string }[] }>(
            browser,
            server.baseUrl,
            MY_ORGANISATIONS,
          );
          expect(mine.data?.organisations).toEqual([]);
        }
      });

      run('admits at the role the admin chose, and never above editor', async () => {
        // Given the admin raises the role to editor
        const raised = await configureJit({
          jitMembership: true,
          jitEmailDomains: [allowedDomain],
          jitDefaultRole: 'editor',
        });
        expect(raised.data?.configureOidcProvider.jitDefaultRole).toBe('editor');

        // When a newcomer of the domain signs in
        const browser = await signInToJitOrganisation(
          providerAccount('editor', { email: `editor-${Date.now()}@${allowedDomain}` }),
        );

        // Then they are an editor
        const userId = (await me(browser, server)).data?.me?.user.id;
        const members = await graphql<{ members: { userId: string; role: string }[] }>(
          jitAdmin,
          server.baseUrl,
          MEMBERS,
          { id: jitOrganisationId },
        );
        expect(members.data?.members).toContainEqual({ userId, role: 'editor' });

        // And admin (or risk_owner) is not a role single sign-on can grant
        const before = (await eventsOf(server, `oidc-${jitOrganisationId}`)).length;
        for (const role of ['admin', 'risk_owner']) {
          const refused = await configureJit({
            jitMembership: true,
            jitEmailDomains: [allowedDomain],
            jitDefaultRole: role,
          });
          expect(refused.errors?.[0]?.message).toContain('JitMembershipRole');
        }
        expect(await eventsOf(server, `oidc-${jitOrganisationId}`)).toHaveLength(before);
      });

      run('refuses to turn it on without an email domain, or with a malformed one', async () => {
        const before = (await eventsOf(server, `oidc-${jitOrganisationId}`)).length;
        for (const [domains, expected] of [
          [[], 'expected at least one email domain when jitMembership is on'],
          [['not a domain'], 'expected an email domain such as example.com'],
          [['@example.com'], 'expected an email domain such as example.com'],
        ] as const) {
          const answer = await configureJit({ jitMembership: true, jitEmailDomains: domains });
          expect(errorCode(answer)).toBe('VALIDATION');
          expect(answer.errors?.[0]?.extensions?.['field']).toMatch(/^input\.jitEmailDomains/);
          expect(answer.errors?.[0]?.message).toContain(expected);
        }
        expect(await eventsOf(server, `oidc-${jitOrganisationId}`)).toHaveLength(before);
      });
    });
  },
);
