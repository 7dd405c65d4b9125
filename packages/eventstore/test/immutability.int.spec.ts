import { createAppLoginRole, type AppLoginRole } from '@threatloom/testkit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/database/open-database.js';
import { EventStore } from '../src/event-store.js';
import { availableBackends, useMigratedStore } from './backends.js';
import { newEvents, newStreamId } from './events.js';

const backends = await availableBackends();

describe.each(backends)('immutability on $kind', ({ kind }) => {
  const fixture = useMigratedStore(kind);

  it('rejects UPDATE of a stored event, even from the table owner', async () => {
    const [event] = await fixture.store.append(newStreamId(), newEvents(1), {
      expectedVersion: 'no_stream',
    });
    await expect(
      sql`UPDATE events SET type = 'Forged' WHERE position = ${event?.position}`.execute(
        fixture.database.db,
      ),
    ).rejects.toThrow(/append-only: UPDATE/);
  });

  it('rejects DELETE of a stored event, even from the table owner', async () => {
    const [event] = await fixture.store.append(newStreamId(), newEvents(1), {
      expectedVersion: 'no_stream',
    });
    await expect(
      sql`DELETE FROM events WHERE position = ${event?.position}`.execute(fixture.database.db),
    ).rejects.toThrow(/append-only: DELETE/);
  });

  it('rejects TRUNCATE of the events table', async () => {
    await expect(sql`TRUNCATE events`.execute(fixture.database.db)).rejects.toThrow(
      /append-only: TRUNCATE/,
    );
  });

  it('grants the application role SELECT and INSERT on events and nothing else', async () => {
    const { rows } = await sql<{ privilege: string }>`
      SELECT privilege_type AS privilege FROM information_schema.role_table_grants
      WHERE grantee = 'threatloom_app' AND table_name = 'events'
      ORDER BY privilege_type
    `.execute(fixture.database.db);
    expect(rows.map((row) => row.privilege)).toEqual(['INSERT', 'SELECT']);
  });
});

describe.each(backends.filter((backend) => backend.kind === 'postgres'))(
  'the application login role on $kind',
  ({ kind }) => {
    const fixture = useMigratedStore(kind);
    let role: AppLoginRole | undefined;
    let appDatabase: Database | undefined;
    let appStore: EventStore | undefined;

    beforeAll(async () => {
      role = await createAppLoginRole(fixture.postgres?.name as string);
      appDatabase = await openDatabase({ url: role.url, poolSize: 2 });
      appStore = new EventStore(appDatabase);
    });
    afterAll(async () => {
      await appStore?.close();
      await appDatabase?.close();
      // The role must outlive its connections, and the database holds no objects of it.
      await role?.drop();
    });

    it('appends and reads through the event store', async () => {
      const streamId = newStreamId();
      await appStore?.append(streamId, newEvents(2), { expectedVersion: 'no_stream' });
      expect(await appStore?.readStream(streamId)).toHaveLength(2);
      expect((await appStore?.verify(streamId))?.isValid).toBe(true);
    });

    it.each([
      ['UPDATE', sql`UPDATE events SET type = 'Forged'`],
      ['DELETE', sql`DELETE FROM events`],
      ['TRUNCATE', sql`TRUNCATE events`],
    ])('has no privilege to %s events', async (_operation, statement) => {
      await expect(statement.execute((appDatabase as Database).db)).rejects.toThrow(
        /permission denied for table events/,
      );
    });
  },
);

describe.each(backends.filter((backend) => backend.kind === 'pglite'))(
  'the application role on $kind',
  ({ kind }) => {
    const fixture = useMigratedStore(kind);

    it('cannot UPDATE events once the session has switched to it', async () => {
      await fixture.store.append(newStreamId(), newEvents(1), { expectedVersion: 'no_stream' });
      await expect(
        fixture.database.db.transaction().execute(async (transaction) => {
          await sql`SET LOCAL ROLE threatloom_app`.execute(transaction);
          await sql`UPDATE events SET type = 'Forged'`.execute(transaction);
        }),
      ).rejects.toThrow(/permission denied for table events/);
    });
  },
);
