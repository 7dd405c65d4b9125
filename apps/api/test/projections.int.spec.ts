import { contentOf, threatTable } from '@threatloom/domain';
import { randomUUID } from 'node:crypto';
import { checkpointOf, type StoredEvent } from '@threatloom/eventstore';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MODEL_ID } from '../src/demo/demo-ids.js';
import { stateAt } from '../src/model/model-history.js';
import type { Projection } from '../src/projections/projection.js';
import { ProjectionProgress } from '../src/projections/projection-progress.js';
import { ProjectionRunner } from '../src/projections/projection-runner.js';
import { startApiServer, testBackends, type ApiServer } from './support/api-server.js';

const databases = await testBackends();

/** A projection that only records which events it was given, to count deliveries. */
class DeliveryLog implements Projection {
  readonly tables = [] as const;
  readonly positions: number[] = [];
  /** Transactions `apply` ran in. */
  applyCalls = 0;
  /** Times the runner started it over (a restart or rebuild). */
  resets = 0;

  constructor(
    readonly name = 'test-delivery-log',
    /** When given, the only events it handles. */
    readonly handles?: (event: StoredEvent) => boolean,
  ) {}

  async apply(_trx: unknown, events: readonly StoredEvent[]): Promise<() => void> {
    this.applyCalls += 1;
    return () => this.positions.push(...events.map((event) => event.position));
  }

  reset(): void {
    this.resets += 1;
  }
}

const silent = { log: () => undefined, error: () => undefined };

