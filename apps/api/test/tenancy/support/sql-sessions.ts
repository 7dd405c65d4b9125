import { openDatabase, type Database } from '@threatloom/eventstore';
import {
  createAppLoginRole,
  createPostgresTestDatabase,
  type AppLoginRole,
  type PostgresTestDatabase,
} from '@threatloom/testkit';
import { CompiledQuery, type Kysely } from 'kysely';
import { DatabaseService } from '../../../src/database/database.service.js';

/** Runs SQL text with parameters and returns the rows. */
export type RunSql = (
  text: string,
  parameters?: readonly unknown[],
) => Promise<Record<string, unknown>[]>;

/**
 * A migrated database reached two ways: as the owner (superuser; used only to
 * arrange rows) and as the application role, with row-level security in force.
 */
export interface SqlSessions {
  dialect: 'pglite' | 'postgres';
  asOwner: RunSql;
  /** Runs `fn` in one transaction of the application role (so set_config(..., true) holds). */
  asAppInTransaction<T>(fn: (run: RunSql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function runner(db: Kysely<unknown>): RunSql {
  return async (text, parameters = []) =>
    (await db.executeQuery(CompiledQuery.raw(text, [...parameters]))).rows as Record<
      string,
      unknown
    >[];
}

/** PGlite: the server's own migrated database; the owner is reached by RESET ROLE, as docs/tenancy.md warns. */
export async function openPgliteSessions(): Promise<SqlSessions> {
  const database = await DatabaseService.open({
    url: null,
    migrationUrl: null,
    dataDir: 'memory://',
  });
  const db = database.db as unknown as Kysely<unknown>;
  const run = runner(db);
  return {
    dialect: 'pglite',
    async asOwner(text, parameters) {
      await run('reset role');
      try {
        return await run(text, parameters);
      } finally {
        await run('set role threatloom_app');
      }
    },
    asAppInTransaction: (fn) => db.transaction().execute((trx) => fn(runner(trx))),
    close: () => database.close(),
  };
}

/** PostgreSQL: a fresh database migrated by its owner, and a non-superuser login role in threatloom_app. */
export async function openPostgresSessions(): Promise<SqlSessions> {
  const postgres: PostgresTestDatabase = await createPostgresTestDatabase();
  const migrated = await DatabaseService.open({
    url: postgres.url,
    migrationUrl: postgres.url,
    dataDir: 'memory://',
  });
  await migrated.close();
  const role: AppLoginRole = await createAppLoginRole(postgres.name);
  const owner: Database<unknown> = await openDatabase({ url: postgres.url, poolSize: 2 });
  const app: Database<unknown> = await openDatabase({ url: role.url, poolSize: 2 });
  return {
    dialect: 'postgres',
    asOwner: runner(owner.db),
    asAppInTransaction: (fn) => app.db.transaction().execute((trx) => fn(runner(trx))),
    async close() {
      await app.close();
      await owner.close();
      await postgres.drop();
      await role.drop();
    },
  };
}
