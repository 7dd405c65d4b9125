import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { TENANCY_PROJECTION } from '../../src/tenancy/projection/tenancy.projection.js';
import { tenancyProjectionTables } from '../../src/tenancy/projection/tenancy-projection-handlers.js';
import { tenancyDb } from '../../src/tenancy/tenancy-tables.js';
import { startTestServer, type TestServer } from '../identity/support/identity-test-server.js';
import { ok } from './support/tenancy-actors.js';
import { addMember, newModel, newOrganisation, newSystem, share } from './support/tenancy-world.js';

/** Every row of every tenancy read model, in a stable order (system path: all tenants). */
async function snapshot(server: TestServer): Promise<Record<string, unknown[]>> {
  return server.database.systemTransaction(async (trx) => {
    const result: Record<string, unknown[]> = {};
    for (const table of tenancyProjectionTables) {
      const rows = await tenancyDb(trx).selectFrom(table).selectAll().execute();
      result[table] = rows.map((row) => JSON.stringify(row)).sort();
    }
    return result;
  });
}

describe('tenancy projection', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    const owner = await newOrganisation(server, 'owner');
    const vendor = await newOrganisation(server, 'vendor');
    const member = await addMember(server, owner, 'editor');
    const systemId = await newSystem(server, owner, 'Platform');
    await newModel(server, owner, systemId, 'Backend');
    await share(server, owner, systemId, vendor.id, 'editor');
    await ok(
      server,
      owner.admin,
      'mutation ($o: ID!, $u: ID!) { changeMemberRole(organisationId: $o, userId: $u, role: risk_owner) { role } }',
      { o: owner.id, u: member.userId },
    );
    await ok(
      server,
      owner.admin,
      'mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { id } }',
      { input: { organisationId: owner.id, email: 'later@example.test', role: 'viewer' } },
    );
  });
  afterAll(async () => server?.close());

  it('rebuilds from zero to exactly the rows it had', async () => {
    const before = await snapshot(server);
    expect(before['system_shares']).toHaveLength(1);
    const runner = server.app.get(ProjectionRunner, { strict: false });
    expect(runner.projections.map((projection) => projection.name)).toContain(TENANCY_PROJECTION);
    await runner.rebuild(TENANCY_PROJECTION);
    await runner.caughtUp();
    expect(await snapshot(server)).toEqual(before);
  });
});
