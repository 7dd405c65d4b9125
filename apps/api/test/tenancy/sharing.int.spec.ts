import { GraphQLSchemaHost } from '@nestjs/graphql';
import { decide, decideSystem, replay, replaySystem, type SystemEvent } from '@threatloom/domain';
import { requirePostgres } from '@threatloom/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestServer,
  type TestDialect,
  type TestServer,
} from '../identity/support/identity-test-server.js';
import { subscribe, wsClientFor } from './support/graphql-ws-client.js';
import { as, ok } from './support/tenancy-actors.js';
import {
  eventually,
  newModel,
  newOrganisation,
  newSystem,
  share,
  type TestOrganisation,
} from './support/tenancy-world.js';

const isPostgresAvailable = await requirePostgres();

const SYSTEM =
  'query ($id: ID!) { system(id: $id) { id myPermissions shares { granteeOrganisationId role } } }';
const MODEL = 'query ($id: ID!) { model(id: $id) { id } }';
const SYSTEMS = '{ systems { edges { node { id } } } }';
const REVOKE =
  'mutation ($s: ID!, $g: ID!) { revokeSystemShare(systemId: $s, granteeOrganisationId: $g) }';
const CHANGE =
  'mutation ($s: ID!, $g: ID!, $r: ShareRole!) { changeSystemShare(systemId: $s, granteeOrganisationId: $g, role: $r) { role } }';
const MODEL_CHANGED = 'subscription ($m: ID!) { modelChanged(modelId: $m) { type } }';

/** Appends a rename of the model as its owner, through the domain and the real event store. */
async function renameModel(
  server: TestServer,
  owner: TestOrganisation,
  modelId: string,
  name: string,
) {
  const stored = await server.database.eventStore.readStream(`model-${modelId}`);
  const state = replay(
    stored.map(
      (event) =>
        ({ type: event.type, schemaVersion: event.schemaVersion, data: event.data }) as never,
    ),
  );
  const decision = decide({ type: 'RenameThreatModel', name }, state, {
    actor: { userId: owner.admin.userId, organisationId: owner.id, roles: ['admin'] },
    now: new Date().toISOString(),
  });
  if (!decision.ok) throw decision.error;
  await server.database.eventStore.append(
    `model-${modelId}`,
    decision.events.map((event) => ({
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: { actor: owner.admin.userId, organisation: owner.id },
    })),
    { expectedVersion: stored.length - 1 },
  );
}

/**
 * Revokes a share by appending the event straight to the store, as another
 * process would, without the NOTIFY the mutation sends.
 */
async function revokeQuietly(
  server: TestServer,
  owner: TestOrganisation,
  systemId: string,
  granteeId: string,
) {
  const stored = await server.database.eventStore.readStream(`system-${systemId}`);
  const state = replaySystem(
    stored.map(
      (event) =>
        ({ type: event.type, schemaVersion: event.schemaVersion, data: event.data }) as SystemEvent,
    ),
  );
  const decision = decideSystem(
    { type: 'RevokeSystemShare', systemId, granteeOrganisationId: granteeId },
    state,
    {
      actor: {
        userId: owner.admin.userId,
        email: owner.admin.email,
        organisationId: owner.id,
        role: 'admin',
      },
      now: new Date().toISOString(),
    },
  );
  if (!decision.ok) throw decision.error;
  await server.database.eventStore.append(
    `system-${systemId}`,
    decision.events.map((event) => ({
      ...event,
      metadata: { actor: owner.admin.userId, organisation: owner.id },
    })),
    { expectedVersion: stored.length - 1 },
  );
}

