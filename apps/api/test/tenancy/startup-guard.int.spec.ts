import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import pg from 'pg';
import {
  createPostgresTestDatabase,
  requirePostgres,
  runAdminStatement,
  withDatabase,
  testDatabaseUrl,
  type PostgresTestDatabase,
} from '@threatloom/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/config.schema.js';
import { DatabaseService } from '../../src/database/database.service.js';
import { readRuntimeRoleFacts } from '../../src/tenancy/runtime-role-guard.js';

const isPostgresAvailable = await requirePostgres();
const mainScript = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** Runs the built server with `env` until it exits (or 60 s pass); returns its exit code and output. */
function runServer(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [mainScript], {
      env: {
        ...process.env,
        LOG_LEVEL: 'error',
        SEED_DEMO: 'false',
        PORT: String(40_000 + Math.floor(Math.random() * 20_000)),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe.skipIf(!isPostgresAvailable)('startup guard on PostgreSQL', () => {
  let postgres: PostgresTestDatabase;
  const bypassRole = `threatloom_bypass_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    postgres = await createPostgresTestDatabase();
    const migrated = await DatabaseService.open({
      url: postgres.url,
      migrationUrl: postgres.url,
      dataDir: 'memory://',
    });
    await migrated.close();
    await runAdminStatement(
      `CREATE ROLE ${pg.escapeIdentifier(bypassRole)} LOGIN NOSUPERUSER BYPASSRLS IN ROLE threatloom_app`,
    );
  });
  afterAll(async () => {
    await postgres?.drop();
    await runAdminStatement(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(bypassRole)}`);
  });

  it('refuses to start the server as a superuser, saying why, and exits non-zero', async () => {
    const result = await runServer({ DATABASE_URL: postgres.url });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/Refusing to start: database role "postgres" is a superuser/);
  });

  it('refuses to start the server as a role with BYPASSRLS', async () => {
    const url = withDatabase(testDatabaseUrl(), postgres.name, bypassRole);
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      DATABASE_URL: url,
      DATABASE_MIGRATION_URL: postgres.url,
    });
    await expect(createApp(config)).rejects.toThrow(/has BYPASSRLS/);
  });
});

describe.skipIf(!isPostgresAvailable)(
  'startup guard following role membership on PostgreSQL',
  () => {
    let postgres: PostgresTestDatabase;
    const suffix = randomBytes(4).toString('hex');
    const role = (name: string) => `threatloom_guard_${name}_${suffix}`;
    const created: string[] = [];

    async function createRole(name: string, options: string): Promise<string> {
      await runAdminStatement(`CREATE ROLE ${pg.escapeIdentifier(name)} ${options}`);
      created.push(name);
      return name;
    }

    /** A login role in threatloom_app that is also a member of `group`. */
    async function memberOf(name: string, group: string): Promise<string> {
      const login = await createRole(
        role(name),
        `LOGIN NOSUPERUSER NOBYPASSRLS IN ROLE threatloom_app, ${pg.escapeIdentifier(group)}`,
      );
      return login;
    }

    function startAs(login: string) {
      const config = loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        SEED_DEMO: 'false',
        DATABASE_URL: withDatabase(testDatabaseUrl(), postgres.name, login),
        DATABASE_MIGRATION_URL: postgres.url,
      });
      return createApp(config);
    }

    beforeAll(async () => {
      postgres = await createPostgresTestDatabase();
      const migrated = await DatabaseService.open({
        url: postgres.url,
        migrationUrl: postgres.url,
        dataDir: 'memory://',
      });
      await migrated.close();
    });
    afterAll(async () => {
      await postgres?.drop();
      for (const name of created.reverse())
        await runAdminStatement(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(name)}`);
    });

    it('refuses a role that is a member of postgres, naming the path', async () => {
      const login = await memberOf('of_postgres', 'postgres');
      await expect(startAs(login)).rejects.toThrow(
        `database role "${login}" can become "postgres" through role membership (${login} -> postgres), which is a superuser`,
      );
    });

    it('refuses a role that reaches postgres through an intermediate role', async () => {
      const intermediate = await createRole(role('ops'), 'NOLOGIN IN ROLE postgres');
      const login = await memberOf('chain', intermediate);
      await expect(startAs(login)).rejects.toThrow(
        `(${login} -> ${intermediate} -> postgres), which is a superuser`,
      );
    });

    it('refuses a member of a BYPASSRLS role', async () => {
      const bypass = await createRole(role('bypass'), 'NOLOGIN BYPASSRLS');
      const login = await memberOf('of_bypass', bypass);
      await expect(startAs(login)).rejects.toThrow(`(${login} -> ${bypass}), which has BYPASSRLS`);
    });

    it('refuses a member of the role that owns the tables', async () => {
      const owner = await createRole(role('owner'), 'NOLOGIN');
      await runAdminStatement(
        `ALTER TABLE events OWNER TO ${pg.escapeIdentifier(owner)}`,
        postgres.url,
      );
      const login = await memberOf('of_owner', owner);
      await expect(startAs(login)).rejects.toThrow(`(${login} -> ${owner}), which owns 1 table(s)`);
    });
  },
);

describe('runtime role on PGlite', () => {
  it('switches the embedded database to a role that is neither superuser nor BYPASSRLS and owns no table', async () => {
    const database = await DatabaseService.open({
      url: null,
      migrationUrl: null,
      dataDir: 'memory://',
    });
    try {
      const facts = await readRuntimeRoleFacts(database.db as unknown as Kysely<unknown>);
      expect(facts).toEqual({
        roleName: 'threatloom_app',
        isSuperuser: false,
        canBypassRowLevelSecurity: false,
        ownedTableCount: 0,
        memberOf: [],
      });
    } finally {
      await database.close();
    }
  });
});
