import { MODEL_STATE_FORMAT } from '@threatloom/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MODEL_ID, DEMO_ORGANISATION_ID } from '../src/demo/demo-ids.js';
import { ModelStateStore } from '../src/model-state/model-state.store.js';
import { ModelViewCache } from '../src/model-state/model-view-cache.js';
import {
  postGraphQL,
  startApiServer,
  testBackends,
  type ApiServer,
  type GraphQLAnswer,
} from './support/api-server.js';
import { createModelOwner, type ModelOwner } from './support/model-owner.js';

const SNAPSHOT_EVERY = 3;

const EXECUTE =
  'mutation ($modelId: ID!, $expectedVersion: Int!, $command: JSON!) { executeModelCommand(modelId: $modelId, expectedVersion: $expectedVersion, command: $command) { streamVersion } }';
const MATRIX = 'query ($modelId: ID!) { strideMatrix(modelId: $modelId) { rows { id name } } }';
const CHECKLIST =
  'query ($modelId: ID!) { checklist(modelId: $modelId) { passedCount items { id passed offenders { id } } } }';

for (const backend of await testBackends()) {
  describe.skipIf(!backend.isAvailable)(`the per-model state cache (${backend.name})`, () => {
    let server: ApiServer;
    let owner: ModelOwner;
    let modelId: string;
    let version: number;

    async function execute(command: Record<string, unknown>): Promise<void> {
      const answer = await owner.graphql<{ executeModelCommand: { streamVersion: number } }>(
        EXECUTE,
        { modelId, expectedVersion: version, command },
      );
      if (answer.data === null) throw new Error(JSON.stringify(answer.errors));
      version = answer.data.executeModelCommand.streamVersion;
    }

    async function matrixRows(): Promise<string[]> {
      const answer = await owner.graphql<{ strideMatrix: { rows: { name: string }[] } }>(MATRIX, {
        modelId,
      });
      if (answer.data === null) throw new Error(JSON.stringify(answer.errors));
      return answer.data.strideMatrix.rows.map((row) => row.name);
    }

    beforeAll(async () => {
      server = await startApiServer(await backend.create(), {
        MODEL_STATE_SNAPSHOT_EVERY: String(SNAPSHOT_EVERY),
      });
      owner = await createModelOwner(server);
      modelId = await owner.createThreatModel('Cached');
      version = 0;
      await execute({ type: 'AddZone', zoneId: 'zone-1', name: 'Core', trust: 'trusted' });
    });

    afterAll(async () => {
      await server.close();
    });

    it('answers a read right after a write with the write in it, although the state was cached', async () => {
      expect(await matrixRows()).toEqual([]);
      await execute({
        type: 'AddElement',
        elementId: 'api',
        kind: 'process',
        name: 'API',
        zoneId: 'zone-1',
      });
      expect(await matrixRows()).toEqual(['API']);
    });

    it('keeps the checklist for a move on the diagram and recomputes it after a semantic change', async () => {
      const views = server.app.get(ModelViewCache);
      const first = await owner.graphql(CHECKLIST, { modelId });
      const computedBefore = views.computations;
      // A move is a doc update: no event, the same version, nothing to recompute.
      const moved = await owner.graphql<{
        changeElement: { streamVersion: number; events: unknown[] };
      }>(
        'mutation ($m: ID!, $v: Int!, $input: ChangeElementInput!) { changeElement(modelId: $m, expectedVersion: $v, input: $input) { streamVersion events { type } } }',
        { m: modelId, v: version, input: { elementId: 'api', layout: { x: 10, y: 20 } } },
      );
      expect(moved.errors).toBeUndefined();
      expect(moved.data?.changeElement).toEqual({ streamVersion: version, events: [] });
      expect(await owner.graphql(CHECKLIST, { modelId })).toEqual(first);
      expect(views.computations).toBe(computedBefore);
      await execute({ type: 'ChangeElement', elementId: 'api', name: 'Public API' });
      await owner.graphql(CHECKLIST, { modelId });
      expect(views.computations).toBe(computedBefore + 1);
      expect(await matrixRows()).toEqual(['Public API']);
    });

    it('lapses an accepted risk in the checklist when its expiry passes, with no new event', async () => {
      await execute({
        type: 'AddElement',
        elementId: 'billing',
        kind: 'process',
        name: 'Billing',
        zoneId: 'zone-1',
      });
      await execute({
        type: 'IdentifyThreat',
        threatId: 'threat-expiring',
        title: 'Session fixation',
        stride: 'spoofing',
        target: { kind: 'element', id: 'billing' },
      });
      await execute({
        type: 'AcceptRisk',
        decisionId: 'decision-expiring',
        threatId: 'threat-expiring',
        rationale: 'Compensated by short sessions until the rewrite',
        expiresAt: new Date(Date.now() + 1500).toISOString(),
      });
      const offendersOf = async (): Promise<string[]> => {
        const answer = await owner.graphql<{
          checklist: { items: { id: string; offenders: { id: string }[] }[] };
        }>(CHECKLIST, { modelId });
        if (answer.data === null) throw new Error(JSON.stringify(answer.errors));
        return answer.data.checklist.items.flatMap((item) =>
          item.offenders.map((offender) => `${item.id}:${offender.id}`),
        );
      };
      expect(await offendersOf()).not.toContain('rationales:decision-expiring');
      await new Promise((resolve) => setTimeout(resolve, 1600));
      expect(await offendersOf()).toContain('rationales:decision-expiring');
    });

    it('folds a model once for concurrent reads that find it not cached', async () => {
      const store = server.app.get(ModelStateStore);
      store.cache.clear();
      const before = { ...store.stats };
      const scope = { userId: null, organisationIds: [owner.organisationId] };
      const entries = await Promise.all(
        Array.from({ length: 8 }, () => store.current(scope, modelId)),
      );
      expect(new Set(entries.map((entry) => entry.streamVersion))).toEqual(new Set([version]));
      // The first read loads; the seven that came while it ran share the one load after it,
      // which finds nothing new to fold.
      expect(store.stats.loads - before.loads).toBe(2);
      expect(store.stats.foldedEvents - before.foldedEvents).toBeLessThanOrEqual(version + 1);
    });

    it('answers NOT_FOUND to another organisation although the model is cached', async () => {
      expect(await matrixRows()).toContain('Public API');
      const stranger = await createModelOwner(server);
      for (const query of [MATRIX, CHECKLIST]) {
        const answer: GraphQLAnswer = await stranger.graphql(query, { modelId });
        expect(answer.data).toBeNull();
        expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
      }
    });

    it('starts from a persisted snapshot when the model is no longer in memory', async () => {
      const store = server.app.get(ModelStateStore);
      await execute({
        type: 'AddElement',
        elementId: 'db',
        kind: 'data_store',
        name: 'Database',
        zoneId: 'zone-1',
      });
      const expected = await matrixRows();
      store.cache.clear();
      const usedBefore = store.stats.snapshotsUsed;
      expect(await matrixRows()).toEqual(expected);
      expect(store.stats.snapshotsUsed).toBe(usedBefore + 1);
    });

    for (const [what, tamper] of [
      [
        'taken with another state format',
        sql`update model_state_snapshots set format_version = ${MODEL_STATE_FORMAT + 1}, state = '{"zones":{}}'::json`,
      ],
      [
        'whose last event is not the one in the stream',
        sql`update model_state_snapshots set last_hash = 'not-the-hash', state = '{"zones":{}}'::json`,
      ],
    ] as const) {
      it(`ignores a snapshot ${what} and folds the stream from the start`, async () => {
        const store = server.app.get(ModelStateStore);
        const expected = await matrixRows();
        await server.database.systemTransaction((trx) => tamper.execute(trx));
        store.cache.clear();
        const usedBefore = store.stats.snapshotsUsed;
        expect(await matrixRows()).toEqual(expected);
        expect(store.stats.snapshotsUsed).toBe(usedBefore);
      });
    }
  });
}

