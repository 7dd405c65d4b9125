import {
  createPostgresTestDatabase,
  requirePostgres,
  type PostgresTestDatabase,
} from '@threatloom/testkit';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Database } from '../src/database/open-database.js';
import { EventStore } from '../src/event-store.js';
import { eventStoreMigrations } from '../src/migrations/event-store-migrations.js';
import { migrateToLatest } from '../src/migrations/migrate.js';

/** A database kind the suites run on. */
export type BackendKind = 'postgres' | 'pglite';

/** PGlite always; PostgreSQL when reachable (a loud skip outside CI, a failure in CI). */
export async function availableBackends(): Promise<{ kind: BackendKind }[]> {
  const isPostgresAvailable = await requirePostgres();
  return isPostgresAvailable ? [{ kind: 'pglite' }, { kind: 'postgres' }] : [{ kind: 'pglite' }];
}

/** A migrated database and a store on it, shared by the tests of one describe block. */
export interface StoreFixture {
  readonly database: Database;
  readonly store: EventStore;
  /** The PostgreSQL test database; undefined on PGlite. */
  readonly postgres: PostgresTestDatabase | undefined;
}

/** Opens a fresh migrated database of `kind` before the block's tests and removes it after them. */
export function useMigratedStore(
  kind: BackendKind,
  options: { poolSize?: number } = {},
): StoreFixture {
  let database: Database | undefined;
  let store: EventStore | undefined;
  let postgres: PostgresTestDatabase | undefined;
  beforeAll(async () => {
    if (kind === 'postgres') {
      postgres = await createPostgresTestDatabase();
      database = await openDatabase({ url: postgres.url, poolSize: options.poolSize ?? 12 });
    } else {
      database = await openDatabase({ dataDir: 'memory://' });
    }
    await migrateToLatest(database.db, eventStoreMigrations);
    store = new EventStore(database);
  });
  afterAll(async () => {
    await store?.close();
    await database?.close();
    await postgres?.drop();
  });
  return {
    get database() {
      if (!database) throw new Error('database is opened in beforeAll');
      return database;
    },
    get store() {
      if (!store) throw new Error('store is opened in beforeAll');
      return store;
    },
    get postgres() {
      return postgres;
    },
  };
}

/**
 * Waits until global readers can see `position`. On PostgreSQL the horizon is
 * cluster-wide, so an open transaction in another test database can hold it
 * back for a moment after our own commit.
 */
export async function untilReadable(
  store: EventStore,
  position: number,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await store.headPosition()) < position) {
    if (Date.now() > deadline)
      throw new Error(`position ${position} not readable after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
