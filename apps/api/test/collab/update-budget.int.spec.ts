import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PoisonedUpdate, UndecodableUpdate, UpdateCheck } from '../../src/collab/update-check.js';
import { startTestServer, type TestServer } from '../identity/support/identity-test-server.js';
import type { TestUser } from '../tenancy/support/tenancy-actors.js';
import {
  addMember,
  newModel,
  newOrganisation,
  newSystem,
  type TestOrganisation,
} from '../tenancy/support/tenancy-world.js';
import { collabClient, synced, until, type CollabClient } from './support/collab-client.js';
import { rawSocket, updateFrame } from './support/raw-socket.js';

/**
 * A valid update of 55,000 map entries (about 1 MB, under the message cap):
 * decoding it and applying it to an empty doc takes over 100 ms here, more
 * than twice a budget of 40 ms, which any edit a person makes fits in many
 * times over. It stands for an update built to make decoding loop.
 */
function slowUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    const junk = doc.getMap<number>('junk');
    for (let index = 0; index < 55_000; index += 1) junk.set(`k${index}`, index);
  });
  return Y.encodeStateAsUpdate(doc);
}

function smallUpdate(name: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('model').set('name', name);
  return Y.encodeStateAsUpdate(doc);
}

describe('the update check (a worker thread with a time budget)', () => {
  it('passes good updates in order, refuses undecodable ones, and replaces its thread after a slow one', async () => {
    const check = new UpdateCheck(40);
    try {
      const outcomes: string[] = [];
      const record = (label: string, checked: Promise<void>) =>
        checked.then(
          () => outcomes.push(`${label}: ok`),
          (error: unknown) =>
            outcomes.push(
              `${label}: ${error instanceof PoisonedUpdate ? 'poisoned' : error instanceof UndecodableUpdate ? 'undecodable' : 'other'}`,
            ),
        );
      await Promise.all([
        record('first', check.check(smallUpdate('a'))),
        record('garbage', check.check(new Uint8Array([1, 200, 3, 7, 7, 7]))),
        record('slow', check.check(slowUpdate())),
        record('after', check.check(smallUpdate('b'))),
      ]);
      expect(outcomes).toEqual([
        'first: ok',
        'garbage: undecodable',
        'slow: poisoned',
        'after: ok',
      ]);
      // Twice: the slow update is checked once more before it is refused.
      expect(check.restarts).toBe(2);
    } finally {
      await check.close();
    }
  });

  it('gives a slow update its whole budget when the budget allows it', async () => {
    const check = new UpdateCheck(20_000);
    try {
      await expect(check.check(slowUpdate())).resolves.toBeUndefined();
      expect(check.restarts).toBe(0);
    } finally {
      await check.close();
    }
  });
});

describe('an update over its decoding budget at /collab (PGlite)', () => {
  let server: TestServer;
  let owner: TestOrganisation;
  let modelId: string;
  let witness: CollabClient;
  let colleague: TestUser;

  beforeAll(async () => {
    server = await startTestServer('pglite', { COLLAB_UPDATE_BUDGET_MS: '40' });
    owner = await newOrganisation(server, 'budget');
    const systemId = await newSystem(server, owner, 'Budgeted');
    modelId = await newModel(server, owner, systemId, 'Budgeted model');
    colleague = await addMember(server, owner, 'editor');
    witness = collabClient(server.baseUrl, modelId, { user: owner.admin });
    await synced(witness);
  });

  afterAll(async () => {
    witness?.destroy();
    await server?.close();
  });

  it('drops only its sender, with 4422, bars its author for a while, and applies nothing of it', async () => {
    const socket = await rawSocket(server, modelId, owner);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    socket.send(updateFrame(slowUpdate()));
    const { code, reason } = await closed;
    expect(code).toBe(4422);
    expect(reason).toMatch(/too long to decode/);

    // Its author may not connect again for a while; everyone else may.
    const again = collabClient(server.baseUrl, modelId, { user: owner.admin });
    try {
      await until(() => again.closes.length > 0, 10_000, 'the author is refused');
      expect(again.closes[0]?.code).toBe(4429);
      expect(again.closes[0]?.reason).toMatch(/took too long to decode; connect again in \d+ s/);
    } finally {
      again.destroy();
    }

    // Nothing of it reached the doc, and the server still serves the model.
    witness.edit.setName('Unharmed');
    const late = collabClient(server.baseUrl, modelId, { user: colleague });
    try {
      await synced(late);
      await until(() => late.edit.meta().name === 'Unharmed', 10_000, 'edit after the slow update');
      expect(late.doc.getMap('junk').size).toBe(0);
      expect(witness.doc.getMap('junk').size).toBe(0);
    } finally {
      late.destroy();
    }
  });
});
