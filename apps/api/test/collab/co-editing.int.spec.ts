import { collabModelOf, modelFromDoc, sameJson } from '@threatloom/collab';
import { replay, upcast } from '@threatloom/domain';
import { requirePostgres } from '@threatloom/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CollabService } from '../../src/collab/collab.service.js';
import {
  startTestServer,
  type TestDialect,
  type TestServer,
} from '../identity/support/identity-test-server.js';
import {
  addMember,
  newModel,
  newOrganisation,
  newSystem,
  share,
  type TestOrganisation,
} from '../tenancy/support/tenancy-world.js';
import { as, ok, type TestUser } from '../tenancy/support/tenancy-actors.js';
import {
  collabClient,
  isSaved,
  synced,
  until,
  type CollabClient,
} from './support/collab-client.js';

const isPostgresAvailable = await requirePostgres();

const EXECUTE = `mutation ($modelId: ID!, $expectedVersion: Int!, $command: JSON!) {
  executeModelCommand(modelId: $modelId, expectedVersion: $expectedVersion, command: $command) { streamVersion }
}`;

describe.each<TestDialect>(['pglite', 'postgres'])('co-editing on %s', (dialect) => {
  const run = dialect === 'postgres' && !isPostgresAvailable ? it.skip : it;
  let server: TestServer;
  let agency: TestOrganisation;
  let vendor: TestOrganisation;
  let regulator: TestOrganisation;
  let agencyEditor: TestUser;
  let systemId: string;
  const clients: CollabClient[] = [];

  function open(modelId: string, user: TestUser): CollabClient {
    const client = collabClient(server.baseUrl, modelId, { user });
    clients.push(client);
    return client;
  }

  async function model(): Promise<string> {
    return newModel(server, agency, systemId, `Model ${clients.length}`);
  }

  async function storedEvents(modelId: string) {
    return server.database.eventStore.readStream(`model-${modelId}`);
  }

  beforeAll(async () => {
    if (dialect === 'postgres' && !isPostgresAvailable) return;
    server = await startTestServer(dialect);
    agency = await newOrganisation(server, 'agency');
    vendor = await newOrganisation(server, 'vendor');
    regulator = await newOrganisation(server, 'regulator');
    agencyEditor = await addMember(server, agency, 'editor');
    systemId = await newSystem(server, agency, 'Research environment');
    await share(server, agency, systemId, vendor.id, 'editor');
    await share(server, agency, systemId, regulator.id, 'viewer');
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.close();
  });

  run(
    'two editors of two organisations converge, and each change is an event of its author',
    async () => {
      const modelId = await model();
      const a = open(modelId, agencyEditor);
      const b = open(modelId, vendor.admin);
      await Promise.all([synced(a), synced(b)]);
      // The model's own fields arrived with the first sync.
      expect(a.edit.meta().name).toMatch(/^Model/);

      a.edit.add('zones', 'zone-1', {
        name: 'Enclave',
        trust: 'restricted',
        parentZoneId: null,
        description: '',
      });
      await until(() => b.edit.get('zones', 'zone-1') !== undefined, 10_000, 'zone reaches b');
      b.edit.add('elements', 'api', {
        kind: 'process',
        name: 'API',
        description: '',
        technology: 'Node.js',
        zoneId: 'zone-1',
        c4Level: 'container',
        tags: [],
      });
      await until(() => a.edit.get('elements', 'api') !== undefined, 10_000, 'element reaches a');
      // Concurrent edits: both type into one description, both rename the element.
      a.edit.text('elements', 'api', 'description')?.insert(0, 'Serves researchers. ');
      b.edit.text('elements', 'api', 'description')?.insert(0, 'Runs in the enclave. ');
      a.edit.update('elements', 'api', { name: 'Gateway (agency)' });
      b.edit.update('elements', 'api', { name: 'Gateway (vendor)' });

      await until(() => isSaved(a) && isSaved(b), 10_000, 'both saved');
      await until(
        () => sameJson(modelFromDoc(a.doc), modelFromDoc(b.doc)),
        10_000,
        'the two docs converge',
      );
      const description = a.edit.get('elements', 'api')?.description ?? '';
      expect(description).toContain('Serves researchers.');
      expect(description).toContain('Runs in the enclave.');

      // The stream agrees with the docs, and names each author's organisation.
      const events = await storedEvents(modelId);
      const state = replay(events.map(upcast));
      expect(sameJson(modelFromDoc(a.doc), collabModelOf(state))).toBe(true);
      const organisationsOf = (type: string) =>
        new Set(
          events.filter((event) => event.type === type).map((event) => event.metadata.organisation),
        );
      expect(organisationsOf('ZoneAdded')).toEqual(new Set([agency.id]));
      expect(organisationsOf('ElementAdded')).toEqual(new Set([vendor.id]));
      expect(organisationsOf('ElementChanged')).toEqual(new Set([agency.id, vendor.id]));
    },
  );

  run("a viewer's write never reaches anyone, and the viewer is told why", async () => {
    const modelId = await model();
    const editor = open(modelId, agencyEditor);
    const viewer = open(modelId, regulator.admin);
    await Promise.all([synced(editor), synced(viewer)]);
    const seen: Uint8Array[] = [];
    editor.doc.on('update', (update: Uint8Array) => seen.push(update));
    viewer.edit.setName('Renamed by the regulator');
    await until(() => viewer.denied.length > 0, 10_000, 'permission denied');
    expect(viewer.denied[0]).toMatch(/may read .* not change|FORBIDDEN|may not|read/i);
    await until(
      () => viewer.edit.meta().name !== 'Renamed by the regulator',
      10_000,
      'viewer reverted',
    );
    // A later edit by the editor still reaches the viewer: the viewer converged.
    editor.edit.setName('Renamed by the agency');
    await until(
      () => viewer.edit.meta().name === 'Renamed by the agency',
      10_000,
      'viewer follows',
    );
    const received = Buffer.concat(seen.map((update) => Buffer.from(update))).toString('latin1');
    expect(received).not.toContain('Renamed by the regulator');
    const events = await storedEvents(modelId);
    expect(events.map((event) => event.metadata.organisation)).not.toContain(regulator.id);
  });

  run('a GraphQL mutation shows up in an open doc', async () => {
    const modelId = await model();
    const client = open(modelId, vendor.admin);
    await synced(client);
    const events = await storedEvents(modelId);
    await ok(server, agency.admin, EXECUTE, {
      modelId,
      expectedVersion: events.at(-1)!.streamVersion,
      command: { type: 'AddZone', zoneId: 'dmz', name: 'DMZ', trust: 'external' },
    });
    await until(() => client.edit.get('zones', 'dmz')?.name === 'DMZ', 10_000, 'zone in the doc');
  });

  run(
    'refuses a connection without credentials, and a stranger, with documented close codes',
    async () => {
      const modelId = await model();
      const anonymous = collabClient(server.baseUrl, modelId, {});
      clients.push(anonymous);
      await until(() => anonymous.closes.length > 0, 10_000, 'anonymous closed');
      expect(anonymous.closes[0]?.code).toBe(4401);
      const strangers = await newOrganisation(server, 'stranger');
      const stranger = open(modelId, strangers.admin);
      await until(() => stranger.closes.length > 0, 10_000, 'stranger closed');
      expect(stranger.closes[0]?.code).toBe(4403);
      expect(stranger.edit.meta().name).toBeUndefined();
    },
  );

  run('a revoked share disconnects at once', async () => {
    const otherSystem = await newSystem(server, agency, 'Shared briefly');
    const partner = await newOrganisation(server, 'partner');
    await share(server, agency, otherSystem, partner.id, 'editor');
    const modelId = await newModel(server, agency, otherSystem, 'Briefly shared model');
    const client = open(modelId, partner.admin);
    await synced(client);
    await ok(
      server,
      agency.admin,
      'mutation ($s: ID!, $g: ID!) { revokeSystemShare(systemId: $s, granteeOrganisationId: $g) }',
      { s: otherSystem, g: partner.id },
    );
    await until(() => client.closes.length > 0, 10_000, 'revoked client closed');
    expect(client.closes[0]?.code).toBe(4403);
  });

  run(
    'a move through GraphQL reaches open docs as a doc update, with no domain event',
    async () => {
      const modelId = await model();
      const client = open(modelId, vendor.admin);
      await synced(client);
      client.edit.add('zones', 'z', {
        name: 'Lab',
        trust: 'trusted',
        parentZoneId: null,
        description: '',
      });
      client.edit.add('elements', 'sequencer', {
        kind: 'process',
        name: 'Sequencer',
        description: '',
        technology: '',
        zoneId: 'z',
        c4Level: 'container',
        tags: [],
      });
      await until(() => isSaved(client), 10_000, 'saved');
      const before = await storedEvents(modelId);
      const moved = await ok<{ changeElement: { streamVersion: number; events: unknown[] } }>(
        server,
        agency.admin,
        'mutation ($m: ID!, $v: Int!, $input: ChangeElementInput!) { changeElement(modelId: $m, expectedVersion: $v, input: $input) { streamVersion events { type } } }',
        {
          m: modelId,
          v: before.at(-1)!.streamVersion,
          input: { elementId: 'sequencer', layout: { x: 40, y: 60 } },
        },
      );
      expect(moved.changeElement.events).toEqual([]);
      await until(
        () => client.edit.elementLayout('sequencer')?.x === 40,
        10_000,
        'move reaches the doc',
      );
      expect((await storedEvents(modelId)).length).toBe(before.length);
      // Moving an element the model does not have is refused, naming it.
      const missing = await as(
        server,
        agency.admin,
        'mutation ($m: ID!, $v: Int!, $input: ChangeElementInput!) { changeElement(modelId: $m, expectedVersion: $v, input: $input) { streamVersion } }',
        {
          m: modelId,
          v: before.at(-1)!.streamVersion,
          input: { elementId: 'nowhere', layout: { x: 1, y: 1 } },
        },
      );
      expect(missing.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    },
  );

  run('presence names who the server authenticated, and carries nothing else', async () => {
    const modelId = await model();
    const spoofer = open(modelId, vendor.admin);
    const watcher = open(modelId, agencyEditor);
    await Promise.all([synced(spoofer), synced(watcher)]);
    spoofer.provider.awareness.setLocalState({
      user: { id: agency.admin.userId, name: 'The agency admin', colour: '#ff0000' },
      selection: ['api', 42, 'x'.repeat(500)],
      cursor: { x: 10, y: 20 },
      secret: 'smuggled to every client',
    });
    const seen = () =>
      watcher.provider.awareness.getStates().get(spoofer.doc.clientID) as
        Record<string, unknown> | undefined;
    await until(() => seen()?.['user'] !== undefined, 10_000, 'presence arrives');
    expect(seen()).toEqual({
      user: {
        id: vendor.admin.userId,
        name: vendor.admin.email,
        organisationId: vendor.id,
        organisationName: 'vendor Ltd',
        colour: '#ff0000',
      },
      selection: ['api'],
      cursor: { x: 10, y: 20 },
    });
  });

  run("a connection cannot speak for, or remove, another connection's presence", async () => {
    const modelId = await model();
    const victim = open(modelId, agencyEditor);
    const spoofer = open(modelId, vendor.admin);
    const watcher = open(modelId, agency.admin);
    await Promise.all([synced(victim), synced(spoofer), synced(watcher)]);
    victim.provider.awareness.setLocalState({ selection: ['genuine'] });
    const victimSeen = () =>
      watcher.provider.awareness.getStates().get(victim.doc.clientID) as
        Record<string, unknown> | undefined;
    await until(
      () => sameJson(victimSeen()?.['selection'], ['genuine']),
      10_000,
      "the victim's presence arrives",
    );
    const genuine = victimSeen();

    // An awareness message under the victim's client id, with a clock far ahead of the
    // victim's: it would win if the server let it through. Then one that removes it.
    const forged = new Y.Doc();
    forged.clientID = victim.doc.clientID;
    const forgery = new awarenessProtocol.Awareness(forged);
    const frame = () => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint8Array(
        encoder,
        awarenessProtocol.encodeAwarenessUpdate(forgery, [forged.clientID]),
      );
      return encoding.toUint8Array(encoder);
    };
    for (let clock = 0; clock < 50; clock += 1) {
      forgery.setLocalState({ selection: ['forged'], user: { name: 'Someone else' } });
    }
    const socket = spoofer.provider.ws;
    if (socket === null) throw new Error('the spoofer is not connected');
    socket.send(frame());
    forgery.setLocalState(null);
    socket.send(frame());
    // Messages of one connection are taken in order: once its own next state arrives,
    // the forgeries were handled.
    spoofer.provider.awareness.setLocalState({ selection: ['after'] });
    await until(
      () =>
        sameJson(
          (
            watcher.provider.awareness.getStates().get(spoofer.doc.clientID) as
              Record<string, unknown> | undefined
          )?.['selection'],
          ['after'],
        ),
      10_000,
      "the spoofer's own presence",
    );
    expect(victimSeen()).toEqual(genuine);
    expect(spoofer.closes).toEqual([]);
    forgery.destroy();
  });

  run('offline edits merge on reconnect', async () => {
    const modelId = await model();
    const online = open(modelId, agencyEditor);
    const offline = open(modelId, vendor.admin);
    await Promise.all([synced(online), synced(offline)]);
    online.edit.add('zones', 'z', {
      name: 'Lab',
      trust: 'trusted',
      parentZoneId: null,
      description: '',
    });
    await until(() => offline.edit.get('zones', 'z') !== undefined, 10_000, 'zone reaches both');
    offline.provider.disconnect();
    // Both edit the same description and different fields while apart.
    offline.edit.text('zones', 'z', 'description')?.insert(0, 'Written offline. ');
    offline.edit.update('zones', 'z', { name: 'Sequencing lab' });
    online.edit.text('zones', 'z', 'description')?.insert(0, 'Written online. ');
    online.edit.update('zones', 'z', { trust: 'restricted' });
    await until(() => isSaved(online), 10_000, 'online saved');
    offline.provider.connect();
    await synced(offline);
    await until(() => isSaved(offline), 10_000, 'offline edits saved');
    await until(
      () => sameJson(modelFromDoc(online.doc), modelFromDoc(offline.doc)),
      10_000,
      'converged',
    );
    const zone = online.edit.get('zones', 'z');
    expect(zone).toMatchObject({ name: 'Sequencing lab', trust: 'restricted' });
    expect(zone?.description).toContain('Written offline.');
    expect(zone?.description).toContain('Written online.');
    const state = replay((await storedEvents(modelId)).map(upcast));
    expect(sameJson(modelFromDoc(online.doc), collabModelOf(state))).toBe(true);
  });

  run(
    'opens a doc from its snapshot, and from its stream when the snapshot no longer matches it',
    async () => {
      const modelId = await model();
      const first = open(modelId, agencyEditor);
      await synced(first);
      first.edit.add('assets', 'records', {
        name: 'Health records',
        description: '',
        sensitivity: 'high',
        businessImpact: 'high',
      });
      await until(() => isSaved(first), 10_000, 'saved');
      first.provider.disconnect();
      const scope = { userId: agency.admin.userId, organisationIds: [agency.id] };
      const snapshot = async () =>
        server.database.transaction(scope, (trx) =>
          trx
            .selectFrom('collab_doc_snapshots')
            .select(['stream_version', 'last_hash'])
            .where('model_id', '=', modelId)
            .executeTakeFirst(),
        );
      const collab = server.app.get(CollabService);
      await until(() => !collab.isOpen(modelId), 10_000, 'unloaded after the last client left');
      expect(await snapshot()).toBeDefined();
      const reopened = open(modelId, vendor.admin);
      await synced(reopened);
      expect(reopened.edit.get('assets', 'records')?.name).toBe('Health records');
      reopened.provider.disconnect();
      await until(() => !collab.isOpen(modelId), 10_000, 'unloaded again');
      // A snapshot that does not match the stream is ignored: the doc is read from its events.
      await server.database.transaction(scope, (trx) =>
        trx
          .updateTable('collab_doc_snapshots')
          .set({ last_hash: 'not-the-hash', state: 'AAA=' })
          .where('model_id', '=', modelId)
          .execute(),
      );
      const third = open(modelId, vendor.admin);
      await synced(third);
      expect(third.edit.get('assets', 'records')?.name).toBe('Health records');
    },
  );

  run('a malformed frame closes only the socket that sent it', async () => {
    const modelId = await model();
    const good = open(modelId, agencyEditor);
    const bad = open(modelId, vendor.admin);
    await Promise.all([synced(good), synced(bad)]);
    (bad.provider.ws as unknown as { send(data: Uint8Array): void }).send(
      new Uint8Array([0, 2, 200, 1, 2, 3]),
    );
    await until(() => bad.closes.length > 0, 10_000, 'bad closed');
    expect(bad.closes[0]?.code).toBe(4400);
    bad.provider.disconnect();
    good.edit.setName('Still working');
    const second = open(modelId, vendor.admin);
    await synced(second);
    await until(() => second.edit.meta().name === 'Still working', 10_000, 'others unaffected');
    expect(Y.encodeStateAsUpdate(second.doc).byteLength).toBeGreaterThan(0);
  });
});
