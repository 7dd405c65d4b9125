import { createClient } from 'graphql-ws';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectionRunner } from '../src/projections/projection-runner.js';
import {
  startApiServer,
  testBackends,
  TEST_PAGE_ORIGIN,
  type ApiServer,
} from './support/api-server.js';
import { createModelOwner, eventually, type ModelOwner } from './support/model-owner.js';

const databases = await testBackends();

const EXECUTE = `mutation ($modelId: ID!, $expectedVersion: Int!, $command: JSON!) {
  executeModelCommand(modelId: $modelId, expectedVersion: $expectedVersion, command: $command) {
    streamVersion events { type streamVersion }
  }
}`;

const MODEL = 'query ($id: ID!) { model(id: $id) { name streamVersion } }';

describe.each(databases)('model commands over GraphQL on $name', ({ isAvailable, create }) => {
  let server: ApiServer;
  let owner: ModelOwner;
  let modelId: string;

  async function streamVersion(): Promise<number> {
    const events = await server.database.eventStore.readStream(`model-${modelId}`);
    return events.at(-1)?.streamVersion ?? -1;
  }

  beforeAll(async () => {
    if (!isAvailable) return;
    server = await startApiServer(await create());
    owner = await createModelOwner(server);
    const created = await owner.graphql<{
      createThreatModel: { modelId: string; streamVersion: number };
    }>(
      'mutation ($input: CreateThreatModelInput!) { createThreatModel(input: $input) { modelId streamVersion } }',
      { input: { systemId: owner.systemId, name: 'Payments' } },
    );
    expect(created.errors).toBeUndefined();
    modelId = created.data?.createThreatModel.modelId ?? '';
  });

  afterAll(async () => {
    await server?.close();
  });

  it.skipIf(!isAvailable)(
    'creates a model whose read model shows it at stream version 0 as soon as the mutation answers',
    async () => {
      const answer = await owner.graphql(MODEL, { id: modelId });
      expect(answer.data).toEqual({ model: { name: 'Payments', streamVersion: 0 } });
    },
  );

  it.skipIf(!isAvailable)(
    'creates a model with its own policy, shows the defaults otherwise, and names a bad band',
    async () => {
      const SETTINGS =
        'query ($id: ID!) { model(id: $id) { settings { approvalThreshold severityBands { severity min max } riskMatrix { name likelihood impact cells } } } }';
      const CREATE =
        'mutation ($input: CreateThreatModelInput!) { createThreatModel(input: $input) { modelId } }';
      const riskMatrix = {
        name: 'Two by two',
        likelihood: ['rare', 'likely'],
        impact: ['minor', 'major'],
        cells: [
          ['low', 'medium'],
          ['medium', 'critical'],
        ],
      };
      const custom = await owner.graphql<{ createThreatModel: { modelId: string } }>(CREATE, {
        input: {
          systemId: owner.systemId,
          name: 'Strict policy',
          settings: { approvalThreshold: 'critical', riskMatrix },
        },
      });
      expect(custom.errors).toBeUndefined();
      const read = await owner.graphql<{
        model: {
          settings: { approvalThreshold: string; severityBands: unknown[]; riskMatrix: unknown };
        };
      }>(SETTINGS, { id: custom.data?.createThreatModel.modelId });
      expect(read.data?.model.settings).toMatchObject({
        approvalThreshold: 'critical',
        riskMatrix,
      });
      expect(read.data?.model.settings.severityBands).toHaveLength(4);

      const defaults = await owner.graphql<{ model: { settings: unknown } }>(SETTINGS, {
        id: modelId,
      });
      expect(defaults.data?.model.settings).toMatchObject({
        approvalThreshold: 'high',
        riskMatrix: null,
      });

      const refused = await owner.graphql(CREATE, {
        input: {
          systemId: owner.systemId,
          name: 'Gappy bands',
          settings: {
            severityBands: [{ severity: 'critical', min: 9, max: 10, policy: 'fix now' }],
          },
        },
      });
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'VALIDATION',
        field: 'input.settings.severityBands',
      });
    },
  );

  it.skipIf(!isAvailable)(
    'creates a model whose policy relaxes ticket links, and its checklist stops asking for them',
    async () => {
      const created = await owner.graphql<{ createThreatModel: { modelId: string } }>(
        'mutation ($input: CreateThreatModelInput!) { createThreatModel(input: $input) { modelId } }',
        {
          input: {
            systemId: owner.systemId,
            name: 'Tickets optional',
            settings: { requiresTicketLinks: false },
          },
        },
      );
      expect(created.errors).toBeUndefined();
      const relaxedId = created.data?.createThreatModel.modelId;
      const QUERY =
        'query ($id: ID!) { model(id: $id) { settings { requiresTicketLinks } } checklist(modelId: $id) { items { id title } } }';
      const traceabilityOf = async (id: string | undefined) => {
        const answer = await owner.graphql<{
          model: { settings: { requiresTicketLinks: boolean } };
          checklist: { items: { id: string; title: string }[] };
        }>(QUERY, { id });
        expect(answer.errors).toBeUndefined();
        return {
          requiresTicketLinks: answer.data?.model.settings.requiresTicketLinks,
          title: answer.data?.checklist.items.find((item) => item.id === 'traceability')?.title,
        };
      };
      expect(await traceabilityOf(relaxedId)).toEqual({
        requiresTicketLinks: false,
        title: expect.stringContaining('not required by policy'),
      });
      expect(await traceabilityOf(modelId)).toEqual({
        requiresTicketLinks: true,
        title: expect.stringContaining('link a ticket'),
      });
    },
  );

  it.skipIf(!isAvailable)(
    'accepts a command on a model in the request right after the one that created it',
    async () => {
      const created = await owner.graphql<{ createThreatModel: { modelId: string } }>(
        'mutation ($input: CreateThreatModelInput!) { createThreatModel(input: $input) { modelId } }',
        { input: { systemId: owner.systemId, name: 'Read your writes' } },
      );
      expect(created.errors).toBeUndefined();
      const next = await owner.graphql<{ executeModelCommand: { streamVersion: number } }>(
        'mutation ($id: ID!, $command: JSON!) { executeModelCommand(modelId: $id, expectedVersion: 0, command: $command) { streamVersion } }',
        {
          id: created.data?.createThreatModel.modelId,
          command: { type: 'RenameThreatModel', name: 'Renamed at once' },
        },
      );
      expect(next.errors).toBeUndefined();
      expect(next.data?.executeModelCommand.streamVersion).toBe(1);
    },
  );

  it.skipIf(!isAvailable)(
    'answers a command the domain finds invalid with VALIDATION on the command field and appends nothing',
    async () => {
      const before = await streamVersion();
      const answer = await owner.graphql(EXECUTE, {
        modelId,
        expectedVersion: before,
        command: { type: 'AddZone', zoneId: 'dmz', name: 'DMZ', trust: 'not-a-trust-level' },
      });
      expect(answer.errors?.[0]?.extensions).toMatchObject({
        code: 'VALIDATION',
        field: 'command.trust',
      });
      expect(await streamVersion()).toBe(before);
    },
  );

  it.skipIf(!isAvailable)(
    'rejects a stale expectedVersion with CONFLICT naming both versions and appends nothing',
    async () => {
      const before = await streamVersion();
      const answer = await owner.graphql(EXECUTE, {
        modelId,
        expectedVersion: before + 5,
        command: { type: 'RenameThreatModel', name: 'Stale rename' },
      });
      expect(answer.errors?.[0]?.extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'expectedVersion',
        expectedVersion: before + 5,
        actualVersion: before,
      });
      expect(await streamVersion()).toBe(before);
    },
  );

  it.skipIf(!isAvailable)(
    'lets exactly one of two concurrent commands at the same version win',
    async () => {
      const before = await streamVersion();
      const answers = await Promise.all(
        ['Left', 'Right'].map((name) =>
          owner.graphql(EXECUTE, {
            modelId,
            expectedVersion: before,
            command: { type: 'RenameThreatModel', name },
          }),
        ),
      );
      const codes = answers
        .map((answer) => answer.errors?.[0]?.extensions?.['code'] ?? 'OK')
        .sort();
      expect(codes).toEqual(['CONFLICT', 'OK']);
      expect(await streamVersion()).toBe(before + 1);
    },
  );

  it.skipIf(!isAvailable)('applies a valid command and the read model follows', async () => {
    const before = await streamVersion();
    const answer = await owner.graphql<{ executeModelCommand: { streamVersion: number } }>(
      EXECUTE,
      {
        modelId,
        expectedVersion: before,
        command: { type: 'RenameThreatModel', name: 'Payments platform' },
      },
    );
    expect(answer.data?.executeModelCommand.streamVersion).toBe(before + 1);
    await eventually(async () => {
      const model = await owner.graphql(MODEL, { id: modelId });
      expect(model.data).toEqual({
        model: { name: 'Payments platform', streamVersion: before + 1 },
      });
    });
  });

  it.skipIf(!isAvailable)(
    'pushes appended events to modelChanged subscribers over graphql-ws',
    async () => {
      // A page of the server's own origin, presenting its CSRF token as it connects.
      const headers = { ...owner.headers, origin: TEST_PAGE_ORIGIN };
      const client = createClient({
        url: `${server.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: class extends WebSocket {
          constructor(address: string, protocols?: string | string[]) {
            super(address, protocols, { headers });
          }
        },
        connectionParams: { csrfToken: owner.headers['x-csrf-token'] },
        lazy: false,
        retryAttempts: 0,
      });
      try {
        const received = new Promise<unknown>((resolve, reject) => {
          client.subscribe(
            {
              query:
                'subscription ($modelId: ID!) { modelChanged(modelId: $modelId) { type streamVersion data } }',
              variables: { modelId },
            },
            { next: (value) => resolve(value), error: reject, complete: () => undefined },
          );
        });
        // The subscription is registered asynchronously: rename until the first change arrives.
        let settled = false;
        received.then(
          () => (settled = true),
          () => (settled = true),
        );
        const renames = new Map<number, string>();
        for (let attempt = 0; attempt < 50 && !settled; attempt += 1) {
          const before = await streamVersion();
          const name = `Live payments ${before + 1}`;
          renames.set(before + 1, name);
          await owner.graphql(EXECUTE, {
            modelId,
            expectedVersion: before,
            command: { type: 'RenameThreatModel', name },
          });
          await Promise.race([
            received.catch(() => undefined),
            new Promise((resolve) => setTimeout(resolve, 200)),
          ]);
        }
        const change = (
          (await received) as {
            data: { modelChanged: { type: string; streamVersion: number; data: unknown } };
          }
        ).data.modelChanged;
        // The change pushed is one of the renames sent, with the version it was stored at.
        expect([...renames.keys()]).toContain(change.streamVersion);
        expect(change).toEqual({
          type: 'ThreatModelRenamed',
          streamVersion: change.streamVersion,
          data: { name: renames.get(change.streamVersion) },
        });
      } finally {
        await client.dispose();
      }
    },
  );

  it.skipIf(!isAvailable)(
    'rejects a modelChanged subscription to an unknown model with NOT_FOUND in extensions',
    async () => {
      // A page of the server's own origin, presenting its CSRF token as it connects.
      const headers = { ...owner.headers, origin: TEST_PAGE_ORIGIN };
      const client = createClient({
        url: `${server.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: class extends WebSocket {
          constructor(address: string, protocols?: string | string[]) {
            super(address, protocols, { headers });
          }
        },
        connectionParams: { csrfToken: owner.headers['x-csrf-token'] },
        lazy: false,
        retryAttempts: 0,
      });
      try {
        const failure = new Promise<unknown>((resolve, reject) => {
          client.subscribe(
            {
              query: 'subscription ($modelId: ID!) { modelChanged(modelId: $modelId) { type } }',
              variables: { modelId: randomUUID() },
            },
            {
              next: () => reject(new Error('an unknown model must not push events')),
              error: resolve,
              complete: () => reject(new Error('the subscription completed without an error')),
            },
          );
        });
        const errors = (await failure) as { extensions?: { code?: unknown } }[];
        expect(errors[0]?.extensions?.code).toBe('NOT_FOUND');
      } finally {
        await client.dispose();
      }
    },
  );
});

