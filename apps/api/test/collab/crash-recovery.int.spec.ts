import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelFromDoc, sameJson } from '@threatloom/collab';
import { afterAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../support/api-server.js';
import { createModelOwner } from '../support/model-owner.js';
import { spawnServer, type ServerProcess } from '../support/server-process.js';
import {
  collabClient,
  isSaved,
  synced,
  until,
  type CollabClient,
} from './support/collab-client.js';

/**
 * The server is killed with SIGKILL in the middle of an edit. What a client
 * was told is saved survives; what was not yet saved is re-sent by the client
 * when it reconnects (Yjs sync step 2), so nothing of it is lost either.
 */
describe('co-editing across a server crash (PGlite on disk)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'threatloom-collab-crash-'));
  const clients: CollabClient[] = [];
  let server: ServerProcess | null = null;

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing shown as saved, and takes the rest from the reconnecting client', async () => {
    server = await spawnServer({ kind: 'pglite', dataDir });
    const url = server.url;
    const port = new URL(url).port;
    const owner = await createModelOwner(server);
    const created = await postGraphQL<{ createApiToken: { secret: string } }>(
      url,
      'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret } }',
      {
        input: { organisationId: owner.organisationId, roleCeiling: 'editor', name: 'crash test' },
      },
      owner.headers,
    );
    const token = created.data?.createApiToken.secret ?? '';
    expect(token).toMatch(/^tl_/);
    const modelId = await owner.createThreatModel('Crash test');

    const saver = collabClient(url, modelId, { token, origin: null });
    const keeper = collabClient(url, modelId, { token, origin: null });
    clients.push(saver, keeper);
    await Promise.all([synced(saver), synced(keeper)]);

    // Saved: a zone and an element, acknowledged by the server.
    saver.edit.add('zones', 'z', {
      name: 'Enclave',
      trust: 'restricted',
      parentZoneId: null,
      description: '',
    });
    saver.edit.add('elements', 'api', {
      kind: 'process',
      name: 'API',
      description: '',
      technology: '',
      zoneId: 'z',
      c4Level: 'container',
      tags: [],
    });
    await until(() => isSaved(saver), 10_000, 'saved before the crash');

    // Not yet saved: edits inside the persistence window, then SIGKILL.
    saver.edit.update('elements', 'api', { name: 'Lost with its client' });
    keeper.edit.add('assets', 'genomes', {
      name: 'Genomes',
      description: '',
      sensitivity: 'critical',
      businessImpact: 'critical',
    });
    process.kill(server.pid, 'SIGKILL');
    await server.stop();
    // The saver never comes back: its unsaved edit is gone, its saved ones are not.
    saver.provider.destroy();

    server = await spawnServer({ kind: 'pglite', dataDir }, { PORT: port });
    const reader = collabClient(url, modelId, { token, origin: null });
    clients.push(reader);
    await synced(reader);
    expect(reader.edit.get('zones', 'z')?.name).toBe('Enclave');
    expect(reader.edit.get('elements', 'api')?.name).toBe('API');

    // The keeper reconnects by itself and re-sends its unsaved asset.
    await until(() => reader.edit.get('assets', 'genomes') !== undefined, 20_000, 'resynced');
    await until(() => isSaved(keeper), 10_000, 'keeper saved after the restart');

    // The stream (read through GraphQL) holds what the docs show.
    await until(
      () => sameJson(modelFromDoc(reader.doc), modelFromDoc(keeper.doc)),
      10_000,
      'converged',
    );
    const stored = await postGraphQL<{
      model: {
        elements: { edges: Array<{ node: { id: string; name: string } }> };
        assets: { edges: Array<{ node: { id: string; name: string } }> };
      };
    }>(
      url,
      'query ($id: ID!) { model(id: $id) { elements { edges { node { id name } } } assets { edges { node { id name } } } } }',
      { id: modelId },
      owner.headers,
    );
    expect(stored.errors).toBeUndefined();
    expect(stored.data?.model.elements.edges.map(({ node }) => node)).toEqual([
      { id: 'api', name: 'API' },
    ]);
    expect(stored.data?.model.assets.edges.map(({ node }) => node)).toEqual([
      { id: 'genomes', name: 'Genomes' },
    ]);
  }, 120_000);
});
