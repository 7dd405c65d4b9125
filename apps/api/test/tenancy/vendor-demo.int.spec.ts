import { requirePostgres } from '@threatloom/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_MODEL_ID,
  DEMO_ORGANISATION_ID,
  DEMO_SYSTEM_ID,
  DEMO_VENDOR_MODEL_ID,
  DEMO_VENDOR_ORGANISATION_ID,
  DEMO_VENDOR_SYSTEM_ID,
} from '../../src/demo/demo-ids.js';
import { CookieBrowser } from '../identity/support/cookie-browser.js';
import { signIn } from '../identity/support/identity-operations.js';
import {
  startTestServer,
  type TestDialect,
  type TestServer,
} from '../identity/support/identity-test-server.js';
import { as, ok, type TestUser } from './support/tenancy-actors.js';
import { eventually } from './support/tenancy-world.js';

const isPostgresAvailable = await requirePostgres();

const DEMO_PASSWORD = 'threatloom-demo';

const SYSTEMS = `{ systems { edges { node {
  id name ownerOrganisationId criticalityTier modelIds myPermissions
  shares { granteeOrganisationId role }
} } } }`;

const VENDOR_MODEL = `query ($id: ID!) { model(id: $id) {
  name organisationId systemId streamVersion
  zones { edges { node { id name trust } } }
  elements { edges { node { id kind zoneId } } }
  flows { edges { node { id sourceId destinationId protocol data } } }
  threats { edges { node { id ref stride targetKind targetId
    score { method vector value severity }
    mitigations { id status }
  } } }
} }`;

const ADD_ZONE =
  'mutation ($m: ID!, $v: Int!, $input: AddZoneInput!) { addZone(modelId: $m, expectedVersion: $v, input: $input) { streamVersion } }';

interface SystemNode {
  id: string;
  name: string;
  ownerOrganisationId: string;
  criticalityTier: number;
  modelIds: string[];
  myPermissions: string[];
  shares: { granteeOrganisationId: string; role: string }[];
}

interface Edges<Node> {
  edges: { node: Node }[];
}

interface VendorModel {
  name: string;
  organisationId: string;
  systemId: string;
  streamVersion: number;
  zones: Edges<{ id: string; name: string; trust: string }>;
  elements: Edges<{ id: string; kind: string; zoneId: string }>;
  flows: Edges<{
    id: string;
    sourceId: string;
    destinationId: string;
    protocol: string;
    data: string;
  }>;
  threats: Edges<{
    id: string;
    ref: number;
    stride: string;
    targetKind: string;
    targetId: string;
    score: { method: string; vector: string | null; value: number | null } | null;
    mitigations: { id: string; status: string }[];
  }>;
}

function nodes<Node>(connection: Edges<Node>): Node[] {
  return connection.edges.map((edge) => edge.node);
}

async function signInAs(server: TestServer, email: string): Promise<TestUser> {
  const browser = new CookieBrowser();
  const answer = await signIn(browser, server, email, DEMO_PASSWORD);
  const data = answer.data?.signIn;
  if (!data) throw new Error(`${email} could not sign in: ${JSON.stringify(answer.errors)}`);
  return { userId: data.user.id, email: data.user.email, browser, csrfToken: data.csrfToken };
}

/** The Helix LIMS model as `user` reads it, once the read models have caught up with the seed. */
async function vendorModelAs(server: TestServer, user: TestUser): Promise<VendorModel> {
  let model: VendorModel | undefined;
  await eventually(async () => {
    const answer = await as<{ model: VendorModel }>(server, user, VENDOR_MODEL, {
      id: DEMO_VENDOR_MODEL_ID,
    });
    model = answer.data?.model;
    return model !== undefined && model.threats.edges.length === 4;
  }, 30_000);
  return model as VendorModel;
}

