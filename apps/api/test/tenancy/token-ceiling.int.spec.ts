import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieBrowser } from '../identity/support/cookie-browser.js';
import { graphql } from '../identity/support/graphql-client.js';
import { startTestServer, type TestServer } from '../identity/support/identity-test-server.js';
import { ok } from './support/tenancy-actors.js';
import { newOrganisation, newSystem, type TestOrganisation } from './support/tenancy-world.js';

describe("an API token's role ceiling", () => {
  let server: TestServer;
  let owner: TestOrganisation;
  let systemId: string;
  let viewerToken: string;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    owner = await newOrganisation(server, 'owner');
    systemId = await newSystem(server, owner, 'Platform');
    const created = await ok<{ createApiToken: { secret: string } }>(
      server,
      owner.admin,
      'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret } }',
      { input: { organisationId: owner.id, name: 'ci', roleCeiling: 'viewer' } },
    );
    viewerToken = created.createApiToken.secret;
  });
  afterAll(async () => server?.close());

  function withToken(query: string, variables: Record<string, unknown> = {}) {
    return graphql(new CookieBrowser(), server.baseUrl, query, variables, { bearer: viewerToken });
  }

  it("lets an admin's viewer token read the organisation's system with read permission only", async () => {
    const answer = await withToken('query ($id: ID!) { system(id: $id) { myPermissions } }', {
      id: systemId,
    });
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ system: { myPermissions: ['read'] } });
  });

  it("refuses an admin's viewer token sharing the system", async () => {
    const answer = await withToken(
      'mutation ($s: ID!, $g: ID!) { shareSystem(systemId: $s, granteeOrganisationId: $g, role: viewer) { role } }',
      { s: systemId, g: owner.id },
    );
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it("refuses an admin's viewer token managing members", async () => {
    const answer = await withToken(
      'mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { id } }',
      { input: { organisationId: owner.id, email: 'x@example.test', role: 'viewer' } },
    );
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});
