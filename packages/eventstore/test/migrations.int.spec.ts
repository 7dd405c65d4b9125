import { createPostgresTestDatabase } from '@threatloom/testkit';
import { sql, type Migration } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/database/open-database.js';
import { eventStoreMigrations } from '../src/migrations/event-store-migrations.js';
import { MigrationFailed, migrateToLatest } from '../src/migrations/migrate.js';
import { availableBackends, type BackendKind } from './backends.js';

const backends = await availableBackends();

/** Runs `body` on a fresh, empty database of `kind` and removes it afterwards. */
async function withEmptyDatabase<T>(
  kind: BackendKind,
  body: (database: Database) => Promise<T>,
): Promise<T> {
  const postgres = kind === 'postgres' ? await createPostgresTestDatabase() : undefined;
  const database = await openDatabase(
    postgres ? { url: postgres.url, poolSize: 2 } : { dataDir: 'memory://' },
  );
  try {
    return await body(database);
  } finally {
    await database.close();
    await postgres?.drop();
  }
}

describe.each(backends)('migrations on $kind', ({ kind }) => {
  it('creates the event store from an empty database and is a no-op the second time', async () => {
    await withEmptyDatabase(kind, async (database) => {
      expect(await migrateToLatest(database.db, eventStoreMigrations)).toEqual([
        '20261124T0900_events',
        '20261124T0910_append_function',
        '20261124T0920_lean_append_function',
        '20261207T1000_ledger',
      ]);
      expect(await migrateToLatest(database.db, eventStoreMigrations)).toEqual([]);
      const { rows } = await sql<{
        name: string;
      }>`SELECT to_regclass('events')::text AS name`.execute(database.db);
      expect(rows[0]?.name).toBe('events');
    });
  });

  it('runs an application migration named later after the event store ones', async () => {
    await withEmptyDatabase(kind, async (database) => {
      const applied = await migrateToLatest(database.db, {
        '20261201T1000_threat_register': {
          async up(db) {
            await sql`CREATE TABLE threat_register (id uuid PRIMARY KEY, last_position bigint NOT NULL)`.execute(
              db,
            );
          },
        },
        ...eventStoreMigrations,
      });
      expect(applied).toEqual([
        '20261124T0900_events',
        '20261124T0910_append_function',
        '20261124T0920_lean_append_function',
        '20261201T1000_threat_register',
        '20261207T1000_ledger',
      ]);
    });
  });

  it('throws MigrationFailed naming the migration that failed', async () => {
    await withEmptyDatabase(kind, async (database) => {
      const broken: Migration = {
        async up(db) {
          await sql`CREATE TABLE events_projection (id uuid REFERENCES no_such_table (id))`.execute(
            db,
          );
        },
      };
      const attempt = migrateToLatest(database.db, {
        ...eventStoreMigrations,
        '20261202T0900_broken': broken,
      });
      await expect(attempt).rejects.toBeInstanceOf(MigrationFailed);
      await expect(attempt).rejects.toThrow(/20261202T0900_broken failed: .*no_such_table/);
    });
  });
});

describe.each(backends.filter((backend) => backend.kind === 'postgres'))(
  'migrations on $kind in parallel',
  ({ kind }) => {
    it('migrate several fresh databases at once although they share the application role', async () => {
      const results = await Promise.all(
        Array.from({ length: 4 }, () =>
          withEmptyDatabase(kind, (database) => migrateToLatest(database.db, eventStoreMigrations)),
        ),
      );
      expect(results).toEqual(
        Array.from({ length: 4 }, () => [
          '20261124T0900_events',
          '20261124T0910_append_function',
          '20261124T0920_lean_append_function',
          '20261207T1000_ledger',
        ]),
      );
    });
  },
);