describe('the README quickstart under the default limits', () => {
  let server: ApiServer;
  let headers: Record<string, string>;

  beforeAll(async () => {
    server = await startApiServer({ kind: 'pglite', dataDir: 'memory://' }, { SEED_DEMO: 'true' });
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation { signIn(email: "demo@threatloom.local", password: "threatloom-demo") { __typename } }',
      }),
    });
    expect(response.status).toBe(200);
    headers = {
      cookie: response.headers
        .getSetCookie()
        .map((line) => line.split(';')[0])
        .join('; '),
      'x-threatloom-organisation': DEMO_ORGANISATION_ID,
    };
  });

  afterAll(async () => {
    await server.close();
  });

  it('answers the threat register page, STRIDE matrix and checklist of the demo model in one request', async () => {
    const answer = await postGraphQL<{ threats: { edges: unknown[] } }>(
      server.url,
      `query ($modelId: ID!) {
        models { edges { node { id name streamVersion } } }
        threats(modelId: $modelId, first: 100) {
          totalCount
          edges { cursor node {
            id ref title stride linddun targetKind targetId status
            score { method vector value }
            mitigations { id strategies action owner }
            decision { id kind rationale transferredTo }
          } }
          pageInfo { hasNextPage endCursor }
        }
        strideMatrix(modelId: $modelId) { columns unassigned rows { kind id name cells { category refs } } }
        checklist(modelId: $modelId) { passed passedCount items { id title passed offenders { kind id ref reason } } }
      }`,
      { modelId: DEMO_MODEL_ID },
      headers,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.threats.edges.length).toBeGreaterThan(0);
  });
});
