import { randomUUID } from 'node:crypto';
import { requirePostgres } from '@threatloom/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestServer,
  type TestDialect,
  type TestServer,
} from '../identity/support/identity-test-server.js';
import { withoutIds } from './support/operations.js';
import { as, ok } from './support/tenancy-actors.js';
import {
  newModel,
  newOrganisation,
  newSystem,
  type TestOrganisation,
} from './support/tenancy-world.js';

const isPostgresAvailable = await requirePostgres();

const CREATE_MODEL =
  'mutation ($input: CreateThreatModelInput!) { createThreatModel(input: $input) { modelId streamVersion } }';
const CREATE_ORGANISATION =
  'mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }';
const ADD_ZONE =
  'mutation ($m: ID!, $v: Int!, $input: AddZoneInput!) { addZone(modelId: $m, expectedVersion: $v, input: $input) { streamVersion } }';
const ADD_MODEL_TO_SYSTEM =
  'mutation ($s: ID!, $m: ID!) { addModelToSystem(systemId: $s, modelId: $m) { id } }';

/**
 * Ids a client chooses must not tell it what exists elsewhere: a taken id
 * gets the same answer whoever holds it, and that answer names no stream or
 * version.
 */
async function clientChosenIdSpec(dialect: TestDialect) {
  describe(`client-chosen ids on ${dialect}`, () => {
    let server: TestServer;
    let owner: TestOrganisation;
    let stranger: TestOrganisation;
    let ownerSystem: string;
    let ownerModel: string;
    let strangerSystem: string;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      owner = await newOrganisation(server, 'owner');
      stranger = await newOrganisation(server, 'stranger');
      ownerSystem = await newSystem(server, owner, 'Owner platform');
      ownerModel = await newModel(server, owner, ownerSystem, 'Owner model');
      strangerSystem = await newSystem(server, stranger, 'Stranger platform');
      await ok(server, owner.admin, ADD_ZONE, {
        m: ownerModel,
        v: 0,
        input: { zoneId: 'dmz', name: 'DMZ', trust: 'untrusted' },
      });
    });
    afterAll(async () => server?.close());

    it('generates the id of a new model on the server', async () => {
      const created = await ok<{ createThreatModel: { modelId: string } }>(
        server,
        stranger.admin,
        CREATE_MODEL,
        { input: { systemId: strangerSystem, name: 'Mine' } },
      );
      expect(created.createThreatModel.modelId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("answers a stranger naming another organisation's model id when creating one as it answers a fresh id, with no stream details", async () => {
      const forTaken = await as(server, stranger.admin, CREATE_MODEL, {
        input: { systemId: strangerSystem, name: 'Squatter', modelId: ownerModel },
      });
      const forFresh = await as(server, stranger.admin, CREATE_MODEL, {
        input: { systemId: strangerSystem, name: 'Squatter', modelId: randomUUID() },
      });
      expect(forTaken.errors?.[0]?.extensions?.['code']).toBe('VALIDATION');
      expect(forTaken.errors?.[0]?.extensions?.['field']).toBe('input.modelId');
      expect(withoutIds(forTaken.errors)).toEqual(withoutIds(forFresh.errors));
      expect(JSON.stringify(forTaken)).not.toMatch(/stream|version/i);
    });

    it("answers a taken organisation slug the same whether the caller's organisation holds it or another's", async () => {
      const slug = `taken-${randomUUID().slice(0, 8)}`;
      await ok(server, owner.admin, CREATE_ORGANISATION, { input: { name: 'Slug owner', slug } });
      const byHolder = await as(server, owner.admin, CREATE_ORGANISATION, {
        input: { name: 'Again', slug },
      });
      const byStranger = await as(server, stranger.admin, CREATE_ORGANISATION, {
        input: { name: 'Again', slug },
      });
      expect(byStranger.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
      expect(byStranger.errors).toEqual(byHolder.errors);
      expect(JSON.stringify(byStranger.errors)).not.toMatch(/stream|version|org-/i);
    });

    it("answers a stranger's element id taken in the owner's model as a fresh one: the model is not found", async () => {
      const taken = await as(server, stranger.admin, ADD_ZONE, {
        m: ownerModel,
        v: 1,
        input: { zoneId: 'dmz', name: 'DMZ', trust: 'untrusted' },
      });
      const fresh = await as(server, stranger.admin, ADD_ZONE, {
        m: ownerModel,
        v: 1,
        input: { zoneId: 'fresh', name: 'Fresh', trust: 'untrusted' },
      });
      expect(taken.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
      expect(taken.errors).toEqual(fresh.errors);
    });

    it("answers an owner adopting another organisation's model id as an id that does not exist", async () => {
      const strangerModel = await newModel(server, stranger, strangerSystem, 'Stranger model');
      const foreign = await as(server, owner.admin, ADD_MODEL_TO_SYSTEM, {
        s: ownerSystem,
        m: strangerModel,
      });
      const missing = await as(server, owner.admin, ADD_MODEL_TO_SYSTEM, {
        s: ownerSystem,
        m: randomUUID(),
      });
      expect(foreign.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
      expect(withoutIds(foreign.errors)).toEqual(withoutIds(missing.errors));
    });
  });
}

await clientChosenIdSpec('pglite');
if (isPostgresAvailable) await clientChosenIdSpec('postgres');
else describe.skip('client-chosen ids on postgres (PostgreSQL unreachable)', () => undefined);
