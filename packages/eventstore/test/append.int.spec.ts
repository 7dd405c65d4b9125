import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DuplicateEventId, ValidationError, WrongExpectedVersion } from '../src/errors.js';
import { EventStore } from '../src/event-store.js';
import { availableBackends, useMigratedStore } from './backends.js';
import { newEvent, newEvents, newStreamId } from './events.js';

describe.each(await availableBackends())('append on $kind', ({ kind }) => {
  const fixture = useMigratedStore(kind);

  describe('expected version', () => {
    it('starts a new stream at version 0 with the genesis previous hash', async () => {
      const streamId = newStreamId();
      const stored = await fixture.store.append(streamId, newEvents(2), {
        expectedVersion: 'no_stream',
      });
      expect(stored.map((event) => event.streamVersion)).toEqual([0, 1]);
      expect(stored[0]?.previousHash).toBe('0'.repeat(64));
      expect(stored[1]?.previousHash).toBe(stored[0]?.hash);
    });

    it('appends after the version of the last event', async () => {
      const streamId = newStreamId();
      await fixture.store.append(streamId, newEvents(2), { expectedVersion: 'no_stream' });
      const stored = await fixture.store.append(streamId, newEvents(1), { expectedVersion: 1 });
      expect(stored[0]?.streamVersion).toBe(2);
    });

    it('raises WrongExpectedVersion naming the stream, expected and actual versions', async () => {
      const streamId = newStreamId();
      await fixture.store.append(streamId, newEvents(3), { expectedVersion: 'no_stream' });
      const attempt = fixture.store.append(streamId, newEvents(1), { expectedVersion: 0 });
      await expect(attempt).rejects.toBeInstanceOf(WrongExpectedVersion);
      await expect(attempt).rejects.toMatchObject({
        streamId,
        expectedVersion: 0,
        actualVersion: 2,
        code: 'CONFLICT',
      });
    });

    it('rejects no_stream when the stream exists', async () => {
      const streamId = newStreamId();
      await fixture.store.append(streamId, newEvents(1), { expectedVersion: 'no_stream' });
      await expect(
        fixture.store.append(streamId, newEvents(1), { expectedVersion: 'no_stream' }),
      ).rejects.toMatchObject({ expectedVersion: 'no_stream', actualVersion: 0 });
    });

    it('reports a missing stream as actual version -1', async () => {
      await expect(
        fixture.store.append(newStreamId(), newEvents(1), { expectedVersion: 4 }),
      ).rejects.toMatchObject({ actualVersion: -1 });
    });

    it('appends at the end whatever the version with any', async () => {
      const streamId = newStreamId();
      await fixture.store.append(streamId, newEvents(1), { expectedVersion: 'any' });
      const stored = await fixture.store.append(streamId, newEvents(1), { expectedVersion: 'any' });
      expect(stored[0]?.streamVersion).toBe(1);
    });

    it('lets exactly one of two writers with the same expected version win', async () => {
      const streamId = newStreamId();
      await fixture.store.append(streamId, newEvents(1), { expectedVersion: 'no_stream' });
      const outcomes = await Promise.allSettled([
        fixture.store.append(streamId, newEvents(2), { expectedVersion: 0 }),
        fixture.store.append(streamId, newEvents(2), { expectedVersion: 0 }),
      ]);
      const losers = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect((losers[0] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersion);
      expect(await fixture.store.readStream(streamId)).toHaveLength(3);
    });

    it('serialises many concurrent writers on one stream with any into a gap-free chain', async () => {
      const streamId = newStreamId();
      await Promise.all(
        Array.from({ length: 8 }, () =>
          fixture.store.append(streamId, newEvents(2), { expectedVersion: 'any' }),
        ),
      );
      const events = await fixture.store.readStream(streamId);
      expect(events.map((event) => event.streamVersion)).toEqual(
        Array.from({ length: 16 }, (_, index) => index),
      );
      expect((await fixture.store.verify(streamId)).isValid).toBe(true);
    });
  });

  describe('several store instances', () => {
    it('chains correctly after another instance appended to the same stream', async () => {
      const streamId = newStreamId();
      const other = new EventStore(fixture.database);
      await fixture.store.append(streamId, newEvents(1), { expectedVersion: 'no_stream' });
      await other.append(streamId, newEvents(2), { expectedVersion: 0 });

      const stored = await fixture.store.append(streamId, newEvents(1), { expectedVersion: 'any' });

      expect(stored[0]?.streamVersion).toBe(3);
      expect((await fixture.store.verify(streamId)).isValid).toBe(true);
      await expect(
        fixture.store.append(streamId, newEvents(1), { expectedVersion: 0 }),
      ).rejects.toMatchObject({ actualVersion: 3 });
      await other.close();
    });

    it('does not build on an append whose caller transaction rolled back', async () => {
      const streamId = newStreamId();
      await fixture.store.append(streamId, newEvents(1), { expectedVersion: 'no_stream' });
      await fixture.database.db
        .transaction()
        .execute(async (transaction) => {
          await fixture.store.append(streamId, newEvents(1), { expectedVersion: 0, transaction });
          throw new Error('rolled back');
        })
        .catch(() => undefined);

      const stored = await fixture.store.append(streamId, newEvents(1), { expectedVersion: 0 });

      expect(stored[0]?.streamVersion).toBe(1);
      expect((await fixture.store.verify(streamId)).isValid).toBe(true);
    });
  });

  describe('atomicity', () => {
    it('stores nothing of a batch when one of its events cannot be stored', async () => {
      const streamId = newStreamId();
      // PostgreSQL's jsonb refuses the NUL character, so the database rejects the third event.
      const batch = [
        newEvent(),
        newEvent(),
        newEvent('ThreatIdentified', { title: 'nul \u0000 inside' }),
      ];
      await expect(
        fixture.store.append(streamId, batch, { expectedVersion: 'no_stream' }),
      ).rejects.toThrow();
      expect(await fixture.store.readStream(streamId)).toEqual([]);
    });

    it('stores nothing of a batch that reuses an event id stored elsewhere', async () => {
      const stored = newEvent();
      await fixture.store.append(newStreamId(), [stored], { expectedVersion: 'no_stream' });
      const streamId = newStreamId();
      await expect(
        fixture.store.append(streamId, [newEvent(), stored], { expectedVersion: 'no_stream' }),
      ).rejects.toBeInstanceOf(DuplicateEventId);
      expect(await fixture.store.readStream(streamId)).toEqual([]);
    });
  });

  describe('idempotency', () => {
    it('treats re-appending the same events at the same place as a no-op returning them', async () => {
      const streamId = newStreamId();
      const events = newEvents(2);
      const first = await fixture.store.append(streamId, events, { expectedVersion: 'no_stream' });
      const retry = await fixture.store.append(streamId, events, { expectedVersion: 'no_stream' });
      expect(retry).toEqual(first);
      expect(await fixture.store.readStream(streamId)).toHaveLength(2);
    });

    it('treats re-appending with any as a no-op', async () => {
      const streamId = newStreamId();
      const events = newEvents(1);
      await fixture.store.append(streamId, events, { expectedVersion: 'any' });
      await fixture.store.append(streamId, events, { expectedVersion: 'any' });
      expect(await fixture.store.readStream(streamId)).toHaveLength(1);
    });

    it('rejects a stored event id carrying different content', async () => {
      const streamId = newStreamId();
      const event = newEvent();
      await fixture.store.append(streamId, [event], { expectedVersion: 'no_stream' });
      const changed = { ...event, data: { title: 'Something else' } };
      await expect(
        fixture.store.append(streamId, [changed], { expectedVersion: 'no_stream' }),
      ).rejects.toBeInstanceOf(DuplicateEventId);
    });

    it('rejects a stored event id appended at another place', async () => {
      const streamId = newStreamId();
      const event = newEvent();
      await fixture.store.append(streamId, [event], { expectedVersion: 'no_stream' });
      await expect(
        fixture.store.append(streamId, [event], { expectedVersion: 0 }),
      ).rejects.toBeInstanceOf(DuplicateEventId);
      await expect(
        fixture.store.append(newStreamId(), [event], { expectedVersion: 'no_stream' }),
      ).rejects.toBeInstanceOf(DuplicateEventId);
    });
  });

  describe('caller transactions', () => {
    it('commits with the caller transaction', async () => {
      const streamId = newStreamId();
      await fixture.database.db.transaction().execute(async (transaction) => {
        await fixture.store.append(streamId, newEvents(1), {
          expectedVersion: 'no_stream',
          transaction,
        });
        await fixture.store.append(streamId, newEvents(1), { expectedVersion: 0, transaction });
      });
      expect(await fixture.store.readStream(streamId)).toHaveLength(2);
    });

    it('leaves nothing when the caller transaction rolls back', async () => {
      const streamId = newStreamId();
      await expect(
        fixture.database.db.transaction().execute(async (transaction) => {
          await fixture.store.append(streamId, newEvents(1), {
            expectedVersion: 'no_stream',
            transaction,
          });
          throw new Error('a later write of the same request failed');
        }),
      ).rejects.toThrow('later write');
      expect(await fixture.store.readStream(streamId)).toEqual([]);
    });

    it('keeps the caller transaction usable after a version conflict', async () => {
      const streamId = newStreamId();
      await fixture.store.append(streamId, newEvents(1), { expectedVersion: 'no_stream' });
      const count = await fixture.database.db.transaction().execute(async (transaction) => {
        await expect(
          fixture.store.append(streamId, newEvents(1), {
            expectedVersion: 'no_stream',
            transaction,
          }),
        ).rejects.toBeInstanceOf(WrongExpectedVersion);
        const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM events`.execute(
          transaction,
        );
        return rows[0]?.n;
      });
      expect(count).toBeGreaterThan(0);
    });
  });

  describe('validation', () => {
    it('rejects a stream id that is not <category>-<uuid>', async () => {
      await expect(
        fixture.store.append('model-1', newEvents(1), { expectedVersion: 'any' }),
      ).rejects.toMatchObject({
        field: 'streamId',
      });
    });

    it('rejects metadata without an actor', async () => {
      const event = { ...newEvent(), metadata: { organisation: 'org-1' } as never };
      await expect(
        fixture.store.append(newStreamId(), [event], { expectedVersion: 'any' }),
      ).rejects.toBeInstanceOf(ValidationError);
    });

    it('rejects an empty batch', async () => {
      await expect(
        fixture.store.append(newStreamId(), [], { expectedVersion: 'any' }),
      ).rejects.toMatchObject({
        field: 'events',
      });
    });
  });
});
