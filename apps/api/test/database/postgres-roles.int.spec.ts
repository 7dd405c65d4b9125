import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import {
  createPostgresTestDatabase,
  requirePostgres,
  runAdminStatement,
  testDatabaseUrl,
  withDatabase,
  type PostgresTestDatabase,
} from '@threatloom/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/config.schema.js';
import { DatabaseService } from '../../src/database/database.service.js';
import {
  explainMigrationFailure,
  MigrationPrivilegeMissing,
} from '../../src/database/migration-privileges.js';

const isPostgresAvailable = await requirePostgres();
const bootstrapScript = fileURLToPath(
  new URL('../../../../infra/sql/bootstrap-roles.sql', import.meta.url),
);
const run = promisify(execFile);

function configFor(runtimeUrl: string, migrationUrl: string) {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    DATABASE_URL: runtimeUrl,
    DATABASE_MIGRATION_URL: migrationUrl,
  });
}

describe.skipIf(!isPostgresAvailable)('infra/sql/bootstrap-roles.sql', () => {
  const suffix = randomBytes(4).toString('hex');
  const owner = `threatloom_owner_${suffix}`;
  const runtime = `threatloom_runtime_${suffix}`;
  const database = `threatloom_bootstrap_${suffix}`;

  beforeAll(async () => {
    await run('psql', [
      testDatabaseUrl(),
      '-X',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-v',
      `owner_role=${owner}`,
      '-v',
      `runtime_role=${runtime}`,
      '-v',
      `database=${database}`,
      '-f',
      bootstrapScript,
    ]);
  });
  afterAll(async () => {
    await runAdminStatement(
      `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`,
    );
    await runAdminStatement(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(runtime)}`);
    await runAdminStatement(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(owner)}`);
  });

  it('creates an owner without CREATEROLE or SUPERUSER and a runtime login in threatloom_app', async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      const roles = await client.query<{
        rolname: string;
        rolsuper: boolean;
        rolcreaterole: boolean;
        rolbypassrls: boolean;
        member_of: string[];
      }>(
        `select r.rolname, r.rolsuper, r.rolcreaterole, r.rolbypassrls,
           array(select g.rolname::text from pg_auth_members m join pg_roles g on g.oid = m.roleid
                 where m.member = r.oid order by 1) as member_of
         from pg_roles r where r.rolname = any($1) order by r.rolname`,
        [[owner, runtime]],
      );
      expect(roles.rows).toEqual([
        {
          rolname: owner,
          rolsuper: false,
          rolcreaterole: false,
          rolbypassrls: false,
          member_of: [],
        },
        {
          rolname: runtime,
          rolsuper: false,
          rolcreaterole: false,
          rolbypassrls: false,
          member_of: ['threatloom_app'],
        },
      ]);
    } finally {
      await client.end();
    }
  });

  it('lets the server migrate as the owner and serve as the runtime login', async () => {
    const app = await createApp(
      configFor(
        withDatabase(testDatabaseUrl(), database, runtime),
        withDatabase(testDatabaseUrl(), database, owner),
      ),
    );
    try {
      const database_ = app.get(DatabaseService);
      expect(await database_.isReachable()).toBe(true);
    } finally {
      await app.close();
    }
    const ownerClient = new pg.Client({
      connectionString: withDatabase(testDatabaseUrl(), database, owner),
    });
    await ownerClient.connect();
    try {
      const owners = await ownerClient.query<{ owner: string }>(
        `select distinct pg_get_userbyid(relowner) as owner from pg_class
         where relnamespace = 'public'::regnamespace and relkind in ('r', 'p')`,
      );
      expect(owners.rows).toEqual([{ owner }]);
    } finally {
      await ownerClient.end();
    }
  }, 120_000);
});

describe.skipIf(!isPostgresAvailable)('a migration role that lacks a privilege', () => {
  let postgres: PostgresTestDatabase;
  const weak = `threatloom_weak_owner_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    postgres = await createPostgresTestDatabase();
    await runAdminStatement(
      `CREATE ROLE ${pg.escapeIdentifier(weak)} LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB`,
    );
  });
  afterAll(async () => {
    await postgres?.drop();
    await runAdminStatement(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(weak)}`);
  });

  it('stops the start with an error naming the role and CREATE on schema public', async () => {
    const weakUrl = withDatabase(testDatabaseUrl(), postgres.name, weak);
    await expect(createApp(configFor(weakUrl, weakUrl))).rejects.toThrow(
      `Database migrations cannot run as role "${weak}": it lacks CREATE on schema public`,
    );
  });

  it('names CREATEROLE when PostgreSQL refuses to create the group role', async () => {
    const client = new pg.Client({
      connectionString: withDatabase(testDatabaseUrl(), postgres.name, weak),
    });
    await client.connect();
    let refusal: unknown;
    try {
      await client.query(`CREATE ROLE ${pg.escapeIdentifier(`${weak}_group`)} NOLOGIN`);
    } catch (error) {
      refusal = error;
    } finally {
      await client.end();
    }

    const explained = explainMigrationFailure(refusal, weak);

    expect(explained).toBeInstanceOf(MigrationPrivilegeMissing);
    expect((explained as Error).message).toContain(
      `Database migrations cannot run as role "${weak}": it lacks CREATEROLE`,
    );
  });
});
