import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, testBackends, type ApiServer } from './support/api-server.js';
import { createModelOwner, eventually, type ModelOwner } from './support/model-owner.js';

const databases = await testBackends();

const EXECUTE = `mutation ($modelId: ID!, $expectedVersion: Int!, $command: JSON!) {
  executeModelCommand(modelId: $modelId, expectedVersion: $expectedVersion, command: $command) { streamVersion }
}`;

const ADD_ELEMENT = `mutation ($modelId: ID!, $expectedVersion: Int!, $input: AddElementInput!) {
  addElement(modelId: $modelId, expectedVersion: $expectedVersion, input: $input) {
    streamVersion events { type }
  }
}`;

const IDENTIFY = `mutation ($modelId: ID!, $expectedVersion: Int!, $input: IdentifyThreatInput!) {
  identifyThreat(modelId: $modelId, expectedVersion: $expectedVersion, input: $input) {
    streamVersion events { type }
  }
}`;

const SCORE = `mutation ($modelId: ID!, $expectedVersion: Int!, $input: ScoreThreatInput!) {
  scoreThreat(modelId: $modelId, expectedVersion: $expectedVersion, input: $input) {
    streamVersion events { type }
  }
}`;

const THREATS = `query ($modelId: ID!) {
  threats(modelId: $modelId) { edges { node { id title stride score { method vector value severity } } } }
}`;

const VECTOR = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';

describe.each(databases)('typed threat mutations on $name', ({ isAvailable, create }) => {
  let server: ApiServer;
  let owner: ModelOwner;
  let modelId: string;

  async function streamVersion(): Promise<number> {
    const events = await server.database.eventStore.readStream(`model-${modelId}`);
    return events.at(-1)?.streamVersion ?? -1;
  }

  async function execute(command: Record<string, unknown>): Promise<void> {
    const answer = await owner.graphql(EXECUTE, {
      modelId,
      expectedVersion: await streamVersion(),
      command,
    });
    expect(answer.errors).toBeUndefined();
  }

  beforeAll(async () => {
    if (!isAvailable) return;
    server = await startApiServer(await create());
    owner = await createModelOwner(server);
    modelId = await owner.createThreatModel('Payments');
    await execute({ type: 'AddZone', zoneId: 'dmz', name: 'DMZ', trust: 'untrusted' });
    await execute({
      type: 'AddElement',
      elementId: 'web',
      kind: 'process',
      name: 'Web app',
      zoneId: 'dmz',
    });
  });

  it.skipIf(!isAvailable)(
    'adds an element through addElement and appends ElementAdded',
    async () => {
      const before = await streamVersion();
      const answer = await owner.graphql(ADD_ELEMENT, {
        modelId,
        expectedVersion: before,
        input: { elementId: 'ledger', kind: 'data_store', name: 'Ledger', zoneId: 'dmz' },
      });
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({
        addElement: { streamVersion: before + 1, events: [{ type: 'ElementAdded' }] },
      });
    },
  );

  afterAll(async () => {
    await server?.close();
  });

  it.skipIf(!isAvailable)(
    'identifies a threat, scores it by CVSS, and threats(modelId) shows the score',
    async () => {
      const before = await streamVersion();
      const identified = await owner.graphql<{ identifyThreat: { streamVersion: number } }>(
        IDENTIFY,
        {
          modelId,
          expectedVersion: before,
          input: {
            threatId: 'spoofed-login',
            title: 'Spoofed login',
            stride: 'spoofing',
            target: { kind: 'element', id: 'web' },
          },
        },
      );
      expect(identified.errors).toBeUndefined();
      expect(identified.data?.identifyThreat.streamVersion).toBe(before + 1);

      const scored = await owner.graphql<{ scoreThreat: { streamVersion: number } }>(SCORE, {
        modelId,
        expectedVersion: before + 1,
        input: { threatId: 'spoofed-login', method: 'cvss', vector: VECTOR },
      });
      expect(scored.errors).toBeUndefined();
      expect(scored.data?.scoreThreat.streamVersion).toBe(before + 2);

      await eventually(async () => {
        const answer = await owner.graphql(THREATS, { modelId });
        expect(answer.data).toEqual({
          threats: {
            edges: [
              {
                node: {
                  id: 'spoofed-login',
                  title: 'Spoofed login',
                  stride: 'spoofing',
                  score: { method: 'cvss', vector: VECTOR, value: 9.8, severity: 'critical' },
                },
              },
            ],
          },
        });
      });
    },
  );

  it.skipIf(!isAvailable)(
    'answers a CVSS vector with an unknown metric value with VALIDATION naming that metric and appends nothing',
    async () => {
      const before = await streamVersion();
      const answer = await owner.graphql(SCORE, {
        modelId,
        expectedVersion: before,
        input: { threatId: 'spoofed-login', method: 'cvss', vector: 'CVSS:3.1/AV:Q' },
      });
      expect(answer.errors?.[0]?.extensions).toMatchObject({
        code: 'VALIDATION',
        field: 'input.vector.AV',
      });
      expect(await streamVersion()).toBe(before);
    },
  );
});