describe('creating a model while the read models cannot follow', () => {
  let server: ApiServer;
  let owner: ModelOwner;

  beforeAll(async () => {
    server = await startApiServer({ kind: 'pglite', dataDir: 'memory://' });
    owner = await createModelOwner(server);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('answers ILLEGAL_STATE naming the stored model and the id the server gave it', async () => {
    // Given projections that have stopped (as when an old transaction holds every reader back)
    const runner = server.app.get(ProjectionRunner);
    await runner.stop();
    try {
      // When a model is created
      const created = await owner.graphql(
        'mutation ($input: CreateThreatModelInput!) { createThreatModel(input: $input) { modelId } }',
        { input: { systemId: owner.systemId, name: 'Stalled' } },
      );

      // Then the answer says the model is stored, with its id
      const modelId = String(created.errors?.[0]?.extensions?.['modelId']);
      expect(created.errors?.[0]?.extensions).toMatchObject({
        code: 'ILLEGAL_STATE',
        streamVersion: 0,
      });
      expect(created.errors?.[0]?.message).toContain(`model ${modelId} is stored`);
      const events = await server.database.eventStore.readStream(`model-${modelId}`);
      expect(events.map((event) => event.type)).toEqual(['ThreatModelCreated']);
    } finally {
      await runner.start();
    }
  }, 30_000);
});
