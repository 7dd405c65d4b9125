import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../src/event.js';
import { availableBackends, untilReadable, useMigratedStore } from './backends.js';
import { newEvents, newStreamId } from './events.js';

/** Resolves once `predicate` holds, polling every few milliseconds. */
async function eventually(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe.each(await availableBackends())('subscribe on $kind', ({ kind }) => {
  const fixture = useMigratedStore(kind);

  it('catches up on stored events, then follows live appends', async () => {
    const streamId = newStreamId();
    const stored = await fixture.store.append(streamId, newEvents(3), {
      expectedVersion: 'no_stream',
    });
    const seen: StoredEvent[] = [];
    const subscription = fixture.store.subscribe({
      fromPosition: stored[0]?.position as number,
      handler: (event) => void seen.push(event),
      pageSize: 2,
    });
    // Another database's open transaction can briefly hold back the cluster-wide horizon, hence eventually.
    await eventually(() => seen.length === 3);
    expect(seen.map((event) => event.eventId)).toEqual(stored.map((event) => event.eventId));

    const live = await fixture.store.append(streamId, newEvents(2), { expectedVersion: 2 });
    await eventually(() => seen.length === 5);
    await subscription.stop();
    expect(seen.slice(3).map((event) => event.eventId)).toEqual(live.map((event) => event.eventId));
  });

  it('delivers whole pages to a page handler, in order, and resumes after the last', async () => {
    const streamId = newStreamId();
    const stored = await fixture.store.append(streamId, newEvents(5), {
      expectedVersion: 'no_stream',
    });
    const pages: string[][] = [];
    const subscription = fixture.store.subscribe({
      fromPosition: stored[0]?.position as number,
      handlePage: (events) => void pages.push(events.map((event) => event.eventId)),
      pageSize: 2,
    });
    await eventually(() => pages.flat().length === 5);
    await subscription.caughtUp();
    await subscription.stop();
    expect(pages.flat()).toEqual(stored.map((event) => event.eventId));
    expect(pages.every((page) => page.length > 0 && page.length <= 2)).toBe(true);
    expect(subscription.checkpoint?.position).toBe(stored.at(-1)?.position);
  });

  it('delivers events of the categories named in omitDataOf without their data, the rest whole', async () => {
    const doc = newStreamId('doc');
    const model = newStreamId('model');
    const [first] = await fixture.store.append(doc, newEvents(1), { expectedVersion: 'no_stream' });
    await fixture.store.append(model, newEvents(1), { expectedVersion: 'no_stream' });
    const seen: StoredEvent[] = [];
    const subscription = fixture.store.subscribe({
      fromPosition: first?.position as number,
      omitDataOf: ['doc'],
      handler: (event) => void seen.push(event),
    });
    await eventually(() => seen.length === 2);
    await subscription.stop();
    const [docEvent, modelEvent] = seen;
    expect(docEvent?.streamId).toBe(doc);
    expect(docEvent?.data).toBeNull();
    expect(docEvent?.hash).toBe(first?.hash);
    expect(docEvent?.metadata).toEqual(first?.metadata);
    expect(modelEvent?.streamId).toBe(model);
    expect(modelEvent?.data).toEqual({ index: 0 });
    expect(() =>
      fixture.store.subscribe({ handler: () => undefined, omitDataOf: ["doc'; --"] }),
    ).toThrow(/omitDataOf/);
  });

  it('refuses options with both handlers or none', () => {
    const both = { handler: () => undefined, handlePage: () => undefined };
    expect(() => fixture.store.subscribe(both as never)).toThrow(
      /exactly one of handler and handlePage/,
    );
    expect(() => fixture.store.subscribe({} as never)).toThrow(
      /exactly one of handler and handlePage/,
    );
  });

  it.each(['its own commit', 'a caller transaction'])(
    'is woken by an append in %s without waiting for its polling interval',
    async (mode) => {
      const seen: string[] = [];
      const subscription = fixture.store.subscribe({
        fromPosition: (await fixture.store.headPosition()) + 1,
        handler: (event) => void seen.push(event.eventId),
        pollIntervalMs: 600_000,
      });
      await subscription.caughtUp();
      const before = seen.length;
      const events = newEvents(1);
      if (mode === 'its own commit') {
        await fixture.store.append(newStreamId(), events, { expectedVersion: 'no_stream' });
      } else {
        await fixture.database.db.transaction().execute((transaction) =>
          fixture.store.append(newStreamId(), events, {
            expectedVersion: 'no_stream',
            transaction,
          }),
        );
      }
      await eventually(() => seen.length > before, 15_000);
      await subscription.stop();
      expect(seen.slice(before)).toEqual(events.map((event) => event.eventId));
    },
  );

  it('resumes after a checkpoint without repeating events', async () => {
    const streamId = newStreamId();
    const stored = await fixture.store.append(streamId, newEvents(4), {
      expectedVersion: 'no_stream',
    });
    const first: string[] = [];
    const firstRun = fixture.store.subscribe({
      fromPosition: stored[0]?.position as number,
      handler: (event) => void first.push(event.eventId),
    });
    await eventually(() => first.length === 4);
    await firstRun.stop();
    const checkpoint = firstRun.checkpoint;
    expect(checkpoint?.position).toBe(stored[3]?.position);

    const more = await fixture.store.append(streamId, newEvents(2), { expectedVersion: 3 });
    const second: string[] = [];
    const secondRun = fixture.store.subscribe({
      ...(checkpoint ? { after: checkpoint } : {}),
      handler: (event) => void second.push(event.eventId),
    });
    await eventually(() => second.length >= 2);
    await secondRun.stop();
    expect(second).toEqual(more.map((event) => event.eventId));
  });

  it('ends with the handler error when the handler fails', async () => {
    await fixture.store.append(newStreamId(), newEvents(1), { expectedVersion: 'no_stream' });
    const subscription = fixture.store.subscribe({
      handler: () => {
        throw new Error('projection failed');
      },
    });
    await expect(subscription.finished).rejects.toThrow('projection failed');
  });

  it('delivers every event of 8 concurrent writers exactly once, in commit-safe order', async () => {
    const writers = 8;
    const appendsPerWriter = 250;
    // After everything committed so far, even what an old transaction elsewhere still hides.
    const startAfter = await fixture.store.commitHead();
    const seen: StoredEvent[] = [];
    const subscription = fixture.store.subscribe({
      ...(startAfter
        ? { after: { transactionId: startAfter.transactionId, position: startAfter.position } }
        : {}),
      handler: (event) => void seen.push(event),
      pollIntervalMs: 100,
    });

    const acknowledged = (
      await Promise.all(
        Array.from({ length: writers }, async (_, writer) => {
          const streams = [newStreamId(), newStreamId()];
          const versions = [-1, -1];
          const events: StoredEvent[] = [];
          for (let index = 0; index < appendsPerWriter; index += 1) {
            const slot = index % 2;
            // Batches of 1 to 4 events mix single-event and multi-event transactions.
            const batch = newEvents(1 + ((index + writer) % 4));
            const expectedVersion =
              versions[slot] === -1 ? 'no_stream' : (versions[slot] as number);
            const stored = await fixture.store.append(streams[slot] as string, batch, {
              expectedVersion,
            });
            versions[slot] = (stored.at(-1) as StoredEvent).streamVersion;
            events.push(...stored);
          }
          return events;
        }),
      )
    ).flat();

    await eventually(() => seen.length >= acknowledged.length, 60_000);
    await subscription.stop();

    expect(acknowledged.length).toBeGreaterThan(4500);
    expect(seen).toHaveLength(acknowledged.length);
    expect(new Set(seen.map((event) => event.eventId))).toEqual(
      new Set(acknowledged.map((event) => event.eventId)),
    );
    for (let index = 1; index < seen.length; index += 1) {
      const previous = seen[index - 1] as StoredEvent;
      const current = seen[index] as StoredEvent;
      const isAfter =
        BigInt(current.transactionId) > BigInt(previous.transactionId) ||
        (current.transactionId === previous.transactionId && current.position > previous.position);
      expect(isAfter, `event ${index} is delivered after its predecessor in commit order`).toBe(
        true,
      );
    }
  });
});

describe.each((await availableBackends()).filter((backend) => backend.kind === 'postgres'))(
  'the sequence-gap race on $kind',
  ({ kind }) => {
    const fixture = useMigratedStore(kind);

    it('delivers an event whose lower position commits after a higher one, in order, once', async () => {
      const seen: StoredEvent[] = [];
      const subscription = fixture.store.subscribe({
        handler: (event) => void seen.push(event),
        pollIntervalMs: 20,
      });

      // Given a transaction that takes a lower position and stays open
      let commitSlowWriter!: () => void;
      const slowWriterMayCommit = new Promise<void>((resolve) => (commitSlowWriter = resolve));
      let announceLow!: (event: StoredEvent) => void;
      const lowAppended = new Promise<StoredEvent>((resolve) => (announceLow = resolve));
      const slowWriter = fixture.database.db.transaction().execute(async (transaction) => {
        const [event] = await fixture.store.append(newStreamId(), newEvents(1), {
          expectedVersion: 'no_stream',
          transaction,
        });
        announceLow(event as StoredEvent);
        await slowWriterMayCommit;
      });
      const low = await lowAppended;

      // When a second writer takes a higher position and commits first
      let high: StoredEvent | undefined;
      try {
        [high] = await fixture.store.append(newStreamId(), newEvents(1), {
          expectedVersion: 'no_stream',
        });
        expect(high?.position).toBeGreaterThan(low.position);
        await new Promise((resolve) => setTimeout(resolve, 300));

        // Then readers hold the higher event back while the lower one may still commit
        expect(seen).toEqual([]);
        expect(await fixture.store.headPosition()).toBeLessThan(low.position);
      } finally {
        // Even when an expectation fails, end the transaction so the database can be dropped.
        commitSlowWriter();
        await slowWriter;
      }

      // And once the slow writer has committed, the subscriber sees both, in order, once
      await eventually(() => seen.length >= 2);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await subscription.stop();
      expect(seen.map((event) => event.position)).toEqual([low.position, high?.position]);
      await untilReadable(fixture.store, high?.position as number);
    });

    it('is caught up only once it has handled what committed before the call, even behind an older open transaction', async () => {
      const seen: StoredEvent[] = [];
      const subscription = fixture.store.subscribe({
        handler: (event) => void seen.push(event),
        pollIntervalMs: 20,
      });
      await subscription.caughtUp();

      // Given an older transaction that holds the horizon (as one in another database of the cluster can)
      let endHolder!: () => void;
      const holderMayEnd = new Promise<void>((resolve) => (endHolder = resolve));
      let announceHolding!: () => void;
      const holding = new Promise<void>((resolve) => (announceHolding = resolve));
      const holder = fixture.database.db.transaction().execute(async (transaction) => {
        await sql`SELECT pg_current_xact_id()`.execute(transaction);
        announceHolding();
        await holderMayEnd;
      });
      await holding;

      let committed: StoredEvent[];
      let isCaughtUp = false;
      try {
        // When an event commits behind it and a reader asks to be caught up
        committed = await fixture.store.append(newStreamId(), newEvents(1), {
          expectedVersion: 'no_stream',
        });
        const caughtUp = subscription.caughtUp().then(() => (isCaughtUp = true));
        await new Promise((resolve) => setTimeout(resolve, 300));

        // Then it is not caught up while the event is still hidden behind the horizon
        expect(isCaughtUp).toBe(false);
        expect(seen.map((event) => event.eventId)).not.toContain(committed[0]?.eventId);
        endHolder();
        await holder;

        // And once the horizon moves, being caught up means the event was handled
        await caughtUp;
      } finally {
        endHolder();
        await holder;
      }
      await subscription.stop();
      expect(seen.map((event) => event.eventId)).toContain(committed[0]?.eventId);
    });
  },
);
