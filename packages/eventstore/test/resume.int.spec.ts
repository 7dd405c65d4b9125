import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { checkpointOf, type Checkpoint, type StoredEvent } from '../src/event.js';
import { availableBackends, useMigratedStore } from './backends.js';
import { newEvents, newStreamId } from './events.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const backends = (await availableBackends()).filter(({ kind }) => kind === 'postgres');

// PGlite runs one transaction at a time, so only PostgreSQL has concurrent writers.
describe.each(backends)('resuming readAll under concurrent writers on $kind', ({ kind }) => {
  const fixture = useMigratedStore(kind, { poolSize: 12 });

  it('a reader that resumes after its checkpoint sees every event exactly once', async () => {
    const writerCount = 6;
    const eventsPerWriter = 135;
    const appended: StoredEvent[] = [];
    let isWriting = true;

    // Each append commits a little after it took its positions, so transactions
    // end out of position order, as they do under load.
    const writers = Array.from({ length: writerCount }, async () => {
      const streamId = newStreamId();
      for (let version = 0; version < eventsPerWriter; version += 1) {
        const stored = await fixture.database.db.transaction().execute(async (transaction) => {
          // The transaction id is taken before the positions, as when a command
          // writes something else first: commit order then differs from position order.
          await sql`select pg_current_xact_id()`.execute(transaction);
          await sleep(Math.random() * 4);
          const events = await fixture.store.append(streamId, newEvents(1), {
            expectedVersion: version === 0 ? 'no_stream' : version - 1,
            transaction,
          });
          await sleep(Math.random() * 4);
          return events;
        });
        appended.push(...stored);
      }
    });

    const seen: StoredEvent[] = [];
    let after: Checkpoint | undefined;
    const reader = (async () => {
      const deadline = Date.now() + 120_000;
      while (isWriting || seen.length < appended.length) {
        if (Date.now() > deadline) return;
        const page = await fixture.store.readAll({ limit: 25, ...(after ? { after } : {}) });
        seen.push(...page);
        const last = page.at(-1);
        if (last) after = checkpointOf(last);
        else await sleep(2);
      }
    })();

    await Promise.all(writers);
    isWriting = false;
    await reader;

    expect(appended).toHaveLength(writerCount * eventsPerWriter);
    const seenIds = seen.map((event) => event.eventId);
    expect(new Set(seenIds).size).toBe(seenIds.length);
    expect([...seenIds].sort()).toEqual(appended.map((event) => event.eventId).sort());
  }, 180_000);
});
