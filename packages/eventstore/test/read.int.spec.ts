import { describe, expect, it } from 'vitest';
import { checkpointOf } from '../src/event.js';
import { availableBackends, untilReadable, useMigratedStore } from './backends.js';
import { newEvents, newStreamId } from './events.js';

describe.each(await availableBackends())('reads on $kind', ({ kind }) => {
  const fixture = useMigratedStore(kind);

  describe('readStream', () => {
    it('returns the stream in version order with everything that was stored', async () => {
      const streamId = newStreamId('system');
      const appended = await fixture.store.append(streamId, newEvents(3), {
        expectedVersion: 'no_stream',
      });
      expect(await fixture.store.readStream(streamId)).toEqual(appended);
    });

    it('limits to a version range', async () => {
      const streamId = newStreamId();
      await fixture.store.append(streamId, newEvents(6), { expectedVersion: 'no_stream' });
      const events = await fixture.store.readStream(streamId, { fromVersion: 2, toVersion: 4 });
      expect(events.map((event) => event.streamVersion)).toEqual([2, 3, 4]);
    });

    it('pages forward by limit, from any version and within toVersion', async () => {
      const streamId = newStreamId();
      await fixture.store.append(streamId, newEvents(10), { expectedVersion: 'no_stream' });
      const versions = async (options: Parameters<typeof fixture.store.readStream>[1]) =>
        (await fixture.store.readStream(streamId, options)).map((event) => event.streamVersion);
      expect(await versions({ fromVersion: 3, limit: 4 })).toEqual([3, 4, 5, 6]);
      expect(await versions({ fromVersion: 8, limit: 4 })).toEqual([8, 9]);
      expect(await versions({ fromVersion: 3, limit: 4, toVersion: 4 })).toEqual([3, 4]);
      expect(await versions({ limit: 2 ** 31 })).toHaveLength(10);
    });

    it('reads only the types asked for, limit counting those', async () => {
      const streamId = newStreamId();
      await fixture.store.append(
        streamId,
        [
          ...newEvents(3),
          ...newEvents(2, 'ThreatScored'),
          ...newEvents(3),
          ...newEvents(1, 'ThreatScored'),
        ],
        { expectedVersion: 'no_stream' },
      );
      const scored = await fixture.store.readStream(streamId, { types: ['ThreatScored'] });
      expect(scored.map((event) => event.streamVersion)).toEqual([3, 4, 8]);
      const firstTwo = await fixture.store.readStream(streamId, {
        types: ['ThreatScored'],
        limit: 2,
      });
      expect(firstTwo.map((event) => event.streamVersion)).toEqual([3, 4]);
      expect(
        (
          await fixture.store.readStream(streamId, {
            types: ['ThreatScored'],
            fromVersion: 5,
            limit: 1,
          })
        ).map((event) => event.streamVersion),
      ).toEqual([8]);
      expect(await fixture.store.readStream(streamId, { types: [] })).toEqual([]);
      await expect(
        fixture.store.readStream(streamId, { types: 'ThreatScored' as unknown as string[] }),
      ).rejects.toMatchObject({ field: 'types' });
    });

    it('reads backwards', async () => {
      const streamId = newStreamId();
      await fixture.store.append(streamId, newEvents(4), { expectedVersion: 'no_stream' });
      const events = await fixture.store.readStream(streamId, { direction: 'backward', limit: 2 });
      expect(events.map((event) => event.streamVersion)).toEqual([3, 2]);
    });

    it('returns nothing for an unknown stream', async () => {
      expect(await fixture.store.readStream(newStreamId())).toEqual([]);
    });
  });

  describe('readAll', () => {
    it('pages through the global order without skipping or repeating', async () => {
      // Everything committed so far, even what an old transaction elsewhere still hides from readers.
      const start = await fixture.store.commitHead();
      const appended = [];
      for (let index = 0; index < 5; index += 1) {
        appended.push(
          ...(await fixture.store.append(newStreamId(), newEvents(3), {
            expectedVersion: 'no_stream',
          })),
        );
      }
      await untilReadable(fixture.store, appended.at(-1)?.position as number);
      const read = [];
      let after = start;
      for (;;) {
        const page = await fixture.store.readAll({ limit: 4, ...(after ? { after } : {}) });
        if (page.length === 0) break;
        read.push(...page);
        after = checkpointOf(page.at(-1) as (typeof page)[number]);
      }
      expect(read.map((event) => event.eventId)).toEqual(appended.map((event) => event.eventId));
    });

    it('refuses fromPosition, which only filtered, and names the way to resume', async () => {
      await expect(
        fixture.store.readAll({ fromPosition: 1 } as Parameters<typeof fixture.store.readAll>[0]),
      ).rejects.toThrow(
        'fromPosition: expected no such option: resume with after: checkpointOf(lastEvent)',
      );
    });
  });

  describe('headPosition', () => {
    it('is the position of the newest committed event', async () => {
      const appended = await fixture.store.append(newStreamId(), newEvents(2), {
        expectedVersion: 'no_stream',
      });
      await untilReadable(fixture.store, appended[1]?.position as number);
      expect(await fixture.store.headPosition()).toBe(appended[1]?.position);
    });
  });

  describe('numbers', () => {
    it('returns bigint columns and counts as JavaScript numbers', async () => {
      const [appended] = await fixture.store.append(newStreamId(), newEvents(1), {
        expectedVersion: 'no_stream',
      });
      expect(typeof appended?.position).toBe('number');
      const row = await fixture.database.db
        .selectFrom('events')
        .select((builder) => builder.fn.countAll().as('count'))
        .executeTakeFirstOrThrow();
      expect(typeof row.count).toBe('number');
    });
  });
});
