import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { EventStore } from '../src/event-store.js';
import { availableBackends, useMigratedStore } from './backends.js';
import { newEvent, newEvents, newStreamId } from './events.js';

describe.each(await availableBackends())('batch appends on $kind', ({ kind }) => {
  const fixture = useMigratedStore(kind);

  it('gives the events of a new stream batch positions in stream version order', async () => {
    // Given a new stream, when a batch of 50 events is appended in one call
    const streamId = newStreamId();
    const stored = await fixture.store.append(streamId, newEvents(50), {
      expectedVersion: 'no_stream',
    });

    // Then versions run 0..49 and positions rise with them, as read back
    const read = await fixture.store.readStream(streamId);
    expect(read.map((event) => event.streamVersion)).toEqual([...Array(50).keys()]);
    expect(read.map((event) => event.position)).toEqual(stored.map((event) => event.position));
    const positions = read.map((event) => event.position);
    expect(positions).toEqual([...positions].sort((left, right) => left - right));
    expect(await fixture.store.verify(streamId)).toMatchObject({ isValid: true });
  });

  it('stores batch data of any JSON kind as given, null included', async () => {
    // Given a batch whose data are null, a string with quotes and non-ASCII text, a number and a nested array
    const streamId = newStreamId();
    const data = [null, 'a "quoted" \\ päth ✓', 42.5, [{ b: 1, a: [true, null] }]];
    const events = data.map((value) => ({ ...newEvent('ThreatIdentified', value) }));

    // When it is appended in one call
    await fixture.store.append(streamId, events, { expectedVersion: 'no_stream' });

    // Then each event reads back with its data and metadata, and the chain verifies
    const read = await fixture.store.readStream(streamId);
    expect(read.map((event) => event.data)).toEqual(data);
    expect(read.map((event) => event.metadata)).toEqual(events.map((event) => event.metadata));
    expect(await fixture.store.verify(streamId)).toMatchObject({ isValid: true });
  });

  it('chains a batch after a known head exactly as the general path does', async () => {
    // Given a stream with one event, extended by this store (known head) and by a fresh store (general path)
    const streamId = newStreamId();
    await fixture.store.append(streamId, newEvents(1), { expectedVersion: 'no_stream' });
    await fixture.store.append(streamId, newEvents(20), { expectedVersion: 0 });
    const fresh = new EventStore(fixture.database);
    await fresh.append(streamId, newEvents(20), { expectedVersion: 20 });
    await fresh.close();

    // Then the chain of all 41 events verifies and positions follow versions
    const read = await fixture.store.readStream(streamId);
    expect(read).toHaveLength(41);
    const positions = read.map((event) => event.position);
    expect(positions).toEqual([...positions].sort((left, right) => left - right));
    expect(await fixture.store.verify(streamId)).toMatchObject({
      isValid: true,
      eventsChecked: 41,
    });
  });
});

describe.each((await availableBackends()).filter((backend) => backend.kind === 'postgres'))(
  'prepared append statements on $kind',
  ({ kind }) => {
    // One pooled connection, so the session that appends is the one inspected.
    const fixture = useMigratedStore(kind, { poolSize: 1 });

    const preparedNames = async () => {
      const { rows } = await sql<{ name: string }>`
        SELECT name FROM pg_prepared_statements WHERE name LIKE 'threatloom_%' ORDER BY name
      `.execute(fixture.database.db);
      return rows.map((row) => row.name);
    };

    it('prepares one statement for single appends and one for batches of any size, once per connection', async () => {
      // Given single-event appends and batches of several sizes
      const single = newStreamId();
      await fixture.store.append(single, newEvents(1), { expectedVersion: 'no_stream' });
      await fixture.store.append(single, newEvents(1), { expectedVersion: 0 });
      for (const size of [2, 7, 100]) {
        await fixture.store.append(newStreamId(), newEvents(size), {
          expectedVersion: 'no_stream',
        });
      }
      const afterFirstRound = await preparedNames();

      // When the same kinds of appends run again
      await fixture.store.append(single, newEvents(1), { expectedVersion: 1 });
      await fixture.store.append(newStreamId(), newEvents(33), { expectedVersion: 'no_stream' });

      // Then they reuse the two prepared statements instead of adding more
      expect(afterFirstRound).toHaveLength(2);
      expect(await preparedNames()).toEqual(afterFirstRound);
    });

    it('runs unmarked statements without preparing them', async () => {
      // Given the statements prepared so far
      const before = await preparedNames();

      // When ordinary queries run on the same connection
      await sql`SELECT count(*)::int AS count FROM events`.execute(fixture.database.db);
      await fixture.store.readAll({ limit: 5 });

      // Then no statement was added
      expect(await preparedNames()).toEqual(before);
    });
  },
);
