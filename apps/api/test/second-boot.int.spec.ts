import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MODEL_ID } from '../src/demo/demo-ids.js';
import { ProjectionRunner } from '../src/projections/projection-runner.js';
import { startApiServer } from './support/api-server.js';

describe('a second start on the same PGlite data directory', () => {
  let dataDir: string;
  let first: { events: number; threats: number };
  let second: { events: number; threats: number };

  async function bootAndCount(): Promise<{ events: number; threats: number }> {
    const server = await startApiServer({ kind: 'pglite', dataDir }, { SEED_DEMO: 'true' });
    try {
      await server.app.get(ProjectionRunner).caughtUp();
      const events = await server.database.eventStore.readStream(`model-${DEMO_MODEL_ID}`);
      const threats = await server.database.systemTransaction((trx) =>
        trx
          .selectFrom('rm_threats')
          .select('threat_id')
          .where('model_id', '=', DEMO_MODEL_ID)
          .execute(),
      );
      return { events: events.length, threats: threats.length };
    } finally {
      await server.stop();
    }
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'threatloom-api-'));
    first = await bootAndCount();
    second = await bootAndCount();
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('seeds the GenomeWell demo model on the first start', () => {
    expect(first.events).toBeGreaterThan(0);
    expect(first.threats).toBe(53);
  });

  it('keeps the data and does not seed the demo model again', () => {
    expect(second).toEqual(first);
  });
});

describe('the demo fixture shipped with the API', () => {
  interface Fixture {
    system: unknown;
    trustZones: unknown[];
    elements: unknown[];
    threats: unknown[];
    mitigations: unknown[];
    severityBands: unknown[];
    assumptions: string[];
    assets: { id: string; name: string; sensitivity: string }[];
    dataFlows: { id: string; source: string; destination: string; bidirectional: boolean }[];
    scopeExclusions: { text: string }[];
  }

  it('keeps every fact of the GenomeWell fixture the domain is specified against', async () => {
    const shipped = JSON.parse(
      await readFile(new URL('../src/demo/genomewell.json', import.meta.url), 'utf8'),
    ) as Fixture;
    const shared = JSON.parse(
      await readFile(new URL('./fixtures/genomewell-case-study.json', import.meta.url), 'utf8'),
    ) as Fixture;
    for (const part of [
      'system',
      'trustZones',
      'elements',
      'threats',
      'mitigations',
      'severityBands',
    ] as const) {
      expect(shipped[part], part).toEqual(shared[part]);
    }
    // The demo adds what the case study describes: business impact, the mobile
    // app's flows, protocols, and the lab and carriers declared out of scope.
    expect(shipped.assets).toMatchObject(
      shared.assets.map(({ id, name, sensitivity }) => ({ id, name, sensitivity })),
    );
    const shippedFlows = new Map(shipped.dataFlows.map((flow) => [flow.id, flow]));
    for (const flow of shared.dataFlows) {
      expect(shippedFlows.get(flow.id), flow.id).toMatchObject({
        source: flow.source,
        destination: flow.destination,
        bidirectional: flow.bidirectional,
      });
    }
    expect([...shipped.assumptions, ...shipped.scopeExclusions.map((x) => x.text)].sort()).toEqual(
      [...shared.assumptions].sort(),
    );
  });
});