function sharingSpec(dialect: TestDialect) {
  describe(`sharing a system on ${dialect}`, () => {
    let server: TestServer;
    let owner: TestOrganisation;
    let vendor: TestOrganisation;
    let systemId: string;
    let modelId: string;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      owner = await newOrganisation(server, 'genomewell');
      vendor = await newOrganisation(server, 'vendor');
      systemId = await newSystem(server, owner, 'GenomeWell platform');
      modelId = await newModel(server, owner, systemId, 'Patient portal');
    });
    afterAll(async () => server?.close());

    it('gives an editor share read and edit on the system and its models, nothing more', async () => {
      await share(server, owner, systemId, vendor.id, 'editor');
      const answer = await ok<{ system: { myPermissions: string[]; shares: unknown[] } }>(
        server,
        vendor.admin,
        SYSTEM,
        { id: systemId },
      );
      expect(answer.system.myPermissions).toEqual(['read', 'edit']);
      expect(answer.system.shares).toEqual([{ granteeOrganisationId: vendor.id, role: 'editor' }]);
      expect((await as(server, vendor.admin, MODEL, { id: modelId })).errors).toBeUndefined();
    });

    it('narrows the grantee at once when the share changes to viewer', async () => {
      await ok(server, owner.admin, CHANGE, { s: systemId, g: vendor.id, r: 'viewer' });
      const answer = await ok<{ system: { myPermissions: string[] } }>(
        server,
        vendor.admin,
        SYSTEM,
        { id: systemId },
      );
      expect(answer.system.myPermissions).toEqual(['read']);
    });

    it('takes every access away the moment the share is revoked', async () => {
      await ok(server, owner.admin, REVOKE, { s: systemId, g: vendor.id });
      // No waiting: the mutation answered after the read model changed.
      expect(
        (await as(server, vendor.admin, SYSTEM, { id: systemId })).errors?.[0]?.extensions?.[
          'code'
        ],
      ).toBe('NOT_FOUND');
      expect(
        (await as(server, vendor.admin, MODEL, { id: modelId })).errors?.[0]?.extensions?.['code'],
      ).toBe('NOT_FOUND');
      const listed = await ok<{ systems: { edges: { node: { id: string } }[] } }>(
        server,
        vendor.admin,
        SYSTEMS,
      );
      expect(listed.systems.edges.map((edge) => edge.node.id)).not.toContain(systemId);
    });

    it('ends an open model subscription of the grantee when the share is revoked', async (context) => {
      const hasSubscription = server.app
        .get(GraphQLSchemaHost)
        .schema.getSubscriptionType()
        ?.getFields()['modelChanged'];
      if (!hasSubscription) context.skip('the schema has no modelChanged subscription');
      await share(server, owner, systemId, vendor.id, 'viewer');
      const probe = subscribe(wsClientFor(server, vendor.admin), MODEL_CHANGED, { m: modelId });
      // Given a live subscription that receives the owner's changes...
      await eventually(async () => {
        await renameModel(server, owner, modelId, `renamed ${Date.now()}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return probe.next.length > 0;
      });
      // ...when the share is revoked, then the subscription ends with an error and receives nothing more.
      await ok(server, owner.admin, REVOKE, { s: systemId, g: vendor.id });
      await Promise.race([
        probe.ended,
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('subscription still open')), 5000),
        ),
      ]);
      expect(probe.error).toBeDefined();
      const received = probe.next.length;
      await renameModel(server, owner, modelId, 'after revocation');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(probe.next.length).toBe(received);
      await probe.dispose();
    });

    it('withholds the next event and ends the subscription when access vanished without a notice', async (context) => {
      const hasSubscription = server.app
        .get(GraphQLSchemaHost)
        .schema.getSubscriptionType()
        ?.getFields()['modelChanged'];
      if (!hasSubscription) context.skip('the schema has no modelChanged subscription');
      await share(server, owner, systemId, vendor.id, 'viewer');
      const probe = subscribe(wsClientFor(server, vendor.admin), MODEL_CHANGED, { m: modelId });
      await eventually(async () => {
        await renameModel(server, owner, modelId, `quiet ${Date.now()}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return probe.next.length > 0;
      });
      await revokeQuietly(server, owner, systemId, vendor.id);
      await eventually(
        async () => (await as(server, vendor.admin, SYSTEM, { id: systemId })).errors !== undefined,
      );
      const received = probe.next.length;
      await renameModel(server, owner, modelId, 'pushed after the share vanished');
      await Promise.race([
        probe.ended,
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('subscription still open')), 5000),
        ),
      ]);
      expect(probe.next.length).toBe(received);
      expect(probe.error).toBeDefined();
      await probe.dispose();
    });

    it('keeps the owner subscription open when a share is revoked', async (context) => {
      const hasSubscription = server.app
        .get(GraphQLSchemaHost)
        .schema.getSubscriptionType()
        ?.getFields()['modelChanged'];
      if (!hasSubscription) context.skip('the schema has no modelChanged subscription');
      await share(server, owner, systemId, vendor.id, 'viewer');
      const probe = subscribe(wsClientFor(server, owner.admin), MODEL_CHANGED, { m: modelId });
      await eventually(async () => {
        await renameModel(server, owner, modelId, `owner sees ${Date.now()}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return probe.next.length > 0;
      });
      await ok(server, owner.admin, REVOKE, { s: systemId, g: vendor.id });
      const before = probe.next.length;
      await renameModel(server, owner, modelId, 'still watched');
      await eventually(async () => probe.next.length > before);
      expect(probe.error).toBeUndefined();
      await probe.dispose();
    });
  });
}

sharingSpec('pglite');
describe.skipIf(!isPostgresAvailable)('PostgreSQL', () => sharingSpec('postgres'));
