import { sql, type Kysely, type RawBuilder } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { EventStoreTables } from '../src/database/schema.js';
import { availableBackends, useMigratedStore } from './backends.js';
import { newEvent, newEvents, newStreamId } from './events.js';

/** Runs `statement` as the superuser with triggers off, the way an attacker with database access would. */
async function tamper(db: Kysely<EventStoreTables>, statement: RawBuilder<unknown>): Promise<void> {
  await db.transaction().execute(async (transaction) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(transaction);
    await statement.execute(transaction);
  });
}

describe.each(await availableBackends())('verify on $kind', ({ kind }) => {
  const fixture = useMigratedStore(kind);

  it('finds every chain intact when nothing was touched', async () => {
    await fixture.store.append(newStreamId(), newEvents(3), { expectedVersion: 'no_stream' });
    await fixture.store.append(newStreamId(), newEvents(2), { expectedVersion: 'no_stream' });
    const report = await fixture.store.verify();
    expect(report).toMatchObject({ isValid: true, brokenLinks: [] });
    expect(report.eventsChecked).toBeGreaterThanOrEqual(5);
  });

  it('names exactly the event of which one byte of data was changed', async () => {
    const streamId = newStreamId();
    const stored = await fixture.store.append(
      streamId,
      [newEvent(), newEvent('ThreatIdentified', { title: 'Spoofed session' }), newEvent()],
      { expectedVersion: 'no_stream' },
    );
    const target = stored[1];
    await tamper(
      fixture.database.db,
      sql`UPDATE events SET data = jsonb_set(data, '{title}', '"Spoofed sessioN"') WHERE position = ${target?.position}`,
    );

    const report = await fixture.store.verify();

    expect(report.isValid).toBe(false);
    expect(report.brokenLinks).toEqual([
      expect.objectContaining({
        streamId,
        streamVersion: 1,
        position: target?.position,
        reason: 'hash_mismatch',
      }),
    ]);
  });

  it('names the event whose stored hash was changed', async () => {
    const streamId = newStreamId();
    const stored = await fixture.store.append(streamId, newEvents(3), {
      expectedVersion: 'no_stream',
    });
    const target = stored[2];
    const forged = `${(target?.hash ?? '').slice(0, -1)}${target?.hash.endsWith('0') ? '1' : '0'}`;
    await tamper(
      fixture.database.db,
      sql`UPDATE events SET hash = ${forged} WHERE position = ${target?.position}`,
    );

    const report = await fixture.store.verify(streamId);

    expect(report.brokenLinks).toEqual([
      expect.objectContaining({
        streamId,
        streamVersion: 2,
        position: target?.position,
        reason: 'hash_mismatch',
      }),
    ]);
  });

  it('names the event after a deleted one as a version gap', async () => {
    const streamId = newStreamId();
    const stored = await fixture.store.append(streamId, newEvents(3), {
      expectedVersion: 'no_stream',
    });
    await tamper(
      fixture.database.db,
      sql`DELETE FROM events WHERE position = ${stored[1]?.position}`,
    );

    const report = await fixture.store.verify(streamId);

    expect(report.brokenLinks).toEqual([
      expect.objectContaining({
        streamId,
        streamVersion: 2,
        position: stored[2]?.position,
        reason: 'version_gap',
      }),
    ]);
  });

  it('checks only the named stream when given one', async () => {
    const streamId = newStreamId();
    await fixture.store.append(streamId, newEvents(2), { expectedVersion: 'no_stream' });
    const report = await fixture.store.verify(streamId);
    expect(report).toMatchObject({ isValid: true, eventsChecked: 2, streamsChecked: 1 });
  });
});
