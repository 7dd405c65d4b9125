import { sql, type Kysely } from 'kysely';

/** The non-superuser role every runtime query runs as (created by the event store's migration). */
export const RUNTIME_ROLE = 'threatloom_app';

/**
 * The one place the embedded database drops its superuser powers: after the
 * migrations, the PGlite session switches to `threatloom_app`, so grants and
 * row-level-security policies apply to the server exactly as on PostgreSQL.
 * PGlite's in-process session user stays a superuser (RESET ROLE would undo
 * this), so on PGlite these checks are a second line of defence, not a wall.
 * On PostgreSQL nothing happens here: DATABASE_URL already names a login role
 * that is a member of threatloom_app.
 */
export async function assumeRuntimeRole(
  db: Kysely<unknown>,
  dialect: 'postgres' | 'pglite',
): Promise<void> {
  if (dialect !== 'pglite') return;
  await sql`set role ${sql.id(RUNTIME_ROLE)}`.execute(db);
}
