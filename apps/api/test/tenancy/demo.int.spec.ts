import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MODEL_ID, DEMO_ORGANISATION_ID, DEMO_SYSTEM_ID } from '../../src/demo/demo-ids.js';
import { CookieBrowser } from '../identity/support/cookie-browser.js';
import { signIn } from '../identity/support/identity-operations.js';
import { startTestServer, type TestServer } from '../identity/support/identity-test-server.js';
import { as, ok, type TestUser } from './support/tenancy-actors.js';
import { eventually } from './support/tenancy-world.js';

describe('demo data', () => {
  let server: TestServer;
  let demo: TestUser;

  beforeAll(async () => {
    server = await startTestServer('pglite', {
      SEED_DEMO: 'true',
      DEMO_ACCOUNT_PASSWORD: 'threatloom-demo',
    });
    const browser = new CookieBrowser();
    const answer = await signIn(browser, server, 'demo@threatloom.local', 'threatloom-demo');
    const data = answer.data?.signIn;
    if (!data) throw new Error(`demo sign-in failed: ${JSON.stringify(answer.errors)}`);
    demo = { userId: data.user.id, email: data.user.email, browser, csrfToken: data.csrfToken };
  });
  afterAll(async () => server?.close());

  it('makes the demo account the admin of the GenomeWell organisation', async () => {
    const data = await ok<{ organisations: { id: string; name: string }[] }>(
      server,
      demo,
      '{ organisations { id name } }',
    );
    expect(data.organisations).toEqual([{ id: DEMO_ORGANISATION_ID, name: 'GenomeWell' }]);
    const members = await ok<{ members: { userId: string; role: string }[] }>(
      server,
      demo,
      'query ($o: ID!) { members(organisationId: $o) { userId role } }',
      { o: DEMO_ORGANISATION_ID },
    );
    expect(members.members).toEqual([{ userId: demo.userId, role: 'admin' }]);
  });

  it('puts the demo model in the "GenomeWell platform" system the organisation owns', async () => {
    const data = await ok<{
      system: { name: string; ownerOrganisationId: string; modelIds: string[] };
    }>(server, demo, 'query ($id: ID!) { system(id: $id) { name ownerOrganisationId modelIds } }', {
      id: DEMO_SYSTEM_ID,
    });
    expect(data.system).toEqual({
      name: 'GenomeWell platform',
      ownerOrganisationId: DEMO_ORGANISATION_ID,
      modelIds: [DEMO_MODEL_ID],
    });
  });

  it('lets the demo account read the demo model, row-level security included', async () => {
    await eventually(async () => {
      const answer = await as(server, demo, 'query ($id: ID!) { model(id: $id) { id name } }', {
        id: DEMO_MODEL_ID,
      });
      return answer.errors === undefined;
    }, 30_000);
  });
});
