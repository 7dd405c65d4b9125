import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createAppLoginRole } from '../src/app-login-role.js';
import { requirePostgres } from '../src/postgres-availability.js';
import { createPostgresTestDatabase, runAdminStatement } from '../src/postgres-test-database.js';

const isPostgresAvailable = await requirePostgres();

async function queryOnce<Row extends pg.QueryResultRow>(url: string, text: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(text)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(!isPostgresAvailable)('createPostgresTestDatabase', () => {
  it('creates a fresh database that accepts connections, and drops it', async () => {
    const database = await createPostgresTestDatabase();
    const [row] = await queryOnce<{ name: string }>(
      database.url,
      'SELECT current_database() AS name',
    );
    expect(row?.name).toBe(database.name);

    await database.drop();

    await expect(queryOnce(database.url, 'SELECT 1')).rejects.toThrow(/does not exist/);
  });

  it('gives every call its own database', async () => {
    const [first, second] = await Promise.all([
      createPostgresTestDatabase(),
      createPostgresTestDatabase(),
    ]);
    try {
      expect(first?.name).not.toBe(second?.name);
    } finally {
      await Promise.all([first?.drop(), second?.drop()]);
    }
  });
});

describe.skipIf(!isPostgresAvailable)('createAppLoginRole', () => {
  it('creates a login member of threatloom_app without superuser or BYPASSRLS', async () => {
    await runAdminStatement(
      `DO $$ BEGIN CREATE ROLE threatloom_app NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
    );
    const database = await createPostgresTestDatabase();
    const role = await createAppLoginRole(database.name);
    try {
      const [row] = await queryOnce<{
        user: string;
        is_superuser: boolean;
        bypasses_rls: boolean;
        is_member: boolean;
      }>(
        role.url,
        `SELECT current_user AS user, rolsuper AS is_superuser, rolbypassrls AS bypasses_rls,
                pg_has_role(current_user, 'threatloom_app', 'MEMBER') AS is_member
         FROM pg_roles WHERE rolname = current_user`,
      );
      expect(row).toEqual({
        user: role.name,
        is_superuser: false,
        bypasses_rls: false,
        is_member: true,
      });
    } finally {
      await database.drop();
      await role.drop();
    }
  });
});
