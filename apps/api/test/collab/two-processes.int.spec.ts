import { collabModelOf, modelFromDoc, sameJson } from '@threatloom/collab';
import { replay, upcast } from '@threatloom/domain';
import { EventStore, openDatabase } from '@threatloom/eventstore';
import { requirePostgres } from '@threatloom/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresFixture, postGraphQL, type PostgresFixture } from '../support/api-server.js';
import { createModelOwner } from '../support/model-owner.js';
import { spawnServer, type ServerProcess } from '../support/server-process.js';
import {
  collabClient,
  isSaved,
  synced,
  until,
  type CollabClient,
} from './support/collab-client.js';

const isPostgresAvailable = await requirePostgres();
if (!isPostgresAvailable) {
  console.warn('\n*** PostgreSQL unreachable: the two-process co-editing suite is SKIPPED ***\n');
}

/**
 * Two API processes on one PostgreSQL serve the same model: clients of each
 * edit it at once, and both docs and the one stream end up agreeing, also
 * after one of the processes is killed mid-edit. Each
 * process appends with optimistic concurrency on the model and doc streams
 * and, when the other got there first, reads what it stored (model events,
 * then its doc updates) and decides again.
 */
describe.skipIf(!isPostgresAvailable)(
  'co-editing through two API processes on one PostgreSQL',
  () => {
    const clients: CollabClient[] = [];
    const servers: ServerProcess[] = [];
    let fixture: PostgresFixture | null = null;

    afterAll(async () => {
      for (const client of clients) client.destroy();
      for (const server of servers) await server.stop();
      await fixture?.drop();
    });

    it('converges concurrent edits through both into one consistent stream', async () => {
      fixture = await createPostgresFixture();
      const first = await spawnServer({ kind: 'postgres', fixture });
      servers.push(first);
      const second = await spawnServer({ kind: 'postgres', fixture });
      servers.push(second);
      const owner = await createModelOwner(first);
      const created = await postGraphQL<{ createApiToken: { secret: string } }>(
        first.url,
        'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret } }',
        {
          input: {
            organisationId: owner.organisationId,
            roleCeiling: 'editor',
            name: 'two processes',
          },
        },
        owner.headers,
      );
      const token = created.data?.createApiToken.secret ?? '';
      const modelId = await owner.createThreatModel('Served twice');

      const a = collabClient(first.url, modelId, { token, origin: null });
      const b = collabClient(second.url, modelId, { token, origin: null });
      clients.push(a, b);
      await Promise.all([synced(a), synced(b)]);

      a.edit.add('zones', 'z', {
        name: 'Enclave',
        trust: 'restricted',
        parentZoneId: null,
        description: '',
      });
      await until(() => b.edit.get('zones', 'z') !== undefined, 15_000, 'zone crosses processes');
      b.edit.add('elements', 'api', {
        kind: 'process',
        name: 'API',
        description: '',
        technology: '',
        zoneId: 'z',
        c4Level: 'container',
        tags: [],
      });
      await until(
        () => a.edit.get('elements', 'api') !== undefined,
        15_000,
        'element crosses processes',
      );
      // At once, through both processes: the same text, the same field, and a move.
      for (let round = 0; round < 5; round += 1) {
        a.edit.text('elements', 'api', 'description')?.insert(0, `a${round} `);
        b.edit.text('elements', 'api', 'description')?.insert(0, `b${round} `);
        a.edit.update('elements', 'api', { technology: `Go ${round}` });
        b.edit.update('elements', 'api', { technology: `Rust ${round}` });
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      b.edit.setElementLayout('api', { x: 300, y: 120 });

      await until(() => isSaved(a) && isSaved(b), 20_000, 'both saved');
      await until(
        () =>
          sameJson(modelFromDoc(a.doc), modelFromDoc(b.doc)) &&
          a.edit.elementLayout('api')?.x === 300,
        20_000,
        'the two docs converge',
      );
      const description = a.edit.get('elements', 'api')?.description ?? '';
      for (let round = 0; round < 5; round += 1) {
        expect(description).toContain(`a${round} `);
        expect(description).toContain(`b${round} `);
      }
      // Each character once: nothing was written twice by the two processes.
      expect(description.length).toBe(5 * 3 * 2);

      // The one stream, read straight from the database, is the model both docs show.
      const database = await openDatabase({ url: fixture.ownerUrl });
      try {
        const events = await new EventStore(database).readStream(`model-${modelId}`);
        const state = replay(events.map(upcast));
        expect(sameJson(modelFromDoc(a.doc), collabModelOf(state))).toBe(true);
        expect(state.elements['api']?.description).toBe(description);
      } finally {
        await database.close();
      }

      // The first process dies (SIGKILL) in the middle of edits through it. What its client
      // saw saved is in the stream; the rest it sends again to the second process, which
      // served the model all along.
      for (let round = 0; round < 3; round += 1) {
        a.edit.text('elements', 'api', 'description')?.insert(0, `s${round} `);
      }
      await until(() => isSaved(a), 20_000, 'saved before the kill');
      for (let round = 0; round < 3; round += 1) {
        a.edit.text('elements', 'api', 'description')?.insert(0, `u${round} `);
      }
      process.kill(first.pid, 'SIGKILL');
      b.edit.update('elements', 'api', { name: 'API (after the kill)' });
      await until(
        () => isSaved(b) && b.edit.get('elements', 'api')?.name === 'API (after the kill)',
        20_000,
        'the second process keeps saving',
      );
      a.provider.destroy();
      const moved = collabClient(second.url, modelId, { token, origin: null }, a.doc);
      clients.push(moved);
      await synced(moved, 20_000);
      await until(() => isSaved(moved) && isSaved(b), 20_000, 'all saved after the move');
      await until(
        () => sameJson(modelFromDoc(moved.doc), modelFromDoc(b.doc)),
        20_000,
        'the docs converge after the kill',
      );
      const after = b.edit.get('elements', 'api')?.description ?? '';
      for (const mark of ['s0 ', 's1 ', 's2 ', 'u0 ', 'u1 ', 'u2 ']) expect(after).toContain(mark);
      expect(after.length).toBe(description.length + 6 * 3);
      const reopened = await openDatabase({ url: fixture.ownerUrl });
      try {
        const events = await new EventStore(reopened).readStream(`model-${modelId}`);
        const state = replay(events.map(upcast));
        expect(sameJson(modelFromDoc(b.doc), collabModelOf(state))).toBe(true);
        expect(state.elements['api']?.name).toBe('API (after the kill)');
      } finally {
        await reopened.close();
      }
    }, 180_000);
  },
);
