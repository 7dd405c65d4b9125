import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startTestServer, type TestServer } from '../identity/support/identity-test-server.js';
import {
  newModel,
  newOrganisation,
  newSystem,
  type TestOrganisation,
} from '../tenancy/support/tenancy-world.js';
import { collabClient, synced, until, type CollabClient } from './support/collab-client.js';
import { rawSocket, updateFrame } from './support/raw-socket.js';

/**
 * Random, truncated and hostile frames at the co-editing endpoint: each
 * closes at most the socket that sent it; the server keeps serving the
 * model to a well-behaved client, whose edits still go through.
 */
describe('hostile frames at /collab (PGlite)', () => {
  let server: TestServer;
  let owner: TestOrganisation;
  let modelId: string;
  let witness: CollabClient;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    owner = await newOrganisation(server, 'fuzz');
    const systemId = await newSystem(server, owner, 'Fuzzed');
    modelId = await newModel(server, owner, systemId, 'Fuzzed model');
    witness = collabClient(server.baseUrl, modelId, { user: owner.admin });
    await synced(witness);
  });

  afterAll(async () => {
    witness?.destroy();
    await server?.close();
  });

  it('survives random and truncated frames, closing only their sender', async () => {
    const valid = new Y.Doc();
    valid.getMap('model').set('name', 'x');
    const validUpdate = Y.encodeStateAsUpdate(valid);
    const frames = fc.oneof(
      fc.uint8Array({ minLength: 0, maxLength: 64 }),
      // A well-formed update frame cut short.
      fc
        .nat({ max: validUpdate.byteLength })
        .map((cut) => updateFrame(validUpdate).subarray(0, cut + 1)),
      // A well-formed frame around garbage the size of an update.
      fc.uint8Array({ minLength: 1, maxLength: 200 }).map(updateFrame),
      // An awareness message with junk inside.
      fc.uint8Array({ minLength: 0, maxLength: 64 }).map((junk) => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, 1);
        encoding.writeVarUint8Array(encoder, junk);
        return encoding.toUint8Array(encoder);
      }),
    );
    const samples = fc.sample(frames, { numRuns: 60, seed: 7 });
    const codes: number[] = [];
    for (const frame of samples) {
      const socket = await rawSocket(server, modelId, owner);
      const closed = new Promise<number>((resolve) =>
        socket.once('close', (code) => resolve(code)),
      );
      socket.send(frame);
      // Either the server closes it, or it answers and stays open: both are fine, a crash is not.
      const code = await Promise.race([
        closed,
        new Promise<number>((resolve) => setTimeout(() => resolve(0), 300)),
      ]);
      codes.push(code);
      socket.terminate();
    }
    expect(codes.some((code) => code === 4400)).toBe(true);
    expect(codes.every((code) => [0, 4400, 1002, 1006, 1007].includes(code))).toBe(true);
    // A text frame is refused too.
    const text = await rawSocket(server, modelId, owner);
    const textClosed = new Promise<number>((resolve) =>
      text.once('close', (code) => resolve(code)),
    );
    text.send('hello');
    expect(await textClosed).toBe(4400);

    // The server still serves the model, and a good client's edit goes through.
    witness.edit.setName('After the storm');
    const late = collabClient(server.baseUrl, modelId, { user: owner.admin });
    await synced(late);
    await until(
      () => late.edit.meta().name === 'After the storm',
      10_000,
      'edit after the fuzzing',
    );
    late.destroy();
  }, 120_000);

  it('closes a connection that sends a message over the cap with 1009, keeping the others', async () => {
    const socket = await rawSocket(server, modelId, owner);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(new Uint8Array(2 * 1024 * 1024));
    expect(await closed).toBe(1009);
    witness.edit.setName('Still here');
    await until(() => witness.provider.wsconnected, 10_000, 'witness connected');
  });
});
