import { mkdtemp, rm } from 'node:fs/promises';
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