/** Resolves once `condition` holds, checking every 20 ms for up to 15 s. */
async function eventually(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 15 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(databases)('projections on $name', ({ isAvailable, create }) => {
  let server: ApiServer;
  let runner: ProjectionRunner;

  async function readModelRows(): Promise<unknown[]> {
    const tables = ['rm_models', 'rm_zones', 'rm_elements', 'rm_flows', 'rm_threats'] as const;
    const snapshot: unknown[] = [];
    for (const table of tables) {
      // Read models sit behind row-level security; the test reads them as the projections write them.
      const { rows } = await server.database.systemTransaction((trx) =>
        sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(trx),
      );
      const comparable = rows.map(({ updated_at: _ignored, ...row }) => JSON.stringify(row)).sort();
      snapshot.push({ table, rows: comparable });
    }
    return snapshot;
  }

  /** Appends one event to a new stream; returns its checkpoint. */
  async function append(streamId: string) {
    const [event] = await server.database.eventStore.append(
      streamId,
      [{ type: 'TestNoted', data: {}, metadata: { actor: 'test', organisation: 'test' } }],
      { expectedVersion: 'no_stream' },
    );
    if (event === undefined) throw new Error('nothing was appended');
    return checkpointOf(event);
  }

  beforeAll(async () => {
    if (!isAvailable) return;
    server = await startApiServer(await create(), { SEED_DEMO: 'true' });
    runner = server.app.get(ProjectionRunner);
    await runner.caughtUp();
  });

  afterAll(async () => {
    await server?.close();
  });

  it.skipIf(!isAvailable)(
    'projects every GenomeWell threat with the score and severity the domain computes',
    async () => {
      const events = await server.database.eventStore.readStream(`model-${DEMO_MODEL_ID}`);
      const expected = threatTable(contentOf(stateAt(events)));
      const rows = await server.database.systemTransaction((trx) =>
        trx
          .selectFrom('rm_threats')
          .select(['threat_id', 'ref', 'score', 'severity', 'mitigations'])
          .where('model_id', '=', DEMO_MODEL_ID)
          .orderBy('ref')
          .execute(),
      );
      expect(
        rows.map((row) => ({
          threatId: row.threat_id,
          ref: row.ref,
          score: row.score,
          severity: row.severity,
        })),
      ).toEqual(
        expected.map((row) => ({
          threatId: row.threatId,
          ref: row.ref,
          score: row.score,
          severity: row.severity,
        })),
      );
      const owners = rows.map((row) =>
        (row.mitigations as unknown as { owner: string | null }[]).map((m) => m.owner),
      );
      expect(owners.flat().some((owner) => owner !== null)).toBe(true);
    },
  );

  it.skipIf(!isAvailable)('stores the checkpoint of the last event it applied', async () => {
    // The last committed event in commit order (the horizon may still hide it from readers).
    const head = await server.database.eventStore.commitHead();
    const checkpoint = await server.database.systemTransaction((trx) =>
      trx
        .selectFrom('projection_checkpoints')
        .select(['transaction_id', 'position'])
        .where('projection', '=', 'model-read-model')
        .executeTakeFirstOrThrow(),
    );
    expect({
      transactionId: checkpoint.transaction_id,
      position: Number(checkpoint.position),
    }).toEqual(head);
  });

  it.skipIf(!isAvailable)(
    'applies each event exactly once even with two runners on the same store',
    async () => {
      const first = new DeliveryLog();
      const second = new DeliveryLog();
      const runners = [
        new ProjectionRunner(server.database, [first], silent),
        new ProjectionRunner(server.database, [second], silent),
      ];
      await Promise.all(runners.map((each) => each.start()));
      await Promise.all(runners.map((each) => each.caughtUp()));
      await Promise.all(runners.map((each) => each.stop()));
      const all = await server.database.eventStore.readAll({ limit: 100_000 });
      const delivered = [...first.positions, ...second.positions].sort((a, b) => a - b);
      expect(delivered).toEqual(all.map((event) => event.position).sort((a, b) => a - b));
    },
  );

  it.skipIf(!isAvailable)(
    'skips events a projection does not handle without storing its checkpoint each time, and writers still see it caught up',
    async () => {
      const handledStream = `picky-${randomUUID()}`;
      const name = `test-picky-${randomUUID()}`;
      const picky = new DeliveryLog(name, (event) => event.streamId === handledStream);
      const own = new ProjectionRunner(server.database, [picky], silent);
      const progress = new ProjectionProgress(server.database, own);
      const storedCheckpoint = async () => {
        const row = await server.database.systemTransaction((trx) =>
          trx
            .selectFrom('projection_checkpoints')
            .select(['transaction_id', 'position'])
            .where('projection', '=', name)
            .executeTakeFirstOrThrow(),
        );
        return { transactionId: row.transaction_id, position: Number(row.position) };
      };
      await own.start();
      try {
        await own.caughtUp();
        const before = await storedCheckpoint();
        const callsBefore = picky.applyCalls;

        const ignored = await append(`other-${randomUUID()}`);
        await own.caughtUp();
        expect(own.hasReached(name, ignored)).toBe(true);
        // No transaction for it, and a writer waiting for the projection is not held up.
        expect(await storedCheckpoint()).toEqual(before);
        expect(picky.applyCalls).toBe(callsBefore);
        await progress.waitFor([name], ignored, 1_000);

        const handled = await append(handledStream);
        await own.caughtUp();
        expect(picky.positions.at(-1)).toBe(handled.position);
        expect(await storedCheckpoint()).toEqual(handled);

        const last = await append(`other-${randomUUID()}`);
        await own.caughtUp();
        expect(await storedCheckpoint()).toEqual(handled);
        await own.stop();
        // Stopping stores how far it got.
        expect(await storedCheckpoint()).toEqual(last);
      } finally {
        await own.stop();
      }
    },
  );

  it.skipIf(!isAvailable)(
    'notices a rebuild elsewhere even when it has only skipped events since it started',
    async () => {
      const handledStream = `picky-${randomUUID()}`;
      const name = `test-rebuilt-${randomUUID()}`;
      const picky = new DeliveryLog(name, (event) => event.streamId === handledStream);
      const own = new ProjectionRunner(server.database, [picky], silent);
      await own.start();
      try {
        await own.caughtUp();
        const resetsBefore = picky.resets;
        // Another process rebuilds the projection: its checkpoint goes back to the start.
        await new ProjectionRunner(server.database, [new DeliveryLog(name)], silent).rebuild(name);
        const handled = await append(handledStream);
        await eventually(() => picky.positions.includes(handled.position));
        // It started over from the stored checkpoint rather than carrying on past the rebuild.
        expect(picky.resets).toBeGreaterThan(resetsBefore);
      } finally {
        await own.stop();
      }
    },
  );

  it.skipIf(!isAvailable)('rebuilds from zero to exactly the same rows', async () => {
    const before = await readModelRows();
    expect(JSON.stringify(before)).toContain(DEMO_MODEL_ID);
    await runner.rebuild('model-read-model');
    await runner.caughtUp();
    expect(await readModelRows()).toEqual(before);
  });

  it.skipIf(!isAvailable)('publishes its lag as a Prometheus metric', async () => {
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^projection_lag_events\{projection="model-read-model"\} 0$/m);
  });
});
