import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testDatabaseUrl, withDatabase } from './postgres-url.js';

/** A database created for one test run. */
export interface PostgresTestDatabase {
  /** Name of the database. */
  name: string;
  /** URL connecting to it as the administrative user. */
  url: string;
  /** Drops the database, terminating connections left open. */
  drop(): Promise<void>;
}

/** Runs one statement on the administrative connection. */
export async function runAdminStatement(
  statement: string,
  adminUrl = testDatabaseUrl(),
): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates a fresh, uniquely named database on `TEST_DATABASE_URL` (or the local default). */
export async function createPostgresTestDatabase(
  adminUrl = testDatabaseUrl(),
): Promise<PostgresTestDatabase> {
  const name = `threatloom_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await runAdminStatement(`CREATE DATABASE ${pg.escapeIdentifier(name)}`, adminUrl);
  return {
    name,
    url: withDatabase(adminUrl, name),
    drop: () =>
      runAdminStatement(
        `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`,
        adminUrl,
      ),
  };
}