function vendorDemoSpec(dialect: TestDialect) {
  describe(`the vendor demo on ${dialect}`, () => {
    let server: TestServer;
    let demo: TestUser;
    let vendor: TestUser;

    beforeAll(async () => {
      server = await startTestServer(dialect, {
        SEED_DEMO: 'true',
        DEMO_ACCOUNT_PASSWORD: DEMO_PASSWORD,
      });
      demo = await signInAs(server, 'demo@threatloom.local');
      vendor = await signInAs(server, 'vendor@threatloom.local');
    });
    afterAll(async () => server?.close());

    it('makes the vendor account the admin of Helix Sequencing, and of nothing else', async () => {
      const data = await ok<{ organisations: { id: string; name: string; slug: string }[] }>(
        server,
        vendor,
        '{ organisations { id name slug } }',
      );
      expect(data.organisations).toEqual([
        { id: DEMO_VENDOR_ORGANISATION_ID, name: 'Helix Sequencing', slug: 'helix-sequencing' },
      ]);
      const members = await ok<{ members: { userId: string; role: string }[] }>(
        server,
        vendor,
        'query ($o: ID!) { members(organisationId: $o) { userId role } }',
        { o: DEMO_VENDOR_ORGANISATION_ID },
      );
      expect(members.members).toEqual([{ userId: vendor.userId, role: 'admin' }]);
    });

    it('lists the demo account both systems: GenomeWell platform owned, Helix LIMS shared at role editor', async () => {
      const data = await ok<{ systems: Edges<SystemNode> }>(server, demo, SYSTEMS);
      const systems = nodes(data.systems);
      expect(systems.map((system) => system.name)).toEqual(['GenomeWell platform', 'Helix LIMS']);
      expect(systems[0]).toMatchObject({
        id: DEMO_SYSTEM_ID,
        ownerOrganisationId: DEMO_ORGANISATION_ID,
        modelIds: [DEMO_MODEL_ID],
      });
      expect(systems[1]).toMatchObject({
        id: DEMO_VENDOR_SYSTEM_ID,
        ownerOrganisationId: DEMO_VENDOR_ORGANISATION_ID,
        criticalityTier: 2,
        modelIds: [DEMO_VENDOR_MODEL_ID],
        shares: [{ granteeOrganisationId: DEMO_ORGANISATION_ID, role: 'editor' }],
      });
      expect(systems[1]?.myPermissions).toContain('edit');
      expect(systems[1]?.myPermissions).not.toContain('admin');
    });

    it('shows the vendor account its own system, holding the Helix LIMS model and shared with GenomeWell', async () => {
      const data = await ok<{ systems: Edges<SystemNode> }>(server, vendor, SYSTEMS);
      expect(nodes(data.systems)).toEqual([
        {
          id: DEMO_VENDOR_SYSTEM_ID,
          name: 'Helix LIMS',
          ownerOrganisationId: DEMO_VENDOR_ORGANISATION_ID,
          criticalityTier: 2,
          modelIds: [DEMO_VENDOR_MODEL_ID],
          myPermissions: expect.arrayContaining(['read', 'edit', 'admin']) as unknown as string[],
          shares: [{ granteeOrganisationId: DEMO_ORGANISATION_ID, role: 'editor' }],
        },
      ]);
    });

    it('holds a small real model in Helix LIMS: two zones, five elements, five flows, four threats, one planned mitigation', async () => {
      const model = await vendorModelAs(server, vendor);
      expect(model).toMatchObject({
        name: 'Helix LIMS',
        organisationId: DEMO_VENDOR_ORGANISATION_ID,
        systemId: DEMO_VENDOR_SYSTEM_ID,
      });
      expect(nodes(model.zones).map(({ name, trust }) => [name, trust])).toEqual(
        expect.arrayContaining([
          ['Lab network', 'restricted'],
          ['Vendor cloud', 'partner'],
        ]),
      );
      expect(model.zones.edges).toHaveLength(2);
      expect(
        nodes(model.elements)
          .map((element) => element.kind)
          .sort(),
      ).toEqual(['data_store', 'external_entity', 'external_entity', 'process', 'process']);
      const flows = nodes(model.flows);
      expect(flows).toHaveLength(5);
      for (const flow of flows) {
        expect(flow.protocol, flow.id).not.toBe('');
        expect(flow.data, flow.id).not.toBe('');
      }
      const threats = nodes(model.threats);
      expect(threats.map((threat) => threat.stride).sort()).toEqual([
        'elevation_of_privilege',
        'information_disclosure',
        'spoofing',
        'tampering',
      ]);
      const scored = threats.filter((threat) => threat.score?.method === 'cvss');
      expect(scored.length).toBeGreaterThan(0);
      for (const threat of scored) {
        expect(threat.score?.vector).toMatch(/^CVSS:3\.1\//);
        expect(threat.score?.value).toBeGreaterThan(0);
      }
      const mitigations = threats.flatMap((threat) => threat.mitigations);
      expect(mitigations).toEqual([{ id: 'mitigation-1', status: 'planned' }]);
    });

    it('lets the demo account edit the shared model as an editor of GenomeWell', async () => {
      const model = await vendorModelAs(server, demo);
      const added = await ok<{ addZone: { streamVersion: number } }>(server, demo, ADD_ZONE, {
        m: DEMO_VENDOR_MODEL_ID,
        v: model.streamVersion,
        input: { zoneId: 'zone-genomewell-review', name: 'GenomeWell review', trust: 'partner' },
      });
      expect(added.addZone.streamVersion).toBe(model.streamVersion + 1);
    });
  });
}

vendorDemoSpec('pglite');
describe.skipIf(!isPostgresAvailable)('PostgreSQL', () => vendorDemoSpec('postgres'));
