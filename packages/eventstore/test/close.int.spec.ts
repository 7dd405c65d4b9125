import { createPostgresTestDatabase, requirePostgres, testDatabaseUrl } from '@threatloom/testkit';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/database/open-database.js';
import { IllegalState } from '../src/errors.js';
import { EventStore } from '../src/event-store.js';
import { eventStoreMigrations } from '../src/migrations/event-store-migrations.js';
import { migrateToLatest } from '../src/migrations/migrate.js';

const isPostgresAvailable = await requirePostgres();

/** Connections to `database` other than the one asking, by what they last ran. */
async function connectionsTo(adminUrl: string, database: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ query: string }>(
      `select query from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
      [database],
    );
    return rows.map((row) => row.query);
  } finally {
    await client.end();
  }
}

describe.skipIf(!isPostgresAvailable)('closing on PostgreSQL', () => {
  it("store.close() ends the LISTEN connections its subscriptions opened and leaves the caller's pool open", async () => {
    const postgres = await createPostgresTestDatabase();
    const database = await openDatabase({ url: postgres.url, poolSize: 2 });
    try {
      await migrateToLatest(database.db, eventStoreMigrations);
      const store = new EventStore(database);
      const subscription = store.subscribe({ handler: () => undefined, pollIntervalMs: 50 });
      await subscription.caughtUp();
      // The LISTEN connection may open just after the catch-up: wait until the server shows it.
      await expect
        .poll(
          async () =>
            (await connectionsTo(testDatabaseUrl(), postgres.name)).some((q) => /^LISTEN/i.test(q)),
          { timeout: 10_000, interval: 100 },
        )
        .toBe(true);

      await store.close();

      expect(
        (await connectionsTo(testDatabaseUrl(), postgres.name)).filter((q) => /LISTEN/i.test(q)),
      ).toEqual([]);
      expect(await store.headPosition()).toBe(0);
    } finally {
      await database.close();
      await postgres.drop();
    }
  });

  it('refuses a subscription after close instead of opening a LISTEN connection nobody stops', async () => {
    const postgres = await createPostgresTestDatabase();
    const database = await openDatabase({ url: postgres.url, poolSize: 2 });
    try {
      await migrateToLatest(database.db, eventStoreMigrations);
      const store = new EventStore(database);
      await store.close();

      expect(() => store.subscribe({ handler: () => undefined })).toThrow(IllegalState);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(
        (await connectionsTo(testDatabaseUrl(), postgres.name)).filter((q) => /LISTEN/i.test(q)),
      ).toEqual([]);
    } finally {
      await database.close();
      await postgres.drop();
    }
  });
});

describe('closing on PGlite', () => {
  it('database.close() closes the PGlite instance openDatabase created', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(database.db, eventStoreMigrations);
    const store = new EventStore(database);
    await store.close();
    await database.close();

    await expect(store.headPosition()).rejects.toThrow();
  }, 60_000);
});
