import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/database/open-database.js';
import { EventStore } from '../src/event-store.js';
import { eventStoreMigrations } from '../src/migrations/event-store-migrations.js';
import { migrateToLatest } from '../src/migrations/migrate.js';
import { availableBackends, useMigratedStore } from './backends.js';
import { newEvents, newStreamId } from './events.js';

describe.each(await availableBackends())('openDatabase on $kind', ({ kind }) => {
  const fixture = useMigratedStore(kind);

  it('reports its dialect', () => {
    expect(fixture.database.dialect).toBe(kind);
  });

  it('delivers NOTIFY payloads to listeners until they stop listening', async () => {
    const payloads: string[] = [];
    const unlisten = await fixture.database.listen('threatloom_test', (payload) =>
      payloads.push(payload),
    );
    await sql`SELECT pg_notify('threatloom_test', 'first')`.execute(fixture.database.db);
    await expect.poll(() => payloads, { timeout: 5000 }).toEqual(['first']);
    await unlisten();
    await sql`SELECT pg_notify('threatloom_test', 'second')`.execute(fixture.database.db);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(payloads).toEqual(['first']);
  });
});

describe.each((await availableBackends()).filter((backend) => backend.kind === 'postgres'))(
  'a LISTEN connection on $kind',
  ({ kind }) => {
    const fixture = useMigratedStore(kind);

    it('comes back after the server drops it, wakes its listener once, and delivers later NOTIFYs', async () => {
      const payloads: string[] = [];
      const unlisten = await fixture.database.listen('threatloom_reconnect', (payload) =>
        payloads.push(payload),
      );
      try {
        // Given the server ends the listening connection (as a restart or an administrator would)
        const { rows } = await sql<{ terminated: boolean }>`
          SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
          WHERE datname = current_database() AND query LIKE 'LISTEN "threatloom_reconnect"%'
        `.execute(fixture.database.db);
        expect(rows.map((row) => row.terminated)).toEqual([true]);

        // Then the listener reconnects and wakes its caller, who may have missed notifications
        await expect.poll(() => payloads, { timeout: 10_000 }).toEqual(['']);

        // And notifications flow again on the new connection
        await sql`SELECT pg_notify('threatloom_reconnect', 'after')`.execute(fixture.database.db);
        await expect.poll(() => payloads, { timeout: 5000 }).toEqual(['', 'after']);
      } finally {
        await unlisten();
      }
      await sql`SELECT pg_notify('threatloom_reconnect', 'stopped')`.execute(fixture.database.db);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(payloads).toEqual(['', 'after']);
    });
  },
);

describe.each((await availableBackends()).filter((backend) => backend.kind === 'postgres'))(
  'a pipelined pool on $kind',
  ({ kind }) => {
    const fixture = useMigratedStore(kind);

    it('answers statements issued together in order, and an append through it still verifies', async () => {
      const pipelined = await openDatabase({
        url: fixture.postgres?.url ?? '',
        poolSize: 2,
        pipeline: true,
      });
      try {
        const answers = await pipelined.db
          .connection()
          .execute((connection) =>
            Promise.all(
              [1, 2, 3, 4].map((value) =>
                sql<{ value: number }>`SELECT ${value}::int AS value, pg_sleep(0.01)`.execute(
                  connection,
                ),
              ),
            ),
          );
        expect(answers.map(({ rows }) => rows[0]?.value)).toEqual([1, 2, 3, 4]);
        const store = new EventStore(pipelined);
        const streamId = newStreamId();
        await store.append(streamId, newEvents(3), { expectedVersion: 'no_stream' });
        expect((await store.verify(streamId)).isValid).toBe(true);
        await store.close();
      } finally {
        await pipelined.close();
      }
    });
  },
);

describe('openDatabase on pglite with a data directory', () => {
  it('keeps events across a close and reopen, creating missing parent directories', async () => {
    const root = await mkdtemp(join(tmpdir(), 'threatloom-pglite-'));
    const dataDir = join(root, '.threatloom', 'data');
    try {
      const streamId = newStreamId();
      const first = await openDatabase({ dataDir });
      await migrateToLatest(first.db, eventStoreMigrations);
      const appended = await new EventStore(first).append(streamId, newEvents(2), {
        expectedVersion: 'no_stream',
      });
      await first.close();

      const second = await openDatabase({ dataDir });
      const reread = await new EventStore(second).readStream(streamId);
      await second.close();

      expect(reread).toEqual(appended);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
