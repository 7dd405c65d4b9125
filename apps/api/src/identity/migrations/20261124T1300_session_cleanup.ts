import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Lets the server delete sessions that can no longer be used (expired, idle
 * too long or signed out). Sign-ins and sign-outs stay on record as events;
 * the rows are only what authenticates a cookie.
 */
export const sessionCleanupMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`grant delete on sessions to threatloom_app`.execute(db);
    await sql`create index sessions_expires_at on sessions (expires_at)`.execute(db);
  },
};
