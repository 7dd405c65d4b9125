import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runAdminStatement } from './postgres-test-database.js';
import { testDatabaseUrl, withDatabase } from './postgres-url.js';

/** Group role the event store migration grants SELECT and INSERT on events. */
export const APP_GROUP_ROLE = 'threatloom_app';

/** A login role for one test run, as the application would connect. */
export interface AppLoginRole {
  name: string;
  /** URL connecting to `database` as this role. */
  url: string;
  /** Drops the role; drop the databases it used first. */
  drop(): Promise<void>;
}

/**
 * Creates a login role that is a member of `threatloom_app`, with neither
 * superuser nor BYPASSRLS, and a URL connecting to `database` as it. The group
 * role must exist (the event store migration creates it).
 */
export async function createAppLoginRole(
  database: string,
  adminUrl = testDatabaseUrl(),
): Promise<AppLoginRole> {
  const name = `threatloom_app_test_${randomBytes(4).toString('hex')}`;
  await runAdminStatement(
    `CREATE ROLE ${pg.escapeIdentifier(name)} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE IN ROLE ${pg.escapeIdentifier(APP_GROUP_ROLE)}`,
    adminUrl,
  );
  return {
    name,
    url: withDatabase(adminUrl, database, name),
    drop: () => runAdminStatement(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(name)}`, adminUrl),
  };
}
