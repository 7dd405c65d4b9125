import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieBrowser } from './support/cookie-browser.js';
import { errorCode, graphql, type GraphQLAnswer } from './support/graphql-client.js';
import { startTestServer, type TestServer } from './support/identity-test-server.js';
import {
  createOrganisation,
  eventsOf,
  signUp,
  uniqueEmail,
  uniqueSlug,
} from './support/identity-operations.js';

const PASSWORD = 'correct horse battery staple';

const CONFIGURE = `mutation ($input: ConfigureOidcProviderInput!) {
  configureOidcProvider(input: $input) { organisationId issuer }
}`;

const PUBLIC_ISSUER_EXPECTED =
  'an issuer on a public address (loopback, link-local and private addresses need OIDC_ALLOW_PRIVATE_ISSUERS=true)';

/** A loopback HTTP server that counts every TCP connection made to it. */
async function listeningTrap(): Promise<{
  port: number;
  connections: () => number;
  server: Server;
}> {
  let connections = 0;
  const server = createServer((_request, response) => response.end('{}'));
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, connections: () => connections, server };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

// Address checks happen before any database work, so one dialect covers them.
describe('OpenID issuers on non-public addresses, with OIDC_ALLOW_PRIVATE_ISSUERS unset', () => {
  let server: TestServer;
  let trap: Awaited<ReturnType<typeof listeningTrap>>;
  let admin: CookieBrowser;
  let csrfToken: string;
  let organisationId: string;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    trap = await listeningTrap();
    admin = new CookieBrowser();
    csrfToken =
      (await signUp(admin, server, uniqueEmail('ssrf-admin'), PASSWORD)).data?.signUp.csrfToken ??
      '';
    organisationId = await createOrganisation(admin, server, csrfToken, uniqueSlug('ssrf'));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => trap?.server.close(() => resolve()));
    await server?.close();
  });

  function configure(issuer: string): Promise<GraphQLAnswer> {
    return graphql(
      admin,
      server.baseUrl,
      CONFIGURE,
      { input: { organisationId, issuer, clientId: 'probe' } },
      { csrfToken },
    );
  }

  function refusal(answer: GraphQLAnswer): unknown {
    return {
      code: errorCode(answer),
      field: answer.errors?.[0]?.extensions?.['field'],
      message: answer.errors?.[0]?.message,
    };
  }

  it('answers an open and a closed loopback port alike, without connecting to either', async () => {
    // Given a loopback port where something listens and one where nothing does
    const closed = await closedPort();

    // When an admin configures an issuer on each
    const open = await configure(`https://127.0.0.1:${trap.port}/`);
    const shut = await configure(`https://127.0.0.1:${closed}/`);

    // Then both are the same validation error on the issuer, and no connection was made
    expect(refusal(open)).toEqual({
      code: 'VALIDATION',
      field: 'input.issuer',
      message: `input.issuer: ${PUBLIC_ISSUER_EXPECTED}`,
    });
    expect(refusal(shut)).toEqual(refusal(open));
    expect(trap.connections()).toBe(0);
    expect(await eventsOf(server, `oidc-${organisationId}`)).toEqual([]);
  });

  it('refuses a host name that resolves to loopback when it is resolved, before connecting', async () => {
    // Given a name (not an address) that resolves to the listening loopback port
    const issuer = `https://localhost:${trap.port}/`;

    // When an admin configures it
    const answer = await configure(issuer);

    // Then the resolved address is refused like a literal one, and nothing connected
    expect(refusal(answer)).toEqual({
      code: 'VALIDATION',
      field: 'input.issuer',
      message: `input.issuer: ${PUBLIC_ISSUER_EXPECTED}`,
    });
    expect(trap.connections()).toBe(0);
  });

  it.each([
    'https://10.0.0.1/',
    'https://172.16.5.4/',
    'https://192.168.1.1/',
    'https://100.64.0.1/',
    'https://169.254.169.254/latest/meta-data/',
    'https://0.0.0.0/',
    'https://[::1]/',
    'https://[fe80::1]/',
    'https://[fd00::1]/',
    'https://[::]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[::ffff:a9fe:a9fe]/',
    'https://2130706433/',
  ])('refuses the non-public issuer %s', async (issuer) => {
    const answer = await configure(issuer);
    expect(refusal(answer)).toEqual({
      code: 'VALIDATION',
      field: 'input.issuer',
      message: `input.issuer: ${PUBLIC_ISSUER_EXPECTED}`,
    });
  });

  it('refuses plain http, also on loopback', async () => {
    for (const issuer of [`http://127.0.0.1:${trap.port}/`, 'http://issuer.example/']) {
      const answer = await configure(issuer);
      expect(errorCode(answer)).toBe('VALIDATION');
      expect(answer.errors?.[0]?.extensions?.['field']).toBe('input.issuer');
      expect(answer.errors?.[0]?.message).toContain('an https URL');
    }
    expect(trap.connections()).toBe(0);
  });
});
